"""Uppföljning: record a year's outcome (a file or the table) as a new baseline
version, then budget against outcome per line and the equity re-anchored from it."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pandas as pd
import streamlit as st

from dashboard import baselines, kept, signin, state
from dashboard.charts import compare_chart
from dashboard.i18n import current_lang, error_text, group_label, t, table_labels
from scenarios.baseline_store import BaselineStoreError
from scenarios.budget_file import (
    COST_TYPE, INCOME_TYPE, MEMBER_TYPE, BudgetFileError, parse_budget_rows, read_budget_file, table_rows,
)
from scenarios.frames import equity_frame
from scenarios.numformat import format_number, format_percent, kr_to_tkr
from scenarios.year_cycle import (
    YearCycleError, budget_for, equity_check, equity_comparison, equity_path, follow_up, in_tkr,
    outcome_template, record_outcome,
)

ss = st.session_state
TABLE = table_labels()
ctx = state.context()
plan = ctx.plan
db = state.db()
state.show_url_problems()
st.title(f"{t('page_follow_up')} – {plan.name}")
st.caption(t("fu_intro"))


EXPECTED = baselines.seen_version("fu", ctx.fid, ctx.bundle.version)
# Input widgets are keyed by federation and version: after a save, or on another
# federation, they start afresh (a kept key would keep a stale file or option).
SUFFIX = f"{ctx.fid}_{ctx.bundle.version}"

try:
    VERSIONS = baselines.baseline_store(db).plans(ctx.fid)
except BaselineStoreError as exc:
    st.error(t("fu_store_error", message=str(exc)), icon=":material/error:")
    st.stop()


# --- Tables ---------------------------------------------------------------------------------


def row_label(row) -> str:
    """Lines indented under their group; groups and totals by their key."""
    if row.kind == "line":
        return "– " + (row.name or TABLE["unallocated"])
    kind, _, what = row.key.partition(":")
    if kind == "group":
        named = {"contributions": TABLE["contributions"], "esf": TABLE["esf"], "other": TABLE["other_income"]}
        return named.get(what) or group_label(what)
    return {"income": t("fu_total_income"), "costs": TABLE["costs"], "result": t("fu_result"),
            "opening_equity": TABLE["opening_equity"], "closing_equity": TABLE["closing_equity"]}[what]


def follow_up_frame(rows) -> pd.DataFrame:
    tkr = in_tkr(rows)
    data = []
    for row in rows:
        budget_t, outcome_t = tkr[row.key]
        data.append({
            TABLE["row"]: row_label(row),
            t("fu_col_budget"): format_number(budget_t),
            t("fu_col_outcome"): format_number(outcome_t),
            t("fu_col_dev"): format_number(outcome_t - budget_t),
            t("fu_col_dev_pct"): format_percent(row.deviation_share) if row.kind != "total"
            or row.key in ("total:income", "total:costs") else "",
            t("fu_col_util"): format_percent(row.utilization) if row.utilization is not None else "",
        })
    return pd.DataFrame(data)


def show_follow_up(rows, key: str) -> None:
    """The follow-up table, group and total rows bold as in the budget table."""
    text = follow_up_frame(rows)
    bold = [r.kind != "line" for r in rows]
    config = {text.columns[0]: st.column_config.TextColumn(width="large")}
    for column in text.columns[1:]:
        config[column] = st.column_config.TextColumn(alignment="right")
    styled = text.style.apply(lambda row: ["font-weight: bold" if bold[row.name] else ""] * len(row), axis=1)
    with st.container(key=key):
        st.dataframe(styled, hide_index=True, column_config=config, height=35 * (len(text) + 1) + 3)


def report_frame(rows: list[dict]) -> pd.DataFrame:
    """The annual report's own Driftredovisning rows (signed as the report prints them;
    a figure the report does not give is '–')."""
    def tkr(kr):
        return "–" if kr is None else format_number(kr_to_tkr(kr))

    data = []
    for r in sorted(rows, key=lambda r: -r["year"]):
        both = None not in (r["outcome"], r["budget"])
        deviation = r["outcome"] - r["budget"] if both else None
        data.append({
            TABLE["row"]: r["line"], t("year"): str(r["year"]),
            t("fu_col_budget"): tkr(r["budget"]), t("fu_col_outcome"): tkr(r["outcome"]),
            t("fu_col_dev"): tkr(deviation),
            t("fu_col_dev_pct"): format_percent(deviation / abs(r["budget"]) if both and r["budget"] else None),
        })
    return pd.DataFrame(data)


def budget_caption(version, year: int) -> str:
    """Which version is the budget, and whether its figures for the year were ours."""
    info = version.info
    text = t("fu_compared_with", version=t("fu_version", version=info.version, comment=info.comment or "–",
                                           date=info.created_at.strftime("%Y-%m-%d")))
    if year in version.plan.assumed_years:
        text += " " + t("fu_budget_assumed", year=year)
    return text


# --- Reading the outcome --------------------------------------------------------------------


def show_findings(findings, lang: str, names: dict[int, str] | None = None) -> None:
    """Import findings, errors first; rows of the table are named instead of numbered."""
    def text(f):
        if names is not None and f.row in names:
            return f"{names[f.row]}: {f.message(lang)}"
        return f.text(lang)

    errors = [text(f) for f in findings if f.severity == "error"]
    warnings = [text(f) for f in findings if f.severity == "warning"]
    if errors:
        st.error(t("fu_errors", n=len(errors)) + "\n\n" + "\n".join(f"- {e}" for e in errors), icon=":material/error:")
    if warnings:
        st.warning(t("fu_warnings", n=len(warnings)) + "\n\n" + "\n".join(f"- {w}" for w in warnings),
                   icon=":material/warning:")


def from_file(year: int):
    """(outcome plan, stated opening equity of the year) from an uploaded file, or None."""
    st.caption(t("fu_file_help", year=year))
    template = outcome_template(plan, year)
    st.download_button(t("fu_template"), template_csv(template), file_name=f"utfall-{year}-{ctx.fid}.csv",
                       mime="text/csv", key="fu_template")
    upload = st.file_uploader(t("fu_file"), type=["csv", "xlsx", "txt"], key=f"fu_file_{SUFFIX}")
    if upload is None:
        return None
    lang = current_lang()
    try:
        result = read_budget_file(upload.getvalue(), upload.name, federation_id=plan.federation_id,
                                  name=plan.name, previous=plan)
    except BudgetFileError as exc:
        st.error(t("fu_unreadable", message=exc.sv if lang == "sv" else str(exc)), icon=":material/error:")
        return None
    show_findings(result.findings, lang)
    if result.plan is None:
        return None
    if year not in result.plan.years or not result.plan.is_outcome(year):
        st.error(t("fu_no_column", year=year), icon=":material/error:")
        return None
    return result.plan, equity_path(result.plan)[year][0]


def template_csv(template) -> bytes:
    """The year as a ';'-separated file in tkr, without totals (they would need updating)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in table_rows(template, unit=1000, totals=False):
        writer.writerow(["" if v is None else str(v).replace(".", ",") if isinstance(v, (Decimal, float)) else v
                         for v in row])
    return buffer.getvalue().encode("utf-8-sig")


TYPES = ["ingående eget kapital", *MEMBER_TYPE.values(), "medlemsbidrag ej fördelat", *INCOME_TYPE.values(),
         *COST_TYPE.values()]


def table_start(year: int) -> pd.DataFrame:
    """The year's lines prefilled with the plan's figures (tkr)."""
    template = outcome_template(plan, year)
    rows = [(TABLE["opening_equity"], "ingående eget kapital", template.opening_equity, "")]
    rows += [(m.name, MEMBER_TYPE[m.kind], template.contributions[m.id][year], m.id) for m in plan.members]
    if template.unallocated_contributions:
        rows.append((TABLE["unallocated"], "medlemsbidrag ej fördelat", template.unallocated_contributions[year], ""))
    rows += [(x.name, INCOME_TYPE[x.kind], x.amounts[year], x.id) for x in template.income]
    rows += [(x.name, COST_TYPE[x.group], x.amounts[year], x.id) for x in template.costs]
    return pd.DataFrame({
        "name": [r[0] for r in rows], "type": [r[1] for r in rows],
        "planned": [r[2] / 1000 for r in rows], "outcome": [r[2] / 1000 for r in rows],
        "id": [r[3] for r in rows],
    })


def from_table(year: int):
    """(outcome plan, stated opening) from the table editor, or None."""
    st.caption(t("fu_table_help", year=year))
    start = table_start(year)
    edited = st.data_editor(
        start, key=f"fu_table_{year}_{SUFFIX}", num_rows="dynamic", hide_index=True, width="stretch",
        height=35 * (len(start) + 2) + 3,  # every line in view, and the row to add one
        column_config={
            "name": st.column_config.TextColumn(TABLE["row"], width="large"),
            "type": st.column_config.SelectboxColumn(t("fu_col_type"), options=TYPES, width="medium"),
            "planned": st.column_config.NumberColumn(
                f"{t('basis_' + plan.basis[year])} {year} (tkr)", disabled=True, format="localized"),
            "outcome": st.column_config.NumberColumn(f"{t('basis_outcome')} {year} (tkr)", format="localized"),
            "id": None,
        },
    )
    rows = [["Rad", "Typ", f"Utfall {year}", "Id"], ["Enhet", "tkr"]]
    names = {}
    for i, r in enumerate(edited.itertuples(index=False), start=3):
        value = None if pd.isna(r.outcome) else Decimal(str(r.outcome))
        name = r.name if isinstance(r.name, str) else ""
        rows.append([name or None, r.type if isinstance(r.type, str) else None, value,
                     r.id if isinstance(r.id, str) and r.id else None])
        names[i] = name or f"{t('fu_new_row')} {i - 2}"
    result = parse_budget_rows(rows, federation_id=plan.federation_id, name=plan.name, previous=plan)
    show_findings(result.findings, current_lang(), names)
    if result.plan is None:
        return None
    return result.plan, equity_path(result.plan)[year][0]


def closing_input() -> tuple[bool, int | None]:
    """(valid, kr) of the optional closing equity from the annual report."""
    text = st.text_input(t("fu_closing"), key="fu_closing", help=t("fu_closing_help"))
    if not (text or "").strip():
        return True, None
    try:
        return True, state.parse_tkr(text)
    except state.InputError as exc:
        st.error(f"{exc} {t('fu_closing_ignored')}", icon=":material/error:")
        return False, None


# --- Saving ------------------------------------------------------------------------------------


def save(candidate, year: int, comment: str, version: int) -> None:
    try:
        saved = baselines.write(db, "save", candidate, user=kept.user_name(),
                                comment=comment.strip() or t("fu_default_comment", year=year),
                                action="outcome", expected_version=version)
    except BaselineStoreError as exc:
        key = "fu_changed" if exc.code == "changed_meanwhile" else "fu_save_error"
        ss["fu_msg"] = ("error", t(key, message=str(exc)))
        return
    ss["fu_msg"] = ("success", t("fu_saved", year=year, version=saved.version))
    for key in ("fu_closing", "fu_comment", "fu_adjust"):
        ss.pop(key, None)


def show_message() -> None:
    message = ss.pop("fu_msg", None)
    if message:
        kind, text = message
        (st.success if kind == "success" else st.error)(
            text, icon=":material/check_circle:" if kind == "success" else ":material/error:")


def equity_notes(check) -> None:
    if check.first_year and check.opening_difference:
        st.info(t("fu_reanchor", year=check.year, old=format_number(kr_to_tkr(check.rolled_opening)),
                  new=format_number(kr_to_tkr(check.stated_opening))), icon=":material/info:")
    elif check.opening_difference and not check.adjustment:
        st.warning(t("fu_opening_note", year=check.year, stated=format_number(kr_to_tkr(check.stated_opening)),
                     rolled=format_number(kr_to_tkr(check.rolled_opening))), icon=":material/warning:")


def record_section() -> None:
    st.header(t("fu_record"))
    show_message()
    first_open = plan.first_open_year
    choices = [y for y in plan.years if plan.is_outcome(y)] + ([first_open] if first_open else [])
    left, right = st.columns(2)
    year = left.selectbox(
        t("fu_year"), choices, index=len(choices) - 1, key=f"fu_year_{SUFFIX}",
        format_func=lambda y: t("fu_year_open" if y == first_open else "fu_year_fix", year=y,
                                basis=t("basis_" + plan.basis[y])))
    source = right.radio(t("fu_source"), ["file", "table"], key="fu_source", horizontal=True,
                         format_func=lambda v: t(f"fu_source_{v}"))
    got = from_file(year) if source == "file" else from_table(year)
    with st.columns(2)[0]:
        closing_ok, closing = closing_input()
    if got is None:
        return
    outcome, stated = got
    try:
        check = equity_check(plan, year, outcome, opening_equity=stated, closing_equity=closing)
    except YearCycleError as exc:
        st.error(error_text(exc), icon=":material/error:")
        return
    equity_notes(check)
    if check.adjustment:
        st.checkbox(t("fu_adjust", amount=format_number(kr_to_tkr(check.adjustment))), key="fu_adjust")
    try:
        candidate = record_outcome(plan, year, outcome, opening_equity=stated, closing_equity=closing,
                                   adjust_equity=bool(ss.get("fu_adjust")))
    except YearCycleError as exc:
        st.error(f"{error_text(exc)} {t('fu_adjust_hint')}", icon=":material/error:")
        return
    budget = budget_for(VERSIONS, year)
    st.subheader(t("fu_preview", year=year))
    if budget is None:
        st.caption(t("fu_no_budget", year=year))
    else:
        st.caption(budget_caption(budget, year))
        show_follow_up(follow_up(budget.plan, candidate, year), key="fu_preview")
    equity, last = equity_path(candidate), candidate.years[-1]
    st.caption(t("fu_preview_equity", year=year, closing=format_number(kr_to_tkr(equity[year][1])),
                 last=last, end=format_number(kr_to_tkr(equity[last][1]))))
    left, right = st.columns(2)
    left.text_input(t("fu_comment"), key="fu_comment", max_chars=300)
    signin.user_name_input(right)
    # Saved in this run, not in a callback: the candidate then reflects every input as sent.
    if st.button(t("fu_save", year=year), key="fu_save", type="primary",
                 disabled=not closing_ok or not signin.may("edit_baseline", ctx.fid)):
        save(candidate, year, ss.get("fu_comment") or "", EXPECTED)
        st.rerun()
    st.caption(t("fu_save_note", version=ctx.bundle.version))


# --- Budget against outcome ------------------------------------------------------------------


def follow_up_section() -> None:
    st.header(t("fu_follow_up"))
    followed = []
    for year in reversed([y for y in plan.years if plan.is_outcome(y)]):
        budget = budget_for(VERSIONS, year)
        if budget is None:
            continue
        followed.append((year, budget))
        st.subheader(t("fu_year_heading", year=year))
        st.caption(budget_caption(budget, year))
        show_follow_up(follow_up(budget.plan, plan, year), key=f"fu_rows_{year}")
    report = ctx.bundle.budget_vs_outcome
    if report:
        st.subheader(t("fu_report_heading"))
        st.info(t("fu_report_note"), icon=":material/info:")
        state.show_table(report_frame(report), key="fu_report")
    if not followed and not report:
        st.info(t("fu_nothing"), icon=":material/info:")
    if followed:
        equity_section(*followed[0])


def equity_section(year: int, budget) -> None:
    """Closing equity by the budget and now: from the outcome on, every year rolls
    forward from the recorded closing equity."""
    st.subheader(t("fu_equity_heading"))
    rows = [r for r in equity_comparison(budget.plan, plan) if r.year >= year - 1]  # from the year before on
    budget_name, now_name = t("fu_eq_budget", version=budget.version), t("fu_eq_now")
    frame = pd.DataFrame([{
        t("year"): f"{t('basis_' + r.basis)} {r.year}" if r.basis else str(r.year),
        budget_name: format_number(kr_to_tkr(r.budget_closing)) if r.budget_closing is not None else "–",
        now_name: format_number(kr_to_tkr(r.current_closing)) if r.current_closing is not None else "–",
        t("fu_col_dev"): format_number(kr_to_tkr(r.current_closing) - kr_to_tkr(r.budget_closing))
        if None not in (r.budget_closing, r.current_closing) else "–",
    } for r in rows])
    state.show_table(frame, key="fu_equity", first_width="medium")
    lines = pd.DataFrame(
        [{"name": budget_name, "year": r.year, "closing_tkr": kr_to_tkr(r.budget_closing)}
         for r in rows if r.budget_closing is not None]
        + [{"name": now_name, "year": r.year, "closing_tkr": kr_to_tkr(r.current_closing)}
           for r in rows if r.current_closing is not None])
    band = equity_frame(ctx.base)[["year", "floor_tkr", "cap_tkr"]]
    band = band[band["year"] >= year - 1]
    with st.container(key="fu_equity_chart"):
        st.altair_chart(compare_chart(lines, band, [budget_name, now_name]), width="stretch")
    st.caption(t("fu_equity_caption", year=year))


if not state.meeting():
    record_section()
follow_up_section()
