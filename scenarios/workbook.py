"""Scenario budgets as an Excel workbook for the board papers.

`scenario_workbook(entries, title=..., created=...)` returns the bytes of an .xlsx
file (nothing here touches the file system). Per scenario one sheet holds the
business-plan budget table (Södra Lappland §9 Budget layout), years as columns, in
tkr stored as numbers; totals are live formulas:

* group totals, "Finansiering från medlemmar" and "Summa kostnader" are =SUM(...) of
  their part rows,
* "Summa medel att disponera" = contributions + opening equity + ESF + other income,
* closing equity = available − costs,
* every year's opening equity is the previous year's closing-equity cell (the
  equity roll-forward); only the first year's opening equity is a number.

With 2+ scenarios a comparison sheet shows closing equity per year per scenario,
referring to the scenario sheets, with the difference from the first (reference)
scenario as formulas.

Rounding ("chained tkr"): the engine works in kronor, the sheet in whole tkr, and
the formulas must reproduce the engine's totals as shown. Closing equity is always
the engine's figure rounded half-up to tkr (`kr_to_tkr`), and opening equity is the
previous year's printed closing equity (the roll-forward). Rounded independently,
available funds, costs and closing equity need not satisfy available − costs =
closing in whole tkr (Jämtland 2025: 9 872,3 − 8 288,7 = 1 583,6 prints as
9 872 − 8 289 ≠ 1 584), so when kronor data make that impossible one total moves
by 1 tkr: the year's totals are chosen so that as many as possible of available
funds, costs, contributions, ESF and other income equal the engine's own tkr
rounding (see `frames.budget_rows`). Parts are split by largest remainder
(`tkr_parts_matching_total`), so every printed total is the sum of its printed
parts and every part is within 1 tkr of its exact value. With whole-tkr plans
(Södra Lappland) every figure is exact.

Number format: the stored code is `#,##0;[Red]"−"#,##0` with the Swedish locale tag
`[$-41D]` in front. Excel and LibreOffice render `,` as the *locale's* thousands
separator, so a Swedish Excel/LibreOffice shows `3 752` and `−2 317` (minus sign
U+2212, red); the `[$-41D]` tag makes LibreOffice use Swedish separators even when
its user interface runs in another locale. Values remain plain numbers, so sums,
pivot tables and copy-paste keep working.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from fractions import Fraction
from datetime import date
from typing import Any, Iterable, Mapping, Sequence

from .engine import Projection
from .frames import BudgetRow, budget_rows, contribution_rows, year_label
from .levers import Scenario
from .model import Plan
from .numformat import format_number, format_percent, kr_to_tkr

TKR_FORMAT = '[$-41D]#,##0;[Red]"−"#,##0'
PERCENT_FORMAT = "[$-41D]0.0 %"
FORMULA_START = ("=", "+", "-", "@", "\u2212")

HEADINGS = {"financing": "Finansiering", "costs": "Kostnader"}
EXTRA_LABELS = {
    "equity_ratio": "Eget kapital i % av medlemsbidragen",
    "equity_cap": "Rekommenderat tak för eget kapital",
    "assumptions": "Antaganden",
    "comparison": "Jämförelse",
    "closing_by_scenario": "Utgående eget kapital per scenario (tkr)",
    "difference": "Skillnad mot",
    "member_extra": "Vad varje medlem betalar extra mot referensen",
    "total": "Totalt",
}


@dataclass(frozen=True)
class ScenarioEntry:
    """One scenario for the board papers: what the workbook and the report take."""

    name: str
    plan: Plan
    projection: Projection
    assumptions: tuple = ()
    description: str = ""  # the kept scenario's own description, printed under its name


def as_entries(entries: Iterable[Any]) -> list[ScenarioEntry]:
    """Accept ScenarioEntry objects or tuples (name, plan, projection[, assumptions])."""
    out = []
    for entry in entries:
        if isinstance(entry, ScenarioEntry):
            out.append(entry)
            continue
        name, plan, projection, *rest = entry
        assumptions = tuple(rest[0] or ()) if rest else ()
        out.append(ScenarioEntry(str(name), plan, projection, assumptions))
    if not out:
        raise ValueError("at least one scenario is needed")
    return out


def assumption_text(item: Any) -> tuple[str, str]:
    """An assumption as (text, source): a string, or a mapping with 'text' or
    'assumption' (and optionally 'source')."""
    if isinstance(item, Mapping):
        text = item.get("text") or item.get("assumption") or item.get("description") or ""
        return str(text), str(item.get("source") or "")
    if isinstance(item, (tuple, list)) and len(item) == 2:
        return str(item[0]), str(item[1] or "")
    return str(item), ""


def describe_levers(scenario: Scenario) -> list[str]:
    """The scenario's levers in words ('Medlemsbidrag +10 % från 2025')."""
    out = []
    for change in scenario.contribution_changes:
        sign = "+" if change.percent >= 0 else "\u2212"
        pct = format_number(abs(change.percent), 1 if change.percent % 1 else 0)
        out.append(f"Medlemsbidrag {sign}{pct}\u00a0% från {change.from_year}")
    for esf in scenario.esf_amounts:
        out.append(f"ESF-medel {esf.year}: {format_number(kr_to_tkr(esf.amount))}\u00a0tkr")
    if scenario.equity_cap_share is not None:
        out.append(f"Tak för eget kapital: {format_percent(float(scenario.equity_cap_share))}")
    if scenario.equity_floor is not None:
        out.append(f"Lägsta eget kapital: {format_number(kr_to_tkr(scenario.equity_floor))}\u00a0tkr")
    return out


# --- Rounding: tkr rows whose totals chain --------------------------------------------


# --- Writing ----------------------------------------------------------------------------


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def put_text(ws, row: int, column: int, text: Any):
    """Write user text as a string cell, never as a formula or an error value."""
    cell = ws.cell(row=row, column=column)
    text = "" if text is None else str(text)
    cell.value = text
    cell.data_type = "s"  # openpyxl makes '=…' a formula and '#N/A' an error
    if looks_like_formula(text):
        cell.quotePrefix = True  # Excel/LibreOffice keep it text when edited
    return cell


def sheet_title(name: str, taken: set[str], index: int) -> str:
    """A valid, unique sheet name (≤31 chars, no []:*?/\\, no edge apostrophes)."""
    clean = re.sub(r"[\[\]:*?/\\\x00-\x1f]", "_", name).strip().strip("'").strip()
    clean = clean or f"Scenario {index}"
    if clean.lower() == "history":  # reserved by Excel
        clean = f"{clean} ({index})"
    base = clean[:31]
    candidate, n = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def sheet_ref(title: str, cell: str) -> str:
    return "'" + title.replace("'", "''") + "'!" + cell


@dataclass
class _SheetLayout:
    title: str
    year_columns: dict[int, str]  # year -> column letter
    row_of: dict[str, int]  # row key -> sheet row


def ceiling_share(projection: Projection, year: int) -> Fraction | None:
    """The year's ceiling as a share of its contributions (None without contributions)."""
    row = projection.year(year)
    if projection.scenario.equity_cap_share is not None:
        return Fraction(projection.scenario.equity_cap_share)
    if not row.contributions:
        return None
    return Fraction(row.equity_cap, row.contributions).limit_denominator(1000)


def _write_scenario_sheet(ws, entry: ScenarioEntry, *, title: str, created: date,
                          labels: Mapping[str, str] | None, status: str = "") -> _SheetLayout:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    plan, projection = entry.plan, entry.projection
    rows = budget_rows(plan, projection, labels)
    years = [yp.year for yp in projection.years]
    bold = Font(name="Calibri", bold=True)
    thin = Side(style="thin", color="808080")
    outcome_fill = PatternFill("solid", fgColor="EDEDED")

    put_text(ws, 1, 1, title).font = Font(name="Calibri", bold=True, size=14)
    put_text(ws, 2, 1, "Scenario: " + entry.name).font = Font(name="Calibri", bold=True, size=12)
    put_text(ws, 3, 1, f"{plan.name} · belopp i tkr · skapad {created.isoformat()}")
    extra = [text for text in (status, entry.description) if text]
    for i, text in enumerate(extra):
        put_text(ws, 4 + i, 1, text).font = Font(name="Calibri", italic=True, bold=(text == status))
    header_row = 5 + len(extra)
    put_text(ws, header_row, 1, "tkr").font = bold
    columns = {}
    for j, y in enumerate(years):
        col = get_column_letter(2 + j)
        columns[y] = col
        cell = put_text(ws, header_row, 2 + j, year_label(plan, y, labels))
        cell.font = bold
        cell.alignment = Alignment(horizontal="right")
        cell.border = Border(bottom=thin)
        if plan.is_outcome(y):
            cell.fill = outcome_fill
    ws.cell(row=header_row, column=1).border = Border(bottom=thin)

    # Sheet rows: headings, then the budget rows in order.
    row_of: dict[str, int] = {}
    r = header_row + 1
    placed: list[tuple[int, BudgetRow]] = []
    for budget_row in rows:
        if budget_row.key == "contributions":
            put_text(ws, r, 1, HEADINGS["financing"]).font = Font(name="Calibri", bold=True, italic=True)
            r += 1
        if budget_row.key.startswith("group:") and not any(k.startswith("group:") for k in row_of):
            r += 1
            put_text(ws, r, 1, HEADINGS["costs"]).font = Font(name="Calibri", bold=True, italic=True)
            r += 1
        if budget_row.key == "closing_equity":
            r += 1
        row_of[budget_row.key] = r
        placed.append((r, budget_row))
        r += 1

    def parts(prefix_keys: Sequence[str]) -> list[int]:
        return [row_of[k] for k in prefix_keys if k in row_of]

    member_keys = [b.key for _, b in placed if b.key.startswith("member:") or b.key == "unallocated"]
    esf_keys = [f"income:{line.id}" for line in plan.income if line.kind == "esf"]
    other_keys = [f"income:{line.id}" for line in plan.income if line.kind == "other"]
    group_keys = [b.key for _, b in placed if b.key.startswith("group:")]

    def sum_formula(col: str, sheet_rows: list[int]) -> str:
        if not sheet_rows:
            return "=0"
        sheet_rows = sorted(sheet_rows)
        if sheet_rows == list(range(sheet_rows[0], sheet_rows[-1] + 1)):
            return f"=SUM({col}{sheet_rows[0]}:{col}{sheet_rows[-1]})"
        return "=SUM(" + ",".join(f"{col}{n}" for n in sheet_rows) + ")"

    for j, y in enumerate(years):
        col = columns[y]
        prev_col = columns[years[j - 1]] if j else None
        for sheet_row, b in placed:
            key = b.key
            formula: str | None = None
            if key == "contributions":
                formula = sum_formula(col, parts(member_keys))
            elif key == "opening_equity" and prev_col:
                formula = f"={prev_col}{row_of['closing_equity']}"
            elif key == "esf" and parts(esf_keys):
                formula = sum_formula(col, parts(esf_keys))
            elif key == "other_income" and parts(other_keys):
                formula = sum_formula(col, parts(other_keys))
            elif key == "available":
                terms = [f"{col}{row_of[k]}" for k in ("contributions", "opening_equity", "esf", "other_income")
                         if k in row_of]
                formula = "=" + "+".join(terms)
            elif key.startswith("group:"):
                group = key.split(":", 1)[1]
                formula = sum_formula(
                    col, parts([f"line:{c.id}" for c in plan.costs if c.group == group])
                )
            elif key == "costs":
                formula = sum_formula(col, parts(group_keys))
            elif key == "closing_equity":
                formula = f"={col}{row_of['available']}-{col}{row_of['costs']}"
            elif key == "result":
                formula = f"={col}{row_of['available']}-{col}{row_of['opening_equity']}-{col}{row_of['costs']}"
            cell = ws[f"{col}{sheet_row}"]
            cell.value = formula if formula else int(b.values.get(y, 0))
            cell.number_format = TKR_FORMAT
            if b.total or key == "closing_equity":
                cell.font = bold
            if plan.is_outcome(y):
                cell.fill = outcome_fill
            if key in ("available", "costs", "closing_equity"):
                cell.border = Border(top=thin)

    for sheet_row, b in placed:
        label = ("\u2013 " if b.level else "") + b.label
        cell = put_text(ws, sheet_row, 1, label)
        if b.total or b.key == "closing_equity":
            cell.font = bold
        if b.level:
            cell.alignment = Alignment(indent=1)
        if b.key in ("available", "costs", "closing_equity"):
            cell.border = Border(top=thin)

    # Memo rows: the equity ratio (formula) and the recommended ceiling (engine, tkr).
    r = row_of["closing_equity"] + 2
    put_text(ws, r, 1, EXTRA_LABELS["equity_ratio"])
    put_text(ws, r + 1, 1, EXTRA_LABELS["equity_cap"])
    for y in years:
        col = columns[y]
        closing, contrib = f"{col}{row_of['closing_equity']}", f"{col}{row_of['contributions']}"
        ratio = ws[f"{col}{r}"]
        ratio.value = f'=IF({contrib}=0,"",{closing}/{contrib})'
        ratio.number_format = PERCENT_FORMAT
        cap = ws[f"{col}{r + 1}"]
        share = ceiling_share(projection, y)
        # a formula on the contributions row, so the ceiling follows an edited contribution
        cap.value = (f"=ROUND({float(share)!r}*{contrib},0)" if share is not None
                     else kr_to_tkr(projection.year(y).equity_cap))
        cap.number_format = TKR_FORMAT
    r += 3

    assumptions = [assumption_text(a) for a in entry.assumptions] or [
        (text, "Scenario") for text in describe_levers(projection.scenario)
    ]
    if assumptions:
        put_text(ws, r, 1, EXTRA_LABELS["assumptions"]).font = bold
        r += 1
        for text, source in assumptions:
            put_text(ws, r, 1, text)
            if source:
                put_text(ws, r, 2, source)
            r += 1

    label_width = max([len(("– " if b.level else "") + b.label) for b in rows] + [len(EXTRA_LABELS["equity_ratio"])])
    ws.column_dimensions["A"].width = min(60, label_width + 3)
    for col in columns.values():
        ws.column_dimensions[col].width = 13
    ws.freeze_panes = ws[f"B{header_row + 1}"]
    ws.page_setup.orientation = "landscape" if len(years) > 5 else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    return _SheetLayout(ws.title, columns, row_of)


def _write_comparison_sheet(ws, entries: Sequence[ScenarioEntry], layouts: Sequence[_SheetLayout],
                            *, title: str, created: date, labels: Mapping[str, str] | None) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    bold = Font(name="Calibri", bold=True)
    thin = Side(style="thin", color="808080")
    years: list[int] = []
    for e in entries:
        years += [yp.year for yp in e.projection.years if yp.year not in years]
    years.sort()
    reference = entries[0]
    ref_layout = layouts[0]

    put_text(ws, 1, 1, title).font = Font(name="Calibri", bold=True, size=14)
    put_text(ws, 2, 1, EXTRA_LABELS["closing_by_scenario"]).font = Font(name="Calibri", bold=True, size=12)
    put_text(ws, 3, 1, f"Referens: {reference.name} · skapad {created.isoformat()}")
    header = 5
    put_text(ws, header, 1, "Scenario").font = bold
    for j, y in enumerate(years):
        basis_plan = next((e.plan for e in entries if y in e.plan.basis), reference.plan)
        cell = put_text(ws, header, 2 + j, year_label(basis_plan, y, labels))
        cell.font = bold
        cell.alignment = Alignment(horizontal="right")
        cell.border = Border(bottom=thin)
    ws.cell(row=header, column=1).border = Border(bottom=thin)

    r = header + 1
    value_row: list[int] = []
    for entry, layout in zip(entries, layouts):
        put_text(ws, r, 1, entry.name)
        for j, y in enumerate(years):
            if y not in layout.year_columns:
                continue
            cell = ws.cell(row=r, column=2 + j)
            cell.value = "=" + sheet_ref(layout.title, f"{layout.year_columns[y]}{layout.row_of['closing_equity']}")
            cell.number_format = TKR_FORMAT
        value_row.append(r)
        r += 1
    r += 1
    put_text(ws, r, 1, f"{EXTRA_LABELS['difference']} {reference.name} (tkr)").font = bold
    r += 1
    for entry, layout, vr in zip(entries[1:], layouts[1:], value_row[1:]):
        put_text(ws, r, 1, entry.name)
        for j, y in enumerate(years):
            if y not in layout.year_columns or y not in ref_layout.year_columns:
                continue
            col = get_column_letter(2 + j)
            cell = ws.cell(row=r, column=2 + j)
            cell.value = f"={col}{vr}-{col}{value_row[0]}"
            cell.number_format = TKR_FORMAT
        r += 1
    # What each member pays extra in each scenario against the reference (kr, engine figures).
    for entry in entries[1:]:
        rows = contribution_rows(entry.plan, reference.projection, entry.projection)
        open_years = [y for y in years if y in entry.plan.basis and not entry.plan.is_outcome(y)]
        if not rows or not any(r["total_diff"] for r in rows):
            continue
        r += 1
        put_text(ws, r, 1, f"{EXTRA_LABELS['member_extra']}: {entry.name} (kr)").font = bold
        r += 1
        first = r
        for member_row in rows:
            put_text(ws, r, 1, member_row["member"].name)
            for y in open_years:
                cell = ws.cell(row=r, column=2 + years.index(y))
                cell.value = int(member_row["years"][y][2]) if y in member_row["years"] else 0
                cell.number_format = TKR_FORMAT
            r += 1
        put_text(ws, r, 1, EXTRA_LABELS["total"]).font = bold
        for y in open_years:
            col = get_column_letter(2 + years.index(y))
            cell = ws.cell(row=r, column=2 + years.index(y))
            cell.value = f"=SUM({col}{first}:{col}{r - 1})"
            cell.number_format = TKR_FORMAT
            cell.font = bold
        r += 1
    ws.column_dimensions["A"].width = min(60, max(len(e.name) for e in entries) + len(EXTRA_LABELS["difference"]) + 12)
    for j in range(len(years)):
        ws.column_dimensions[get_column_letter(2 + j)].width = 13
    ws.freeze_panes = ws[f"B{header + 1}"]
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def scenario_workbook(
    entries: Iterable[Any],
    *,
    title: str,
    created: date,
    labels: Mapping[str, str] | None = None,
    status: str = "",
) -> bytes:
    """The .xlsx bytes: one budget sheet per scenario (in the given order), then a
    comparison sheet ("Jämförelse") when there are two or more scenarios. `status`
    (e.g. "Utkast") is printed under every sheet's title."""
    from openpyxl import Workbook

    items = as_entries(entries)
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = {EXTRA_LABELS["comparison"]} if len(items) > 1 else set()
    layouts = []
    for i, entry in enumerate(items, start=1):
        ws = wb.create_sheet(sheet_title(entry.name, taken, i))
        layouts.append(_write_scenario_sheet(ws, entry, title=title, created=created, labels=labels,
                                             status=status))
    if len(items) > 1:
        ws = wb.create_sheet(EXTRA_LABELS["comparison"])
        _write_comparison_sheet(ws, items, layouts, title=title, created=created, labels=labels)
    wb.properties.title = title
    wb.properties.creator = "finsam-planner"
    wb.properties.language = "sv-SE"
    # Ask the reader to recalculate on open: formulas carry no cached values.
    wb.calculation.fullCalcOnLoad = True
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
