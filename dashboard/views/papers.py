"""Handlingar: board papers for the current scenario or a comparison of 2–4 scenarios –
the Excel workbook (scenarios.workbook) and the PDF report (scenarios.report).

The files are built only when asked ("Skapa handlingar") and kept in session state
until the selection or the changes move on.

Session-state keys (besides widget keys, see README_KEYS.md):
    papers          {key, xlsx, pdf, created (datetime), names, fid} of the last build
    _papers_pick    the pick, kept while the page is not shown
    err_papers      the last build error
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from dashboard import kept, state
from dashboard.i18n import error_text, t
from scenarios.budget_vocabulary import slugify
from scenarios.levers import LeverError
from scenarios.report import scenario_report
from scenarios.workbook import ScenarioEntry, describe_levers, scenario_workbook

MAX_PICK = 4
ss = st.session_state
ctx = state.context()
plan = ctx.plan
state.show_url_problems()
st.title(t("page_papers"))
st.caption(t("papers_intro"))


def now_local() -> datetime:
    try:
        from zoneinfo import ZoneInfo

        return datetime.now(ZoneInfo("Europe/Stockholm"))
    except Exception:  # no tz database
        return datetime.now()


listing, labels, levers_of = kept.scenario_choices(ctx, merge_clean_current=True)
state.baseline_note(ctx, listing)

def remember() -> None:
    ss["_papers_pick"] = list(ss.get("papers_pick") or [])


wanted = ss["papers_pick"] if "papers_pick" in ss else ss.get("_papers_pick", ["current"])
ss["papers_pick"] = [p for p in wanted if p in labels][:MAX_PICK]
# The reference every difference is counted from: chosen, by default the adopted budget.
adopted_id = next((s.id for s in listing if s.adopted), None)
ref_default = adopted_id if adopted_id in labels else "base"
if ss.get("papers_ref") not in labels:
    ss["papers_ref"] = ss.get("_papers_ref") if ss.get("_papers_ref") in labels else ref_default
c1, c2 = st.columns([3, 2])
c1.multiselect(t("papers_pick"), options=list(labels), format_func=labels.get, max_selections=MAX_PICK - 1,
               key="papers_pick", on_change=remember)
c2.selectbox(t("papers_ref"), options=list(labels), format_func=labels.get, key="papers_ref",
             help=t("papers_ref_help"))
ss["_papers_ref"] = ss["papers_ref"]
reference = ss["papers_ref"]
# The reference first (it is "nr 1" in the papers), then the picked scenarios.
picks = [reference] + [p for p in ss["papers_pick"] if p != reference] if ss["papers_pick"] else []
remember()
if "papers_status" not in ss:  # a proposed scenario in the papers: they are a proposal
    proposed = {s.id for s in listing if s.spec.proposed}
    shown_as_current = kept.picked_scenario(listing)  # a clean picked scenario is offered as "current"
    if shown_as_current is not None and shown_as_current.spec.proposed and "current" in picks:
        proposed.add("current")
    ss["papers_status"] = "proposal" if proposed & set(picks) else "draft"
c1, c2 = st.columns([1, 2])
c1.radio(t("papers_status"), options=["draft", "proposal"], key="papers_status",
         format_func=lambda v: t(f"papers_status_{v}"), horizontal=True)
if ss.get("papers_status") == "proposal":
    c2.text_area(t("papers_proposal"), key="papers_proposal", max_chars=600, height=80,
                 placeholder=t("papers_proposal_placeholder"))


def status_text() -> str:
    if ss.get("papers_status") == "proposal":
        proposal = " ".join((ss.get("papers_proposal") or "").split())
        return t("papers_status_proposal") + (f": {proposal}" if proposal else "")
    return t("papers_status_draft")


def build_key() -> tuple:
    return (ctx.fid, ctx.bundle.version, tuple(picks), tuple(levers_of[p] for p in picks),
            tuple(labels[p] for p in picks), ss.get("lang", "sv"), status_text())


descriptions = {s.id: s.spec.description for s in listing}
picked_now = kept.picked_scenario(listing)


def entry(pick: str) -> ScenarioEntry:
    lever_state = levers_of[pick]
    result = state.check_levers(ctx.fid, lever_state)
    # The workbook lists only the entry's own assumptions when it has some, so the
    # contribution/ceiling levers (describe_levers, the report's own wording, which it
    # de-duplicates) come first, then the plan levers in the dashboard's words.
    source = t("papers_source")
    assumptions = tuple((text, source) for text in describe_levers(result.projection.scenario))
    assumptions += tuple((state.describe(plan, lever), source) for lever in lever_state.levers)
    description = descriptions.get(pick, "")
    if pick == "current" and picked_now is not None and not kept.dirty(picked_now, lever_state):
        description = picked_now.spec.description
    return ScenarioEntry(labels[pick], result.plan, result.projection, assumptions, description)


def build() -> None:
    if not picks:
        ss["err_papers"] = t("papers_need_one")
        return
    created = now_local()
    try:
        entries = [entry(p) for p in picks]
        provenance, contradictions = state.sources(state.db(), ctx.fid)
        # The papers name the baseline version every scenario in them is computed on.
        title = f"{t('papers_title')} ({t('baseline_version_short', version=ctx.bundle.version)})"
        status = f"{status_text()} · {t('papers_version_line', when=created.strftime('%Y-%m-%d %H:%M'), version=ctx.bundle.version)}"
        xlsx = scenario_workbook(entries, title=title, created=created.date(), status=status)
        pdf = scenario_report(entries, federation_name=plan.name, created=created.date(), title=title,
                              provenance=provenance, contradictions=contradictions, status=status)
    except (LeverError, ValueError, OSError) as exc:
        ss["err_papers"] = t("papers_failed", message=error_text(exc))
        return
    ss.pop("err_papers", None)
    ss["papers"] = {"key": build_key(), "fid": ctx.fid, "xlsx": xlsx, "pdf": pdf, "created": created,
                    "names": [labels[p] for p in picks]}


if not picks:
    st.info(t("papers_need_one"), icon=":material/info:")
st.button(t("papers_build"), key="papers_build", on_click=build, type="primary", disabled=not picks,
          icon=":material/description:")
err = ss.get("err_papers")
if err:
    st.error(err, icon=":material/error:")

papers = ss.get("papers")
if papers is None or papers.get("fid") != ctx.fid:
    st.caption(t("papers_none_yet"))
    st.stop()
if papers["key"] != build_key():
    st.warning(t("papers_stale"), icon=":material/warning:")
    st.stop()

when = papers["created"].strftime("%Y-%m-%d %H:%M")
st.success(t("papers_built", when=when, names=", ".join(f"”{n}”" for n in papers["names"])),
           icon=":material/check_circle:")
# File names carry the scenarios' names, made safe: no user text reaches a file name as typed.
names = [slugify(n) or "scenario" for n in papers["names"][1:] or papers["names"]]
stem = "-".join([ctx.fid, *names])[:90].strip("-") + "-" + papers["created"].strftime("%Y-%m-%d")
papers["files"] = {"xlsx": f"{stem}.xlsx", "pdf": f"{stem}.pdf"}
with st.container(horizontal=True):
    st.download_button(t("dl_workbook"), data=papers["xlsx"], file_name=papers["files"]["xlsx"],
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="dl_workbook", icon=":material/table_view:", on_click="ignore")
    st.download_button(t("dl_report"), data=papers["pdf"], file_name=papers["files"]["pdf"],
                       mime="application/pdf", key="dl_report", icon=":material/picture_as_pdf:",
                       on_click="ignore")
