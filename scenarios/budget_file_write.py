"""Writers for the budget-table layout of scenarios.budget_file: a Plan out as rows,
.xlsx, .csv (Swedish Excel: ';', decimal comma, UTF-8 with BOM) and seed-format TOML.

Export is in kr by default, so `export -> import` gives the same plan to the krona.
A tkr export writes exact decimals (241 853 kr -> 241,853 tkr), so it round-trips
too. Extra columns are written only where the plan needs them to come back as it
was: Id when an id is not what the name would give, Nyckel when a key is not the
one the import would derive, Befolkning, Start/Slut, Projekt when any row has one.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

from .workbook import FORMULA_START
from .budget_vocabulary import (
    COST_TYPE,
    EXTRA_COLUMNS,
    INCOME_TYPE,
    MEMBER_TYPE,
    UNIT_LABEL,
    derived_ids,
    derived_keys,
    key_year,
    year_label,
)
from .model import CostLine, IncomeLine, Member, Plan

UNALLOCATED_NAME = "Medlemsbidrag ej fördelat per medlem"
EXPORT_SOURCE = "Export från finsam-planner"
ASSUMED_YEAR = "Antagande i planen (export från finsam-planner)"
KR_FORMAT = '[$-41D]#,##0;[Red]"−"#,##0'
TKR_FORMAT = '[$-41D]#,##0.###;[Red]"−"#,##0.###'


def _amount(kr: int | None, unit: int):
    """kr as the file shows it: int kr, or exact Decimal tkr (no rounding)."""
    if kr is None:
        return None
    if unit == 1:
        return int(kr)
    value = Decimal(kr) / unit
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def _extras_needed(plan: Plan) -> list[str]:
    """Which extra columns the plan needs, in EXTRA_COLUMNS order."""
    rows = [*plan.members, *plan.income, *plan.costs]
    municipalities = [m for m in plan.members if m.kind == "municipality"]
    keys = derived_keys({m.id: plan.contributions.get(m.id, {}) for m in municipalities},
                        key_year(plan.years, plan.basis)) or {}
    needed = {
        "start": any(c.start for c in plan.costs),
        "end": any(c.end for c in plan.costs),
        "key": any(m.municipal_key != keys.get(m.id) for m in municipalities),
        "population": any(m.population is not None for m in plan.members),
        "id": [r.id for r in rows] != derived_ids(r.name for r in rows),
        "project": any(i.project_id for i in plan.income),
    }
    return [name for name in EXTRA_COLUMNS if needed[name]]


def _extra_value(item, extra: str):
    if isinstance(item, Member):
        value = {"key": item.municipal_key if item.kind == "municipality" else None,
                 "population": item.population, "id": item.id}.get(extra)
    elif isinstance(item, IncomeLine):
        value = {"id": item.id, "project": item.project_id}.get(extra)
    else:
        value = {"start": item.start, "end": item.end, "id": item.id}.get(extra)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def table_rows(plan: Plan, *, unit: int = 1, totals: bool = True,
               always: tuple[str, ...] = ()) -> list[list[object]]:
    """The plan in the budget-table layout: Förbund, header, Enhet, lines, totals.

    Amounts are int kr (unit=1) or exact Decimal tkr (unit=1000); empty cells None.
    """
    if unit not in UNIT_LABEL:
        raise ValueError(f"unit must be 1 (kr) or 1000 (tkr), not {unit!r}")
    years = plan.years
    needed = _extras_needed(plan)
    extras = [name for name in EXTRA_COLUMNS if name in needed or name in always]  # `always`: an editor's columns
    width = 2 + len(years) + len(extras)

    def row(name, typ, amounts=None, item=None) -> list:
        cells = [name, typ] + [_amount((amounts or {}).get(y), unit) for y in years]
        cells += [_extra_value(item, e) if item is not None else None for e in extras]
        return cells + [None] * (width - len(cells))

    rows = [row("Förbund", plan.name),
            ["Rad", "Typ", *(year_label(y, plan.basis[y]) for y in years), *(EXTRA_COLUMNS[e] for e in extras)],
            row("Enhet", UNIT_LABEL[unit]),
            row("Ingående eget kapital", "ingående eget kapital", {years[0]: plan.opening_equity})]
    for member in plan.members:
        rows.append(row(member.name, MEMBER_TYPE[member.kind], plan.contributions.get(member.id), member))
    if plan.unallocated_contributions:
        rows.append(row(UNALLOCATED_NAME, "medlemsbidrag ej fördelat", plan.unallocated_contributions))
    figures = plan_totals(plan)
    if totals:
        rows.append(row("Summa medlemsbidrag", "summa medlemsbidrag", figures["contributions"]))
    for line in plan.income:
        rows.append(row(line.name, INCOME_TYPE[line.kind], line.amounts, line))
    for line in plan.costs:
        rows.append(row(line.name, COST_TYPE[line.group], line.amounts, line))
    if totals:
        rows.append(row("Summa kostnader", "summa kostnader", figures["costs"]))
        rows.append(row("Årets resultat", "årets resultat", figures["result"]))
        rows.append(row("Utgående eget kapital", "utgående eget kapital", figures["closing_equity"]))
    return rows


def plan_totals(plan: Plan) -> dict[str, dict[int, int]]:
    """Contributions, costs, result and closing equity per year in kr, as the engine sums them."""
    out: dict[str, dict[int, int]] = {"contributions": {}, "costs": {}, "result": {}, "closing_equity": {}}
    equity = plan.opening_equity
    for year in plan.years:
        contributions = sum(a.get(year, 0) for a in plan.contributions.values())
        contributions += plan.unallocated_contributions.get(year, 0)
        income = sum(line.amounts.get(year, 0) for line in plan.income)
        costs = sum(line.amounts.get(year, 0) for line in plan.costs)
        equity += contributions + income - costs
        out["contributions"][year] = contributions
        out["costs"][year] = costs
        out["result"][year] = contributions + income - costs
        out["closing_equity"][year] = equity
    return out


# --- .xlsx ---------------------------------------------------------------------------


def _sheet_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _fill_sheet(sheet, rows: list[list], unit: int) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    header_at = next(i for i, r in enumerate(rows) if r[:2] == ["Rad", "Typ"])
    header = rows[header_at]
    year_columns = {j for j, label in enumerate(header) if j >= 2 and label[-4:].isdigit()}
    for i, cells in enumerate(rows, start=1):
        total_row = isinstance(cells[1], str) and cells[1].startswith(("summa", "årets", "utgående"))
        for j, value in enumerate(cells, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=i, column=j, value=_sheet_value(value))
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a name, never a formula
            if (j - 1) in year_columns and i - 1 > header_at:
                cell.number_format = KR_FORMAT if unit == 1 else TKR_FORMAT
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            if i - 1 == header_at or total_row:
                cell.font = bold
    sheet.freeze_panes = sheet.cell(row=header_at + 2, column=3)
    sheet.column_dimensions["A"].width = max([len(str(r[0] or "")) for r in rows] + [12]) + 2
    sheet.column_dimensions["B"].width = 26
    for j in range(3, len(header) + 1):
        sheet.column_dimensions[get_column_letter(j)].width = 14


# What each total row adds up, by the Typ of its parts (+1) and of what it subtracts (−1).
_TOTAL_PARTS = {
    "summa medlemsbidrag": {"stat": 1, "region": 1, "kommun": 1, "medlemsbidrag ej fördelat": 1},
    "summa kostnader": {t: 1 for t in COST_TYPE.values()},
    "årets resultat": {"stat": 1, "region": 1, "kommun": 1, "medlemsbidrag ej fördelat": 1,
                       **{t: 1 for t in INCOME_TYPE.values()}, **{t: -1 for t in COST_TYPE.values()}},
}


def _total_formulas(sheet, rows: list[list]) -> None:
    """The template's total rows as formulas, so they follow the chief's edits in Excel
    (an upload checks them; a formula no program has calculated yet is simply not checked)."""
    from openpyxl.utils import get_column_letter

    header_at = next(i for i, r in enumerate(rows) if r[:2] == ["Rad", "Typ"])
    year_columns = [j for j, label in enumerate(rows[header_at]) if j >= 2 and str(label)[-4:].isdigit()]
    number_of = {r[1]: [i + 1 for i, x in enumerate(rows) if x[1] == r[1]] for r in rows if isinstance(r[1], str)}
    for position, (j, letter) in enumerate((j, get_column_letter(j + 1)) for j in year_columns):
        for typ, parts in _TOTAL_PARTS.items():
            for row in number_of.get(typ, []):
                terms = [("+" if sign > 0 else "-") + f"{letter}{r}"
                         for part, sign in parts.items() for r in number_of.get(part, [])]
                sheet.cell(row=row, column=j + 1, value="=" + "".join(terms).lstrip("+"))
        for row in number_of.get("utgående eget kapital", []):
            result = number_of["årets resultat"][0]
            opening = (f"{letter}{number_of['ingående eget kapital'][0]}" if position == 0
                       else f"{get_column_letter(j)}{row}")  # the year before's closing equity
            sheet.cell(row=row, column=j + 1, value=f"={opening}+{letter}{result}")


def _save(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_xlsx(plan: Plan, *, unit: int = 1) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Budget"
    _fill_sheet(sheet, table_rows(plan, unit=unit), unit)
    return _save(book)


# --- .csv ----------------------------------------------------------------------------


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (Decimal, float)):
        return str(value).replace(".", ",")  # Swedish decimal comma; ';' keeps it one cell
    if isinstance(value, str) and value.startswith((*FORMULA_START, "'")):
        # A name that a spreadsheet would run as a formula ('=HYPERLINK(…)') is kept as
        # text: a leading apostrophe, which the reader takes off again (a name that
        # itself starts with one gets a second, so it reads back as typed).
        return "'" + value
    return str(value)


def write_csv(plan: Plan, *, unit: int = 1) -> bytes:
    """';'-separated, decimal comma, UTF-8 with BOM: what Swedish Excel opens as is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in table_rows(plan, unit=unit):
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


# --- .toml (the seed format, data/seeds/*.toml) ----------------------------------------


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        value = value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def _toml_amounts(amounts, first_year: int) -> str:
    # The seed format needs at least one amount; a line with none is a 0 in the first year.
    items = sorted(amounts.items()) or [(first_year, 0)]
    return "{ " + ", ".join(f"{year} = {int(amount)}" for year, amount in items) + " }"


def _toml_table(name: str, fields: list[tuple[str, object]], *, array: bool = True) -> list[str]:
    lines = [f"[[{name}]]" if array else f"[{name}]"]
    lines += [f"{key} = {value if key == 'amounts' else _toml_value(value)}"
              for key, value in fields if value is not None]
    return lines + [""]


def write_toml(plan: Plan) -> str:
    """The plan in the seed format (amounts in kr); scenarios.seedfile.parse_seed reads it."""
    first = plan.years[0]
    source = ("source", EXPORT_SOURCE)
    out = [f"# {plan.name}: {EXPORT_SOURCE}. Belopp i kr.", ""]
    out += _toml_table("federation", [("id", plan.federation_id), ("name", plan.name),
                                      ("source_title", EXPORT_SOURCE), ("unit", 1)], array=False)
    for year in plan.years:
        provenance = ("assumption", ASSUMED_YEAR) if year in plan.assumed_years else source
        out += _toml_table("years", [("year", year), ("basis", plan.basis[year]), provenance])
    out += _toml_table("opening_equity", [("year", first), ("amount", plan.opening_equity), source],
                       array=False)
    municipalities = [m for m in plan.members if m.kind == "municipality"]
    fallback = derived_keys({m.id: plan.contributions.get(m.id, {}) for m in municipalities},
                            key_year(plan.years, plan.basis)) or {}
    for member in plan.members:
        key = None
        if member.kind == "municipality":  # the seed format needs a key for each municipality
            key = member.municipal_key if member.municipal_key is not None else fallback.get(member.id, 0.0)
        out += _toml_table("members", [("id", member.id), ("name", member.name), ("kind", member.kind),
                                       ("key", key), ("population", member.population),
                                       ("pays", None if member.pays else False), source])
    for member in plan.members:
        if plan.contributions.get(member.id):
            out += _toml_table("contributions", [("member", member.id),
                                                 ("amounts", _toml_amounts(plan.contributions[member.id], first)),
                                                 source])
    if plan.unallocated_contributions:
        out += _toml_table("unallocated_contributions",
                           [("amounts", _toml_amounts(plan.unallocated_contributions, first)), source])
    for line in plan.income:
        out += _toml_table("income", [("id", line.id), ("kind", line.kind), ("name", line.name),
                                      ("amounts", _toml_amounts(line.amounts, first)),
                                      ("project", line.project_id), source])
    for line in plan.costs:
        out += _toml_table("costs", [("id", line.id), ("group", line.group), ("name", line.name),
                                     ("amounts", _toml_amounts(line.amounts, first)),
                                     ("start", line.start), ("end", line.end), source])
    return "\n".join(out)


# --- The template (Mall) ---------------------------------------------------------------

# A fictitious federation in tkr: the example of the issue, with the municipal quarter
# shared by three municipalities (so the split is 50/25/25) and Arbetsförmedlingen
# listed without an amount (its share is paid by Försäkringskassan).
_TEMPLATE_YEARS = (2024, 2025, 2026, 2027)


def _per_year(*values: int) -> dict[int, int]:
    return {year: value * 1000 for year, value in zip(_TEMPLATE_YEARS, values)}


def template_plan() -> Plan:
    members = (
        Member("forsakringskassan", "Försäkringskassan", "state"),
        Member("arbetsformedlingen", "Arbetsförmedlingen", "state", pays=False),
        Member("region-stockholm", "Region Stockholm", "region"),
        Member("taby-kommun", "Täby kommun", "municipality", 700_000.0),
        Member("vallentuna-kommun", "Vallentuna kommun", "municipality", 450_000.0),
        Member("osterakers-kommun", "Österåkers kommun", "municipality", 350_000.0),
    )
    contributions = {
        "forsakringskassan": _per_year(3000, 3000, 3000, 3000),
        "region-stockholm": _per_year(1500, 1500, 1500, 1500),
        "taby-kommun": _per_year(700, 700, 700, 700),
        "vallentuna-kommun": _per_year(450, 450, 450, 450),
        "osterakers-kommun": _per_year(350, 350, 350, 350),
    }
    return Plan(
        federation_id="exempelforbundet",
        name="Samordningsförbundet Exempel (fiktivt)",
        years=_TEMPLATE_YEARS,
        basis={2024: "outcome", 2025: "budget", 2026: "plan", 2027: "plan"},
        # A federation drawing its equity down within 0–20 % of the contributions (1 200 tkr).
        opening_equity=1_400_000,
        members=members,
        contributions=contributions,
        income=(IncomeLine("esf-projekt-lumena", "esf", "ESF-projekt Lumena", _per_year(2160, 2160, 0, 0)),),
        costs=(
            CostLine("styrelse", "board", "Styrelse", _per_year(300, 300, 300, 300)),
            CostLine("kansli", "office_staff", "Kansli", _per_year(1700, 1750, 1800, 1850)),
            CostLine("lokaler", "premises", "Lokaler", _per_year(150, 150, 150, 150)),
            CostLine("ovrig-administration", "other_admin", "Övrig administration", _per_year(200, 200, 200, 200)),
            CostLine("insats-steget-vidare", "projects", "Insats Steget vidare", _per_year(2500, 2500, 2500, 0)),
            CostLine("insats-lumena-esf", "projects", "Insats Lumena (ESF)", _per_year(2160, 2160, 0, 0)),
            CostLine("insats-vagen-ut", "projects", "Insats Vägen ut", _per_year(1500, 1500, 1400, 3400)),
        ),
    )


INSTRUCTIONS = [
    ("Så fyller du i budgetmallen", None),
    ("", None),
    ("En rad per medlem, intäktsrad och kostnadsrad; en kolumn per år.", None),
    ("Förbund", "Första raden (valfri): förbundets namn i kolumn B."),
    ("Rubrikrad", "Rad; Typ; sedan åren som 'Utfall 2024', 'Budget 2025', 'Plan 2026' – åren i följd, "
                  "utfall före budget före plan."),
    ("Enhet", "Obligatorisk rad: kr eller tkr i kolumn B. Beloppen gissas aldrig."),
    ("Belopp", "12,5 eller 12.5; mellanslag mellan tusental går bra; minus som − eller -. "
               "Tom cell = inget belopp det året. Beloppen räknas om till hela kronor."),
    ("", None),
    ("Typ", "Betydelse"),
    ("ingående eget kapital", "Eget kapital vid första årets början (bara första året behövs; fyller du i "
                              "senare år måste de stämma med föregående års utgående eget kapital)."),
    ("stat", "Försäkringskassan (betalar hela statens hälft). Arbetsförmedlingen kan stå med typen stat "
             "utan belopp: medlem, men andelen betalas av Försäkringskassan."),
    ("region", "Regionen (en fjärdedel)."),
    ("kommun", "En kommun (kommunerna delar en fjärdedel efter nyckel)."),
    ("medlemsbidrag ej fördelat", "År då bara medlemsbidragens summa är känd (inte per medlem)."),
    ("esf", "ESF-medel (Europeiska socialfonden+), en rad per projekt."),
    ("övrig intäkt", "Andra intäkter, t.ex. finansiella poster."),
    ("styrelse", "Styrelsens kostnader: arvoden, förlorad arbetsförtjänst, resor, arbetsgivaravgifter."),
    ("kansli", "Kansliets personal, t.ex. förbundschef."),
    ("lokaler", "Lokalkostnader."),
    ("övrig administration", "Kurser, revision, administration, information."),
    ("insats", "En rad per insats eller projekt (även 'projekt')."),
    ("kostnader ej fördelade", "År då bara kostnadernas summa är känd."),
    ("", None),
    ("Summarader", "Kontrolleras mot delarna men sparas aldrig. Tomma celler kontrolleras inte."),
    ("summa medlemsbidrag", "Alla medlemsbidrag."),
    ("summa intäkter", "Medlemsbidrag + ESF + övriga intäkter."),
    ("summa medel att disponera", "Ingående eget kapital + medlemsbidrag + intäkter."),
    ("summa kostnader", "Alla kostnader (även summa styrelse, summa kansli, summa lokaler, "
                        "summa övrig administration, summa insatser)."),
    ("årets resultat", "Medlemsbidrag + intäkter − kostnader."),
    ("utgående eget kapital", "Ingående eget kapital + årets resultat."),
    ("", None),
    ("Extra kolumner (valfria, efter åren)", None),
    ("Start, Slut", "Datum (ÅÅÅÅ-MM-DD) för en insats eller kostnadsrad."),
    ("Nyckel", "Kommunens fördelningsnyckel. Utan kolumnen blir nyckeln kommunens medlemsbidrag första "
               "budgetåret (annars första planåret)."),
    ("Befolkning", "Invånare 16–64 år."),
    ("Id", "Ett fast id för raden, så att sparade scenarier hittar den efter en ändring."),
    ("Projekt", "Projektets id för en ESF- eller intäktsrad."),
    ("", None),
    ("CSV", "Semikolon och decimalkomma som svenska Excel sparar. I en kommaseparerad fil ska decimaltal "
            "med komma stå inom citattecken (\"12,5\")."),
    ("Fel", "Alla fel visas på en gång med rad och cell; planen läses in först när filen är felfri. "
            "Varningar (t.ex. fördelning långt från 50/25/25) stoppar inte inläsningen."),
]


def template_xlsx() -> bytes:
    """The downloadable Mall: the example federation in tkr and a sheet 'Instruktioner'."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Budget"
    rows = table_rows(template_plan(), unit=1000)
    _fill_sheet(sheet, rows, 1000)
    _total_formulas(sheet, rows)
    notes = book.create_sheet("Instruktioner")
    for i, (term, text) in enumerate(INSTRUCTIONS, start=1):
        notes.cell(row=i, column=1, value=term or None)
        if text:
            notes.cell(row=i, column=2, value=text).alignment = Alignment(wrap_text=True, vertical="top")
        if text is None or term == "Typ":
            notes.cell(row=i, column=1).font = Font(bold=True, size=13 if i == 1 else 11)
            notes.cell(row=i, column=2).font = Font(bold=True)
    notes.column_dimensions["A"].width = 34
    notes.column_dimensions["B"].width = 100
    return _save(book)
