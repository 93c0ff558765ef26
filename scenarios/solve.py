"""Goal seek: the questions a board asks, answered by the engine.

1. `contribution_change_for_target` – which contribution change (percent from a
   year on) brings closing equity of a year to the ceiling or to an amount?
2. `max_new_intervention` – how large a new intervention (kr a year) can we afford
   without equity going below the floor in any year?
3. `first_year_within_cap` – when is equity first at or under the ceiling, and
   does it stay there?

Every answer is a frozen result object with a `status`, a message key and params
(Swedish and English texts in `MESSAGES`, `result.message(lang)`), and a way to
keep it: `ContributionSolution.lever` / `.scenario()` and
`InterventionSolution.lever()`. The numbers are the engine's own: every solution
is the projection of the lever it reports, to the krona.

Nothing here reads files or knows about Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import Callable, Mapping, Sequence

import numpy as np

from .engine import Projection, project_many
from .levers import FACTOR_DENOMINATOR, ContributionChange, Scenario
from .model import Plan
from .numformat import format_kr
from .plan_levers import (
    NewIntervention,
    PlanLeverError,
    StateCeiling,
    Utilization,
    apply_plan_levers,
    project_with_levers,
)
from .rules import Rules

# The contribution change is searched on the integer grid of 1/10 000 percent:
# n steps mean percent n / 10 000 and the engine's factor numerator 1 000 000 + n.
GRID_MIN = -FACTOR_DENOMINATOR + 1  # −99.9999 %: −100 % itself is excluded
GRID_MAX = 2 * FACTOR_DENOMINATOR  # +200 %
POINTS_PER_ROUND = 32  # variants per batched engine call in the search

MESSAGES: dict[str, dict[str, str]] = {
    "solve_contrib_exact": {
        "sv": "Medlemsbidragen {percent} % från {from_year} ger eget kapital {closing} "
              "vid utgången av {target_year} – precis målet.",
        "en": "Contributions {percent} % from {from_year} give closing equity {closing} "
              "in {target_year} – exactly the target.",
    },
    "solve_contrib_nearest": {
        "sv": "Medlemsbidragen {percent} % från {from_year} ger eget kapital {closing} "
              "vid utgången av {target_year}, {gap} från målet {target_amount} "
              "(närmare går inte med fyra decimaler i procenten).",
        "en": "Contributions {percent} % from {from_year} give closing equity {closing} "
              "in {target_year}, {gap} from the target {target_amount} (the closest a "
              "percent with four decimals can get).",
    },
    "solve_contrib_no_change": {
        "sv": "Ingen ändring behövs: eget kapital {target_year} är redan {closing}.",
        "en": "No change needed: closing equity {target_year} is already {closing}.",
    },
    "solve_contrib_unreachable_high": {
        "sv": "Målet nås inte: även +200 % från {from_year} ger bara {closing} "
              "vid utgången av {target_year} (mål {target_amount}).",
        "en": "The target cannot be reached: even +200 % from {from_year} gives only "
              "{closing} in {target_year} (target {target_amount}).",
    },
    "solve_contrib_unreachable_low": {
        "sv": "Målet nås inte: även en sänkning med nästan 100 % från {from_year} ger "
              "{closing} vid utgången av {target_year} (mål {target_amount}).",
        "en": "The target cannot be reached: even a cut of almost 100 % from {from_year} "
              "leaves {closing} in {target_year} (target {target_amount}).",
    },
    "solve_intervention_ok": {
        "sv": "En ny insats kan få högst {amount} per år {from_year}–{to_year} utan att "
              "eget kapital blir lägre än den lägsta nivå som gäller (noll om inget annat valts); "
              "snävast är det {binding_year}.",
        "en": "A new intervention can have at most {amount} a year {from_year}–{to_year} "
              "without equity going below the floor (tightest in {binding_year}).",
    },
    "solve_intervention_none": {
        "sv": "Det finns inget utrymme för en ny insats {from_year}–{to_year}: eget "
              "kapital {binding_year} ligger redan på den lägsta nivå som gäller (noll om inget annat valts).",
        "en": "There is no room for a new intervention {from_year}–{to_year}: equity "
              "in {binding_year} is already at the floor.",
    },
    "solve_intervention_below": {
        "sv": "Eget kapital ligger redan under den lägsta nivå som gäller (noll om inget annat valts) "
              "år {years}, utan någon ny insats.",
        "en": "Equity is already below the floor ({years}) without a new intervention.",
    },
    "solve_intervention_unbounded": {
        "sv": "Förbrukningsgraden är 0 %: en ny projektinsats kostar ingenting.",
        "en": "The utilization rate is 0 %: a new project costs nothing.",
    },
    "solve_cap_within": {
        "sv": "Eget kapital är inom taket från {first_year} och förblir det.",
        "en": "Equity is within the ceiling from {first_year} and stays there.",
    },
    "solve_cap_within_not_staying": {
        "sv": "Eget kapital är inom taket {first_year} men över det igen senare; "
              "inom taket varaktigt från {stays_from}.",
        "en": "Equity is within the ceiling in {first_year} but above it again later; "
              "within it for good from {stays_from}.",
    },
    "solve_cap_within_then_over": {
        "sv": "Eget kapital är inom taket {first_year} men ligger över taket i planperiodens sista år.",
        "en": "Equity is within the ceiling in {first_year} but above it in the last year of the plan.",
    },
    "solve_cap_never": {
        "sv": "Eget kapital ligger över taket hela planperioden.",
        "en": "Equity is above the ceiling throughout the plan period.",
    },
}


class SolveError(PlanLeverError):
    """A question that cannot be put to this plan; `code`/`params` for translation."""


def _message(key: str, params: Mapping, lang: str) -> str:
    entry = MESSAGES[key]
    shown = {k: (format_kr(v) if k in _KR_PARAMS and isinstance(v, int) else v) for k, v in params.items()}
    if isinstance(params.get("percent"), Decimal):
        shown["percent"] = _format_percent(params["percent"], lang)
    return (entry.get(lang) or entry["sv"]).format(**shown)


_KR_PARAMS = {"closing", "gap", "target_amount", "amount"}


def _format_percent(value: Decimal, lang: str) -> str:
    """+2,5 / −4,0956 in Swedish, +2.5 / -4.0956 in English (trailing zeros dropped)."""
    text = f"{abs(value).normalize():f}"
    sign = "" if value == 0 else ("+" if value > 0 else ("\u2212" if lang == "sv" else "-"))
    return sign + (text.replace(".", ",") if lang == "sv" else text)


def percent_of(steps: int) -> Decimal:
    """Grid steps (1/10 000 %) as a percent with four decimals."""
    return Decimal(steps).scaleb(-4).quantize(Decimal("0.0001"))


def _check_year(plan: Plan, year: int, what: str, open_only: bool = True) -> None:
    if year not in plan.basis:
        raise SolveError(
            "year_outside",
            f"{what}: {year} ligger utanför planperioden {plan.years[0]}–{plan.years[-1]}",
            what=what, year=year, first=plan.years[0], last=plan.years[-1],
        )
    if open_only and plan.is_outcome(year):
        raise SolveError(
            "year_outcome",
            f"{what}: {year} är ett utfallsår; ändringar gäller från {plan.first_open_year}",
            what=what, year=year, first_open=plan.first_open_year,
        )


def _split_levers(levers: Sequence) -> tuple[list, list]:
    ceilings = [lever for lever in levers if isinstance(lever, StateCeiling)]
    return [lever for lever in levers if not isinstance(lever, StateCeiling)], ceilings


# --- 1. Contribution change for a target ---------------------------------------------


@dataclass(frozen=True)
class ContributionSolution:
    status: str  # "exact" | "nearest" | "no_change" | "unreachable"
    percent: Decimal  # the change (four decimals); at unreachable: the range end tried
    from_year: int
    target_year: int
    target: str | int  # "cap" or an amount in kr
    target_amount: int  # the target in kr at the solution (the cap moves with the change)
    closing_equity: int  # closing equity of target_year with the change
    gap: int  # closing_equity − target_amount (0 when exact)
    baseline_closing: int
    baseline_target: int
    base_scenario: Scenario
    message_key: str
    params: Mapping = field(default_factory=dict)

    @property
    def reachable(self) -> bool:
        return self.status != "unreachable"

    @property
    def lever(self) -> ContributionChange:
        return ContributionChange(self.from_year, self.percent)

    def scenario(self, name: str | None = None) -> Scenario:
        """The base scenario with this change added (after its own changes)."""
        changes = self.base_scenario.contribution_changes
        if self.percent != 0:
            changes = changes + (self.lever,)
        return replace(self.base_scenario, name=name or self.base_scenario.name,
                       contribution_changes=changes)

    def message(self, lang: str = "sv") -> str:
        return _message(self.message_key, self.params, lang)


def _scenario_with(base: Scenario, from_year: int, steps: int) -> Scenario:
    change = ContributionChange(from_year, percent_of(steps))
    return replace(base, contribution_changes=base.contribution_changes + (change,))


def _contribution_evaluator(
    plan: Plan, rules: Rules, base: Scenario, levers: Sequence, from_year: int, target_year: int,
) -> tuple[Callable[[Sequence[int]], tuple[np.ndarray, np.ndarray]], int]:
    """evaluate(steps) -> (closing equity, cap) of target_year, and the batch size."""
    plain, ceilings = _split_levers(levers)
    levered = apply_plan_levers(plan, plain)
    column = levered.years.index(target_year)

    if not ceilings:  # the fast path: one batched engine call for many percents
        def evaluate(steps: Sequence[int]):
            batch = project_many(levered, [_scenario_with(base, from_year, n) for n in steps], rules)
            return batch.closing_equity[:, column], batch.equity_cap[:, column]

        return evaluate, POINTS_PER_ROUND

    def evaluate_capped(steps: Sequence[int]):  # the state ceiling rescales: one at a time
        closing, cap = [], []
        for n in steps:
            row = project_with_levers(levered, rules, _scenario_with(base, from_year, n),
                                      ceilings).projection.years[column]
            closing.append(row.closing_equity)
            cap.append(row.equity_cap)
        return np.array(closing, dtype=np.int64), np.array(cap, dtype=np.int64)

    return evaluate_capped, 1


class _Gap:
    """g(n) = closing − target on the grid, memoised; monotone non-decreasing in n."""

    def __init__(self, evaluate, target):
        self.evaluate = evaluate
        self.target = target
        self.closing: dict[int, int] = {}
        self.goal: dict[int, int] = {}

    def __call__(self, steps: Sequence[int]) -> list[int]:
        todo = sorted({n for n in steps if n not in self.closing})
        if todo:
            closing, cap = self.evaluate(todo)
            for n, c, k in zip(todo, closing, cap):
                self.closing[n] = int(c)
                self.goal[n] = int(k) if self.target == "cap" else int(self.target)
        return [self.closing[n] - self.goal[n] for n in steps]

    def first_at_least(self, threshold: int, lo: int, hi: int, width: int) -> int | None:
        """The smallest n in [lo, hi] with g(n) ≥ threshold (None if g(hi) < threshold)."""
        if self([hi])[0] < threshold:
            return None
        bad, good = lo - 1, hi  # g(bad) < threshold (or below the range), g(good) ≥ it
        while good - bad > 1:
            span = good - bad
            count = min(width, span - 1)
            points = sorted({bad + (span * (i + 1)) // (count + 1) for i in range(count)} - {bad, good})
            for n, g in zip(points, self(points)):
                if g >= threshold:
                    good = min(good, n)
                    break
                bad = n
        return good


def contribution_change_for_target(
    plan: Plan,
    rules: Rules,
    base_scenario: Scenario | None,
    levers: Sequence,
    from_year: int,
    target_year: int,
    target: str | int = "cap",
) -> ContributionSolution:
    """The contribution change from `from_year` that brings closing equity of
    `target_year` to `target` ("cap": that year's ceiling, which moves with the
    change; or an amount in kr).

    Closing equity minus the target never falls as the percent rises (each year's
    contributions enter closing equity in full, the ceiling only by its share), so
    the integer grid of 1/10 000 % is searched by batched k-section: the first step
    where the gap turns non-negative and its neighbour below are the candidates.
    The smaller |gap| wins (a tie goes to the side at or under the target), and
    among the steps giving that same result the one nearest 0 % is reported.
    The change is added after the base scenario's own changes.
    """
    base = base_scenario or Scenario()
    _check_year(plan, from_year, "medlemsbidrag ändras från")
    _check_year(plan, target_year, "målår", open_only=False)
    if target_year < from_year:
        raise SolveError(
            "target_before_change",
            f"målåret {target_year} ligger före ändringen {from_year}: ändringen påverkar det inte",
            year=target_year, from_year=from_year,
        )
    if target != "cap" and (not isinstance(target, (int, np.integer)) or isinstance(target, bool)):
        raise SolveError("bad_target", "målet är 'cap' (taket) eller ett belopp i hela kronor",
                         target=str(target))

    evaluate, width = _contribution_evaluator(plan, rules, base, levers, from_year, target_year)
    g = _Gap(evaluate, target)
    g([GRID_MIN, 0, GRID_MAX])
    baseline_closing, baseline_target = g.closing[0], g.goal[0]

    def solution(status: str, n: int, key: str) -> ContributionSolution:
        closing, goal = g.closing[n], g.goal[n]
        params = {
            "percent": percent_of(n),
            "from_year": from_year, "target_year": target_year,
            "closing": closing, "target_amount": goal, "gap": closing - goal,
        }
        return ContributionSolution(
            status=status, percent=percent_of(n), from_year=from_year,
            target_year=target_year, target=target if target == "cap" else int(target),
            target_amount=goal, closing_equity=closing, gap=closing - goal,
            baseline_closing=baseline_closing, baseline_target=baseline_target,
            base_scenario=base, message_key=key, params=params,
        )

    if g([0])[0] == 0:
        return solution("no_change", 0, "solve_contrib_no_change")
    if g([GRID_MAX])[0] < 0:
        return solution("unreachable", GRID_MAX, "solve_contrib_unreachable_high")
    if g([GRID_MIN])[0] > 0:
        return solution("unreachable", GRID_MIN, "solve_contrib_unreachable_low")

    # Narrow the search to the side of 0 % the target lies on.
    lo, hi = (GRID_MIN, 0) if g([0])[0] > 0 else (0, GRID_MAX)
    first = g.first_at_least(0, lo, hi, width)
    candidates = [first] + ([first - 1] if first > GRID_MIN else [])
    values = g(candidates)
    best = min(zip(values, candidates), key=lambda vc: (abs(vc[0]), vc[0] > 0))[0]
    # Every step giving exactly `best` forms one run [left, right]; report the one nearest 0.
    if best == values[0]:  # the run starts at `first` (the step below is under 0)
        left = first
        after = g.first_at_least(best + 1, first, GRID_MAX, width)
        right = GRID_MAX if after is None else after - 1
    else:  # the run ends at `first − 1`
        left, right = g.first_at_least(best, GRID_MIN, first - 1, width), first - 1
    n = min(max(0, left), right)
    g([n])
    if best == 0:
        return solution("exact", n, "solve_contrib_exact")
    return solution("nearest", n, "solve_contrib_nearest")


# --- 2. The largest new intervention -------------------------------------------------


@dataclass(frozen=True)
class InterventionSolution:
    status: str  # "ok" | "none" | "already_below" | "unbounded"
    amount: int  # kr a year (0 unless status is "ok")
    from_year: int
    to_year: int
    binding_year: int | None  # the year whose slack decides the amount
    slack: Mapping[int, int]  # year -> closing equity − floor without the intervention
    closing_equity: Mapping[int, int]  # year -> closing equity with `amount`
    message_key: str
    params: Mapping = field(default_factory=dict)

    def lever(self, name: str = "Ny insats", group: str = "projects") -> NewIntervention:
        return NewIntervention(name, self.from_year, self.to_year, self.amount, group)

    def message(self, lang: str = "sv") -> str:
        return _message(self.message_key, self.params, lang)


def _utilization_share(levers: Sequence, group: str) -> Fraction:
    """The product of the Utilization levers (they apply to project lines in turn)."""
    share = Fraction(1)
    if group == "projects":
        for lever in levers:
            if isinstance(lever, Utilization):
                share *= lever.share
    return share


def max_new_intervention(
    plan: Plan,
    rules: Rules,
    scenario: Scenario | None,
    levers: Sequence,
    from_year: int,
    to_year: int | None = None,
    name: str = "Ny insats",
    group: str = "projects",
) -> InterventionSolution:
    """The largest whole-krona yearly amount of a new intervention `from_year`–`to_year`
    (default: the horizon end) that keeps closing equity at or above the floor in
    every year of the horizon.

    The cost adds directly: with the intervention, closing equity of year t falls by
    the amount times k(t), the intervention years up to t. So the amount is
    min over affected years of ⌊slack(t) / k(t)⌋, where slack is closing equity
    minus the floor (rules' equity_floor_kr or scenario.equity_floor). Utilization
    levers scale a new project line too (half-up), which the closed form inverts.
    The answer is verified with the engine: the amount keeps every year at or above
    the floor and one krona more does not.
    """
    scenario = scenario or Scenario()
    to_year = plan.years[-1] if to_year is None else to_year
    _check_year(plan, from_year, f"startår för '{name}'")
    _check_year(plan, to_year, f"slutår för '{name}'")
    if to_year < from_year:
        raise SolveError(
            "end_before_start",
            f"'{name}': slutåret {to_year} ligger före startåret {from_year}",
            name=name, last=to_year, start=from_year,
        )

    base = project_with_levers(plan, rules, scenario, levers).projection
    years = [row.year for row in base.years]
    slack = {row.year: row.closing_equity - row.equity_floor for row in base.years}
    below = [y for y in years if slack[y] < 0]

    def result(status, amount, binding, key, **extra) -> InterventionSolution:
        with_it = base if amount == 0 else _project_with(plan, rules, scenario, levers, name, group,
                                                        from_year, to_year, amount)
        params = {"amount": amount, "from_year": from_year, "to_year": to_year,
                  "binding_year": binding, **extra}
        return InterventionSolution(
            status=status, amount=amount, from_year=from_year, to_year=to_year,
            binding_year=binding, slack=slack,
            closing_equity={row.year: row.closing_equity for row in with_it.years},
            message_key=key, params=params,
        )

    if below:
        return result("already_below", 0, below[0], "solve_intervention_below",
                      years=", ".join(str(y) for y in below))

    share = _utilization_share(levers, group)
    affected = {y: min(y, to_year) - from_year + 1 for y in years if y >= from_year}
    binding = min(affected, key=lambda y: (slack[y] // affected[y], y))
    most_cost = slack[binding] // affected[binding]  # the largest yearly cost that fits
    if share == 0:
        return result("unbounded", 0, None, "solve_intervention_unbounded")
    # The largest amount whose cost after utilization, round_half_up(amount × share),
    # is at most `most_cost`: amount × share < most_cost + ½.
    p, q = share.numerator, share.denominator
    amount = -((-(2 * most_cost + 1) * q) // (2 * p)) - 1  # ⌈(2m+1)q / 2p⌉ − 1
    amount = _verified(plan, rules, scenario, levers, name, group, from_year, to_year, amount)
    if amount <= 0:
        return result("none", 0, binding, "solve_intervention_none")
    return result("ok", amount, binding, "solve_intervention_ok")


def _project_with(plan, rules, scenario, levers, name, group, from_year, to_year, amount) -> Projection:
    lever = NewIntervention(name, from_year, to_year, amount, group)
    return project_with_levers(plan, rules, scenario, list(levers) + [lever]).projection


def _fits(plan, rules, scenario, levers, name, group, from_year, to_year, amount) -> bool:
    if amount <= 0:
        return True
    rows = _project_with(plan, rules, scenario, levers, name, group, from_year, to_year, amount).years
    return all(row.closing_equity >= row.equity_floor for row in rows)


def _verified(plan, rules, scenario, levers, name, group, from_year, to_year, amount) -> int:
    """The closed form checked with the engine; a bisection if it ever disagrees."""
    args = (plan, rules, scenario, levers, name, group, from_year, to_year)
    if _fits(*args, amount) and not _fits(*args, amount + 1):
        return max(amount, 0)
    lo, hi = 0, max(amount, 1)  # lo fits; grow hi until it does not
    while _fits(*args, hi):
        lo, hi = hi, hi * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if _fits(*args, mid) else (lo, mid)
    return lo


# --- 3. The first year within the ceiling ---------------------------------------------


@dataclass(frozen=True)
class CapStatus:
    first_year: int | None  # first year at or under the ceiling; None: never
    stays_within: bool  # and every later year is too
    stays_from: int | None  # first year from which it stays within to the horizon end
    message_key: str
    params: Mapping = field(default_factory=dict)

    def message(self, lang: str = "sv") -> str:
        return _message(self.message_key, self.params, lang)


def first_year_within_cap(projection: Projection, include_outcome: bool = False) -> CapStatus:
    """When closing equity is first at or under the ceiling (budget and plan years;
    outcome years too with `include_outcome`), and whether it stays there."""
    rows = [r for r in projection.years if include_outcome or r.basis != "outcome"]
    within = [r.closing_equity <= r.equity_cap for r in rows]
    first = next((r.year for r, ok in zip(rows, within) if ok), None)
    stays_from = None
    for r, ok in zip(reversed(rows), reversed(within)):
        if not ok:
            break
        stays_from = r.year
    stays = first is not None and stays_from == first
    if first is None:
        key = "solve_cap_never"
    elif stays:
        key = "solve_cap_within"
    elif stays_from is not None:
        key = "solve_cap_within_not_staying"
    else:
        key = "solve_cap_within_then_over"
    return CapStatus(first, stays, stays_from, key,
                     {"first_year": first, "stays_from": stays_from})
