"""A federation's budget table as a file: .xlsx / .csv / .toml in, a checked Plan out.

Pure: bytes or rows in, objects out (no Streamlit, no database, no file opening;
`io` is only used for in-memory buffers). The writers (`table_rows`, `write_xlsx`,
`write_csv`, `write_toml`, `template_xlsx`) live in `budget_file_write`, the words
(Typ, year headers, units) in `budget_vocabulary`, the findings and their texts in
`budget_findings`; all are re-exported here.

The layout (one row per member, income line and cost line, one column per year):

    Förbund;Samordningsförbundet Exempel          (optional: the federation's name)
    Rad;Typ;Utfall 2024;Budget 2025;Plan 2026     (header; extra columns may follow)
    Enhet;tkr                                     (required: kr or tkr)
    Ingående eget kapital;ingående eget kapital;2400
    Försäkringskassan;stat;3000;3000;3000
    ...
    Summa kostnader;summa kostnader;4850;4900;4950   (totals: checked, never stored)

* `Typ` says what a row is (see ROW_TYPES); matching ignores case and spacing.
* Optional columns after the years: Start, Slut (ISO dates, cost lines), Nyckel
  (municipal key), Befolkning (population 16–64), Id (stable id), Projekt (the
  project id of an income line).
* Amounts: `12,5` or `12.5`, spaces/NBSP between thousands, `−` or `-`; converted to
  whole kronor exactly (Decimal, half-up). An empty cell (or a lone dash) is no
  amount that year.
* CSV: `;` if the header line has one (Swedish Excel), else tab, else `,`. In a
  `,`-separated file a decimal comma must be quoted ("12,5"), or the cell splits.
  UTF-8 with or without BOM, UTF-16 with BOM, else cp1252/latin-1.
* A municipality's key, when the file has no Nyckel column, is its contribution in
  kr in the first budget year (else the first plan year, else the last year): a
  relative weight, as data/seeds/sodra-lappland.toml uses the contributions.

Findings: every problem is collected at once (`ImportResult.findings`, each with
its row, column header and A1 cell, `text("sv")` / `text("en")`); a Plan is returned
only when there is no error.
* Errors: layout (no header, a column header not understood, years not consecutive
  or out of order, no years, missing/unknown unit), rows (unknown Typ or summa,
  missing name, not a number, negative contribution, duplicate name or Id, bad date,
  start after end, no members, opening equity missing), and totals that do not add
  up: exact in kr files; in tkr files up to 1 tkr off is a rounding warning. Totals
  are checked only where every part was read, so one bad cell is one error.
* Warnings (the plan is still built): split more than 1 % of the total off
  50/25/25, municipal key not derivable, a municipality without a key while others
  have one, a value in a column that does not apply to the row, heading rows.
`BudgetFileError` is raised only when the bytes cannot be read as the file type at
all (empty, wrong suffix, .xls, not an .xlsx, not text, not TOML): str() English,
`.sv` Swedish, `.code`. A .toml that breaks the seed format is one `seed_error`.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .model import BASES, CostLine, IncomeLine, Member, Plan
from .budget_file_write import table_rows, template_xlsx, write_csv, write_toml, write_xlsx
from .budget_findings import BudgetFileError, Finding, ImportResult
from .budget_vocabulary import (
    COST_TYPE,
    EXTRA_APPLIES,
    EXTRA_COLUMNS,
    EXTRA_WORDS,
    INCOME_TYPE,
    LEGAL_SHARES,
    MEMBER_TYPE,
    META_NAME,
    META_UNIT,
    NAME_HEADERS,
    ROW_TYPES,
    SPLIT_TOLERANCE,
    TYPE_ALIASES,
    TYPE_HEADERS,
    UNITS,
    UNIT_LABEL,
    derived_ids,
    derived_keys,
    key_year,
    match_key,
    parse_year_header,
    row_type,
    slugify,
    unique_id,
    year_label,
)
from .budget_vocabulary import federation_id as federation_id_of
from .seedfile import SeedError, SeedRecords, parse_seed

# The public API: reading here, writing, words and findings re-exported from their modules.
__all__ = [
    "BudgetFileError", "Finding", "ImportResult", "parse_budget_rows", "read_budget_file", "read_seed_toml",
    "plan_from_records", "parse_amount", "to_kr", "table_rows", "template_xlsx", "write_csv", "write_toml",
    "write_xlsx", "COST_TYPE", "EXTRA_COLUMNS", "INCOME_TYPE", "MEMBER_TYPE", "ROW_TYPES", "TYPE_ALIASES",
    "UNIT_LABEL", "derived_ids", "derived_keys", "key_year", "parse_year_header", "row_type", "slugify",
    "federation_id_of",
    "year_label",
]

MAX_ROWS = 5000  # far above any budget table; stops a sheet formatted to row 1 048 576

# --- Cells ----------------------------------------------------------------------------


class _Formula(str):
    """A formula cell with no saved value (an .xlsx written by a program, never opened)."""


def column_letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _blank(value) -> bool:
    """An empty cell; NaN and pandas' NA count as empty (rows from a data editor)."""
    if value is None or (isinstance(value, float) and value != value):
        return True
    return (isinstance(value, str) and not value.strip()) or type(value).__name__ == "NAType"


def _shown(value) -> str:
    """A cell as the user sees it, for messages."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _csv_text(cell: str) -> str:
    """A CSV cell without the apostrophe our CSV writes before a formula-looking text
    (or a text that itself starts with one): '=HYPERLINK(…) -> =HYPERLINK(…)."""
    text = cell.strip()
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\u2212", "'"):
        return text[1:]
    return cell


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_MINUS = ("-", "\u2212", "\u2013")
_DASHES = {"-", "\u2212", "\u2013", "\u2014"}


class _NotNumber(ValueError):
    pass


def parse_amount(value) -> Decimal | None:
    """A cell as an exact Decimal, None for an empty cell or a lone dash; _NotNumber else.

    '3 752', '12,5', '12.5', '−2 317', '1\u00a0234,50' are numbers; '1,234.5' (two
    different separators) or '1.234.567' are not.
    """
    if _blank(value):
        return None
    if isinstance(value, bool) or isinstance(value, (date, _Formula)):
        raise _NotNumber(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value in (float("inf"), float("-inf")):
            raise _NotNumber(value)
        return Decimal(repr(value))  # the shortest repr: 241.853 stays 241.853
    if isinstance(value, Decimal):
        return value
    text = _SPACES.sub("", str(value))
    if text in _DASHES:
        return None
    sign = 1
    if text[:1] in _MINUS:
        sign, text = -1, text[1:]
    elif text[:1] == "+":
        text = text[1:]
    if not re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        raise _NotNumber(value)
    try:
        return sign * Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern above already rules it out
        raise _NotNumber(value) from None


def to_kr(amount: Decimal, unit: int) -> int:
    """An amount in the file's unit as whole kronor, half-up (away from zero)."""
    return int((amount * unit).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


# --- Reading rows ---------------------------------------------------------------------


@dataclass
class _Column:
    index: int
    label: str  # the header text as written
    year: int | None = None
    basis: str | None = None
    extra: str | None = None  # start/end/key/population/id/project


@dataclass
class _Row:
    number: int  # 1-based, as Excel shows it
    name: str
    category: str
    detail: str | None
    values: dict[int, Decimal] = field(default_factory=dict)  # year -> amount in the file's unit
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def applies(self) -> set[str]:
        """Labels for EXTRA_APPLIES: the category, and the member kind."""
        return {self.category, self.detail or ""}


class _Reader:
    """One pass over the rows, collecting findings; `plan()` builds the Plan after."""

    def __init__(self, rows: list[list], *, xlsx: bool, comma_csv: bool = False):
        self.rows = [list(r) if r is not None else [] for r in rows]
        self.xlsx = xlsx  # kept for callers; a sheet's numbers and text read the same way
        self.comma_csv = comma_csv
        self.findings: list[Finding] = []
        self.name: str | None = None
        self.unit: int | None = None
        self.unit_text: str | None = None
        self.header_row: int | None = None
        self.columns: list[_Column] = []
        self.ignored_columns: set[int] = set()  # header already reported: its cells are not
        self.data: list[_Row] = []
        # Totals are checked only against parts that were all read: a row or cell that
        # could not be read is reported once, not again in every total it feeds.
        self.unread_rows = False
        self.unread_years: set[int] = set()

    # Findings -------------------------------------------------------------------------

    def _add(self, severity, code, row=None, col=None, column=None, **params):
        cell = f"{column_letter(col)}{row}" if row is not None and col is not None else None
        if column is None and col is not None:
            column = self._label(col)
        self.findings.append(Finding(severity, code, row, column, cell, params))

    def error(self, code, row=None, col=None, column=None, **params):
        self._add("error", code, row, col, column, **params)

    def warning(self, code, row=None, col=None, column=None, **params):
        self._add("warning", code, row, col, column, **params)

    def _label(self, col: int) -> str | None:
        for c in self.columns:
            if c.index == col:
                return c.label
        return {0: self._head(0), 1: self._head(1)}.get(col)

    def _head(self, col: int) -> str | None:
        if self.header_row is None:
            return None
        row = self.rows[self.header_row - 1]
        return _shown(row[col]) if col < len(row) and not _blank(row[col]) else None

    @property
    def year_columns(self) -> list[_Column]:
        return [c for c in self.columns if c.year is not None]

    @property
    def years(self) -> list[int]:
        return [c.year for c in self.year_columns]

    # The pass -------------------------------------------------------------------------

    def read(self) -> None:
        before_header: list[tuple[int, list]] = []
        for number, row in enumerate(self.rows, start=1):
            if all(_blank(v) for v in row):
                continue
            first = match_key(row[0]) if row and not _blank(row[0]) else ""
            if first in META_NAME:
                self._name_row(row)
            elif first in META_UNIT:
                self._unit_row(number, row)
            elif self.header_row is None:
                if self._looks_like_header(row):
                    self.header_row = number
                    for early_number, early in before_header:  # title lines above the table
                        self.warning("heading_ignored", early_number, name=_shown(early[0] or ""))
                    self._header(number, row)
                else:
                    before_header.append((number, row))
            else:
                self._data_row(number, row)
        if self.header_row is None:
            self.error("no_header")
        elif not self.year_columns:
            self.error("no_years", self.header_row)
        if self.unit is None and self.unit_text is None:
            self.error("missing_unit")

    def _name_row(self, row: list) -> None:
        rest = [v for v in row[1:] if not _blank(v)]
        if rest:
            self.name = _shown(rest[0])

    def _unit_row(self, number: int, row: list) -> None:
        at = next((i for i, v in enumerate(row) if i > 0 and not _blank(v)), None)
        if at is None:
            return  # an empty Enhet row: reported as missing_unit at the end
        text = _shown(row[at])
        unit = UNITS.get(match_key(text))
        if unit is None:
            self.unit_text = text
            self.error("unknown_unit", number, at, value=text)
        elif self.unit is not None and unit != self.unit:
            self.error("unit_conflict", number, at, value=text, other=UNIT_LABEL[self.unit])
        else:
            self.unit = unit

    @staticmethod
    def _looks_like_header(row: list) -> bool:
        cells = [v for v in row if not _blank(v)]
        return (
            (not _blank(row[0]) and match_key(row[0]) in NAME_HEADERS)
            or (len(row) > 1 and not _blank(row[1]) and match_key(row[1]) in TYPE_HEADERS)
            or any(parse_year_header(v) for v in cells)
        )

    def _header(self, number: int, row: list) -> None:
        for col, expected, accepted in ((0, "Rad", NAME_HEADERS), (1, "Typ", TYPE_HEADERS)):
            value = row[col] if col < len(row) else None
            if _blank(value) or match_key(value) not in accepted:
                self.error("bad_header", number, col, column=_shown(value or "") or None,
                           expected=expected, value=_shown(value or ""))
        seen_years: dict[int, str] = {}
        seen_extras: set[str] = set()
        for col in range(2, len(row)):
            value = row[col]
            if _blank(value):
                continue
            label = _shown(value)
            year = parse_year_header(value)
            extra = EXTRA_WORDS.get(match_key(value))
            if year:
                if year[0] in seen_years:
                    self.error("duplicate_year", number, col, column=label, year=year[0], other=seen_years[year[0]])
                    self.ignored_columns.add(col)
                    continue
                seen_years[year[0]] = label
                self.columns.append(_Column(col, label, year=year[0], basis=year[1]))
            elif extra:
                if extra in seen_extras:
                    self.error("duplicate_column", number, col, column=label, value=label)
                    self.ignored_columns.add(col)
                    continue
                seen_extras.add(extra)
                self.columns.append(_Column(col, label, extra=extra))
            else:
                self.error("bad_year_header", number, col, column=label, value=label)
                self.ignored_columns.add(col)
        self._check_year_order(number)

    def _check_year_order(self, number: int) -> None:
        columns = self.year_columns
        if not columns:
            return
        years = [c.year for c in columns]
        if years != list(range(years[0], years[0] + len(years))):
            self.error("years_not_consecutive", number, columns[0].index,
                       years=", ".join(str(y) for y in years))
        for before, after in zip(columns, columns[1:]):
            if BASES.index(after.basis) < BASES.index(before.basis):
                self.error("basis_order", number, after.index, value=after.label, other=before.label)

    def _data_row(self, number: int, row: list) -> None:
        name = "" if _blank(row[0] if row else None) else _shown(row[0])
        type_cell = row[1] if len(row) > 1 else None
        known = {c.index for c in self.columns} | self.ignored_columns
        filled = [c for c in self.columns if c.index < len(row) and not _blank(row[c.index])]
        for col in range(2, len(row)):  # values under no header
            if col not in known and not _blank(row[col]):
                self.error("cell_without_header", number, col, column="", value=_shown(row[col]),
                           comma_csv=self.comma_csv)
        if _blank(type_cell):
            label = row_type(name)
            if label is None or ROW_TYPES[label][0] not in ("total", "equity"):
                if filled:
                    self.unread_rows = True
                    self.error("missing_type", number, 1, name=name)
                else:
                    self.warning("heading_ignored", number, 0, name=name)
                return
        else:
            label = row_type(type_cell)
            if label is None:
                self.unread_rows = True
                text = _shown(type_cell)
                if match_key(text).startswith("summa"):
                    totals = [k for k, (cat, _) in ROW_TYPES.items() if cat == "total"]
                    self.error("unknown_total", number, 1, value=text, known=", ".join(totals))
                else:
                    types = [k for k, (cat, _) in ROW_TYPES.items() if cat != "total"]
                    self.error("unknown_type", number, 1, value=text, known=", ".join(types))
                return
        category, detail = ROW_TYPES[label]
        if not name and category not in ("total", "equity"):
            self.unread_rows = True
            self.error("missing_name", number, 0, value=label)
            return
        parsed = _Row(number, name or label, category, detail)
        for column in filled:
            value = row[column.index]
            if column.year is not None:
                if category == "total" and isinstance(value, _Formula):
                    continue  # a total Excel has not calculated yet prints nothing to check
                amount = self._amount(number, column, value)
                if amount is None and category != "total":
                    self.unread_years.add(column.year)
                if amount is not None:
                    if category in ("member", "unallocated") and amount < 0:
                        self.error("negative_contribution", number, column.index,
                                   amount=amount, unit=UNIT_LABEL.get(self.unit, ""))
                    parsed.values[column.year] = amount
            elif not (EXTRA_APPLIES[column.extra] & parsed.applies):
                self.warning("column_ignored", number, column.index, value=label)
            else:
                self._extra(parsed, column, value)
        self.data.append(parsed)

    def _amount(self, number: int, column: _Column, value) -> Decimal | None:
        try:
            return parse_amount(value)
        except _NotNumber:
            code = "formula_not_calculated" if isinstance(value, _Formula) else "not_a_number"
            self.error(code, number, column.index, value=_shown(value))
            return None

    def _extra(self, row: _Row, column: _Column, value) -> None:
        where = dict(row=row.number, col=column.index)
        kind = column.extra
        if kind in ("start", "end"):
            try:
                row.extras[kind] = _parse_date(value)
            except (TypeError, ValueError):
                self.error("bad_date", **where, value=_shown(value))
        elif kind in ("key", "population"):
            try:
                number = parse_amount(value)
            except _NotNumber:
                self.error("not_a_number", **where, value=_shown(value))
                return
            whole = kind == "population"
            if number < 0 or (whole and number != number.to_integral_value()):
                self.error("bad_value", **where, value=_shown(value), expected=kind)
                return
            row.extras[kind] = int(number) if whole else float(number)
        else:  # id, project: text
            if isinstance(value, (float, Decimal)) or isinstance(value, (date, bool)):
                self.error("bad_value", **where, value=_shown(value), expected="id")
                return
            row.extras[kind] = _shown(value)


# --- Checks and the Plan ----------------------------------------------------------------


class _Builder:
    """The rows read, checked against each other and made into a Plan."""

    def __init__(self, reader: _Reader, previous: Plan | None):
        self.r = reader
        self.previous = previous
        self.unit = reader.unit or 1  # a missing unit is an error already; check in the file's figures
        self.years = reader.years
        self.col_of = {c.year: c for c in reader.year_columns}
        self.by_category: dict[str, list[_Row]] = {}
        for row in reader.data:
            self.by_category.setdefault(row.category, []).append(row)

    def rows(self, category: str) -> list[_Row]:
        return self.by_category.get(category, [])

    def kr(self, row: _Row, year: int) -> int | None:
        value = row.values.get(year)
        return None if value is None else to_kr(value, self.unit)

    # Checks ----------------------------------------------------------------------------

    def check(self) -> None:
        self._check_names()
        if not self.rows("member"):
            self.r.error("no_members")
        self._check_opening()
        if self.years:
            self._check_totals()
            self._check_split()

    def _check_names(self) -> None:
        seen: dict[str, int] = {}
        data = [row for row in self.r.data if row.category in ("member", "unallocated", "income", "cost")]
        for row in data:
            key = " ".join(row.name.casefold().split())
            if key in seen:
                self.r.error("duplicate_name", row.number, 0, name=row.name, other_row=seen[key])
            else:
                seen[key] = row.number
        for namespace in (("member",), ("income",), ("cost",)):
            ids: dict[str, int] = {}
            for row in data:
                if row.category in namespace and "id" in row.extras:
                    if row.extras["id"] in ids:
                        col = next(c.index for c in self.r.columns if c.extra == "id")
                        self.r.error("duplicate_id", row.number, col, value=row.extras["id"],
                                     other_row=ids[row.extras["id"]])
                    else:
                        ids[row.extras["id"]] = row.number

    def _check_opening(self) -> None:
        equity = self.rows("equity")
        for extra in equity[1:]:
            self.r.error("duplicate_opening_equity", extra.number, 0, other_row=equity[0].number)
        if not self.years:
            return
        first = self.years[0]
        if not equity:
            self.r.error("missing_opening_equity", year=first)
        elif first not in equity[0].values:
            self.r.error("missing_opening_equity", equity[0].number, self.col_of[first].index, year=first)

    def measures(self) -> dict[str, dict[int, int]]:
        """Every total the file may print, in kr per year, from the parts."""
        out: dict[str, dict[int, int]] = {}

        def total(rows: list[_Row], year: int) -> int:
            return sum(self.kr(row, year) or 0 for row in rows)

        equity = self.rows("equity")
        opening = self.kr(equity[0], self.years[0]) if equity else None
        costs = self.rows("cost")
        for year in self.years:
            contributions = total(self.rows("member") + self.rows("unallocated"), year)
            income = contributions + total(self.rows("income"), year)
            cost = total(costs, year)
            values = {"contributions": contributions, "income": income, "costs": cost,
                      "result": income - cost}
            for group in COST_TYPE:
                values[f"costs:{group}"] = total([r for r in costs if r.detail == group], year)
            if opening is not None:
                values["opening"] = opening
                values["available"] = opening + income
                values["closing_equity"] = opening = opening + income - cost
            for measure, value in values.items():
                out.setdefault(measure, {})[year] = value
        return out

    def _compare(self, code: str, row: _Row, year: int, expected: int) -> None:
        printed = row.values[year]
        difference = to_kr(printed, self.unit) - expected
        if difference == 0:
            return
        severity = "warning" if self.unit == 1000 and abs(difference) <= 1000 else "error"
        if severity == "warning":
            code = "total_rounding"
        computed = Decimal(expected) / self.unit
        self.r._add(severity, code, row.number, self.col_of[year].index, name=row.name, year=year,
                    printed=printed, computed=computed, difference=printed - computed,
                    unit=UNIT_LABEL[self.unit])

    def _checkable(self, measure: str, year: int) -> bool:
        """Whether every part of `measure` in `year` was read (equity rolls from the first year)."""
        if measure in ("opening", "available", "closing_equity"):
            return not any(y <= year for y in self.r.unread_years)
        return year not in self.r.unread_years

    def _check_totals(self) -> None:
        if self.r.unread_rows or any(f.row == self.r.header_row for f in self.r.findings if f.severity == "error"):
            return  # a row or year column is missing: every total would be off
        measures = self.measures()
        for row in self.rows("total"):
            by_year = measures.get(row.detail, {})
            for year in row.values:
                # an equity total without opening equity is not checked
                if year in by_year and self._checkable(row.detail, year):
                    self._compare("total_mismatch", row, year, by_year[year])
        equity = self.rows("equity")
        if equity and "opening" in measures:
            for year in self.years[1:]:
                if year in equity[0].values and self._checkable("opening", year):
                    self._compare("opening_equity_mismatch", equity[0], year, measures["opening"][year])

    def _check_split(self) -> None:
        members = self.rows("member")
        for year in self.years:
            if self.r.unread_rows or year in self.r.unread_years:
                continue
            if any(self.kr(row, year) for row in self.rows("unallocated")):
                continue  # only a total that year: no split to check
            paid = {kind: sum(self.kr(r, year) or 0 for r in members if r.detail == kind)
                    for kind, _ in LEGAL_SHARES}
            total = sum(paid.values())
            if total <= 0:
                continue
            if all(abs(paid[kind] - total * share) <= total * SPLIT_TOLERANCE for kind, share in LEGAL_SHARES):
                continue
            percent = {f"{kind}_pct": Decimal(paid[kind] * 100) / total for kind, _ in LEGAL_SHARES}
            column = self.col_of[year]
            self.r.warning("split_off", column=column.label, year=year, total=Decimal(total) / self.unit,
                           unit=UNIT_LABEL[self.unit], **percent)

    # The Plan ---------------------------------------------------------------------------

    def _previous_match(self, row: _Row):
        if self.previous is None:
            return None
        pool = {"member": self.previous.members, "income": self.previous.income,
                "cost": self.previous.costs}.get(row.category, ())
        key = " ".join(row.name.casefold().split())
        return next((item for item in pool if " ".join(item.name.casefold().split()) == key), None)

    def _ids(self, rows: list[_Row]) -> dict[int, str]:
        """row number -> id: the file's Id, else the previous plan's, else a unique slug."""
        taken = {row.extras["id"] for row in rows if "id" in row.extras}
        inherited = {}
        for row in rows:
            match = self._previous_match(row)
            if "id" not in row.extras and match is not None and match.id not in taken:
                inherited[row.number] = match.id
                taken.add(match.id)
        out = {}
        for row in rows:
            out[row.number] = row.extras.get("id") or inherited.get(row.number) or unique_id(row.name, taken)
        return out

    def _keys(self, municipalities: list[_Row]) -> dict[int, float | None]:
        """row number -> key: the file's Nyckel, else the previous plan's, else derived."""
        from_file = {r.number: r.extras["key"] for r in municipalities if "key" in r.extras}
        previous = {}
        for row in municipalities:
            match = self._previous_match(row)
            if match is not None and match.municipal_key is not None:
                previous[row.number] = match.municipal_key
        if from_file:
            col = next(c.index for c in self.r.columns if c.extra == "key")
            for row in municipalities:
                if row.number not in from_file and row.number not in previous:
                    self.r.warning("missing_key", row.number, col, name=row.name)
            return {r.number: from_file.get(r.number, previous.get(r.number)) for r in municipalities}
        if municipalities and all(r.number in previous for r in municipalities):
            return previous
        year = key_year(self.years, {c.year: c.basis for c in self.r.year_columns})
        amounts = {r.number: {y: self.kr(r, y) for y in r.values} for r in municipalities}
        keys = derived_keys(amounts, year)
        if keys is None:
            if municipalities and year is not None:
                self.r.warning("no_municipal_key", year=year)
            return {r.number: None for r in municipalities}
        return keys

    def plan(self, federation_id: str | None, name: str | None) -> Plan:
        members_rows = self.rows("member")
        line_rows = members_rows + self.rows("income") + self.rows("cost")
        ids = self._ids(line_rows)
        keys = self._keys([r for r in members_rows if r.detail == "municipality"])
        members, contributions = [], {}
        for row in members_rows:
            match = self._previous_match(row)
            amounts = {y: self.kr(row, y) for y in row.values}
            if amounts:
                contributions[ids[row.number]] = amounts
            pays = bool(amounts) or (match.pays if match is not None else row.detail != "state")
            population = row.extras.get("population", match.population if match is not None else None)
            members.append(Member(ids[row.number], row.name, row.detail, keys.get(row.number),
                                  population, pays))
        income = []
        for row in self.rows("income"):
            match = self._previous_match(row)
            project = row.extras.get("project", match.project_id if match is not None else None)
            income.append(IncomeLine(ids[row.number], row.detail, row.name,
                                     {y: self.kr(row, y) for y in row.values}, project))
        costs = []
        for row in self.rows("cost"):
            match = self._previous_match(row)
            start = row.extras.get("start", match.start if match is not None else None)
            end = row.extras.get("end", match.end if match is not None else None)
            if start and end and start > end:
                col = next(c.index for c in self.r.columns if c.extra == "end")
                self.r.error("start_after_end", row.number, col, start=start.isoformat(), end=end.isoformat())
            costs.append(CostLine(ids[row.number], row.detail, row.name,
                                  {y: self.kr(row, y) for y in row.values}, start, end))
        unallocated: dict[int, int] = {}
        for row in self.rows("unallocated"):
            for year in row.values:
                unallocated[year] = unallocated.get(year, 0) + self.kr(row, year)
        equity = self.rows("equity")
        first = self.years[0] if self.years else None
        opening = self.kr(equity[0], first) if equity and first is not None else None
        previous = self.previous
        plan_name = name or self.r.name or (previous.name if previous else None) or "Importerad budget"
        fid = federation_id or (previous.federation_id if previous else None) or federation_id_of(plan_name) or "forbund"
        return Plan(
            federation_id=fid,
            name=plan_name,
            years=tuple(self.years),
            basis={c.year: c.basis for c in self.r.year_columns},
            opening_equity=opening or 0,
            members=tuple(members),
            contributions=contributions,
            unallocated_contributions=unallocated,
            income=tuple(income),
            costs=tuple(costs),
        )


def parse_budget_rows(
    rows: list[list[object]],
    *,
    federation_id: str | None = None,
    name: str | None = None,
    previous: Plan | None = None,
    xlsx: bool = False,
    comma_csv: bool = False,
) -> ImportResult:
    """Read a budget table given as rows of cells (row 1 first, column A first).

    `federation_id` / `name` override the file (else the Förbund row, `previous`, a
    slug of the name). `previous`: rows whose name matches one of its members/lines
    keep that id and its details the file does not give. `xlsx` says the rows come
    from a sheet (cells may be numbers or dates); `comma_csv` adds the quoting hint
    to findings about cells without a header.
    """
    reader = _Reader(rows, xlsx=xlsx, comma_csv=comma_csv)
    reader.read()
    builder = _Builder(reader, previous)
    builder.check()
    plan = builder.plan(federation_id or None, name or None)  # may add errors (keys, dates)
    findings = tuple(sorted(reader.findings, key=_finding_order))
    ok = not any(f.severity == "error" for f in findings)
    return ImportResult(plan if ok else None, findings, reader.unit)


def _finding_order(finding: Finding):
    return (finding.severity != "error", finding.row is None, finding.row or 0, finding.cell or "")


# --- Files ----------------------------------------------------------------------------


def read_budget_file(
    data: bytes,
    filename: str,
    *,
    federation_id: str | None = None,
    name: str | None = None,
    previous: Plan | None = None,
) -> ImportResult:
    """A budget file by its suffix: .xlsx (.xlsm), .csv (.txt), or .toml (the seed format).

    Raises BudgetFileError only when the bytes are not that kind of file at all.
    `previous` is not used for .toml (the seed format carries its own ids).
    """
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix == "xls":
        raise BudgetFileError("old_xls", name=filename)
    if suffix not in ("xlsx", "xlsm", "csv", "txt", "toml"):
        raise BudgetFileError("suffix", name=filename)
    if not data or not data.strip():
        raise BudgetFileError("empty")
    if suffix == "toml":
        return read_seed_toml(data, federation_id=federation_id, name=name)
    if suffix in ("xlsx", "xlsm"):
        rows = xlsx_rows(data)
        return parse_budget_rows(rows, federation_id=federation_id, name=name, previous=previous, xlsx=True)
    rows, delimiter = csv_rows(data)
    return parse_budget_rows(rows, federation_id=federation_id, name=name, previous=previous,
                             comma_csv=delimiter == ",")


def xlsx_rows(data: bytes) -> list[list]:
    """The budget sheet's cells as rows (formulas as their saved values)."""
    formulas = _sheet_rows(data, data_only=False)
    cells = [(i, j) for i, row in enumerate(formulas) for j, v in enumerate(row) if _is_formula(v)]
    if not cells:
        return formulas
    values = _sheet_rows(data, data_only=True)  # a second read only when there are formulas
    for i, j in cells:
        saved = values[i][j] if i < len(values) and j < len(values[i]) else None
        if saved is None:
            formulas[i][j] = _Formula(str(formulas[i][j]))
        else:
            formulas[i][j] = saved
    return formulas


def _is_formula(value) -> bool:
    if isinstance(value, str):
        return value.startswith("=")
    return not isinstance(value, (int, float, Decimal, date, type(None)))  # e.g. ArrayFormula


def _sheet_rows(data: bytes, *, data_only: bool) -> list[list]:
    from openpyxl import load_workbook  # here: reading a .csv need not import openpyxl

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise BudgetFileError("not_xlsx", detail=f"{type(exc).__name__}: {exc}") from None
    try:
        sheets = [s for s in book.worksheets if match_key(s.title) != "instruktioner"] or book.worksheets
        sheet = sheets[0]
        sheet.reset_dimensions()  # some writers store a wrong size; read what is there
        rows = []
        for row in sheet.iter_rows(min_row=1, min_col=1, values_only=True):
            if len(rows) >= MAX_ROWS:
                raise BudgetFileError("too_many_rows", limit=MAX_ROWS)
            rows.append(list(row))
        return rows
    finally:
        book.close()


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252, else latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise BudgetFileError("not_text")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """';' if the header line has one (Swedish Excel), else tab, else ','."""
    lines = [line for line in text.splitlines() if line.strip()]
    header = next((line for line in lines if match_key(re.split(r"[;,\t]", line)[0]) not in META_NAME | META_UNIT),
                  lines[0] if lines else "")
    if ";" in header:
        return ";"
    return "\t" if "\t" in header else ","


def csv_rows(data: bytes) -> tuple[list[list], str]:
    text = decode_text(data)
    delimiter = sniff_delimiter(text)
    rows = [[_csv_text(cell) if cell.strip() else None for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    if len(rows) > MAX_ROWS:
        raise BudgetFileError("too_many_rows", limit=MAX_ROWS)
    return rows, delimiter


# --- The seed format (.toml) --------------------------------------------------------------


def plan_from_records(records: SeedRecords) -> Plan:
    """A Plan from parsed seed records, field by field as scenarios.store.load_plan reads it."""
    assumed = {p["id"] for p in records.provenance if p.get("assumption")}
    years = sorted(records.years, key=lambda y: y["year"])
    members = tuple(
        Member(id=m["member_id"], name=m["name"], kind=m["kind"],
               municipal_key=None if m["municipal_key"] is None else float(m["municipal_key"]),
               population=m["population"], pays=m["pays"])
        for m in sorted(records.members, key=lambda m: m["position"])
    )
    contributions: dict[str, dict[int, int]] = {}
    unallocated: dict[int, int] = {}
    for row in sorted(records.contributions, key=lambda r: r["year"]):
        if row["member_id"] is None:
            unallocated[row["year"]] = row["amount"]
        else:
            contributions.setdefault(row["member_id"], {})[row["year"]] = row["amount"]

    def amounts(rows: list[dict]) -> dict[str, dict[int, int]]:
        out: dict[str, dict[int, int]] = {}
        for row in sorted(rows, key=lambda r: r["year"]):
            out.setdefault(row["line_id"], {})[row["year"]] = row["amount"]
        return out

    income_amounts, cost_amounts = amounts(records.income_amounts), amounts(records.cost_amounts)
    income = tuple(
        IncomeLine(id=line["line_id"], kind=line["kind"], name=line["name"],
                   amounts=income_amounts.get(line["line_id"], {}), project_id=line["project_id"])
        for line in sorted(records.income_lines, key=lambda r: r["position"])
    )
    costs = tuple(
        CostLine(id=line["line_id"], group=line["cost_group"], name=line["name"],
                 amounts=cost_amounts.get(line["line_id"], {}), start=line["start_date"], end=line["end_date"])
        for line in sorted(records.cost_lines, key=lambda r: r["position"])
    )
    return Plan(
        federation_id=records.federation["id"],
        name=records.federation["name"],
        years=tuple(y["year"] for y in years),
        basis={y["year"]: y["basis"] for y in years},
        opening_equity=records.federation["opening_equity"],
        members=members,
        contributions=contributions,
        unallocated_contributions=unallocated,
        income=income,
        costs=costs,
        assumed_years=frozenset(y["year"] for y in years if y["provenance_id"] in assumed),
    )


def read_seed_toml(data: bytes, *, federation_id: str | None = None, name: str | None = None) -> ImportResult:
    try:
        doc = tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BudgetFileError("not_toml", detail=str(exc)) from None
    try:
        records = parse_seed(doc)
        unit = int(doc["federation"]["unit"])
    except (SeedError, KeyError, TypeError, ValueError) as exc:
        finding = Finding("error", "seed_error", params={"detail": str(exc)})
        return ImportResult(None, (finding,), None)
    plan = plan_from_records(records)
    plan = replace(plan, federation_id=federation_id or plan.federation_id, name=name or plan.name)
    return ImportResult(plan, (), unit)
