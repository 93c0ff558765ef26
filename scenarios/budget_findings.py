"""What an import found: each problem with its place (row, column, A1 cell) and its
text in Swedish and English, and the result of reading a file.

Pure; made by scenarios/budget_file.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .model import Plan
from .numformat import format_number

# code -> (Swedish, English); params are formatted per language (amounts, percents).
MESSAGES = {
    "no_header": ("hittar ingen rubrikrad (Rad; Typ; Utfall/Budget/Plan och år).",
                  "no header row found (Rad; Typ; Utfall/Budget/Plan and year)."),
    "bad_header": ("kolumnen ska heta '{expected}', inte '{value}'.",
                   "the column must be headed '{expected}', not '{value}'."),
    "bad_year_header": ("kolumnrubriken '{value}' förstås inte: skriv Utfall, Budget eller Plan och året "
                        "(t.ex. 'Budget 2025'), eller efter åren Start, Slut, Nyckel, Befolkning, Id, Projekt.",
                        "the column header '{value}' is not understood: write Utfall, Budget or Plan and the "
                        "year (e.g. 'Budget 2025'), or after the years Start, Slut, Nyckel, Befolkning, Id, Projekt."),
    "duplicate_year": ("året {year} finns redan i kolumnen '{other}'.",
                       "the year {year} is already in the column '{other}'."),
    "duplicate_column": ("kolumnen '{value}' finns redan.", "the column '{value}' is given twice."),
    "years_not_consecutive": ("åren ska följa på varandra från vänster till höger, vart och ett en gång; "
                              "filen har {years}.",
                              "the years must follow each other from left to right, each once; "
                              "the file has {years}."),
    "basis_order": ("utfallsår ska stå före budgetår och budgetår före planår ('{value}' står efter '{other}').",
                    "outcome years must come before budget years, budget before plan ('{value}' comes "
                    "after '{other}')."),
    "no_years": ("filen har inga årskolumner (Utfall, Budget eller Plan och år).",
                 "the file has no year columns (Utfall, Budget or Plan and a year)."),
    "missing_unit": ("enheten saknas: lägg till raden 'Enhet' med kr eller tkr under rubrikraden.",
                     "the unit is missing: add the row 'Enhet' with kr or tkr below the header row."),
    "unknown_unit": ("enheten '{value}' är okänd: skriv kr eller tkr.",
                     "the unit '{value}' is not known: write kr or tkr."),
    "unit_conflict": ("enheten anges en gång till, som '{value}' i stället för '{other}'.",
                      "the unit is given again, as '{value}' instead of '{other}'."),
    "cell_without_header": ("värdet '{value}' står i en kolumn utan rubrik.",
                            "the value '{value}' stands in a column without a header."),
    "comma_hint": (" I en kommaseparerad fil ska decimaltal med komma stå inom citattecken (\"12,5\").",
                   " In a comma-separated file, decimals with a comma must be quoted (\"12,5\")."),
    "missing_type": ("raden '{name}' har ingen typ i kolumnen Typ.",
                     "the row '{name}' has no type in the column Typ."),
    "unknown_type": ("typen '{value}' är okänd. Giltiga typer: {known}.",
                     "the type '{value}' is not known. Valid types: {known}."),
    "unknown_total": ("summaraden '{value}' är okänd. Kända summor: {known}.",
                      "the total '{value}' is not known. Known totals: {known}."),
    "missing_name": ("raden har typen '{value}' men inget namn i kolumnen Rad.",
                     "the row has the type '{value}' but no name in the column Rad."),
    "not_a_number": ("'{value}' är inget tal.", "'{value}' is not a number."),
    "formula_not_calculated": ("formeln '{value}' har inget sparat värde: öppna filen i Excel och spara den.",
                               "the formula '{value}' has no saved value: open the file in Excel and save it."),
    "negative_contribution": ("medlemsbidraget {amount} {unit} är negativt.",
                              "the contribution {amount} {unit} is negative."),
    "duplicate_name": ("namnet '{name}' finns redan på rad {other_row}.",
                       "the name '{name}' is already on row {other_row}."),
    "duplicate_id": ("id '{value}' finns redan på rad {other_row}.", "the id '{value}' is already on row {other_row}."),
    "missing_opening_equity": ("ingående eget kapital för {year} saknas.",
                               "the opening equity for {year} is missing."),
    "duplicate_opening_equity": ("ingående eget kapital står redan på rad {other_row}.",
                                 "the opening equity is already on row {other_row}."),
    "opening_equity_mismatch": ("ingående eget kapital {year} är {printed} {unit}, men föregående års "
                                "utgående eget kapital är {computed} {unit} (skillnad {difference}).",
                                "the opening equity {year} is {printed} {unit}, but the previous year's "
                                "closing equity is {computed} {unit} (difference {difference})."),
    "total_mismatch": ("'{name}' {year} är {printed} {unit}, men delarna ger {computed} {unit} "
                       "(skillnad {difference}).",
                       "'{name}' {year} is {printed} {unit}, but the parts give {computed} {unit} "
                       "(difference {difference})."),
    "total_rounding": ("'{name}' {year} är {printed} {unit}, delarna ger {computed} {unit} "
                       "(skillnad {difference}, avrundning: godtas).",
                       "'{name}' {year} is {printed} {unit}, the parts give {computed} {unit} "
                       "(difference {difference}, rounding: accepted)."),
    "bad_value": ("'{value}' är inte {expected}.", "'{value}' is not {expected}."),
    "bad_date": ("'{value}' är inget datum (ÅÅÅÅ-MM-DD).", "'{value}' is not a date (YYYY-MM-DD)."),
    "start_after_end": ("startdatumet {start} ligger efter slutdatumet {end}.",
                        "the start date {start} is after the end date {end}."),
    "missing_key": ("kommunen '{name}' saknar nyckel fast andra kommuner har en; den räknas som 0 "
                    "om nyckeln ändras.",
                    "the municipality '{name}' has no key while others have one; it counts as 0 "
                    "when the key is changed."),
    "no_members": ("filen har inga medlemmar (rader med typen stat, region eller kommun).",
                   "the file has no members (rows typed stat, region or kommun)."),
    "split_off": ("fördelningen {year} avviker mer än 1 % från 50/25/25: staten {state_pct} %, regionen "
                  "{region_pct} %, kommunerna {municipality_pct} % av {total} {unit}.",
                  "the split {year} is more than 1 % off 50/25/25: state {state_pct} %, region "
                  "{region_pct} %, municipalities {municipality_pct} % of {total} {unit}."),
    "no_municipal_key": ("kommunernas fördelningsnyckel kan inte härledas: ingen kommun har medlemsbidrag "
                         "{year} och kolumnen Nyckel saknas.",
                         "the municipal key cannot be derived: no municipality has a contribution in "
                         "{year} and there is no column Nyckel."),
    "heading_ignored": ("raden '{name}' har varken typ eller belopp och läses som en rubrik.",
                        "the row '{name}' has neither a type nor amounts and is read as a heading."),
    "column_ignored": ("kolumnen gäller inte rader av typen '{value}'; värdet används inte.",
                       "the column does not apply to rows typed '{value}'; the value is not used."),
    "seed_error": ("filen följer inte seed-formatet: {detail}", "the file does not follow the seed format: {detail}"),
}
EXPECTED = {"key": ("ett tal på noll eller mer", "a number of zero or more"),
            "population": ("ett heltal på noll eller mer", "a whole number of zero or more"),
            "id": ("ett id (text)", "an id (text)")}
_AMOUNT_PARAMS = {"printed", "computed", "difference", "total", "amount"}
_PERCENT_PARAMS = {"state_pct", "region_pct", "municipality_pct"}


def _format_amount(value, lang: str, decimals: int | None = None) -> str:
    value = Decimal(value)
    if decimals is None:
        decimals = min(3, max(0, -value.normalize().as_tuple().exponent))
    if lang == "sv":
        return format_number(value, decimals)
    return f"{value:,.{decimals}f}"


@dataclass(frozen=True)
class Finding:
    """One problem in a file, where it is (1-based row, header text, A1 cell), and why."""

    severity: str  # "error" | "warning"
    code: str
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "sv") -> str:
        """The text without its place."""
        swedish, english = MESSAGES[self.code]
        values = {}
        for name, value in self.params.items():
            if name in _AMOUNT_PARAMS and value is not None:
                value = _format_amount(value, lang)
            elif name in _PERCENT_PARAMS:
                value = _format_amount(value, lang, 1)
            elif name == "expected":
                value = EXPECTED[value][0 if lang == "sv" else 1]
            values[name] = value
        text = (swedish if lang == "sv" else english).format(**values)
        if self.params.get("comma_csv"):
            text += MESSAGES["comma_hint"][0 if lang == "sv" else 1]
        return text

    def place(self, lang: str = "sv") -> str:
        """'Rad 7, kolumn 'Budget 2025' (cell D7)', or what of it is known."""
        sv = lang == "sv"
        parts = []
        if self.row is not None:
            parts.append(f"{'Rad' if sv else 'Row'} {self.row}")
        if self.column:
            word = "kolumn" if sv else "column"
            parts.append(f"{word} '{self.column}'" if parts else f"{word.capitalize()} '{self.column}'")
        text = ", ".join(parts)
        if self.cell:
            text = f"{text} (cell {self.cell})" if text else f"Cell {self.cell}"
        return text

    def text(self, lang: str = "sv") -> str:
        """The full sentence, e.g. "Rad 12, kolumn 'Budget 2025' (cell D12): 'Summa kostnader' ..."."""
        place, message = self.place(lang), self.message(lang)
        if not place:
            return message[0].upper() + message[1:]
        return f"{place}: {message}"


@dataclass(frozen=True)
class ImportResult:
    plan: Plan | None  # None when there is any error
    findings: tuple[Finding, ...]
    unit: int | None  # 1 or 1000 as stated in the file

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def ok(self) -> bool:
        return self.plan is not None and not self.errors


FILE_MESSAGES = {
    "empty": ("the file is empty", "filen är tom"),
    "suffix": ("'{name}': the file must end in .xlsx, .csv or .toml",
               "'{name}': filen ska sluta på .xlsx, .csv eller .toml"),
    "old_xls": ("'{name}' is in the old Excel format (.xls): save it as .xlsx",
                "'{name}' är i det gamla Excelformatet (.xls): spara den som .xlsx"),
    "not_xlsx": ("not an Excel .xlsx file ({detail})", "ingen Excelfil i formatet .xlsx ({detail})"),
    "not_text": ("not a text file: a .csv must be text (is it an Excel file? save it as .xlsx)",
                 "ingen textfil: en .csv ska vara text (är det en Excelfil? spara den som .xlsx)"),
    "not_toml": ("not valid TOML ({detail})", "ogiltig TOML ({detail})"),
    "too_many_rows": ("more than {limit} rows: not a budget table", "mer än {limit} rader: ingen budgettabell"),
}


class BudgetFileError(ValueError):
    """The bytes cannot be read as the file type at all. str() English, `.sv` Swedish."""

    def __init__(self, code: str, **params):
        english, swedish = FILE_MESSAGES[code]
        self.code, self.params = code, params
        self.sv = swedish.format(**params)
        super().__init__(english.format(**params))
