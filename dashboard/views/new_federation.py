"""Nytt förbund: bring in a federation from a budget file (the template filled in, a
CSV, or a TOML the planner wrote), see every finding and the projection, and save it
as the federation's first baseline version. Nothing is stored while the file has errors.

Session-state keys (besides widget keys, see README_KEYS.md):
    nf_gen    generation of the file uploader's key (a new one after a save empties it)
    nf_saved  the saved federation's name, set by the save callback: open Översikt
    nf_msg    why the last save stored nothing
"""

from __future__ import annotations

import streamlit as st

from dashboard import baseline_edit as be
from dashboard import charts, kept, signin, state
from dashboard.i18n import current_lang, t, table_labels
from scenarios.budget_file import UNIT_LABEL, federation_id_of, template_xlsx
from scenarios.engine import project
from scenarios.frames import budget_frame, budget_rows, equity_frame

ss = st.session_state
db = state.db()

saved_name = ss.pop("nf_saved", None)
if saved_name:  # the save callback picked the new federation: show it on Översikt
    st.toast(t("nf_saved", name=saved_name), icon=":material/check_circle:")
    st.switch_page("views/overview.py")

st.title(t("page_new_federation"))
st.caption(t("nf_intro"))
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def save_federation(plan, default_comment: str) -> None:
    """The save button's callback (before the sidebar is drawn, so the picker can
    change to the new federation)."""
    outcome = be.create_federation(db, plan, user=kept.user_name(),
                                   comment=(ss.get("nf_comment") or "").strip() or default_comment)
    if not outcome.ok:
        ss["nf_msg"] = outcome.message
        return
    ss["fed"] = plan.federation_id
    state.on_federation_change()  # the levers of the previous federation do not apply
    ss["nf_gen"] = ss.get("nf_gen", 0) + 1
    for key in ("nf_name", "nf_id", "nf_comment"):
        ss[key] = ""
    ss["nf_saved"] = plan.name


def show_findings(result) -> None:
    if result.errors:
        st.error(t("nf_errors", n=len(result.errors)), icon=":material/error:")
    for finding in result.findings:
        text = finding.text(current_lang())
        if finding.severity == "error":
            st.error(text, icon=":material/error:")
        else:
            st.warning(text, icon=":material/warning:")


def show_preview(plan, unit: int | None) -> None:
    rules = state.bundle(db, ss["fed"]).rules  # the Finsam rules are the same for every federation
    projection = project(plan, rules)
    st.success(t("nf_preview_ok", name=plan.name, fid=plan.federation_id, first=plan.years[0],
                 last=plan.years[-1], unit=UNIT_LABEL.get(unit, "kr")), icon=":material/check_circle:")
    st.markdown(t("plan_years", years=be.years_text(plan)))
    labels = table_labels()
    rows = budget_rows(plan, projection, labels)
    st.markdown(f"**{t('nf_preview_table')}**")
    state.show_table(budget_frame(plan, rows, labels, formatted=True), key="nf_preview_table")
    with st.container(key="nf_preview_chart"):
        charts.show(charts.equity_chart(equity_frame(projection)))
    st.caption(t("chart_caption"))


# --- 1. The template --------------------------------------------------------------------------
st.subheader(t("nf_step_template"))
st.markdown(t("nf_layout"))
st.download_button(t("nf_template"), data=template_xlsx, file_name="finsam-mall.xlsx", mime=XLSX,
                   key="nf_template", icon=":material/download:")

# --- 2. The file, the name and the id -------------------------------------------------------
st.subheader(t("nf_step_file"))
with st.container(key="nf_upload"):
    uploaded = st.file_uploader(t("nf_file", mb=be.MAX_UPLOAD_MB), type=be.UPLOAD_TYPES,
                                key=f"nf_file_{ss.get('nf_gen', 0)}", max_upload_size=be.MAX_UPLOAD_MB)
# The file is read with the name and id as typed (the widgets' values of the last
# run), so the inputs below can show what the file gives when they are left empty.
name = (ss.get("nf_name") or "").strip()
typed_id = (ss.get("nf_id") or "").strip()
result, problem = (None, None)
if uploaded is not None:
    result, problem = be.read_upload(uploaded.getvalue(), uploaded.name,
                                     federation_id=typed_id or federation_id_of(name) or None, name=name or None)
plan = result.plan if result is not None else None
suggestion = federation_id_of(name) or (plan.federation_id if plan is not None else "")
c1, c2 = st.columns(2)
c1.text_input(t("nf_name"), key="nf_name", help=t("nf_name_help"), max_chars=120,
              placeholder=plan.name if plan is not None else "")
c2.text_input(t("nf_id"), key="nf_id", placeholder=suggestion,
              help=t("nf_id_help", suggestion=suggestion or "–"), max_chars=80)
fid = typed_id or suggestion
# Checked once there is something to check: a plan read, or a name or id typed.
id_problem = be.id_problem(fid, state.federations(db), suggestion) if (plan or name or typed_id) else None
if id_problem:
    c2.error(id_problem, icon=":material/error:")

# --- 3. Check before saving -----------------------------------------------------------------
st.subheader(t("nf_step_preview"))
if uploaded is None:
    st.info(t("nf_no_file"), icon=":material/info:")
elif problem:
    st.error(problem, icon=":material/error:")
else:
    show_findings(result)
    if plan is not None:
        show_preview(plan, result.unit)

can_save = plan is not None and not id_problem
default_comment = t("nf_comment_default", file=uploaded.name) if uploaded is not None else ""
c1, c2 = st.columns([3, 2])
c1.text_input(t("plan_comment"), key="nf_comment", placeholder=default_comment, max_chars=500)
with c2:
    signin.user_name_input()
st.button(t("nf_save"), key="nf_save", type="primary", disabled=not can_save, icon=":material/save:",
          on_click=save_federation, args=(plan, default_comment))
if not can_save:
    st.caption(t("nf_save_blocked"))
message = ss.pop("nf_msg", None)
if message:
    st.error(message, icon=":material/error:")
