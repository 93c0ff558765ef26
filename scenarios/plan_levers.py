"""Structural levers: changes to the plan itself (cost lines, projects, grants, keys).

Each lever is a small frozen dataclass with `apply(plan) -> Plan`; it validates
first and raises `PlanLeverError` (a `LeverError`) with a Swedish message for the
user plus a `code` and `params` so a view can translate it. Nothing here mutates a
plan, reads a file or knows about Streamlit.

The scenario wrapper is `project_with_levers(plan, rules, scenario, levers)`:
structural levers first (`apply_plan_levers`), then the engine with the
scenario's contribution changes, then the state allocation ceiling if one is set.
Like every other lever, none of these touch outcome years.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from typing import Iterable, Mapping, Sequence

from .engine import Projection, project
from .levers import LeverError, Scenario
from .model import CostLine, IncomeLine, Plan
from .rules import Rules

NEW_LINE_PREFIX = "ny-"


class PlanLeverError(LeverError):
    """A structural lever that cannot apply; `code`/`params` let a view translate it."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


# --- Helpers ------------------------------------------------------------------------


def _check_open_year(plan: Plan, year: int, what: str) -> None:
    if year not in plan.basis:
        raise PlanLeverError(
            "year_outside",
            f"{what}: {year} ligger utanför planperioden {plan.years[0]}–{plan.years[-1]}",
            what=what, year=year, first=plan.years[0], last=plan.years[-1],
        )
    if plan.is_outcome(year):
        raise PlanLeverError(
            "year_outcome",
            f"{what}: {year} är ett utfallsår; ändringar gäller från {plan.first_open_year}",
            what=what, year=year, first_open=plan.first_open_year,
        )


def _cost_line(plan: Plan, line_id: str) -> CostLine:
    for line in plan.costs:
        if line.id == line_id:
            return line
    raise PlanLeverError("unknown_line", f"okänd kostnadsrad ”{line_id}”", line=line_id)


def _income_line(plan: Plan, line_id: str) -> IncomeLine:
    for line in plan.income:
        if line.id == line_id:
            return line
    raise PlanLeverError("unknown_income", f"okänd intäktsrad ”{line_id}”", line=line_id)


def _check_amount(amount: int, what: str) -> None:
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise PlanLeverError("not_amount", f"{what}: beloppet måste vara hela kronor", what=what)
    if amount < 0:
        raise PlanLeverError("negative", f"{what}: beloppet får inte vara negativt", what=what)


def _replace_cost(plan: Plan, new_line: CostLine) -> Plan:
    return replace(plan, costs=tuple(new_line if c.id == new_line.id else c for c in plan.costs))


def _open_years(plan: Plan) -> list[int]:
    return [y for y in plan.years if not plan.is_outcome(y)]


def _half_up(amount: int, share: Fraction) -> int:
    """amount × share, half away from zero, exact."""
    sign = -1 if amount < 0 else 1
    a = abs(amount)
    return sign * ((a * share.numerator * 2 + share.denominator) // (2 * share.denominator))


def allocate(total: int, weights: Sequence[Fraction]) -> list[int]:
    """Split `total` kr by `weights` so the parts add up to `total` (largest remainder)."""
    wsum = sum(weights, Fraction(0))
    if wsum <= 0:
        raise PlanLeverError("key_zero", "fördelningsnyckeln summerar till noll")
    exact = [Fraction(total) * w / wsum for w in weights]
    floors = [int(e // 1) for e in exact]
    rest = total - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for k in range(rest):
        floors[order[k % len(order)]] += 1
    return floors


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "insats"


def last_active_year(line: CostLine) -> int | None:
    years = [y for y, a in line.amounts.items() if a]
    return max(years) if years else None


def first_active_year(line: CostLine) -> int | None:
    years = [y for y, a in line.amounts.items() if a]
    return min(years) if years else None


# --- Levers -------------------------------------------------------------------------


@dataclass(frozen=True)
class CostAmount:
    """One cost line's amount for one budget or plan year."""

    line_id: str
    year: int
    amount: int

    def apply(self, plan: Plan) -> Plan:
        line = _cost_line(plan, self.line_id)
        _check_open_year(plan, self.year, f"kostnad ”{line.name}”")
        _check_amount(self.amount, f"kostnad ”{line.name}”")
        return _replace_cost(plan, replace(line, amounts={**line.amounts, self.year: self.amount}))


@dataclass(frozen=True)
class ProjectEnd:
    """Stretch or shorten a project: its last year becomes `last_year`.

    Shortening zeroes the open years after it. Stretching fills the open years up to
    it with the amount of the project's last year with money (or `amount`, if given).
    """

    line_id: str
    last_year: int
    amount: int | None = None

    def apply(self, plan: Plan) -> Plan:
        line = _cost_line(plan, self.line_id)
        _check_open_year(plan, self.last_year, f"slutår för ”{line.name}”")
        start = line.start.year if line.start else first_active_year(line)
        if start is not None and self.last_year < start:
            raise PlanLeverError(
                "end_before_start",
                f"”{line.name}”: slutåret {self.last_year} ligger före startåret {start}",
                name=line.name, last=self.last_year, start=start,
            )
        current_last = last_active_year(line)
        if self.amount is not None:
            _check_amount(self.amount, f"”{line.name}”")
            rate = self.amount
        elif current_last is not None:
            rate = line.amounts[current_last]
        else:
            rate = None
        amounts = dict(line.amounts)
        for year in _open_years(plan):
            if year > self.last_year:
                amounts[year] = 0
            elif (current_last is None or year > current_last) and (start is None or year >= start):
                if rate is None:
                    raise PlanLeverError(
                        "no_rate",
                        f"”{line.name}” har inget belopp att förlänga med; ange ett belopp",
                        name=line.name,
                    )
                amounts[year] = rate
        return _replace_cost(plan, replace(line, amounts=amounts, end=date(self.last_year, 12, 31)))


@dataclass(frozen=True)
class DropLine:
    """A project (or any cost line) stops: no money from `from_year` on."""

    line_id: str
    from_year: int

    def apply(self, plan: Plan) -> Plan:
        line = _cost_line(plan, self.line_id)
        _check_open_year(plan, self.from_year, f"”{line.name}” stoppas")
        amounts = {y: (0 if (y >= self.from_year and not plan.is_outcome(y)) else a)
                   for y, a in line.amounts.items()}
        end = line.end
        if end is not None and end >= date(self.from_year, 1, 1):
            end = date(self.from_year - 1, 12, 31)
        return _replace_cost(plan, replace(line, amounts=amounts, end=end))


@dataclass(frozen=True)
class NewIntervention:
    """A new intervention: `amount` kr a year from `first_year` to `last_year`."""

    name: str
    first_year: int
    last_year: int
    amount: int
    group: str = "projects"

    @property
    def line_id(self) -> str:
        return NEW_LINE_PREFIX + slug(self.name)

    def apply(self, plan: Plan) -> Plan:
        name = self.name.strip()
        if not name:
            raise PlanLeverError("no_name", "den nya insatsen behöver ett namn")
        _check_open_year(plan, self.first_year, f"startår för ”{name}”")
        _check_open_year(plan, self.last_year, f"slutår för ”{name}”")
        if self.last_year < self.first_year:
            raise PlanLeverError(
                "end_before_start",
                f"”{name}”: slutåret {self.last_year} ligger före startåret {self.first_year}",
                name=name, last=self.last_year, start=self.first_year,
            )
        _check_amount(self.amount, f"”{name}”")
        if any(c.id == self.line_id or c.name.strip().lower() == name.lower() for c in plan.costs):
            raise PlanLeverError("duplicate", f"det finns redan en rad som heter ”{name}”", name=name)
        line = CostLine(
            id=self.line_id,
            group=self.group,
            name=name,
            amounts={y: (self.amount if self.first_year <= y <= self.last_year else 0)
                     for y in plan.years},
            start=date(self.first_year, 1, 1),
            end=date(self.last_year, 12, 31),
        )
        return replace(plan, costs=plan.costs + (line,))


@dataclass(frozen=True)
class GrantChange:
    """An income line (ESF or other grant) set to `amount` in `year`; 0: refused.

    With `cost_line_id`, the project's cost goes with the grant: that cost line
    changes by the same amount as the grant (never below zero). Without it the cost
    stays and the members' money (equity) carries it.
    """

    line_id: str
    year: int
    amount: int
    cost_line_id: str | None = None

    def apply(self, plan: Plan) -> Plan:
        line = _income_line(plan, self.line_id)
        _check_open_year(plan, self.year, f"bidrag ”{line.name}”")
        _check_amount(self.amount, f"bidrag ”{line.name}”")
        old = line.amounts.get(self.year, 0)
        new_line = replace(line, amounts={**line.amounts, self.year: self.amount})
        plan = replace(plan, income=tuple(new_line if i.id == line.id else i for i in plan.income))
        if self.cost_line_id:
            cost = _cost_line(plan, self.cost_line_id)
            new_cost = max(0, cost.amounts.get(self.year, 0) + self.amount - old)
            plan = _replace_cost(plan, replace(cost, amounts={**cost.amounts, self.year: new_cost}))
        return plan


@dataclass(frozen=True)
class Utilization:
    """Only `share` of budgeted project money is spent, in every budget and plan year."""

    share: Fraction

    def apply(self, plan: Plan) -> Plan:
        if not (0 <= self.share <= 1):
            raise PlanLeverError(
                "utilization_range", "förbrukningsgraden måste ligga mellan 0 och 100 %"
            )
        open_years = set(_open_years(plan))
        costs = tuple(
            replace(c, amounts={y: (_half_up(a, self.share) if y in open_years else a)
                                for y, a in c.amounts.items()})
            if c.group == "projects" else c
            for c in plan.costs
        )
        return replace(plan, costs=costs)


@dataclass(frozen=True)
class MunicipalKey:
    """New key weights for some municipalities; their quarter is re-divided.

    In every budget and plan year the municipalities' total stays the same and is
    divided by the key (to the krona, parts adding up to the total).
    """

    weights: tuple[tuple[str, Fraction], ...]

    def apply(self, plan: Plan) -> Plan:
        municipalities = [m for m in plan.members if m.kind == "municipality"]
        ids = {m.id for m in municipalities}
        new = dict(self.weights)
        for member_id, weight in self.weights:
            if member_id not in ids:
                raise PlanLeverError(
                    "unknown_member", f"”{member_id}” är ingen kommun i förbundet", member=member_id
                )
            if weight < 0:
                raise PlanLeverError("negative_key", "en nyckel får inte vara negativ")
        keys = [
            Fraction(new[m.id]) if m.id in new else Fraction(str(m.municipal_key or 0))
            for m in municipalities
        ]
        if sum(keys) <= 0:
            raise PlanLeverError("key_zero", "fördelningsnyckeln summerar till noll")
        contributions = {k: dict(v) for k, v in plan.contributions.items()}
        for year in _open_years(plan):
            if plan.unallocated_contributions.get(year):
                continue  # only a total: nothing per member to re-divide
            total = sum(contributions.get(m.id, {}).get(year, 0) for m in municipalities)
            for m, part in zip(municipalities, allocate(total, keys)):
                contributions.setdefault(m.id, {})[year] = part
        members = tuple(
            replace(m, municipal_key=float(new[m.id])) if m.id in new else m for m in plan.members
        )
        return replace(plan, members=members, contributions=contributions)


@dataclass(frozen=True)
class StateCeiling:
    """The state's possible allocation (kr a year): the state cannot pay more.

    When the state's half would exceed it, every party is scaled down to what the
    state can match, so the legal split holds (see `project_with_levers`).
    """

    amount: int

    def check(self) -> None:
        _check_amount(self.amount, "statens tilldelning")
        if self.amount == 0:
            raise PlanLeverError("ceiling_zero", "statens möjliga tilldelning måste vara över noll")

    def apply(self, plan: Plan) -> Plan:
        self.check()
        state_ids = [m.id for m in plan.members if m.kind == "state"]
        contributions = {k: dict(v) for k, v in plan.contributions.items()}
        for year in _open_years(plan):
            paid = sum(contributions.get(m, {}).get(year, 0) for m in state_ids)
            if paid <= self.amount:
                continue
            factor = Fraction(self.amount, paid)
            for member_id, amounts in contributions.items():
                if year in amounts:
                    amounts[year] = _half_up(amounts[year], factor)
        return replace(plan, contributions=contributions)


PlanLever = CostAmount | ProjectEnd | DropLine | NewIntervention | GrantChange | Utilization | MunicipalKey

# Order levers apply in: new lines first (so the edits below can reach them), line
# edits, project spans, grants (whose cost may follow), utilization on whatever
# project money is left, then the key.
_ORDER = (NewIntervention, CostAmount, ProjectEnd, DropLine, GrantChange, Utilization, MunicipalKey)


def apply_plan_levers(plan: Plan, levers: Iterable) -> Plan:
    """The plan with every structural lever applied (StateCeiling excluded)."""
    levers = [lever for lever in levers if not isinstance(lever, StateCeiling)]
    for kind in _ORDER:
        for lever in levers:
            if type(lever) is kind:
                plan = lever.apply(plan)
    unknown = [lever for lever in levers if type(lever) not in _ORDER]
    if unknown:
        raise TypeError(f"not a plan lever: {unknown[0]!r}")
    return plan


@dataclass(frozen=True)
class LeveredProjection:
    projection: Projection
    plan: Plan  # the plan the projection ran on
    state_requested: Mapping[int, int] = field(default_factory=dict)  # year -> state half asked
    state_excess: Mapping[int, int] = field(default_factory=dict)  # year -> kr over the ceiling


def with_contributions(plan: Plan, projection: Projection) -> Plan:
    """The plan with the projection's contributions per member written into it."""
    contributions = {k: dict(v) for k, v in plan.contributions.items()}
    for row in projection.years:
        if plan.is_outcome(row.year):
            continue
        for member_id, amount in row.contributions_by_member.items():
            if member_id in contributions or amount:
                contributions.setdefault(member_id, {})[row.year] = amount
    return replace(plan, contributions=contributions)


def state_paid(plan: Plan, projection: Projection) -> dict[int, int]:
    state_ids = [m.id for m in plan.members if m.kind == "state"]
    return {
        row.year: sum(row.contributions_by_member.get(m, 0) for m in state_ids)
        for row in projection.years
    }


def project_with_levers(
    plan: Plan, rules: Rules, scenario: Scenario | None = None, levers: Sequence = ()
) -> LeveredProjection:
    """Structural levers, then the engine, then the state ceiling (if any)."""
    scenario = scenario or Scenario()
    ceilings = [lever for lever in levers if isinstance(lever, StateCeiling)]
    if len(ceilings) > 1:
        raise PlanLeverError("ceiling_twice", "statens tilldelning är angiven två gånger")
    levered = apply_plan_levers(plan, levers)
    projection = project(levered, rules, scenario)
    if not ceilings:
        return LeveredProjection(projection, levered)
    ceiling = ceilings[0]
    ceiling.check()
    requested = {
        y: a for y, a in state_paid(levered, projection).items() if not levered.is_outcome(y)
    }
    excess = {y: a - ceiling.amount for y, a in requested.items() if a > ceiling.amount}
    if not excess:
        return LeveredProjection(projection, levered, requested, {})
    capped = ceiling.apply(with_contributions(levered, projection))
    projection = project(capped, rules, replace(scenario, contribution_changes=()))
    return LeveredProjection(projection, capped, requested, excess)


# --- Utilization from outcome history ------------------------------------------------


def utilization_from_history(plan: Plan, budget_vs_outcome: Iterable[dict]) -> Fraction | None:
    """Outcome ÷ budget over the intervention lines of the annual reports, or None.

    A line counts as an intervention when its name matches a project cost line or
    names an intervention ('insats'); totals such as 'Resultat' do not.
    """
    project_names = [c.name.lower() for c in plan.costs if c.group == "projects"]
    outcome = budget = 0
    for row in budget_vs_outcome:
        name = (row.get("line") or "").lower()
        if row.get("outcome") is None or not row.get("budget"):
            continue
        matches = "insats" in name or any(
            p.startswith(name) or name.startswith(p) for p in project_names
        )
        if not matches:
            continue
        outcome += abs(row["outcome"])
        budget += abs(row["budget"])
    if budget == 0:
        return None
    return Fraction(outcome, budget)
