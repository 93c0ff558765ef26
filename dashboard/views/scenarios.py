"""Scenarier: kept scenarios (save, rename, copy, delete), export/import as TOML,
the history of every change and restoring any earlier version."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
import streamlit as st

from dashboard import adoption, kept, signin, state
from dashboard.i18n import t
from scenarios.levers import LeverError
from scenarios.numformat import format_number, kr_to_tkr

ss = st.session_state
ctx = state.context()
plan = ctx.plan
state.show_url_problems()
st.title(t("page_scenarios"))
st.caption(t("scen_intro"))


def show_message(slot: str) -> None:
    message = ss.get(slot)
    if message:
        kind, text = message
        if kind == "error":
            st.error(text, icon=":material/error:")
        else:
            st.success(text, icon=":material/check_circle:")


def changes_text(levers) -> str:
    return "; ".join(state.change_list(levers)) or t("no_changes_short")


def file_name(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return (re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower() or "scenario") + ".toml"


try:
    listing = kept.kept(ctx.fid, include_deleted=True)
    events = kept.history(ctx.fid)
except kept.KeptError as exc:
    st.error(t("kept_error", message=str(exc)), icon=":material/error:")
    st.stop()

alive = [s for s in listing if not s.deleted]
deleted = [s for s in listing if s.deleted]
current = kept.picked_scenario(alive)
is_dirty = kept.dirty(current, ctx.levers)

# --- Where am I ----------------------------------------------------------------------------
# A reader (hosted mode) builds scenarios in the session and exports them, but keeps nothing.
can_keep = signin.may("keep", ctx.fid)
if current is None:
    if can_keep:  # "save them below": there is nothing below to save with for a reader
        st.info(t("scen_status_none"), icon=":material/info:")
else:
    key = "scen_status_dirty" if is_dirty else "scen_status"
    st.info(t(key, name=kept.display_name(current), version=current.version), icon=":material/info:")
    if current.adopted:
        st.caption(t("scen_status_adopted"))

editing = not state.meeting()
if editing and not can_keep:
    st.info(t("read_only", fed=plan.name), icon=":material/visibility:")
elif editing:
    name_col, _ = st.columns([1, 2])
    signin.user_name_input(name_col)

# --- The kept scenarios --------------------------------------------------------------------
last_year = ctx.open_years[-1] if ctx.open_years else plan.years[-1]
last_by = {}
for event in reversed(events):  # oldest first: the newest wins
    last_by[event.scenario_id] = event.user or t("unknown_user")
rows = []
for stored in alive:
    levers = kept.spec_to_levers(stored.spec)
    try:
        result = state.check_levers(ctx.fid, levers)
        equity = format_number(kr_to_tkr(result.projection.year(last_year).closing_equity))
    except LeverError:
        equity = t("cannot_compute")
    rows.append({
        t("col_name"): ("🔒 " if stored.adopted else "") + kept.display_name(stored),
        t("col_changes"): changes_text(levers),
        t("col_equity_last", year=last_year): equity,
        t("col_version"): str(stored.version),
        # the adopted budget is the baseline itself: always the newest version
        t("col_baseline_version"): str(ctx.bundle.version if stored.adopted else stored.baseline_version),
        t("col_updated"): kept.local_time(stored.updated_at),
        t("col_by"): last_by.get(stored.id, t("unknown_user")),
    })
st.subheader(t("scen_list"))
frame = pd.DataFrame(rows)
numeric = [t("col_equity_last", year=last_year), t("col_version"), t("col_baseline_version")]
styled = frame.style.hide(axis="index").set_properties(subset=numeric, **{"text-align": "right"})
with st.container(key="scen_list"):
    # a static table: long change lists wrap instead of being cut off
    st.table(styled)

if editing and can_keep:
    # --- Save, rename, copy, delete --------------------------------------------------------
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(t("scen_save_header"))
        st.text_input(t("scen_new_name"), key="scen_new_name", max_chars=120)
        st.text_input(t("scen_new_desc"), key="scen_new_desc", max_chars=500)
        with st.container(horizontal=True):
            st.button(t("scen_save_new"), key="scen_save_new", on_click=kept.save_new, type="primary")
            st.button(t("scen_save"), key="scen_save", on_click=kept.save_changes,
                      disabled=current is None or not is_dirty)
    with right:
        if current is None:
            st.subheader(t("scen_edit_none"))
            st.caption(t("scen_edit_hint"))
        else:
            st.subheader(t("scen_edit_header", name=kept.display_name(current)))
            if not ss.get("scen_rename_name"):
                ss["scen_rename_name"] = current.name
            c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
            c1.text_input(t("scen_rename_name"), key="scen_rename_name", max_chars=120)
            c2.button(t("scen_rename"), key="scen_rename", on_click=kept.rename)
            c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
            c1.text_input(t("scen_dup_name"), key="scen_dup_name", max_chars=120)
            c2.button(t("scen_dup"), key="scen_dup", on_click=kept.duplicate)
            st.button(t("scen_delete"), key="scen_delete", on_click=kept.delete,
                      icon=":material/delete:")
            if not current.adopted:
                st.button(t("scen_unpropose" if current.spec.proposed else "scen_propose"), key="scen_propose",
                          on_click=kept.toggle_proposed, disabled=is_dirty)
            if not current.adopted and signin.may("adopt", ctx.fid):
                with st.container(key="adopt_box", border=True):
                    st.markdown(f"**{t('adopt_header')}**")
                    st.caption(t("adopt_intro"))
                    st.text_input(t("adopt_comment"), key="adopt_comment", max_chars=200)
                    st.button(t("adopt_apply"), key="adopt_apply", on_click=adoption.adopt_picked,
                              disabled=is_dirty)
                    if is_dirty:
                        st.caption(t("adopt_dirty"))
show_message("msg_scen")
show_message("msg_adopt")
if editing:
    # --- Export / import -------------------------------------------------------------------
    st.subheader(t("io_header"))
    st.caption(t("io_intro"))
    export_name = current.name if current is not None else t("unsaved_name")
    export_desc = current.spec.description if current is not None else ""
    toml_text = kept.export_text(ctx.fid, export_name, ctx.levers, export_desc)
    left, right = st.columns(2, gap="large")
    with left:
        st.download_button(t("scenario_export"), data=toml_text.encode("utf-8"),
                           file_name=file_name(export_name), mime="application/toml",
                           key="scenario_export", icon=":material/download:")
        with st.expander(t("export_preview")):
            st.code(toml_text, language="toml")
    with right:
        st.file_uploader(t("scenario_import"), type=["toml", "txt"], key="scenario_import",
                         on_change=kept.on_import, args=(ctx.plan, ctx.bundle.rules))
        show_message("msg_import")
        if ss.get("imported") is not None and can_keep:
            c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
            c1.text_input(t("import_name"), key="import_name", max_chars=120)
            c2.button(t("import_keep"), key="import_keep", on_click=kept.keep_import, type="primary")

# --- History ---------------------------------------------------------------------------------
st.subheader(t("history_header"))
st.caption(t("history_intro"))
adopted_ids = {s.id for s in listing if s.adopted}
if not events:
    st.caption(t("history_empty"))
else:
    history = pd.DataFrame([
        {
            t("col_when"): kept.local_time(e.at),
            t("col_scenario"): t("adopted_name") if e.scenario_id in adopted_ids else e.name,
            t("col_what"): t(f"action_{e.action}"),
            t("col_detail"): kept.change_detail(e, state.change_list),
            t("col_version"): str(e.version),
            t("col_by"): e.user or t("unknown_user"),
        }
        for e in events
    ])
    # an HTML table: the change texts wrap instead of being cut off
    state.show_table(history, key="scen_history", first_width="small",
                     text_columns=(t("col_scenario"), t("col_what"), t("col_detail"), t("col_by")))
    if editing and can_keep:
        choices = {
            f"{e.scenario_id}:{e.version}": f"{kept.local_time(e.at)} · {e.name} · v{e.version} ({t('action_' + e.action)})"
            for e in events if e.scenario_id not in adopted_ids
        }
        if ss.get("restore_pick") not in choices:
            ss["restore_pick"] = None
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        c1.selectbox(t("restore_pick"), options=list(choices), format_func=choices.get, index=None,
                     key="restore_pick", placeholder="…")
        c2.button(t("restore_apply"), key="restore_apply", on_click=kept.restore_picked_event)

# --- Deleted ---------------------------------------------------------------------------------
st.subheader(t("deleted_header"))
if not deleted:
    st.caption(t("deleted_none"))
for stored in deleted:
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    c1.markdown(f"**{state.escape_markdown(stored.name)}** – "
                f"{t('deleted_at', when=kept.local_time(stored.updated_at))}")
    if editing and can_keep:
        c2.button(t("restore_deleted"), key=f"restore_deleted_{stored.id}",
                  on_click=kept.restore_deleted, args=(stored.id,))
