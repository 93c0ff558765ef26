"""The yearly cycle of a business plan: record a year's outcome, roll the plan on to
the next business plan, and follow up budget against outcome.

Pure: plans in, plans and rows out (no Streamlit, no database, no files).

Recording an outcome (`record_outcome`)
    The outcome's figures replace the year's budget figures line by line, and the
    year becomes an outcome year. Equity is never stored per year: it rolls forward
    from the plan's opening equity, so from this year on the projection starts from
    the outcome's own closing equity (opening + the outcome's result).
    When the federation states its equity and it does not add up:
    - a stated opening equity of the plan's *first* year replaces the plan's opening
      equity (the earlier figure was the budget's estimate; the outcome is the fact);
    - a stated opening equity of a later year that differs from the closing equity
      the recorded years roll forward to, or a stated closing equity that differs from
      opening + result, is refused (`YearCycleError`, code `opening_differs` /
      `closing_differs`, with the figures) unless the caller asks to book the
      difference: `adjust_equity=True` adds it as an explicit, visible income line
      "Avstämning mot redovisat eget kapital" in that year, so the year closes at the
      stated figure. Differences of at most 1 000 kr (two tkr figures' rounding)
      are ignored.

Rolling forward (`roll_forward`): see its docstring.
Following up (`follow_up`, `budget_for`, `equity_comparison`): see theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable, Protocol, Sequence

from .engine import compile_plan
from .model import COST_GROUPS, CostLine, IncomeLine, Plan
from .numformat import format_kr, kr_to_tkr, tkr_parts_matching_total

# Up to one tkr (the unit of a business plan) a difference is rounding, not news.
EQUITY_TOLERANCE = 1000
ADJUSTMENT_ID = "avstamning-eget-kapital"
ADJUSTMENT_NAME = "Avstämning mot redovisat eget kapital"


class YearCycleError(ValueError):
    """A step of the year cycle that cannot be taken; `code` and `params` let the
    dashboard say it in English (the message is Swedish)."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


# --- Equity along a plan --------------------------------------------------------------------


def year_results(plan: Plan) -> dict[int, int]:
    """Each year's result (all income − costs), by the engine's own arithmetic."""
    c = compile_plan(plan)
    result = c.contributions.sum(axis=0) + c.esf + c.other_income - c.costs
    return {year: int(r) for year, r in zip(plan.years, result)}


def equity_path(plan: Plan) -> dict[int, tuple[int, int]]:
    """year -> (opening equity, closing equity)."""
    out, opening = {}, plan.opening_equity
    for year, result in year_results(plan).items():
        out[year] = (opening, opening + result)
        opening += result
    return out


# --- Matching lines of two plans -------------------------------------------------------------


def _matcher(items: Sequence):
    """Find an item by id, then by name ignoring case; each item is matched at most once."""
    by_id = {item.id: item for item in items}
    by_name: dict[str, object] = {}
    for item in items:
        by_name.setdefault(item.name.strip().casefold(), item)
    taken: set[str] = set()

    def match(other):
        for found in (by_id.get(other.id), by_name.get(other.name.strip().casefold())):
            if found is not None and found.id not in taken:
                taken.add(found.id)
                return found
        return None

    return match


def _unique_id(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _with_amount(amounts, year: int, amount: int) -> dict[int, int]:
    return {**dict(amounts), year: int(amount)}


# --- Recording an outcome --------------------------------------------------------------------


@dataclass(frozen=True)
class EquityCheck:
    """How a recorded outcome's equity ties to the plan's (all kr)."""

    year: int
    first_year: bool  # the plan's first year: a stated opening re-anchors the plan
    rolled_opening: int  # the opening the plan rolls forward to
    stated_opening: int | None
    result: int  # the outcome's result for the year
    reported_closing: int | None

    @property
    def opening(self) -> int:
        """The opening the plan will have after recording."""
        if self.first_year and self.stated_opening is not None:
            return self.stated_opening
        return self.rolled_opening

    @property
    def opening_difference(self) -> int:
        """Stated − rolled-forward opening (0 when not stated or within rounding)."""
        if self.stated_opening is None:
            return 0
        diff = self.stated_opening - self.rolled_opening
        return diff if abs(diff) > EQUITY_TOLERANCE else 0

    @property
    def closing(self) -> int:
        """The closing equity the outcome's own figures give."""
        return self.opening + self.result

    @property
    def adjustment(self) -> int:
        """What `adjust_equity` books so the year closes at the stated figure."""
        stated = self.stated_opening if self.stated_opening is not None else self.rolled_opening
        target = self.reported_closing if self.reported_closing is not None else stated + self.result
        diff = target - self.closing
        return diff if abs(diff) > EQUITY_TOLERANCE else 0


def _check_recordable(plan: Plan, year: int, outcome: Plan) -> None:
    if year not in plan.years:
        raise YearCycleError(
            "year_not_in_plan",
            f"{year} finns inte i planen ({plan.years[0]}–{plan.years[-1]}); gör en ny "
            "verksamhetsplan som når dit först.", year=year, first=plan.years[0], last=plan.years[-1])
    missing = [y for y in plan.years if y < year and not plan.is_outcome(y)]
    if missing:
        years = ", ".join(str(y) for y in missing)
        raise YearCycleError(
            "earlier_not_outcome",
            f"Utfallet för {years} är inte registrerat; registrera åren i ordning innan {year}.",
            year=year, years=years)
    if year not in outcome.years:
        raise YearCycleError("outcome_lacks_year", f"Utfallet saknar året {year}.", year=year)
    if not outcome.is_outcome(year):
        raise YearCycleError(
            "not_an_outcome", f"Kolumnen för {year} är inte ett utfall (Utfall {year}).", year=year)


def _merge_members(plan: Plan, year: int, outcome: Plan):
    members = list(plan.members)
    contributions = {m.id: _with_amount(plan.contributions.get(m.id, {}), year, 0) for m in plan.members}
    match, taken = _matcher(plan.members), {m.id for m in plan.members}
    for member in outcome.members:
        amount = outcome.contributions.get(member.id, {}).get(year, 0)
        target = match(member)
        if target is not None:
            contributions[target.id][year] = amount
        elif amount:  # a member only in the outcome, e.g. a municipality that joined
            new = replace(member, id=_unique_id(member.id, taken))
            members.append(new)
            contributions[new.id] = {year: amount}
    return tuple(members), contributions


def _merge_lines(lines: Sequence, others: Sequence, year: int, taken: set[str]) -> tuple:
    """Lines of the plan with the year's amount from the matching line of the outcome
    (0 if none); lines only in the outcome are added with that year's amount."""
    merged = {line.id: replace(line, amounts=_with_amount(line.amounts, year, 0)) for line in lines}
    match = _matcher(lines)
    added = []
    for other in others:
        amount = other.amounts.get(year, 0)
        target = match(other)
        if target is not None:
            current = merged[target.id]
            merged[target.id] = replace(current, amounts=_with_amount(current.amounts, year, amount))
        elif amount:
            added.append(replace(other, id=_unique_id(other.id, taken), amounts={year: amount}))
    return tuple(merged[line.id] for line in lines) + tuple(added)


def _merged(plan: Plan, year: int, outcome: Plan) -> Plan:
    members, contributions = _merge_members(plan, year, outcome)
    unallocated = dict(plan.unallocated_contributions)
    unallocated.pop(year, None)
    if outcome.unallocated_contributions.get(year):
        unallocated[year] = outcome.unallocated_contributions[year]
    taken = {line.id for line in (*plan.income, *plan.costs)}
    return replace(
        plan,
        members=members,
        contributions=contributions,
        unallocated_contributions=unallocated,
        income=_merge_lines(plan.income, outcome.income, year, taken),
        costs=_merge_lines(plan.costs, outcome.costs, year, taken),
        basis={**dict(plan.basis), year: "outcome"},
        assumed_years=frozenset(plan.assumed_years - {year}),  # the federation's own figures now
    )


def _recorded(plan: Plan, year: int, outcome: Plan, opening_equity: int | None,
              closing_equity: int | None) -> tuple[Plan, EquityCheck]:
    _check_recordable(plan, year, outcome)
    merged = _merged(plan, year, outcome)
    check = EquityCheck(
        year=year,
        first_year=year == plan.years[0],
        rolled_opening=equity_path(plan)[year][0],
        stated_opening=opening_equity,
        result=year_results(merged)[year],
        reported_closing=closing_equity,
    )
    return merged, check


def equity_check(plan: Plan, year: int, outcome: Plan, *, opening_equity: int | None = None,
                 closing_equity: int | None = None) -> EquityCheck:
    """How the outcome's equity ties to the plan (what `record_outcome` checks)."""
    return _recorded(plan, year, outcome, opening_equity, closing_equity)[1]


def record_outcome(plan: Plan, year: int, outcome: Plan, *, opening_equity: int | None = None,
                   closing_equity: int | None = None, adjust_equity: bool = False) -> Plan:
    """The plan with `year` recorded as an outcome year from `outcome`'s figures.

    Members, income lines and cost lines are matched by id, then by name (ignoring
    case): a matched line takes the outcome's amount for the year, a line of the plan
    missing from the outcome gets 0 that year, and a line only in the outcome is
    added (with its amount for that year only; lines that are 0 are not added).
    Every earlier year of the plan must already be an outcome year. Recording a year
    that is already an outcome year replaces it (a correction).
    `opening_equity` / `closing_equity` are the equity the federation states for the
    year (kr), if any: see the module docstring for how a difference is handled.
    """
    new, check = _recorded(plan, year, outcome, opening_equity, closing_equity)
    if check.first_year and opening_equity is not None:
        new = replace(new, opening_equity=opening_equity)
    if check.adjustment:
        if not adjust_equity:
            raise _equity_error(check)
        new = _with_adjustment(new, year, check.adjustment)
    return new


def _equity_error(check: EquityCheck) -> YearCycleError:
    if check.opening_difference and not check.first_year:
        return YearCycleError(
            "opening_differs",
            f"Ingående eget kapital {check.year} är enligt utfallet {format_kr(check.stated_opening)}, "
            f"men de registrerade åren ger {format_kr(check.rolled_opening)} "
            f"(skillnad {format_kr(check.opening_difference)}).",
            year=check.year, stated=format_kr(check.stated_opening), rolled=format_kr(check.rolled_opening),
            difference=format_kr(check.opening_difference))
    return YearCycleError(
        "closing_differs",
        f"Utgående eget kapital {check.year} är enligt utfallet {format_kr(check.reported_closing)}, "
        f"men ingående eget kapital och årets resultat ger {format_kr(check.closing)} "
        f"(skillnad {format_kr(check.adjustment)}).",
        year=check.year, stated=format_kr(check.reported_closing), computed=format_kr(check.closing),
        difference=format_kr(check.adjustment))


def _with_adjustment(plan: Plan, year: int, amount: int) -> Plan:
    """The difference as an explicit line, so the plan shows where it came from."""
    income = list(plan.income)
    for i, line in enumerate(income):
        if line.id == ADJUSTMENT_ID:
            income[i] = replace(line, amounts=_with_amount(line.amounts, year, amount))
            break
    else:
        income.append(IncomeLine(ADJUSTMENT_ID, "other", ADJUSTMENT_NAME, {year: amount}))
    return replace(plan, income=tuple(income))


def outcome_template(plan: Plan, year: int) -> Plan:
    """The year alone as an outcome column, prefilled with the plan's figures for it
    and opening at the equity the plan rolls forward to: what the user overwrites
    with the outcome (as a file or in the table)."""
    if year not in plan.years:
        raise YearCycleError("year_not_in_plan", f"{year} finns inte i planen ({plan.years[0]}–{plan.years[-1]}).",
                             year=year, first=plan.years[0], last=plan.years[-1])

    def only(lines):
        return tuple(replace(x, amounts={year: x.amounts[year]}) for x in lines if x.amounts.get(year))

    return replace(
        plan,
        years=(year,),
        basis={year: "outcome"},
        opening_equity=equity_path(plan)[year][0],
        contributions={m.id: {year: plan.contributions.get(m.id, {}).get(year, 0)} for m in plan.members},
        unallocated_contributions={year: plan.unallocated_contributions[year]}
        if plan.unallocated_contributions.get(year) else {},
        income=only(plan.income),
        costs=only(plan.costs),
        assumed_years=frozenset(),
    )


# --- Rolling forward ---------------------------------------------------------------------------


def next_budget_year(plan: Plan) -> int:
    """The budget year of the next business plan: the year after the last outcome or
    budget year (the current year's budget stays until its outcome is recorded)."""
    anchors = [y for y in plan.years if plan.basis[y] in ("outcome", "budget")]
    if not anchors:
        raise YearCycleError(
            "no_anchor",
            "Planen har varken utfalls- eller budgetår att utgå från; ange budgetåret i baslinjen först.")
    return max(anchors) + 1


def _runs_into(line: CostLine, year: int) -> bool:
    return line.end is None or line.end >= date(year, 1, 1)


def _esf_runs_into(line: IncomeLine, costs: Sequence[CostLine], year: int) -> bool:
    project = next((c for c in costs if c.id == line.project_id), None) if line.project_id else None
    return project is not None and _runs_into(project, year)


def roll_forward(plan: Plan, *, years_ahead: int = 3) -> Plan:
    """The next business plan: a budget year and `years_ahead − 1` plan years.

    Rules:
    - the new budget year is the year after the last outcome or budget year
      (`next_budget_year`); no outcome is needed (Södra Lappland, Budget 2023–2024,
      Plan 2025–2026, rolls to Budget 2025, Plan 2026–2027 and keeps 2023–2024 as
      budget years until their outcome is recorded);
    - earlier years keep their basis and figures; the following years up to
      budget year + years_ahead − 1 become plan years, and any later years of the
      old plan are kept as plan years (nothing is thrown away);
    - years that are kept keep their figures (the last plan's); a new year copies
      the year before for every member and line, except that a cost line whose end
      date falls before the new year gets 0, and ESF income is extended only while
      the cost line it finances (`project_id`) runs (an ESF grant is time-limited and
      must be applied for; unlinked ESF gets 0);
    - the "assumption" mark is cleared for the budget year and after: saving the new
      business plan is the chief adopting those figures as the federation's own.
      Earlier assumed years keep their mark.
    """
    if years_ahead < 1:
        raise YearCycleError("bad_years_ahead", f"Antal år måste vara minst 1 (fick {years_ahead}).",
                             value=years_ahead)
    budget_year = next_budget_year(plan)
    horizon = budget_year + years_ahead - 1
    new_years = [y for y in range(plan.years[-1] + 1, horizon + 1)]
    years = tuple(plan.years) + tuple(new_years)
    basis = {y: (plan.basis[y] if y < budget_year else "budget" if y == budget_year else "plan") for y in years}

    contributions = {mid: dict(a) for mid, a in plan.contributions.items()}
    unallocated = dict(plan.unallocated_contributions)
    costs = [replace(c, amounts=dict(c.amounts)) for c in plan.costs]
    income = [replace(i, amounts=dict(i.amounts)) for i in plan.income]
    for year in new_years:
        for amounts in contributions.values():
            amounts[year] = amounts.get(year - 1, 0)
        if unallocated.get(year - 1):
            unallocated[year] = unallocated[year - 1]
        for line in costs:
            line.amounts[year] = line.amounts.get(year - 1, 0) if _runs_into(line, year) else 0
        for line in income:
            extend = line.kind != "esf" or _esf_runs_into(line, costs, year)
            line.amounts[year] = line.amounts.get(year - 1, 0) if extend else 0
    return replace(
        plan,
        years=years,
        basis=basis,
        contributions=contributions,
        unallocated_contributions=unallocated,
        costs=tuple(costs),
        income=tuple(income),
        assumed_years=frozenset(y for y in plan.assumed_years if y < budget_year),
    )


def plan_from(plan: Plan, year: int) -> Plan:
    """The plan from `year` on, opening at the equity the earlier years leave: the
    same projection for those years, without lines that have no money in them."""
    if year not in plan.years:
        raise YearCycleError("year_not_in_plan", f"{year} finns inte i planen ({plan.years[0]}–{plan.years[-1]}).",
                             year=year, first=plan.years[0], last=plan.years[-1])
    years = tuple(y for y in plan.years if y >= year)

    def keep(amounts):
        return {y: a for y, a in amounts.items() if y >= year}

    def live(lines):
        return tuple(replace(x, amounts=keep(x.amounts)) for x in lines if any(keep(x.amounts).values()))

    return replace(
        plan,
        years=years,
        basis={y: plan.basis[y] for y in years},
        opening_equity=equity_path(plan)[year][0],
        contributions={mid: keep(a) for mid, a in plan.contributions.items()},
        unallocated_contributions=keep(plan.unallocated_contributions),
        income=live(plan.income),
        costs=live(plan.costs),
        assumed_years=frozenset(y for y in plan.assumed_years if y >= year),
    )


def stopped_lines(old: Plan, new: Plan) -> list[str]:
    """Names of lines with money in the old plan's last year that the first new year
    of the rolled plan does not extend (ended projects, ESF)."""
    added = [y for y in new.years if y not in old.years]
    if not added:
        return []
    last, first = old.years[-1], added[0]
    new_lines = {line.id: line for line in (*new.income, *new.costs)}
    return [line.name for line in (*old.income, *old.costs)
            if line.amounts.get(last, 0) and not new_lines[line.id].amounts.get(first, 0)]


# --- Following up budget against outcome ----------------------------------------------------


@dataclass(frozen=True)
class FollowUpRow:
    """One row of budget against outcome for a year (kr).

    key: 'member:<id>', 'unallocated', 'income:<id>', 'cost:<id>', 'group:<g>' or
    'total:<t>' with t in contributions, income, costs, result, opening_equity,
    closing_equity. kind: 'line', 'group' or 'total'. group: 'contributions', 'esf',
    'other', a cost group, or 'total'. name: the line's own name ('' for group and
    total rows, which the view labels)."""

    key: str
    kind: str
    group: str
    name: str
    budget: int
    outcome: int

    @property
    def deviation(self) -> int:
        return self.outcome - self.budget

    @property
    def deviation_share(self) -> float | None:
        """Deviation as a share of the budget (None when the budget is 0)."""
        return self.deviation / abs(self.budget) if self.budget else None

    @property
    def utilization(self) -> float | None:
        """Outcome / budget for projects and interventions (förbrukningsgrad)."""
        if self.group != "projects" or not self.budget:
            return None
        return self.outcome / self.budget


def _paired(lines_a: Sequence, lines_b: Sequence) -> list[tuple]:
    """(a, b) pairs of matching lines, a's order first, then b's lines without a match."""
    match = _matcher(lines_a)
    pairs: dict[str, list] = {a.id: [a, None] for a in lines_a}
    extra = []
    for b in lines_b:
        a = match(b)
        if a is None:
            extra.append((None, b))
        else:
            pairs[a.id][1] = b
    return [tuple(p) for p in pairs.values()] + extra


def follow_up(budget: Plan, outcome: Plan, year: int) -> list[FollowUpRow]:
    """Budget against outcome for `year`, per line, per group and in total.

    Lines are matched by id, then by name (ignoring case); a line with neither a
    budget nor an outcome that year is left out. Income and costs are positive
    amounts; the deviation is outcome − budget."""
    for plan in (budget, outcome):
        if year not in plan.years:
            raise YearCycleError("year_not_in_plan", f"{year} finns inte i planen.",
                                 year=year, first=plan.years[0], last=plan.years[-1])
    rows: list[FollowUpRow] = []

    def section(group: str, pairs, amount_of, key_of) -> tuple[int, int]:
        lines = []
        for a, b in pairs:
            got = (amount_of(budget, a) if a else 0, amount_of(outcome, b) if b else 0)
            if got != (0, 0):
                line = a or b
                lines.append(FollowUpRow(key_of(line), "line", group, line.name, *got))
        totals = (sum(r.budget for r in lines), sum(r.outcome for r in lines))
        if lines:
            rows.append(FollowUpRow(f"group:{group}", "group", group, "", *totals))
            rows.extend(lines)
        return totals

    def contribution(plan, member):
        return plan.contributions.get(member.id, {}).get(year, 0)

    def amount(_plan, line):
        return line.amounts.get(year, 0)

    start = len(rows)
    contrib = section("contributions", _paired(budget.members, outcome.members), contribution,
                      lambda m: f"member:{m.id}")
    unallocated = (budget.unallocated_contributions.get(year, 0), outcome.unallocated_contributions.get(year, 0))
    if unallocated != (0, 0):
        contrib = (contrib[0] + unallocated[0], contrib[1] + unallocated[1])
        if len(rows) == start:
            rows.append(FollowUpRow("group:contributions", "group", "contributions", "", *contrib))
        else:
            rows[start] = replace(rows[start], budget=contrib[0], outcome=contrib[1])
        rows.append(FollowUpRow("unallocated", "line", "contributions", "", *unallocated))
    income = list(contrib)
    for kind in ("esf", "other"):
        pairs = _paired([i for i in budget.income if i.kind == kind], [i for i in outcome.income if i.kind == kind])
        got = section(kind, pairs, amount, lambda line: f"income:{line.id}")
        income = [income[0] + got[0], income[1] + got[1]]
    rows.append(FollowUpRow("total:income", "total", "total", "", *income))
    costs = [0, 0]
    for group in COST_GROUPS:
        pairs = _paired([c for c in budget.costs if c.group == group], [c for c in outcome.costs if c.group == group])
        got = section(group, pairs, amount, lambda line: f"cost:{line.id}")
        costs = [costs[0] + got[0], costs[1] + got[1]]
    rows.append(FollowUpRow("total:costs", "total", "total", "", *costs))
    rows.append(FollowUpRow("total:result", "total", "total", "", income[0] - costs[0], income[1] - costs[1]))
    b_open, b_close = equity_path(budget)[year]
    o_open, o_close = equity_path(outcome)[year]
    rows.append(FollowUpRow("total:opening_equity", "total", "total", "", b_open, o_open))
    rows.append(FollowUpRow("total:closing_equity", "total", "total", "", b_close, o_close))
    return rows


def in_tkr(rows: Sequence[FollowUpRow]) -> dict[str, tuple[int, int]]:
    """Budget and outcome of each row of `follow_up` in whole tkr, rounded so the
    table adds up as printed: lines sum to their group, groups to total income and
    total costs, result = income − costs, closing = opening + result."""
    out: dict[str, list[int]] = {r.key: [0, 0] for r in rows}
    by_key = {r.key: r for r in rows}
    sections: dict[str, list[str]] = {"total:income": [], "total:costs": []}
    members: dict[str, list[str]] = {}
    current_total, current_group = "total:income", None
    for r in rows:
        if r.kind == "group":
            sections[current_total].append(r.key)
            members[r.key], current_group = [], r.key
        elif r.kind == "line":
            members[current_group].append(r.key)
        elif r.key == "total:income":
            current_total = "total:costs"
    for side in (0, 1):
        def kr(key: str) -> int:
            return (by_key[key].budget, by_key[key].outcome)[side]

        for total, groups in sections.items():
            total_t = kr_to_tkr(kr(total))
            out[total][side] = total_t
            for group, group_t in zip(groups, tkr_parts_matching_total([kr(g) for g in groups], total_t)):
                out[group][side] = group_t
                lines = members[group]
                for key, value in zip(lines, tkr_parts_matching_total([kr(k) for k in lines], group_t)):
                    out[key][side] = value
        result = out["total:income"][side] - out["total:costs"][side]
        out["total:result"][side] = result
        out["total:opening_equity"][side] = kr_to_tkr(kr("total:opening_equity"))
        out["total:closing_equity"][side] = out["total:opening_equity"][side] + result
    return {key: (b, o) for key, (b, o) in out.items()}


class _Version(Protocol):
    plan: Plan


def budget_for(versions: Iterable[_Version], year: int):
    """The budget to follow `year` up against: of the baseline versions (oldest
    first), the newest one before the version that recorded the year's outcome in
    which the year was a budget or plan year. None when there is none (e.g. a seed
    whose first version already holds the outcome). With no version recording the
    outcome yet, the newest version where the year is open is returned (a preview)."""
    found = None
    for version in versions:
        plan = version.plan
        if plan.is_outcome(year):
            break
        if plan.basis.get(year) in ("budget", "plan"):
            found = version
    return found


@dataclass(frozen=True)
class EquityRow:
    year: int
    basis: str | None  # the current plan's basis (None: a year only in the budget)
    budget_closing: int | None
    current_closing: int | None


def equity_comparison(budget: Plan, current: Plan) -> list[EquityRow]:
    """Closing equity per year in the budget and in the current plan, whose outcome
    years re-anchor every later year."""
    planned, now = equity_path(budget), equity_path(current)
    return [
        EquityRow(year, current.basis.get(year),
                  planned[year][1] if year in planned else None, now[year][1] if year in now else None)
        for year in sorted(set(planned) | set(now))
    ]


__all__ = [
    "EquityCheck", "EquityRow", "FollowUpRow", "YearCycleError", "budget_for", "equity_check",
    "equity_comparison", "equity_path", "follow_up", "in_tkr", "next_budget_year", "outcome_template",
    "record_outcome",
    "roll_forward", "stopped_lines", "year_results",
]
