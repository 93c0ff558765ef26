"""Budget files (.xlsx/.csv/.toml): import, checks with findings, export and round trip."""

from __future__ import annotations

import dataclasses
import io
import tomllib

import pytest
from openpyxl import Workbook, load_workbook

from scenarios import budget_file as bf
from scenarios.engine import YearProjection, project
from scenarios.seedfile import parse_seed

from .conftest import FEDERATION_IDS

# --- A federation none of the seeds contains: the example, in tkr ---------------
#
# Contributions every year: 3000 + 1500 + 700 = 5200 tkr. Costs (Summa kostnader):
#   2024: 299,5 + 1700 + 150,5 + 200 + 2500 = 4850 2025: 300 + 1750 + 150 + 200 + 2500 = 4900
#   2026: 300 + 1800 + 150 + 200 + 2500 = 4950     2027: 300 + 1850 + 150 + 200 + 0    = 2500
# Result = contributions + ESF − costs:
#   2024: 5200 + 2160 − 4850 = 2510    2025: 5200 + 2160 − 4900 = 2460
#   2026: 5200 + 0 − 4950 = 250        2027: 5200 + 0 − 2500 = 2700
# Closing equity: 2400 + 2510 = 4910; + 2460 = 7370; + 250 = 7620; + 2700 = 10320.
EXAMPLE = [
    ["Förbund", "Samordningsförbundet Norrort"],
    ["Rad", "Typ", "Utfall 2024", "Budget 2025", "Plan 2026", "Plan 2027"],
    ["Enhet", "tkr"],
    ["Ingående eget kapital", "ingående eget kapital", 2400, None, None, None],
    ["Försäkringskassan", "stat", 3000, 3000, 3000, 3000],
    ["Arbetsförmedlingen", "stat", None, None, None, None],
    ["Region Stockholm", "region", 1500, 1500, 1500, 1500],
    ["Täby kommun", "kommun", 700, 700, 700, 700],
    ["ESF-projekt Lumena", "esf", 2160, 2160, 0, 0],
    ["Styrelse", "styrelse", 299.5, 300, 300, 300],  # decimals: '299,5' in the csv
    ["Kansli", "kansli", 1700, 1750, 1800, 1850],
    ["Lokaler", "lokaler", 150.5, 150, 150, 150],
    ["Övrig administration", "övrig administration", 200, 200, 200, 200],
    ["Insats Steget vidare", "insats", 2500, 2500, 2500, 0],
    ["Summa kostnader", "summa kostnader", 4850, 4900, 4950, 2500],
    ["Årets resultat", "årets resultat", 2510, 2460, 250, 2700],
    ["Utgående eget kapital", "utgående eget kapital", 4910, 7370, 7620, 10320],
]
EXAMPLE_CLOSING_KR = {2024: 4_910_000, 2025: 7_370_000, 2026: 7_620_000, 2027: 10_320_000}
SUMMA_KOSTNADER_ROW = 15  # 1-based row of 'Summa kostnader' in EXAMPLE


def rows_copy(rows=EXAMPLE) -> list[list]:
    return [list(r) for r in rows]


def xlsx_bytes(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def swedish(value) -> str:
    """A number as Swedish Excel writes it in a CSV: '2 400' (NBSP), '12,5'."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        text = f"{value:,}".replace(",", "\u00a0").replace(".", ",")
        return text.replace("-", "\u2212")
    return str(value)


def csv_bytes(rows: list[list], *, sep=";", encoding="utf-8-sig", cell=swedish) -> bytes:
    return "\r\n".join(sep.join(cell(v) for v in row) for row in rows).encode(encoding)


def codes(result) -> list[str]:
    return [f.code for f in result.errors]


def assert_same_projection(before, after) -> None:
    assert len(before.years) == len(after.years)
    for old, new in zip(before.years, after.years):
        for field in dataclasses.fields(YearProjection):
            assert getattr(new, field.name) == getattr(old, field.name), (old.year, field.name)


# --- Round trip of the seeded federations --------------------------------------------------


def export(plan, fmt: str, unit: int = 1) -> tuple[bytes, str]:
    if fmt == "csv":
        return bf.write_csv(plan, unit=unit), "budget.csv"
    if fmt == "xlsx":
        return bf.write_xlsx(plan, unit=unit), "budget.xlsx"
    return bf.write_toml(plan).encode("utf-8"), "budget.toml"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "toml"])
@pytest.mark.parametrize("federation", FEDERATION_IDS)
def test_seeded_federation_round_trips_to_the_krona(plans, rules, federation, fmt):
    plan = plans[federation]
    data, filename = export(plan, fmt)
    result = bf.read_budget_file(data, filename, federation_id=f"{federation}-kopia", name="Kopia")

    assert result.ok, [f.text("en") for f in result.errors]
    copy = result.plan
    assert (copy.federation_id, copy.name) == (f"{federation}-kopia", "Kopia")
    assert_same_projection(project(plan, rules), project(copy, rules))
    # Ids, keys, pays, groups, dates and amounts come back as they were.
    assert copy.members == plan.members
    assert copy.income == plan.income
    assert [(c.id, c.group, c.name, c.start, c.end, dict(c.amounts)) for c in copy.costs] == [
        (c.id, c.group, c.name, c.start, c.end, dict(c.amounts)) for c in plan.costs
    ]
    assert copy.contributions == plan.contributions
    assert copy.unallocated_contributions == plan.unallocated_contributions
    assert (copy.years, dict(copy.basis), copy.opening_equity) == (plan.years, dict(plan.basis), plan.opening_equity)
    # Only the seed format knows which years are our assumptions.
    assert copy.assumed_years == (plan.assumed_years if fmt == "toml" else frozenset())
    assert result.unit == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("federation", FEDERATION_IDS)
def test_tkr_export_is_exact_too(plans, rules, federation, fmt):
    plan = plans[federation]
    data, filename = export(plan, fmt, unit=1000)
    result = bf.read_budget_file(data, filename)
    assert result.ok and result.unit == 1000
    assert_same_projection(project(plan, rules), project(result.plan, rules))


def test_write_toml_is_the_seed_format(plans):
    plan = plans["sydnarke"]
    text = bf.write_toml(plan)
    records = parse_seed(tomllib.loads(text))
    assert records.federation["id"] == "sydnarke"
    assert "Export från finsam-planner" in text
    assert bf.plan_from_records(records) == plan


def test_plan_from_records_matches_the_store(plans):
    from scenarios.store import read_seed_documents

    for records in read_seed_documents():
        assert bf.plan_from_records(records) == plans[records.federation["id"]]


def test_export_writes_extra_columns_only_where_needed(plans):
    header = bf.table_rows(plans["sodra-lappland"])[1]
    # Lappland's ids are not slugs of the names and its keys are tkr weights: both written;
    # it has no population and no project ids.
    assert header[-4:] == ["Start", "Slut", "Nyckel", "Id"]
    template = bf.read_budget_file(bf.template_xlsx(), "mall.xlsx").plan
    header = bf.table_rows(template)[1]
    assert header == ["Rad", "Typ", "Utfall 2024", "Budget 2025", "Plan 2026", "Plan 2027"]


# --- A federation typed by hand -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_hand_made_federation_projects_as_computed_by_hand(rules, kind):
    if kind == "xlsx":
        result = bf.read_budget_file(xlsx_bytes(EXAMPLE), "norrort.xlsx")
    else:
        result = bf.read_budget_file(csv_bytes(EXAMPLE), "norrort.csv")

    assert result.ok, [f.text("en") for f in result.errors]
    assert result.unit == 1000
    plan = result.plan
    assert plan.federation_id == "norrort"  # the name without the common prefix
    assert plan.name == "Samordningsförbundet Norrort"
    assert plan.basis == {2024: "outcome", 2025: "budget", 2026: "plan", 2027: "plan"}
    assert plan.opening_equity == 2_400_000
    assert plan.assumed_years == frozenset()
    projection = project(plan, rules)
    assert {row.year: row.closing_equity for row in projection.years} == EXAMPLE_CLOSING_KR
    assert projection.year(2024).costs == 4_850_000
    assert projection.year(2024).costs_by_group["board"] == 299_500
    assert projection.year(2025).esf == 2_160_000
    assert projection.year(2027).costs_by_group["projects"] == 0
    af = plan.member("arbetsformedlingen")
    assert (af.kind, af.pays) == ("state", False)
    taby = plan.member("taby-kommun")
    assert (taby.kind, taby.municipal_key) == ("municipality", 700_000.0)  # its 2025 budget contribution
    assert {c.group for c in plan.costs} == {"board", "office_staff", "premises", "other_admin", "projects"}
    # 3000/5200 to the state is far from half: a warning per year, the plan still built.
    assert [f.code for f in result.warnings] == ["split_off"] * 4


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_wrong_summa_kostnader_is_refused_naming_the_cell(kind):
    rows = rows_copy()
    rows[SUMMA_KOSTNADER_ROW - 1][3] = 4950  # Budget 2025: the parts give 4900
    data = xlsx_bytes(rows) if kind == "xlsx" else csv_bytes(rows)
    result = bf.read_budget_file(data, f"norrort.{kind}")

    assert result.plan is None and not result.ok
    [finding] = result.errors
    assert finding.code == "total_mismatch"
    assert (finding.row, finding.column, finding.cell) == (SUMMA_KOSTNADER_ROW, "Budget 2025", "D15")
    assert finding.params["printed"] == 4950 and finding.params["computed"] == 4900
    assert finding.text("sv") == (
        "Rad 15, kolumn 'Budget 2025' (cell D15): 'Summa kostnader' 2025 är 4\u00a0950 tkr, "
        "men delarna ger 4\u00a0900 tkr (skillnad 50)."
    )
    assert finding.text("en").startswith("Row 15, column 'Budget 2025' (cell D15): 'Summa kostnader' 2025 is 4,950 tkr")


def test_one_tkr_off_in_a_tkr_file_is_a_rounding_warning():
    rows = rows_copy()
    rows[SUMMA_KOSTNADER_ROW - 1][2] = 4851
    rows[15][2] = 2509  # Årets resultat follows the printed total
    result = bf.parse_budget_rows(rows)
    assert result.ok
    assert [f.code for f in result.warnings].count("total_rounding") == 2


def test_in_a_kr_file_totals_must_be_exact():
    rows = [[int(v * 1000) if isinstance(v, (int, float)) else v for v in row] for row in rows_copy()]
    rows[2][1] = "kr"
    assert bf.parse_budget_rows(rows).ok
    rows[SUMMA_KOSTNADER_ROW - 1][2] += 1
    assert codes(bf.parse_budget_rows(rows)) == ["total_mismatch"]


# --- Bad inputs: each gives its error code, at its cell ------------------------------------


def _set(row: int, col: int, value):
    def change(rows):
        rows[row - 1][col] = value
    return change


def _insert(at: int, row: list):
    def change(rows):
        rows.insert(at - 1, row)
    return change


def _delete(at: int):
    def change(rows):
        del rows[at - 1]
    return change


def _no_members(rows):
    del rows[15:17]  # Årets resultat and Utgående eget kapital would count the contributions
    del rows[4:8]


BAD_INPUTS = {
    "unknown_type": (_set(11, 1, "kanslii"), 11, "B11"),
    "unknown_total": (_set(15, 1, "summa övrigt"), 15, "B15"),
    "missing_type": (_set(11, 1, None), 11, "B11"),
    "bad_year_header": (_set(2, 4, "Prognos 2026"), 2, "E2"),
    "negative_contribution": (_set(8, 3, -700), 8, "D8"),
    "missing_unit": (_delete(3), None, None),
    "unknown_unit": (_set(3, 1, "mkr"), 3, "B3"),
    "duplicate_name": (_insert(9, ["TÄBY  kommun", "kommun", 0, 0, 0, 0]), 9, "A9"),
    "not_a_number": (_set(10, 4, "3OO"), 10, "E10"),
    "years_not_consecutive": (_set(2, 5, "Plan 2028"), 2, "C2"),
    "basis_order": (lambda rows: rows[1].__setitem__(slice(2, 4), ["Budget 2024", "Utfall 2025"]), 2, "D2"),
    "duplicate_year": (_set(2, 5, "Plan 2026"), 2, "F2"),
    "total_mismatch": (_set(17, 5, 10300), 17, "F17"),
    "opening_equity_mismatch": (_set(4, 3, 4900), 4, "D4"),
    "missing_opening_equity": (_set(4, 2, None), 4, "C4"),
    "cell_without_header": (lambda rows: rows[9].append(7), 10, "G10"),
    "no_members": (_no_members, None, None),
    "missing_name": (_set(11, 0, None), 11, "A11"),
}


@pytest.mark.parametrize("code", sorted(BAD_INPUTS))
def test_bad_input_gives_its_error(code):
    change, row, cell = BAD_INPUTS[code]
    rows = rows_copy()
    change(rows)
    result = bf.parse_budget_rows(rows, xlsx=True)
    assert result.plan is None
    assert code in codes(result), [f.text("en") for f in result.errors]
    finding = next(f for f in result.errors if f.code == code)
    assert (finding.row, finding.cell) == (row, cell)
    assert finding.text("sv") and finding.text("en")  # both languages format


@pytest.mark.parametrize("change", [_set(11, 1, "kanslii"), _set(11, 0, None), _set(11, 1, None),
                                    _set(10, 4, "3OO"), _set(2, 4, "Prognos 2026")])
def test_a_part_that_cannot_be_read_is_reported_once_not_in_every_total(change):
    rows = rows_copy()
    change(rows)
    result = bf.parse_budget_rows(rows)
    assert "total_mismatch" not in codes(result)
    assert len(result.errors) <= 2  # Prognos 2026 also leaves a gap in the years


def test_three_problems_give_three_errors():
    rows = rows_copy()
    rows[1][5] = "Prognos 2027"  # header not understood (its column is then left out)
    rows.insert(13, ["Övrigt", "diverse", 0, 0, 0, 0])  # unknown type
    rows[15][3] = "4 9OO"  # Summa kostnader 2025 (row 16 now): not a number
    result = bf.parse_budget_rows(rows)
    assert result.plan is None
    assert sorted((f.code, f.cell) for f in result.errors) == [
        ("bad_year_header", "F2"), ("not_a_number", "D16"), ("unknown_type", "B14")]


# --- CSV dialects and numbers ----------------------------------------------------------------

SMALL = [
    ["Rad", "Typ", "Budget 2025", "Plan 2026"],
    ["Enhet", "tkr"],
    ["Ingående eget kapital", "ingående eget kapital", "2\u00a0400,5", None],
    ["Försäkringskassan", "stat", "1 000", "1000.0"],
    ["Region Västerbotten", "region", "500", "500"],
    ["Åsele kommun", "kommun", "12,5", "12.5"],
    ["Storumans kommun", "kommun", "487,5", "487,5"],
    ["Ränta", "övrig intäkt", "\u22121,2345", "-0,0005"],
    ["Förbundschef", "kansli", "1\u202f000", "0"],
]


def small_kr(result) -> dict:
    plan = result.plan
    return {
        "opening": plan.opening_equity,
        "asele": plan.contributions["asele-kommun"],
        "fk": plan.contributions["forsakringskassan"],
        "ranta": dict(plan.income[0].amounts),
        "chef": dict(plan.costs[0].amounts),
    }


EXPECTED_SMALL = {
    "opening": 2_400_500,
    "asele": {2025: 12_500, 2026: 12_500},
    "fk": {2025: 1_000_000, 2026: 1_000_000},
    "ranta": {2025: -1_235, 2026: -1},  # −1 234,5 kr and −0,5 kr: half away from zero
    "chef": {2025: 1_000_000, 2026: 0},
}


def in_cp1252(text):
    """cp1252 has NBSP but neither the minus sign nor the narrow NBSP."""
    return text.replace("\u2212", "-").replace("\u202f", " ") if text else text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252", "utf-16"])
def test_semicolon_csv_in_any_encoding(encoding):
    rows = [[in_cp1252(v) if encoding == "cp1252" else v for v in row] for row in SMALL]
    result = bf.read_budget_file(csv_bytes(rows, encoding=encoding, cell=lambda v: v or ""), "b.csv")
    assert result.ok, [f.text("en") for f in result.errors]
    assert small_kr(result) == EXPECTED_SMALL
    assert result.plan.members[2].name == "Åsele kommun"


def test_comma_separated_csv_with_quoted_decimals():
    def cell(v):
        return f'"{v}"' if v and "," in v else (v or "")
    result = bf.read_budget_file(csv_bytes(SMALL, sep=",", cell=cell), "b.csv")
    assert result.ok, [f.text("en") for f in result.errors]
    assert small_kr(result) == EXPECTED_SMALL


def test_comma_separated_csv_with_an_unquoted_decimal_comma_is_an_error_with_a_hint():
    rows = [list(r) for r in SMALL]
    data = csv_bytes(rows, sep=",", cell=lambda v: (f'"{v}"' if v and "," in v and v != "487,5" else (v or "")))
    result = bf.read_budget_file(data, "b.csv")
    assert result.plan is None
    finding = next(f for f in result.errors if f.code == "cell_without_header")
    assert finding.row == 7 and finding.cell == "E7"
    assert "citattecken" in finding.text("sv") and "quoted" in finding.text("en")


def test_numbers_as_people_write_them():
    for text, expected in [("3 752", 3752), ("3\u00a0752", 3752), ("−2 317", -2317), ("12,5", 12.5),
                           ("12.5", 12.5), ("+7", 7), ("–", None), ("", None), (" ", None)]:
        value = bf.parse_amount(text)
        assert (value if value is None else float(value)) == expected, text
    for text in ["1,234.5", "1.234.567", "12 kr", "abc", "1e3"]:
        with pytest.raises(ValueError):
            bf.parse_amount(text)


def test_rows_from_a_data_editor_may_hold_nan_for_empty_cells():
    import pandas as pd

    rows = rows_copy()
    rows[5][2:] = [float("nan"), pd.NA, None, float("nan")]  # Arbetsförmedlingen
    rows[3][3:] = [float("nan")] * 3
    result = bf.parse_budget_rows(rows)
    assert result.ok and result.plan.member("arbetsformedlingen").pays is False


def test_sniff_delimiter():
    assert bf.sniff_delimiter("Förbund,Exempel; AB\nRad,Typ,Budget 2025\n") == ","
    assert bf.sniff_delimiter("\nRad;Typ;Budget 2025\n") == ";"
    assert bf.sniff_delimiter("Rad\tTyp\tBudget 2025\n") == "\t"


def test_headers_and_types_ignore_case_and_spacing():
    rows = rows_copy()
    rows[1] = ["RAD", " typ ", "utfall\u00a02024", "BUDGETÅR 2025", "Plan  2026 år", "plan 2027"]
    rows[9][1] = "  Styrelsen "
    rows[12][1] = "ÖVRIG  ADMINISTRATION"
    rows[13][1] = "Projekt"
    rows[14][1] = None  # 'Summa kostnader' in Rad is enough for a total
    result = bf.parse_budget_rows(rows)
    assert result.ok, [f.text("en") for f in result.errors]
    assert [c.group for c in result.plan.costs] == ["board", "office_staff", "premises", "other_admin", "projects"]


def test_headings_and_blank_rows_are_ignored():
    rows = rows_copy()
    rows.insert(4, [])
    rows.insert(4, ["Finansiering", None, None, None, None, None])
    rows.insert(0, ["Budget för Norrort 2025–2027"])
    result = bf.parse_budget_rows(rows)
    assert result.ok
    assert [f.code for f in result.warnings if f.code != "split_off"] == ["heading_ignored"] * 2


def test_extra_columns_are_read():
    rows = [
        ["Rad", "Typ", "Budget 2025", "Plan 2026", "Start", "Slut", "Nyckel", "Befolkning", "Id"],
        ["Enhet", "kr"],
        ["Ingående eget kapital", "ingående eget kapital", 100],
        ["Försäkringskassan", "stat", 2000, 2000, None, None, None, None, "fk"],
        ["Region", "region", 1000, 1000],
        ["Kommun A", "kommun", 600, 600, None, None, 3, 12000, "a"],
        ["Kommun B", "kommun", 400, 400, None, None, 2, 8000],
        ["Insats X", "insats", 3000, 0, "2025-01-01", "2025-12-31", None, None, "x"],
    ]
    result = bf.parse_budget_rows(rows)
    assert result.ok, [f.text("en") for f in result.errors]
    plan = result.plan
    assert [m.id for m in plan.members] == ["fk", "region", "a", "kommun-b"]
    assert [(m.municipal_key, m.population) for m in plan.members[2:]] == [(3.0, 12000), (2.0, 8000)]
    assert (plan.costs[0].id, str(plan.costs[0].start), str(plan.costs[0].end)) == ("x", "2025-01-01", "2025-12-31")
    rows[7][5] = "2024-12-31"
    rows[5][6] = None
    rows[6].append("a")  # Kommun B takes Kommun A's id
    result = bf.parse_budget_rows(rows)
    assert [(f.code, f.cell) for f in result.errors] == [("duplicate_id", "I7"), ("start_after_end", "F8")]
    assert [(f.code, f.cell) for f in result.warnings] == [("missing_key", "G6")]


# --- Warnings ------------------------------------------------------------------------------------


def test_municipal_key_not_derivable_is_a_warning():
    rows = rows_copy()
    rows[7][3:] = [None, None, None]  # Täby only in the 2024 outcome
    # Totals that count contributions no longer hold: drop them (they are optional).
    del rows[15:17]
    result = bf.parse_budget_rows(rows)
    assert result.ok, [f.text("en") for f in result.errors]
    assert "no_municipal_key" in [f.code for f in result.warnings]
    assert result.plan.member("taby-kommun").municipal_key is None


def test_split_warning_names_the_year_column():
    result = bf.parse_budget_rows(rows_copy())
    finding = result.warnings[0]
    assert (finding.code, finding.row, finding.column) == ("split_off", None, "Utfall 2024")
    assert finding.text("sv").startswith("Kolumn 'Utfall 2024': fördelningen 2024 avviker")
    assert "57,7 %" in finding.text("sv") and "57.7 %" in finding.text("en")


# --- previous= (the in-app baseline editor) ----------------------------------------------------


def test_previous_plan_keeps_ids_and_details(plans, rules):
    plan = plans["sodra-lappland"]
    rows = bf.table_rows(plan, totals=False)
    header = rows[1]
    keep = [i for i, label in enumerate(header) if label not in ("Id", "Nyckel", "Start", "Slut")]
    rows = [[row[i] for i in keep] for row in rows]  # a file without the extra columns
    renamed = next(r for r in rows if r[0] == "Förbundschef")
    renamed[0] = "Förbundschef (ny titel)"
    rows.append(["Ny insats", "insats", 0, 0, 100_000, 100_000])
    for row in rows:
        if row[0] == "Lycksele kommun":
            row[0] = "LYCKSELE KOMMUN"  # names match case-insensitively

    result = bf.parse_budget_rows(rows, previous=plan)
    assert result.ok, [f.text("en") for f in result.errors]
    new = result.plan
    assert new.federation_id == plan.federation_id
    assert new.members == tuple(dataclasses.replace(m, name="LYCKSELE KOMMUN") if m.id == "lycksele" else m
                                for m in plan.members)
    ids = [c.id for c in new.costs]
    assert ids[:-1] == [c.id if c.name != "Förbundschef" else "forbundschef-ny-titel" for c in plan.costs]
    assert ids[-1] == "ny-insats"
    kept = {c.id: c for c in new.costs}
    before = {c.id: c for c in plan.costs}
    assert (kept["en-vag-vidare"].start, kept["en-vag-vidare"].end) == (
        before["en-vag-vidare"].start, before["en-vag-vidare"].end)
    # Without previous the same rows get slug ids and derived keys.
    fresh = bf.parse_budget_rows(rows).plan
    assert fresh.members[0].id == "forsakringskassan" and fresh.costs[0].id == "fasta-arvoden"
    assert fresh.member("lycksele-kommun").municipal_key == 326_000.0


# --- Template, files, messages -------------------------------------------------------------------


def test_template_parses_without_findings():
    data = bf.template_xlsx()
    result = bf.read_budget_file(data, "Mall.xlsx")
    assert result.ok and result.findings == ()
    assert result.unit == 1000
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Budget", "Instruktioner"]
    text = " ".join(str(c.value) for row in book["Instruktioner"].iter_rows() for c in row if c.value)
    for typ in ("ingående eget kapital", "stat", "region", "kommun", "esf", "övrig intäkt", "styrelse",
                "kansli", "lokaler", "övrig administration", "insats", "summa kostnader", "utgående eget kapital"):
        assert typ in text
    plan = result.plan
    assert plan.member("arbetsformedlingen").pays is False
    assert sum(plan.contributions["forsakringskassan"].values()) == 4 * 3_000_000


def test_formula_without_a_saved_value_is_an_error_in_an_amount_and_unchecked_in_a_total():
    rows = rows_copy()
    rows[SUMMA_KOSTNADER_ROW - 2][2] = "=2000+500"  # an amount: openpyxl saves no value for it
    result = bf.read_budget_file(xlsx_bytes(rows), "b.xlsx")
    assert codes(result) == ["formula_not_calculated"]
    assert result.errors[0].cell == "C14"
    rows = rows_copy()
    rows[SUMMA_KOSTNADER_ROW - 1][2] = "=SUM(C10:C14)"  # a total nobody calculated prints nothing
    assert bf.read_budget_file(xlsx_bytes(rows), "b.xlsx").ok


def test_the_template_totals_are_formulas_that_follow_edits():
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(bf.template_xlsx())).worksheets[0]
    rows = {r[1].value: r for r in sheet.iter_rows() if r[1].value}
    assert rows["summa kostnader"][3].value == "=D13+D14+D15+D16+D17+D18+D19"
    assert rows["utgående eget kapital"][2].value == "=C4+C21"  # opening + the year's result
    assert rows["utgående eget kapital"][3].value == "=C22+D21"  # the year before's closing + result


@pytest.mark.parametrize("data, name, code", [
    (b"", "budget.xlsx", "empty"),
    (b"Rad;Typ", "budget.pdf", "suffix"),
    (b"\xd0\xcf\x11\xe0", "budget.xls", "old_xls"),
    (b"not a zip", "budget.xlsx", "not_xlsx"),
    (b"PK\x03\x04\x00\x00", "budget.csv", "not_text"),
    (b"[federation\n", "budget.toml", "not_toml"),
])
def test_unreadable_files_raise_one_clean_error(data, name, code):
    with pytest.raises(bf.BudgetFileError) as caught:
        bf.read_budget_file(data, name)
    assert caught.value.code == code
    assert str(caught.value) and caught.value.sv


def test_a_toml_that_breaks_the_seed_format_is_one_finding():
    result = bf.read_budget_file(b'[federation]\nid = "x"\nname = "X"\nunit = 1\n', "x.toml")
    assert result.plan is None and codes(result) == ["seed_error"]


def test_slugify():
    assert bf.slugify("Region Örebro län") == "region-orebro-lan"
    assert bf.slugify("Försäkringskassan (staten)") == "forsakringskassan-staten"
    assert bf.slugify("  ÅÄÖ é--x ") == "aao-e-x"
    assert bf.derived_ids(["Kansli", "kansli", "Kansli 2"]) == ["kansli", "kansli-2", "kansli-2-2"]


# --- Any plan round-trips (property) ---------------------------------------------------------

from datetime import date  # noqa: E402

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from scenarios.model import BASES, COST_GROUPS, CostLine, IncomeLine, Member, Plan  # noqa: E402

NAME_TEXT = st.text(alphabet="abcåäöÅÄÖ XYZé;,\"'=-.()/\u00a0", min_size=1, max_size=12).map(str.strip)


@st.composite
def any_plan(draw) -> Plan:
    first = draw(st.integers(2010, 2030))
    years = tuple(range(first, first + draw(st.integers(1, 6))))
    bases = sorted(draw(st.lists(st.sampled_from(BASES), min_size=len(years), max_size=len(years))),
                   key=BASES.index)
    counter = iter(range(10_000))

    def name() -> str:  # unique, as the file requires
        return f"{draw(NAME_TEXT)} {next(counter)}".strip()

    def amounts(low: int, high: int) -> dict[int, int]:
        chosen = draw(st.lists(st.sampled_from(years), unique=True))
        return {y: draw(st.integers(low, high)) for y in sorted(chosen)}

    members, contributions = [], {}
    for i, kind in enumerate(draw(st.lists(st.sampled_from(("state", "region", "municipality")),
                                           min_size=1, max_size=8))):
        paid = amounts(0, 50_000_000)
        if paid:
            contributions[f"m{i}"] = paid
        members.append(Member(
            f"m{i}", name(), kind,
            # Excel keeps 15 significant digits (openpyxl writes 16): keys as people type them
            municipal_key=draw(st.integers(1, 10**9)) / 1000 if kind == "municipality" else None,
            population=draw(st.none() | st.integers(0, 10**6)),
            pays=bool(paid) or kind != "state"))  # pays=False: a state member with no amount
    income = [IncomeLine(f"i{i}", draw(st.sampled_from(("esf", "other"))), name(),
                         amounts(-10**7, 10**8), draw(st.none() | st.just(f"p{i}")))
              for i in range(draw(st.integers(0, 3)))]
    costs = []
    for i in range(draw(st.integers(0, 6))):
        start = draw(st.none() | st.dates(date(2000, 1, 1), date(2040, 1, 1)))
        end = draw(st.none() | st.dates(start or date(2000, 1, 1), date(2040, 12, 31)))
        costs.append(CostLine(f"c{i}", draw(st.sampled_from(COST_GROUPS)), name(),
                              amounts(-10**6, 10**8), start, end))
    if draw(st.booleans()):  # the ids the names give (no Id column), not our own
        rows = [*members, *income, *costs]
        new = dict(zip((r.id for r in rows), bf.derived_ids(r.name for r in rows)))
        members = [dataclasses.replace(m, id=new[m.id]) for m in members]
        contributions = {new[k]: v for k, v in contributions.items()}
        income = [dataclasses.replace(r, id=new[r.id]) for r in income]
        costs = [dataclasses.replace(r, id=new[r.id]) for r in costs]
    return Plan("any", "Förbundet", years, dict(zip(years, bases)), draw(st.integers(-10**7, 10**8)),
                tuple(members), contributions, amounts(0, 10**8), tuple(income), tuple(costs))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=any_plan(), fmt=st.sampled_from(["csv", "xlsx"]), unit=st.sampled_from([1, 1000]))
def test_any_plan_round_trips(rules, plan, fmt, unit):
    data, filename = export(plan, fmt, unit)
    result = bf.read_budget_file(data, filename, federation_id="any")
    assert result.ok, [f.text("en") for f in result.errors]
    assert result.plan == plan
    assert_same_projection(project(plan, rules), project(result.plan, rules))


@settings(max_examples=25, deadline=None)
@given(plan=any_plan())
def test_any_plan_round_trips_through_toml(plan):
    result = bf.read_budget_file(bf.write_toml(plan).encode("utf-8"), "any.toml")
    assert result.ok
    lines_with_amounts = dataclasses.replace(
        plan,
        income=tuple(dataclasses.replace(i, amounts=i.amounts or {plan.years[0]: 0}) for i in plan.income),
        costs=tuple(dataclasses.replace(c, amounts=c.amounts or {plan.years[0]: 0}) for c in plan.costs))
    assert result.plan == lines_with_amounts  # a line with no amount is written as 0 in the first year
