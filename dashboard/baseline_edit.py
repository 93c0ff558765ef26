"""The logic of the pages Baslinje (edit the adopted plan, versions, restore) and
Nytt förbund (import a federation from a file), kept out of the view files so tests
can drive it.

The editor shows the plan in the budget-file layout (scenarios.budget_file), in tkr,
every cell as Swedish text ('1 876', '12,5'), so what the user types is read by the
same parser as an uploaded file, with the same findings. Nothing is stored unless the
whole table reads without an error.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

import pandas as pd

from scenarios.baseline_store import BaselineStoreError, BaselineVersion, VersionInfo
from scenarios.budget_file import (
    ROW_TYPES,
    BudgetFileError,
    Finding,
    ImportResult,
    parse_budget_rows,
    parse_year_header,
    federation_id_of,
    read_budget_file,
    slugify,
    table_rows,
)
from scenarios.engine import Projection
from scenarios.model import Plan
from scenarios.numformat import format_number, kr_to_tkr

from . import baselines
from .i18n import current_lang, t
from .kept import local_time

EDITOR_UNIT = 1000  # the editor is in tkr
NAME_COL, TYPE_COL, ID_COL = "Rad", "Typ", "Id"
# The rows the parser is given above the lines: Förbund, the header, Enhet. A line at
# table position p (1-based) is sheet row p + 3 in a finding.
ROWS_ABOVE = 3
EDIT_TYPES = [label for label, (category, _) in ROW_TYPES.items() if category != "total"]
MAX_UPLOAD_MB = 2
UPLOAD_TYPES = ["xlsx", "csv", "toml"]


# --- The editor table --------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell of table_rows as the editor shows it: Swedish number text, ISO date, ''
    for an empty cell (the grid would print None)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        exact = Decimal(str(value)).normalize()
        decimals = min(6, max(0, -exact.as_tuple().exponent))
        return format_number(exact, decimals)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def editor_frame(plan: Plan) -> pd.DataFrame:
    """The plan's lines (no totals) in tkr: Rad, Typ, one column per year, extras."""
    # Befolkning always: a chief can enter the population (16–64) where no source gives
    # it, for kronor per inhabitant under Medlemsbidrag.
    rows = table_rows(plan, unit=EDITOR_UNIT, totals=False, always=("population",))
    header_at = next(i for i, r in enumerate(rows) if r[:2] == [NAME_COL, TYPE_COL])
    header = [str(h) for h in rows[header_at]]
    lines = [r for r in rows[header_at + 1:] if str(r[0]).casefold() != "enhet"]
    return pd.DataFrame([[cell_text(v) for v in r] for r in lines], columns=header, dtype=object)


def year_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if parse_year_header(c)]


def column_year(label: str) -> int:
    return parse_year_header(label)[0]


def next_plan_year(frame: pd.DataFrame) -> int:
    return column_year(year_columns(frame)[-1]) + 1


def with_plan_year(frame: pd.DataFrame) -> pd.DataFrame:
    """A new 'Plan YYYY' column after the last year, starting from that year's figures
    (opening equity stays in the first year only)."""
    last = year_columns(frame)[-1]
    label = f"Plan {next_plan_year(frame)}"
    values = ["" if str(typ).casefold() == "ingående eget kapital" else value
              for typ, value in zip(frame[TYPE_COL], frame[last])]
    out = frame.copy()
    out.insert(list(frame.columns).index(last) + 1, label, pd.Series(values, index=frame.index, dtype=object))
    return out


def _clean(value):
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from a new row
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def frame_rows(frame: pd.DataFrame, name: str) -> list[list]:
    """The editor's table as the rows parse_budget_rows reads (in tkr)."""
    lines = [[_clean(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    return [["Förbund", name], list(frame.columns), ["Enhet", "tkr"], *lines]


def same_table(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    return frame_rows(a, "") == frame_rows(b, "")


def check_edit(frame: pd.DataFrame, previous: Plan) -> ImportResult:
    """The edited table read as a plan of the same federation; rows whose name is
    unchanged keep their ids (kept scenarios refer to them)."""
    return parse_budget_rows(frame_rows(frame, previous.name), federation_id=previous.federation_id,
                             name=previous.name, previous=previous)


def finding_text(finding: Finding, frame: pd.DataFrame, lang: str | None = None) -> str:
    """A finding said in the editor's terms: the row's name and position in the table
    and the column, not a spreadsheet cell."""
    lang = lang or current_lang()
    params = dict(finding.params)
    if isinstance(params.get("other_row"), int):
        params["other_row"] = max(1, params["other_row"] - ROWS_ABOVE)
    message = replace(finding, params=params).message(lang)
    parts = []
    if finding.row is not None and finding.row > ROWS_ABOVE:
        position = finding.row - ROWS_ABOVE
        name = frame.iloc[position - 1][NAME_COL] if position <= len(frame) else None
        name = _clean(name)
        parts.append(t("bl_where_row", lang, name=name, pos=position) if name
                     else t("bl_where_row_unnamed", lang, pos=position))
    if finding.column:
        parts.append(t("bl_where_col", lang, column=finding.column))
    if not parts:
        return message[:1].upper() + message[1:]
    place = ", ".join(parts)
    return f"{place[:1].upper()}{place[1:]}: {message}"


# --- Saving and restoring -----------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What a save, restore or import did: the new version, or why nothing was stored."""

    saved: BaselineVersion | None = None
    findings: tuple[Finding, ...] = ()
    message: str | None = None  # why nothing was stored (already in the user's language)

    @property
    def ok(self) -> bool:
        return self.saved is not None


def store_error_text(exc: BaselineStoreError) -> str:
    if exc.code == "changed_meanwhile":
        return t("bl_changed_meanwhile", newest=exc.params.get("newest"), expected=exc.params.get("expected"))
    if exc.code == "id_taken":
        return t("nf_id_taken_store", fid=exc.params.get("federation"))
    if exc.code == "busy":
        return t("plan_store_busy", message=str(exc))
    if exc.code == "not_allowed":
        return str(exc)  # already in the user's language (dashboard/signin.py)
    return t("plan_store_error", message=str(exc))


def save_edit(db: str, previous: Plan, opened_version: int, frame: pd.DataFrame, *, user: str | None,
              comment: str, assumed: set[int] | frozenset[int] | None = None) -> Outcome:
    """Save the edited table as the federation's new version, if it reads without an
    error and nobody saved since `opened_version`; else store nothing and say why."""
    comment = (comment or "").strip()
    if not comment:
        return Outcome(message=t("bl_comment_missing"))
    result = check_edit(frame, previous)
    if not result.ok:
        return Outcome(findings=result.findings, message=t("plan_finding_errors", n=len(result.errors)))
    plan = result.plan
    kept_assumed = previous.assumed_years if assumed is None else frozenset(assumed)
    plan = replace(plan, assumed_years=frozenset(kept_assumed) & set(plan.years))
    try:
        saved = baselines.write(db, "save", plan, user=user, comment=comment, action="edit",
                                expected_version=opened_version)
    except BaselineStoreError as exc:
        return Outcome(findings=result.findings, message=store_error_text(exc))
    return Outcome(saved=saved, findings=result.findings)


def restore_version(db: str, federation_id: str, version: int, *, user: str | None, comment: str,
                    newest: int) -> Outcome:
    """Bring back `version` as a new version (guarded against a save made meanwhile)."""
    comment = (comment or "").strip() or t("bl_restore_default", version=version)
    try:
        saved = baselines.write(db, "restore", federation_id, version, user=user, comment=comment,
                                expected_version=newest)
    except BaselineStoreError as exc:
        return Outcome(message=store_error_text(exc))
    return Outcome(saved=saved)


# --- History ------------------------------------------------------------------------------


def action_text(info: VersionInfo, lang: str | None = None) -> str:
    if info.action == "restore" and info.restored_from is not None:
        return t("bl_action_restored_from", lang, version=info.restored_from)
    return t(f"bl_action_{info.action}", lang)


def history_frame(infos: list[VersionInfo]) -> pd.DataFrame:
    return pd.DataFrame({
        t("bl_h_version"): [str(i.version) for i in infos],
        t("bl_h_when"): [local_time(i.created_at) for i in infos],
        t("bl_h_who"): [i.user or t("unknown_user") for i in infos],
        t("bl_h_what"): [action_text(i) for i in infos],
        t("bl_h_comment"): [i.comment for i in infos],
    })


def version_label(info: VersionInfo) -> str:
    """A version as the picker lists it (the same text whatever is saved later, so a
    picked version stays picked)."""
    return t("bl_view_label", version=info.version, when=local_time(info.created_at), what=action_text(info))


def years_text(plan: Plan) -> str:
    """'Utfall 2018–2022, Budget 2023, Plan 2024–2026'."""
    return _years_text([(year, plan.basis[year]) for year in plan.years])


def columns_years_text(labels: list[str]) -> str:
    """The same from the editor's year columns (a plan year may have been added)."""
    return _years_text([parse_year_header(label) for label in labels])


def _years_text(pairs: list[tuple[int, str]]) -> str:
    runs: list[tuple[str, int, int]] = []
    for year, basis in pairs:
        if runs and runs[-1][0] == basis and runs[-1][2] == year - 1:
            runs[-1] = (basis, runs[-1][1], year)
        else:
            runs.append((basis, year, year))
    return ", ".join(f"{t('basis_' + b)} {a}" + (f"–{z}" if z != a else "") for b, a, z in runs)


def assumed_text(years) -> str | None:
    years = sorted(years)
    if not years:
        return None
    those = t("plan_those_one") if len(years) == 1 else t("plan_those_many")
    return t("plan_assumed", years=", ".join(str(y) for y in years), those=those)


def equity_effect(saved: Projection, edited: Projection) -> pd.DataFrame:
    """Closing equity per year (tkr): the saved version, with the edit, the difference."""
    years = sorted({r.year for r in saved.years} | {r.year for r in edited.years})
    before = {r.year: kr_to_tkr(r.closing_equity) for r in saved.years}
    after = {r.year: kr_to_tkr(r.closing_equity) for r in edited.years}

    def text(values: dict, year: int) -> str:
        return format_number(values[year]) if year in values else "–"

    rows = [
        [t("bl_effect_saved")] + [text(before, y) for y in years],
        [t("bl_effect_edit")] + [text(after, y) for y in years],
        [t("bl_effect_diff")] + [format_number(after[y] - before[y]) if y in before and y in after else "–"
                                 for y in years],
    ]
    return pd.DataFrame(rows, columns=[t("bl_effect_row")] + [str(y) for y in years])


# --- Nytt förbund -------------------------------------------------------------------------


def too_big_text(filename: str, size: int) -> str | None:
    """The inline message for a file over the limit, else None."""
    if size <= MAX_UPLOAD_MB * 1024 * 1024:
        return None
    return t("nf_too_big", file=filename, size=format_number(size / 1024 / 1024, 1), mb=MAX_UPLOAD_MB)


def wanted_id(typed_id: str, name: str) -> str:
    """The id the user typed, else one made from the name."""
    return (typed_id or "").strip() or federation_id_of(name or "")


def id_problem(fid: str, federations: list[dict], suggestion: str = "") -> str | None:
    """Why the id cannot be used (taken, badly formed), or None."""
    if not fid:
        return t("nf_id_missing")
    if slugify(fid) != fid:
        return t("nf_id_bad", fid=fid, suggestion=slugify(fid) or suggestion or "mitt-forbund")
    for federation in federations:
        if federation["id"] == fid:
            return t("nf_id_taken", fid=fid, name=federation["name"])
    return None


def read_upload(data: bytes, filename: str, *, federation_id: str | None, name: str | None
                ) -> tuple[ImportResult | None, str | None]:
    """(the file read as a plan with findings, None) or (None, why it is no budget file)."""
    too_big = too_big_text(filename, len(data))
    if too_big:
        return None, too_big
    try:
        return read_budget_file(data, filename, federation_id=federation_id or None, name=name or None), None
    except BudgetFileError as exc:
        return None, t("nf_unreadable", file=filename, message=exc.sv if current_lang() == "sv" else str(exc))


def create_federation(db: str, plan: Plan, *, user: str | None, comment: str) -> Outcome:
    try:
        saved = baselines.write(db, "create_federation", plan, user=user, comment=(comment or "").strip())
    except BaselineStoreError as exc:
        return Outcome(message=store_error_text(exc))
    return Outcome(saved=saved)
