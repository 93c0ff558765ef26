"""finsam-planner dashboard: the entry point (`streamlit run dashboard/app.py`).

The frame only: sign-in in hosted mode (dashboard/signin.py), the sidebar (federation,
language, scenario, meeting mode), the URL state, and navigation to the pages under
dashboard/views/. Every page reads the
same projection from dashboard.state.context().
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import kept, lever_page, run_timing, sidebar_fold, signin, state, tables, widget_texts  # noqa: E402
from dashboard.i18n import current_lang, t  # noqa: E402
from scenarios.baseline_store import BaselineStoreError  # noqa: E402
from scenarios.roles import Access  # noqa: E402
from scenarios.store import StoreError  # noqa: E402

run_timing.install()  # server-side run times for the benchmarks (FINSAM_RUN_TIMING=1)

st.set_page_config(
    page_title="Finsam-planeraren",
    page_icon="📊",
    layout="wide",
    initial_sidebar_state="collapsed" if st.query_params.get("meet") == "1" else "auto",
)

def app_pages(access, federation_id: str | None) -> dict:
    """Three groups in the sidebar: the what-ifs of a meeting, kept scenarios and papers, and
    the federation's own plan through the year (import, edit, outcome, next plan)."""
    pages = {
        t("nav_plan"): [
            st.Page("views/overview.py", title=t("page_overview"), url_path="oversikt", default=True),
            st.Page("views/contributions.py", title=t("page_contributions"), url_path="medlemsbidrag"),
            st.Page("views/projects.py", title=t("page_projects"), url_path="projekt"),
            st.Page("views/grants.py", title=t("page_grants"), url_path="intakter"),
            st.Page("views/budget_table.py", title=t("page_table"), url_path="budgettabell"),
        ],
        t("nav_scenarios"): [
            st.Page("views/scenarios.py", title=t("page_scenarios"), url_path="scenarier"),
            st.Page("views/compare.py", title=t("page_compare"), url_path="jamfor"),
            st.Page("views/solve.py", title=t("page_solve"), url_path="los"),
            st.Page("views/papers.py", title=t("page_papers"), url_path="handlingar"),
        ],
        t("nav_own_plan"): [
            st.Page("views/baseline.py", title=t("page_baseline"), url_path="baslinje"),
            st.Page("views/follow_up.py", title=t("page_follow_up"), url_path="uppfoljning"),
            st.Page("views/roll_forward.py", title=t("page_roll_forward"), url_path="ny-verksamhetsplan"),
        ],
    }
    # Bringing in a federation is the site's (hosted: an administrator); managing a federation's
    # users is its chief's, in hosted mode only (local mode has no users).
    if access.may("create_federation"):
        pages[t("nav_own_plan")].append(
            st.Page("views/new_federation.py", title=t("page_new_federation"), url_path="nytt-forbund"))
    if not access.local and access.may("manage_users", federation_id):
        pages[t("nav_own_plan")].append(st.Page("views/users.py", title=t("page_users"), url_path="anvandare"))
    return pages


# Hosted mode: the sign-in form until someone has signed in. Every page is named (hidden)
# meanwhile, so a link to a page opens that page once signed in.
ACCESS = signin.gate(lambda: st.navigation(app_pages(Access(None, admin=True), None), position="hidden"))

try:
    # A user sees only their federations: the sidebar, the URL and every page choose among these.
    FEDERATIONS = [f for f in state.federations(state.db()) if ACCESS.may("view", f["id"])]
except (StoreError, BaselineStoreError, OSError) as exc:
    st.error(t("store_error", message=str(exc)))
    st.stop()
if not FEDERATIONS:
    st.info(t("no_federations"))
    st.button(t("sign_out"), key="sign_out", on_click=signin.sign_out)
    st.stop()


def _short(name: str) -> str:
    """'Samordningsförbundet i Jämtlands län' -> 'Jämtlands län' (fits the sidebar)."""
    short = name.removeprefix("Samordningsförbundet").strip().removeprefix("i ").strip()
    return short or name


FED_NAMES = {f["id"]: _short(f["name"]) for f in FEDERATIONS}

state.init_from_url(list(FED_NAMES))
state.on_federation_change()

with st.sidebar:
    st.selectbox(
        t("federation"), options=list(FED_NAMES), format_func=FED_NAMES.get, key=state.sidebar_key("fed"),
        on_change=state.from_sidebar("fed", state.on_federation_change),
    )
    try:
        KEPT = kept.kept(st.session_state["fed"])
    except kept.KeptError as exc:
        KEPT = []
        st.caption(t("kept_error", message=str(exc)))
    kept_names = {s.id: ("🔒 " if s.adopted else "") + kept.display_name(s) for s in KEPT}
    if st.session_state.get("scen_pick") and st.session_state["scen_pick"] not in kept_names:
        st.session_state["scen_pick"] = ""
        st.session_state["scen_loaded"] = None
    PICKED = kept.picked_scenario(KEPT)
    DIRTY = kept.dirty(PICKED, state.current_levers())
    # One box for what is shown: the baseline, the current changes, or a kept scenario
    # (its name, marked when its changes have been edited and not saved).
    st.session_state["view"] = ("base" if st.session_state.get("scen") == "base"
                                else st.session_state.get("scen_pick") or "current")
    view_names = {"base": t("scen_base")}
    if PICKED is None:
        view_names["current"] = t("scen_current")
    for sid, name in kept_names.items():
        view_names[sid] = t("cmp_current_dirty", name=name) if DIRTY and PICKED and sid == PICKED.id else name
    st.selectbox(
        t("view_pick"), options=list(view_names), format_func=lambda v, names=view_names: names.get(v, v),
        key=state.sidebar_key("view"), on_change=state.from_sidebar("view", kept.on_view),
        help=t("view_pick_help"),
    )
    if DIRTY:
        st.caption(t("kept_dirty"))
    st.toggle(t("meeting_mode"), key=state.sidebar_key("meet"), help=t("meeting_help"),
              on_change=state.from_sidebar("meet", sidebar_fold.on_meeting_switch))
    st.radio(
        t("language"), options=["sv", "en"], format_func=lambda v, lang=current_lang(): t(f"lang_{v}", lang),
        key=state.sidebar_key("lang"), on_change=state.from_sidebar("lang"), horizontal=True,
    )
    st.button(t("reset"), key="reset", on_click=state.reset_levers,
              disabled=state.current_levers().empty)
    signin.sidebar(st.session_state["fed"], FED_NAMES[st.session_state["fed"]], kept.scenario_store().db)
    sidebar_fold.fold_if_asked()

lever_page.remember_frame(kept.spec_to_levers(PICKED.spec) if PICKED else None)

ctx_plan = state.bundle(state.db(), st.session_state["fed"]).plan
state.sync_url(ctx_plan)

METRIC_CSS = """
<style>
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {{
    font-size: {value}rem !important; line-height: 1.2 !important; white-space: nowrap; }}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] p {{ font-size: {label}rem !important; }}
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] * {{ font-size: {delta}rem !important; }}
[data-testid="stMetricLabel"] *, [data-testid="stMetricDelta"] * {{ white-space: normal !important;
    overflow: visible !important; text-overflow: clip !important; }}
{extra}
</style>
"""
if state.meeting():
    st.markdown(
        METRIC_CSS.format(
            value=3.6, label=1.5, delta=1.3,
            extra="[data-testid='stMainBlockContainer'] { padding-top: 1rem; max-width: 100%; } "
                  "[data-testid='stMainBlockContainer'] h1 { font-size: 2.2rem !important; padding-top: 0; } "
                  "[data-testid='stAlert'] p { font-size: 1.6rem !important; } "
                  ".fin-table { font-size: 1.3rem !important; } "
                  ".st-key-changes_line p { font-size: 1.4rem !important; }",
        ),
        unsafe_allow_html=True,
    )
else:
    st.markdown(METRIC_CSS.format(value=2.2, label=1.1, delta=1.0, extra=""), unsafe_allow_html=True)
st.markdown(tables.CSS + widget_texts.css(current_lang()), unsafe_allow_html=True)

st.navigation(app_pages(ACCESS, st.session_state["fed"]), expanded=True).run()
