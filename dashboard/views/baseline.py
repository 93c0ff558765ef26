"""Baslinje: the federation's adopted plan as an editable table (tkr), saved as a new
version with a comment; below, every version, any version read-only, and restoring one.

Session-state keys (besides widget keys, see README_KEYS.md):
    bl_base     the editor: federation, the version it was opened on, that version's
                table, the table the editor starts from (a plan year may be added),
                its assumed years and a generation number (part of the editor's key,
                so a new start never replays old edits)
    bl_reopen   a version to open the editor on at the start of the next run
    bl_msg      the success message of the last save or restore, shown once
"""

from __future__ import annotations

import streamlit as st

from dashboard import baseline_edit as be
from dashboard import baselines, kept, signin, state
from dashboard.i18n import t, table_labels
from scenarios.engine import project
from scenarios.frames import budget_frame, budget_rows

ss = st.session_state
ctx = state.context()
fid, db = ctx.fid, state.db()
newest = ctx.bundle.version
state.show_url_problems()
st.title(f"{t('page_baseline')} – {ctx.plan.name}")
st.caption(t("bl_intro"))


def open_editor(version: int, start=None) -> None:
    """Start the editor on `version` (or on `start`, an edited table of it)."""
    plan = baselines.plan_at(db, fid, version)
    saved = be.editor_frame(plan)
    base = ss.get("bl_base") or {}
    ss["bl_base"] = {
        "fid": fid, "version": version, "saved": saved,
        "start": saved if start is None else start,
        "assumed": sorted(plan.assumed_years) if start is None else base.get("assumed", []),
        "gen": base.get("gen", 0) + 1,
    }
    if start is None:
        ss["bl_assumed"] = sorted(plan.assumed_years)


# Changes asked for in the last run, made before any widget is drawn.
if "bl_reopen" in ss:
    reopen = ss.pop("bl_reopen")
    open_editor(reopen)
    ss["bl_comment"] = ""
    ss["bl_restore_comment"] = ""
    # Show the version just saved. Set, not deleted: a deleted widget value would
    # leave the browser's picker on the old choice without telling the server.
    ss["bl_view_version"] = reopen
if "bl_start" in ss:
    open_editor(ss["bl_base"]["version"], ss.pop("bl_start"))
if ss.get("bl_base", {}).get("fid") != fid:  # first visit, or another federation picked
    open_editor(newest)
    ss["bl_view_version"] = newest
base = ss["bl_base"]
if "bl_assumed" not in ss:  # widget state is dropped while another page is shown
    ss["bl_assumed"] = list(base["assumed"])
infos = baselines.history(db, fid)
info_of = {i.version: i for i in infos}


def show_findings(findings, frame) -> None:
    """Every finding at once: errors first, each with its row and column."""
    for finding in findings:
        text = be.finding_text(finding, frame)
        if finding.severity == "error":
            st.error(text, icon=":material/error:")
        else:
            st.warning(text, icon=":material/warning:")


def editor_config(frame, assumed: set[int]) -> dict:
    config = {
        be.NAME_COL: st.column_config.TextColumn(t("bl_col_name"), width=260, required=True),
        be.TYPE_COL: st.column_config.SelectboxColumn(t("bl_col_type"), options=be.EDIT_TYPES,
                                                      width=180, required=True),
    }
    for column in be.year_columns(frame):
        is_assumed = be.column_year(column) in assumed
        label = f"{column} ({t('plan_assumed_short')})" if is_assumed else column
        config[column] = st.column_config.TextColumn(
            label, alignment="right", width=170 if is_assumed else 110,
            help=t("plan_assumed_help") if is_assumed else None)
    for column in frame.columns:
        if column not in config and column != be.ID_COL:
            config[column] = st.column_config.TextColumn(column, width=100, help=t(f"bl_extra_{column}"))
    return config


def show_budget_table(plan) -> None:
    """The version as the Budgettabell page shows a plan: tkr, totals in bold."""
    labels = table_labels()
    rows = budget_rows(plan, project(plan, ctx.bundle.rules), labels)
    text = budget_frame(plan, rows, labels, formatted=True)
    bold = {i for i, r in enumerate(rows) if r.total}
    styled = text.style.apply(lambda row: ["font-weight: bold" if row.name in bold else ""] * len(row), axis=1)
    config = {text.columns[0]: st.column_config.TextColumn(width="large")}
    config |= {c: st.column_config.TextColumn(alignment="right") for c in text.columns[1:]}
    with st.container(key="bl_view_table"):
        st.dataframe(styled, hide_index=True, column_config=config, height=35 * (len(text) + 1) + 3)


def user_name_input() -> None:
    signin.user_name_input()


# --- The editor -----------------------------------------------------------------------------


def editor_section() -> None:
    opened = base["version"]
    opened_plan = baselines.plan_at(db, fid, opened)
    opened_info = info_of.get(opened)
    if opened_info is not None:
        st.caption(t("bl_editing", version=opened, when=kept.local_time(opened_info.created_at),
                     what=be.action_text(opened_info)))
    if newest != opened:
        st.warning(t("bl_newer", newest=newest, version=opened), icon=":material/warning:")
        if st.button(t("bl_reload"), key="bl_reload"):
            ss["bl_reopen"] = newest
            st.rerun()

    start = base["start"]
    st.markdown(t("plan_years", years=be.columns_years_text(be.year_columns(start))))
    assumed_now = set(ss["bl_assumed"])
    note = be.assumed_text(assumed_now)
    if note:
        st.warning(note, icon=":material/info:")
    with st.container(key="bl_editor"):
        edited = st.data_editor(
            start, key=f"bl_editor_{base['gen']}", num_rows="dynamic", hide_index=True,
            column_config=editor_config(start, assumed_now),
            column_order=[c for c in start.columns if c != be.ID_COL],
            height=min(35 * (len(start) + 2) + 3, 1400), width="stretch",
        )
    st.caption(t("bl_editor_help"))

    left, right = st.columns([2, 3], vertical_alignment="bottom")
    next_year = be.next_plan_year(edited)
    if left.button(t("bl_add_year", year=next_year), key="bl_add_year", icon=":material/add:",
                   help=t("bl_add_year_help", year=next_year)):
        ss["bl_start"] = be.with_plan_year(edited)
        st.rerun()
    right.multiselect(t("bl_assumed"), options=[be.column_year(c) for c in be.year_columns(edited)],
                      key="bl_assumed", help=t("bl_assumed_help"), placeholder=t("bl_assumed_none"))

    assumed = set(ss.get("bl_assumed") or [])
    dirty = not be.same_table(edited, base["saved"]) or assumed != set(base["assumed"])
    if dirty:
        check_section(edited, opened_plan)
    save_section(edited, opened_plan, opened, assumed, dirty)


def check_section(edited, opened_plan) -> None:
    """The edit read as a plan, at once: every finding, and what it does to equity."""
    check = be.check_edit(edited, opened_plan)
    show_findings(check.findings, edited)
    if check.ok:
        effect = be.equity_effect(project(opened_plan, ctx.bundle.rules), project(check.plan, ctx.bundle.rules))
        st.markdown(f"**{t('bl_effect')}**")
        state.show_table(effect, key="bl_effect", first_width="medium")
    st.caption(t("bl_unsaved"))


def save_section(edited, opened_plan, opened: int, assumed: set[int], dirty: bool) -> None:
    st.subheader(t("bl_save_header"))
    c1, c2 = st.columns([3, 2])
    c1.text_input(t("bl_comment"), key="bl_comment", placeholder=t("bl_comment_placeholder"), max_chars=500)
    with c2:
        user_name_input()
    with st.container(horizontal=True):
        save = st.button(t("bl_save"), key="bl_save", type="primary",
                         disabled=not dirty or not signin.may("edit_baseline", fid))
        discard = st.button(t("bl_discard"), key="bl_discard", disabled=not dirty)
    if not dirty:
        st.caption(t("bl_no_changes"))
    if discard:
        ss["bl_reopen"] = opened
        st.rerun()
    if save:
        outcome = be.save_edit(db, opened_plan, opened, edited, user=kept.user_name(),
                               comment=ss.get("bl_comment", ""), assumed=assumed)
        if outcome.ok:
            ss["bl_reopen"] = outcome.saved.version
            ss["bl_msg"] = t("bl_saved", version=outcome.saved.version)
            st.rerun()
        st.error(outcome.message, icon=":material/error:")


# --- Versions -------------------------------------------------------------------------------


def versions_section(editing: bool) -> None:
    st.subheader(t("bl_history"))
    with st.container(key="bl_history"):
        st.dataframe(be.history_frame(infos), hide_index=True, width="stretch",
                     column_config={t("bl_h_comment"): st.column_config.TextColumn(width="large")})
    labels = {i.version: be.version_label(i) for i in infos}
    picked = st.selectbox(t("bl_view"), options=[i.version for i in infos], format_func=labels.get,
                          key="bl_view_version")
    picked_plan = baselines.plan_at(db, fid, picked)
    current = t("bl_view_newest") if picked == newest else ""
    st.caption(t("bl_view_caption", version=picked, current=current) + " "
               + t("plan_years", years=be.years_text(picked_plan)))
    note = be.assumed_text(picked_plan.assumed_years)
    if note:
        st.warning(note, icon=":material/info:")
    show_budget_table(picked_plan)
    if not editing:
        return
    if picked == newest:
        st.caption(t("bl_restore_newest"))
        return
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    c1.text_input(t("bl_restore_comment"), key="bl_restore_comment",
                  placeholder=t("bl_restore_default", version=picked), max_chars=500)
    if c2.button(t("bl_restore"), key="bl_restore", icon=":material/history:"):
        outcome = be.restore_version(db, fid, picked, user=kept.user_name(),
                                     comment=ss.get("bl_restore_comment", ""), newest=newest)
        if outcome.ok:
            ss["bl_reopen"] = outcome.saved.version
            ss["bl_msg"] = t("bl_restored", old=picked, version=outcome.saved.version)
            st.rerun()
        st.error(outcome.message, icon=":material/error:")


editing = not state.meeting()
message = ss.pop("bl_msg", None)
if message:
    st.success(message, icon=":material/check_circle:")
    st.toast(message, icon=":material/check_circle:")  # seen wherever the page is scrolled to
if editing:
    editor_section()
else:
    st.info(t("bl_meeting"), icon=":material/info:")
versions_section(editing)
