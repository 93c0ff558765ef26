"""Projections as tables: pure helpers from engine output to rows and pandas frames.

Nothing here reads files or knows about Streamlit. Money in the budget table is in
whole tkr, rounded so every printed total equals the sum of its printed parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import pandas as pd

from .engine import Projection
from .model import COST_GROUPS, Plan
from .numformat import format_number, kr_to_tkr, tkr_parts_matching_total

DEFAULT_LABELS = {
    "contributions": "Finansiering från medlemmar",
    "unallocated": "Ej fördelat per medlem",
    "opening_equity": "Ingående eget kapital",
    "esf": "ESF-medel",
    "other_income": "Övriga intäkter",
    "available": "Summa medel att disponera",
    "costs": "Summa kostnader",
    "result": "Årets resultat",
    "closing_equity": "Utgående eget kapital",
    "group:board": "Styrelsen",
    "group:office_staff": "Kansli och administration – personal",
    "group:premises": "Lokalkostnader",
    "group:other_admin": "Övriga administrativa kostnader",
    "group:projects": "Projektkostnader",
    "group:unspecified": "Kostnader (ej uppdelade i källan)",
    "basis:outcome": "Utfall",
    "basis:budget": "Budget",
    "basis:plan": "Plan",
    "row": "Rad",
}


@dataclass(frozen=True)
class BudgetRow:
    key: str  # stable id: 'contributions', 'member:lycksele', 'group:board', 'line:revision'
    label: str
    level: int  # 0: a total or heading figure, 1: a part under it
    values: Mapping[int, int]  # year -> tkr
    total: bool = False  # a sum row (printed bold)


def _labels(labels: Mapping[str, str] | None) -> dict[str, str]:
    return {**DEFAULT_LABELS, **(labels or {})}


def year_label(plan: Plan, year: int, labels: Mapping[str, str] | None = None) -> str:
    return f"{_labels(labels)['basis:' + plan.basis[year]]} {year}"


def _budget_layout(
    plan: Plan, projection: Projection, labels: Mapping[str, str] | None = None
) -> list[BudgetRow]:
    """The rows of the business-plan table (keys, labels, levels), each year rounded
    on its own; `budget_rows` then chains the years so the table holds as a whole."""
    lab = _labels(labels)
    years = [row.year for row in projection.years]
    paying = [
        m for m in plan.members
        if m.pays or any(row.contributions_by_member.get(m.id, 0) for row in projection.years)
    ]
    has_unallocated = any(plan.unallocated_contributions.get(y) for y in years)
    esf_lines = [line for line in plan.income if line.kind == "esf"]
    other_lines = [line for line in plan.income if line.kind == "other"]
    groups = [
        g for g in COST_GROUPS
        if any(c.group == g and any(c.amounts.get(y, 0) for y in years) for c in plan.costs)
    ]
    lines_of = {
        g: [c for c in plan.costs if c.group == g and any(c.amounts.get(y, 0) for y in years)]
        for g in groups
    }

    cells: dict[str, dict[int, int]] = {}

    def put(key: str, year: int, value: int) -> None:
        cells.setdefault(key, {})[year] = value

    for row in projection.years:
        y = row.year
        unallocated = row.contributions - sum(row.contributions_by_member.values())
        available_t = kr_to_tkr(row.available)
        contrib_t, opening_t, esf_t, other_t = tkr_parts_matching_total(
            [row.contributions, row.opening_equity, row.esf, row.other_income], available_t
        )
        put("contributions", y, contrib_t)
        member_parts = [row.contributions_by_member.get(m.id, 0) for m in paying]
        member_parts.append(unallocated)
        for m, value in zip(paying + [None], tkr_parts_matching_total(member_parts, contrib_t)):
            put(f"member:{m.id}" if m else "unallocated", y, value)
        put("opening_equity", y, opening_t)
        put("esf", y, esf_t)
        esf_year = _line_amounts(esf_lines, y, row.esf)
        for line, value in zip(esf_lines, tkr_parts_matching_total(esf_year, esf_t)):
            put(f"income:{line.id}", y, value)
        put("other_income", y, other_t)
        other_year = _line_amounts(other_lines, y, row.other_income)
        for line, value in zip(other_lines, tkr_parts_matching_total(other_year, other_t)):
            put(f"income:{line.id}", y, value)
        put("available", y, available_t)
        costs_t = kr_to_tkr(row.costs)
        put("costs", y, costs_t)
        group_t = tkr_parts_matching_total([row.costs_by_group.get(g, 0) for g in groups], costs_t)
        for g, gt in zip(groups, group_t):
            put(f"group:{g}", y, gt)
            parts = [row.costs_by_line.get(c.id, 0) for c in lines_of[g]]
            for c, value in zip(lines_of[g], tkr_parts_matching_total(parts, gt)):
                put(f"line:{c.id}", y, value)
        put("result", y, kr_to_tkr(row.closing_equity) - opening_t)
        put("closing_equity", y, kr_to_tkr(row.closing_equity))

    def row(key, label, level=0, total=False):
        return BudgetRow(key, label, level, cells.get(key, {y: 0 for y in years}), total)

    rows = [row("contributions", lab["contributions"], total=True)]
    rows += [row(f"member:{m.id}", m.name, 1) for m in paying]
    if has_unallocated or any(cells.get("unallocated", {}).values()):
        rows.append(row("unallocated", lab["unallocated"], 1))
    rows.append(row("opening_equity", lab["opening_equity"]))
    if esf_lines:
        rows.append(row("esf", lab["esf"]))
        if len(esf_lines) > 1:
            rows += [row(f"income:{line.id}", line.name, 1) for line in esf_lines]
    if any(cells["other_income"].values()):
        rows.append(row("other_income", lab["other_income"]))
        rows += [
            row(f"income:{line.id}", line.name, 1) for line in other_lines
            if any(cells.get(f"income:{line.id}", {}).values())
        ]
    rows.append(row("available", lab["available"], total=True))
    for g in groups:
        rows.append(row(f"group:{g}", lab[f"group:{g}"], total=True))
        rows += [row(f"line:{c.id}", c.name, 1) for c in lines_of[g]]
    rows.append(row("costs", lab["costs"], total=True))
    # income less costs of the year, as the annual reports print it (closing − opening)
    rows.append(row("result", lab["result"]))
    rows.append(row("closing_equity", lab["closing_equity"]))
    return rows


def budget_rows(
    plan: Plan, projection: Projection, labels: Mapping[str, str] | None = None
) -> list[BudgetRow]:
    """The business-plan budget table, years as columns, in whole tkr, rounded so the
    table holds as a spreadsheet: parts sum to totals, available = contributions +
    opening + ESF + other, closing = available − costs, and opening equity = the
    previous year's closing equity, all as printed. The screen, the CSV, the Excel
    workbook and the PDF report all print these rows."""
    rows = _budget_layout(plan, projection, labels)
    keys = [r.key for r in rows]
    paying = [k.split(":", 1)[1] for k in keys if k.startswith("member:")]
    groups = [k.split(":", 1)[1] for k in keys if k.startswith("group:")]
    shown_lines = {k.split(":", 1)[1] for k in keys if k.startswith("line:")}
    lines_of = {g: [c for c in plan.costs if c.group == g and c.id in shown_lines] for g in groups}
    esf_lines = [line for line in plan.income if line.kind == "esf"]
    other_lines = [line for line in plan.income if line.kind == "other"]

    cells: dict[str, dict[int, int]] = {}

    def put(key: str, year: int, value: int) -> None:
        cells.setdefault(key, {})[year] = int(value)

    previous_closing: int | None = None
    for yp in projection.years:
        y = yp.year
        closing_t = kr_to_tkr(yp.closing_equity)
        opening_t = kr_to_tkr(yp.opening_equity) if previous_closing is None else previous_closing
        costs_t, contrib_t, esf_t, other_t = _year_totals(yp, opening_t, closing_t)
        available_t = closing_t + costs_t
        put("contributions", y, contrib_t)
        unallocated = yp.contributions - sum(yp.contributions_by_member.values())
        member_parts = [yp.contributions_by_member.get(m, 0) for m in paying] + [unallocated]
        for key, value in zip(
            [f"member:{m}" for m in paying] + ["unallocated"],
            tkr_parts_matching_total(member_parts, contrib_t),
        ):
            put(key, y, value)
        put("opening_equity", y, opening_t)
        put("esf", y, esf_t)
        for line, value in zip(esf_lines, tkr_parts_matching_total(_line_amounts(esf_lines, y, yp.esf), esf_t)):
            put(f"income:{line.id}", y, value)
        put("other_income", y, other_t)
        for line, value in zip(
            other_lines, tkr_parts_matching_total(_line_amounts(other_lines, y, yp.other_income), other_t)
        ):
            put(f"income:{line.id}", y, value)
        put("available", y, available_t)
        put("costs", y, costs_t)
        for g, group_t in zip(
            groups, tkr_parts_matching_total([yp.costs_by_group.get(g, 0) for g in groups], costs_t)
        ):
            put(f"group:{g}", y, group_t)
            parts = [yp.costs_by_line.get(c.id, 0) for c in lines_of[g]]
            for c, value in zip(lines_of[g], tkr_parts_matching_total(parts, group_t)):
                put(f"line:{c.id}", y, value)
        put("result", y, closing_t - opening_t)
        put("closing_equity", y, closing_t)
        previous_closing = closing_t

    years = [yp.year for yp in projection.years]
    return [
        BudgetRow(r.key, r.label, r.level, cells.get(r.key, {y: 0 for y in years}), r.total)
        for r in rows
    ]


def _year_totals(yp, opening_t: int, closing_t: int) -> tuple[int, int, int, int]:
    """(costs, contributions, ESF, other income) in tkr for a year whose opening
    and closing equity are fixed in tkr.

    available = closing + costs leaves one degree of freedom; try total costs at the
    engine's tkr figure and 1 tkr either side, split the income that is left by
    largest remainder, and keep the candidate whose printed totals (available,
    costs, contributions, ESF, other) most often equal the engine's own tkr
    rounding, then the one with the smallest rounding error. When the engine's
    figures are whole tkr (as in a business plan), every total is exact."""
    exact = {
        "available": kr_to_tkr(yp.available), "costs": kr_to_tkr(yp.costs),
        "contributions": kr_to_tkr(yp.contributions), "esf": kr_to_tkr(yp.esf),
        "other": kr_to_tkr(yp.other_income),
    }
    best = None
    for costs_t in (exact["costs"], exact["costs"] - 1, exact["costs"] + 1):
        available_t = closing_t + costs_t
        contrib_t, esf_t, other_t = tkr_parts_matching_total(
            [yp.contributions, yp.esf, yp.other_income], available_t - opening_t
        )
        printed = {"available": available_t, "costs": costs_t, "contributions": contrib_t,
                   "esf": esf_t, "other": other_t}
        mismatches = sum(printed[k] != exact[k] for k in exact)
        error = max(abs(costs_t * 1000 - yp.costs), abs(contrib_t * 1000 - yp.contributions),
                    abs(esf_t * 1000 - yp.esf), abs(other_t * 1000 - yp.other_income))
        score = (mismatches, error, abs(costs_t - exact["costs"]))
        if best is None or score < best[0]:
            best = (score, (costs_t, contrib_t, esf_t, other_t))
    return best[1]


def _line_amounts(lines, year: int, total: int) -> list[int]:
    """Per-line amounts of a year; a scenario that set only the year's total (the
    engine's EsfAmount) gives it to the first line."""
    amounts = [line.amounts.get(year, 0) for line in lines]
    if lines and sum(amounts) != total:
        amounts = [total] + [0] * (len(lines) - 1)
    return amounts


def budget_frame(
    plan: Plan, rows: Sequence[BudgetRow], labels: Mapping[str, str] | None = None,
    *, formatted: bool = False,
) -> pd.DataFrame:
    """Rows as a frame: first column the row label (parts indented with '– '), then
    one column per year ('Budget 2023'); numbers as ints, or Swedish text."""
    lab = _labels(labels)
    years = list(rows[0].values) if rows else []
    data = {lab["row"]: [("– " if r.level else "") + r.label for r in rows]}
    for y in years:
        values = [r.values.get(y, 0) for r in rows]
        data[year_label(plan, y, labels)] = [format_number(v) for v in values] if formatted else values
    return pd.DataFrame(data)


def budget_csv(frame: pd.DataFrame) -> bytes:
    """CSV for Swedish Excel: ';' between fields, numbers as plain integers, UTF-8 BOM."""
    return frame.to_csv(sep=";", index=False).encode("utf-8-sig")


def open_rows(plan: Plan, projection: Projection):
    return [row for row in projection.years if not plan.is_outcome(row.year)]


def first_negative_year(plan: Plan, projection: Projection) -> int | None:
    for row in projection.years:
        if row.closing_equity < 0:
            return row.year
    return None


def within_range_year(plan: Plan, projection: Projection) -> int | None:
    """The first budget/plan year from which closing equity stays within the range,
    floor (zero) ≤ equity ≤ ceiling, to the end of the horizon; None if it is outside
    the range in the last year. Negative equity is never "within the ceiling"."""
    rows = open_rows(plan, projection)
    found = None
    for row in reversed(rows):
        if not row.equity_floor <= row.closing_equity <= row.equity_cap:
            break
        found = row.year
    return found


def equity_frame(projection: Projection) -> pd.DataFrame:
    """One row a year: what the charts draw (kr and tkr)."""
    return pd.DataFrame(
        [
            {
                "year": row.year,
                "basis": row.basis,
                "closing_equity": row.closing_equity,
                "closing_tkr": kr_to_tkr(row.closing_equity),
                "cap_tkr": kr_to_tkr(row.equity_cap),
                "floor_tkr": kr_to_tkr(row.equity_floor),
                "income_tkr": kr_to_tkr(row.income),
                "costs_tkr": kr_to_tkr(row.costs),
                "contributions_tkr": kr_to_tkr(row.contributions),
                "ratio": row.equity_ratio,
            }
            for row in projection.years
        ]
    )


def contribution_rows(
    plan: Plan, base: Projection, scenario: Projection
) -> list[dict]:
    """Per paying member and year: baseline kr, scenario kr, difference; plus totals."""
    out = []
    for m in plan.members:
        if not m.pays and not any(r.contributions_by_member.get(m.id) for r in scenario.years):
            continue
        years = {}
        for b, s in zip(base.years, scenario.years):
            before = b.contributions_by_member.get(m.id, 0)
            after = s.contributions_by_member.get(m.id, 0)
            years[s.year] = (before, after, after - before)
        total_diff = sum(v[2] for v in years.values())
        out.append({
            "member": m,
            "years": years,
            "total_diff": total_diff,
            "per_inhabitant": (total_diff / m.population) if m.population else None,
        })
    return out
