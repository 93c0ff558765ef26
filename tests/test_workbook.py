"""The board-paper workbook: layout, formulas, text safety, and LibreOffice recalculation."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scenarios.engine import project
from scenarios.levers import ContributionChange, Scenario
from scenarios.numformat import kr_to_tkr
from scenarios.frames import budget_rows as chained_budget_rows
from scenarios.workbook import scenario_workbook, sheet_title

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "workbook"
CREATED = date(2025, 3, 1)
UP10 = Scenario("+10 % medlemsbidrag från 2025", (ContributionChange(2025, Decimal("10")),))
NASTY = ['=HYPERLINK("x")', "+10 % medlemsbidrag", "-5", "@SUM(A1)", "#N/A"]

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(
    LIBREOFFICE is None and not os.environ.get("CI"),
    reason="LibreOffice not installed (apt-get install libreoffice-calc-nogui); required under CI",
)


def _entries(plans, rules):
    plan = plans["sodra-lappland"]
    return [
        ("Basplan", plan, project(plan, rules)),
        (UP10.name, plan, project(plan, rules, UP10), ["Medlemmarna höjer bidragen med 10 % från 2025"]),
    ]


@pytest.fixture(scope="module")
def workbook_bytes(plans, rules):
    data = scenario_workbook(_entries(plans, rules), title="Södra Lappland – budget", created=CREATED)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "sodra-lappland.xlsx").write_bytes(data)
    return data


def _find_row(ws, label: str) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == label:
            return row[0].row
    raise AssertionError(f"no row {label!r}")


# --- Rounding ----------------------------------------------------------------------------


@pytest.mark.parametrize("fid", ["sodra-lappland", "sodra-norrbotten", "sydnarke", "jamtland"])
@pytest.mark.parametrize("percent", ["0", "10", "-7.77", "3.3333"])
def test_chained_rows_hold_as_a_spreadsheet(plans, rules, fid, percent):
    plan = plans[fid]
    scenario = Scenario("x", (ContributionChange(plan.first_open_year, Decimal(percent)),))
    projection = project(plan, rules, scenario)
    rows = {r.key: r for r in chained_budget_rows(plan, projection)}
    previous = None
    for yp in projection.years:
        y = yp.year
        v = lambda key: rows[key].values[y] if key in rows else 0  # noqa: E731
        assert v("closing_equity") == kr_to_tkr(yp.closing_equity)  # the key figure is exact
        assert v("available") == v("contributions") + v("opening_equity") + v("esf") + v("other_income")
        assert v("closing_equity") == v("available") - v("costs")
        assert v("opening_equity") == (kr_to_tkr(yp.opening_equity) if previous is None else previous)
        members = [r for k, r in rows.items() if k.startswith("member:") or k == "unallocated"]
        assert sum(r.values[y] for r in members) == v("contributions")
        groups = [k for k in rows if k.startswith("group:")]
        assert sum(rows[g].values[y] for g in groups) == v("costs")
        for key, exact in (("available", yp.available), ("costs", yp.costs), ("contributions", yp.contributions)):
            assert abs(v(key) - kr_to_tkr(exact)) <= 1
        previous = v("closing_equity")


def test_whole_tkr_plan_is_exact(plans, rules):
    plan = plans["sodra-lappland"]
    projection = project(plan, rules)
    rows = {r.key: r for r in chained_budget_rows(plan, projection)}
    for yp in projection.years:
        assert rows["available"].values[yp.year] == kr_to_tkr(yp.available)
        assert rows["costs"].values[yp.year] == kr_to_tkr(yp.costs)
        assert rows["contributions"].values[yp.year] == kr_to_tkr(yp.contributions)


# --- Structure ----------------------------------------------------------------------------


def test_sheets_layout_and_numbers(workbook_bytes):
    wb = load_workbook(io.BytesIO(workbook_bytes))
    assert wb.sheetnames == ["Basplan", "+10 % medlemsbidrag från 2025", "Jämförelse"]
    ws = wb["Basplan"]
    assert [ws.cell(row=5, column=c).value for c in range(2, 6)] == [
        "Budget 2023", "Budget 2024", "Plan 2025", "Plan 2026"]
    lycksele = _find_row(ws, "– Lycksele kommun")
    assert ws.cell(row=lycksele, column=2).value == 326
    assert ws.cell(row=lycksele, column=2).data_type == "n"  # numbers, not text
    assert "#,##0" in ws.cell(row=lycksele, column=2).number_format
    opening = _find_row(ws, "Ingående eget kapital")
    assert ws.cell(row=opening, column=2).value == 2670  # first year: a number


def test_formulas_where_a_reader_expects_them(workbook_bytes):
    wb = load_workbook(io.BytesIO(workbook_bytes))
    ws = wb["Basplan"]
    r = {label: _find_row(ws, label) for label in (
        "Finansiering från medlemmar", "Ingående eget kapital", "ESF-medel", "Summa medel att disponera",
        "Styrelsen", "– Fasta arvoden", "– Övrigt (styrelsen)", "Summa kostnader", "Utgående eget kapital")}
    assert ws[f"C{r['Finansiering från medlemmar']}"].value.startswith("=SUM(C")
    assert ws[f"C{r['Styrelsen']}"].value == f"=SUM(C{r['– Fasta arvoden']}:C{r['– Övrigt (styrelsen)']})"
    assert ws[f"D{r['Summa medel att disponera']}"].value == (
        f"=D{r['Finansiering från medlemmar']}+D{r['Ingående eget kapital']}+D{r['ESF-medel']}")
    assert ws[f"E{r['Summa kostnader']}"].value.startswith("=SUM(")
    assert ws[f"E{r['Utgående eget kapital']}"].value == (
        f"=E{r['Summa medel att disponera']}-E{r['Summa kostnader']}")
    # the roll-forward: each opening equity is last year's closing-equity cell
    assert ws[f"C{r['Ingående eget kapital']}"].value == f"=B{r['Utgående eget kapital']}"
    assert ws[f"E{r['Ingående eget kapital']}"].value == f"=D{r['Utgående eget kapital']}"

    cmp_ws = wb["Jämförelse"]
    assert cmp_ws["B6"].value == f"='Basplan'!B{r['Utgående eget kapital']}"
    assert cmp_ws["E7"].value.startswith("='+10 % medlemsbidrag från 2025'!E")
    diff = _find_row(cmp_ws, "Skillnad mot Basplan (tkr)") + 1
    assert cmp_ws[f"E{diff}"].value == "=E7-E6"


def test_formula_like_text_stays_text(plans, rules):
    plan = plans["sodra-lappland"]
    projection = project(plan, rules)
    entries = [(name, plan, projection, [name]) for name in NASTY[:4]]
    data = scenario_workbook(entries, title="=cmd|' /C calc'!A0", created=CREATED)
    wb = load_workbook(io.BytesIO(data))
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in NASTY + ["=cmd|' /C calc'!A0"]:
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                    seen.add(cell.value)
                    if cell.value[0] in "=+-@":
                        assert cell.quotePrefix
    assert {"=cmd|' /C calc'!A0", *NASTY[:4]} <= seen
    # and a line name that looks like a formula or an error code
    from dataclasses import replace

    weird = replace(plan, costs=tuple(replace(c, name=NASTY[i % len(NASTY)]) if i < 5 else c
                                      for i, c in enumerate(plan.costs)))
    wb = load_workbook(io.BytesIO(scenario_workbook([("x", weird, project(weird, rules))],
                                                    title="t", created=CREATED)))
    labels = [c.value for c in wb["x"]["A"] if isinstance(c.value, str)]
    assert "– =HYPERLINK(\"x\")" in labels and "– #N/A" in labels


def test_sheet_titles_are_valid_and_unique():
    taken: set[str] = set()
    a = sheet_title("Plan: 2025/2026 [utkast]?", taken, 1)
    b = sheet_title("Plan: 2025/2026 [utkast]?", taken, 2)
    c = sheet_title("x" * 40, taken, 3)
    assert a == "Plan_ 2025_2026 _utkast__" and b == a + " (2)" and len(c) == 31
    assert sheet_title("''", taken, 4) == "Scenario 4"


# --- LibreOffice recalculation -----------------------------------------------------------


def _libreoffice_csv(xlsx: bytes, workdir: Path, *, formatted: bool = False) -> dict[str, list[list[str]]]:
    """Every sheet as CSV rows, after LibreOffice loaded and recalculated the file."""
    if LIBREOFFICE is None:
        pytest.fail("LibreOffice is required under CI (apt-get install libreoffice-calc-nogui)")
    workdir.mkdir(parents=True, exist_ok=True)
    src = workdir / "book.xlsx"
    src.write_bytes(xlsx)
    # 44=',' 34='"' 76=UTF-8, row 1, ..., token 9: as shown, token 12 = -1: every sheet
    filt = f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,{str(formatted).lower()},false,false,-1"
    profile = workdir / "lo-profile"
    subprocess.run(
        [LIBREOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", filt,
         "--outdir", str(workdir), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    out = {}
    for path in workdir.glob("book-*.csv"):
        sheet = path.stem.removeprefix("book-")
        out[sheet] = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert out, "LibreOffice wrote no CSV"
    return out


def _row(rows: list[list[str]], label: str) -> list[str]:
    for r in rows:
        if r and r[0] == label:
            return r
    raise AssertionError(f"no row {label!r}")


def _ints(row: list[str]) -> list[int]:
    return [int(float(v)) for v in row[1:] if v != ""]


@needs_libreoffice
def test_libreoffice_recalculates_the_engine_totals(workbook_bytes, plans, rules, tmp_path):
    sheets = _libreoffice_csv(workbook_bytes, tmp_path / "raw")
    base = sheets["Basplan"]
    assert _ints(_row(base, "Summa medel att disponera")) == [6422, 6148, 5717, 5098]
    assert _ints(_row(base, "Summa kostnader")) == [4326, 4483, 4371, 4071]
    assert _ints(_row(base, "Utgående eget kapital")) == [2096, 1665, 1346, 1027]
    assert _ints(_row(base, "Ingående eget kapital")) == [2670, 2096, 1665, 1346]
    assert _ints(_row(base, "Projektkostnader")) == [2335, 2473, 2756, 2456]

    plan = plans["sodra-lappland"]
    for sheet_name, scenario in (("Basplan", Scenario()), (UP10.name, UP10)):
        projection = project(plan, rules, scenario)
        rows = sheets[sheet_name]
        expected = {r.key: [r.values[y.year] for y in projection.years]
                    for r in chained_budget_rows(plan, projection)}
        assert _ints(_row(rows, "Utgående eget kapital")) == [kr_to_tkr(y.closing_equity) for y in projection.years]
        assert _ints(_row(rows, "Summa kostnader")) == [kr_to_tkr(y.costs) for y in projection.years]
        assert _ints(_row(rows, "Summa medel att disponera")) == expected["available"]
        assert _ints(_row(rows, "Finansiering från medlemmar")) == expected["contributions"]
    up = sheets[UP10.name]
    assert _ints(_row(up, "Utgående eget kapital")) == [2096, 1665, 1721, 1777]
    assert _ints(_row(up, "Finansiering från medlemmar")) == [3752, 3752, 4127, 4127]

    cmp_rows = sheets["Jämförelse"]
    assert _ints(_row(cmp_rows, "Basplan")) == [2096, 1665, 1346, 1027]
    assert _ints(_row(cmp_rows, UP10.name))[:4] == [2096, 1665, 1721, 1777]
    diff = cmp_rows[cmp_rows.index(_row(cmp_rows, "Skillnad mot Basplan (tkr)")) + 1]
    assert _ints(diff) == [0, 0, 375, 750]


@needs_libreoffice
def test_libreoffice_shows_swedish_numbers_and_literal_text(plans, rules, tmp_path):
    plan = plans["sydnarke"]  # equity goes negative with −5 % from 2024
    entries = [
        ("Basplan", plan, project(plan, rules)),
        ('=HYPERLINK("x")', plan, project(plan, rules, Scenario("m", (ContributionChange(2024, Decimal("-5")),))),
         ["+10 % medlemsbidrag", "-5"]),
    ]
    data = scenario_workbook(entries, title="Sydnärke", created=CREATED)
    (ARTIFACTS / "sydnarke-formula-names.xlsx").write_bytes(data)
    sheets = _libreoffice_csv(data, tmp_path / "shown", formatted=True)
    rows = sheets['=HYPERLINK("x")']
    assert rows[1][0] == 'Scenario: =HYPERLINK("x")'
    assert _row(rows, "+10 % medlemsbidrag") and _row(rows, "-5")
    closing = _row(rows, "Utgående eget kapital")
    assert closing[1] == "1\u00a0123"  # thousands with a no-break space
    assert closing[-1] == "\u2212705"  # the minus sign, not a hyphen
    assert _row(rows, "Eget kapital i % av medlemsbidragen")[1] == "18,6 %"  # decimal comma
    assert _row(sheets["Jämförelse"], '=HYPERLINK("x")')[1] == "1\u00a0123"


def test_what_each_member_pays_extra_and_the_result_of_the_year(workbook_bytes, plans, rules):
    """The comparison sheet lists each member's extra payment against the reference in
    kr (the engine's figures) with a total; every budget sheet has 'Årets resultat' as
    a formula (available − opening − costs)."""
    wb = load_workbook(io.BytesIO(workbook_bytes))
    ws = wb["Jämförelse"]
    start = _find_row(ws, f"Vad varje medlem betalar extra mot referensen: {UP10.name} (kr)")
    plan = plans["sodra-lappland"]
    base, up = project(plan, rules), project(plan, rules, UP10)
    lycksele = next(r for r in range(start, start + 20) if ws.cell(row=r, column=1).value == "Lycksele kommun")
    expected = up.year(2025).contributions_by_member["lycksele"] - base.year(2025).contributions_by_member["lycksele"]
    assert ws.cell(row=lycksele, column=4).value == expected and expected > 0
    total = next(r for r in range(start, start + 20) if ws.cell(row=r, column=1).value == "Totalt")
    assert ws.cell(row=total, column=4).value.startswith("=SUM(")
    sheet = wb[UP10.name]
    result = _find_row(sheet, "Årets resultat")
    assert str(sheet.cell(row=result, column=2).value).startswith("=")
