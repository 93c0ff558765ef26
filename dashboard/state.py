"""Shared dashboard state: the store, the cached plans, the lever state and the
projection every page draws from.

Session-state keys (besides widget keys, see README_KEYS.md):
    levers        LeverState of the current federation
    lever_fed     the federation those levers belong to
    err_<editor>  the last inline error of an editor (cleared on success)
    url_problems  URL parameters that were ignored on the first run
    (kept scenarios: see dashboard/kept.py)
"""

from __future__ import annotations

import functools
import gc
import os
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

import streamlit as st

from scenarios import store
from scenarios.engine import Projection, project
from scenarios.levers import ContributionChange, LeverError, parse_percent
from scenarios.model import Plan
from scenarios.numformat import format_number, format_percent, format_tkr, format_tkr_as_typed
from scenarios.plan_levers import (
    CostAmount,
    DropLine,
    GrantChange,
    LeveredProjection,
    MunicipalKey,
    NewIntervention,
    ProjectEnd,
    StateCeiling,
    Utilization,
    project_with_levers,
)
from scenarios.rules import Rules

from . import baselines, kept, tables
from .i18n import error_text, sentence, t
from .urlstate import LEVER_PARAMS, LeverState, decode, encode

# --- Store and plans (loaded once per database file) ------------------------------------


@dataclass(frozen=True)
class Bundle:
    """Everything read from the store for one federation at one baseline version; the
    plan object is kept so the engine's compile cache (by identity) hits."""

    plan: Plan
    version: int  # the baseline version (scenarios.baseline_store) this plan is
    rules: Rules
    commitments: list
    projects: list
    budget_vs_outcome: list


@st.cache_resource(show_spinner=False)
def connection(db: str):
    """One read-only connection to the seed file per database (seeded on first use),
    shared by every session; each read takes a cursor of its own."""
    return store.open_reader(Path(db))


def cursor(db: str):
    """A cursor on the shared connection: DuckDB connections are not for concurrent
    use from several threads, cursors are."""
    return connection(db).cursor()


def federations(db: str) -> list[dict]:
    """Every federation with a plan: the seeded ones and those users brought in."""
    return baselines.federations(db)


def bundle(db: str, federation_id: str, version: int | None = None) -> Bundle:
    """The federation at `version` of its baseline (None: the newest)."""
    if version is None:
        version = baselines.newest_version(db, federation_id)
    return _bundle(db, federation_id, version)


@st.cache_resource(show_spinner=False, max_entries=256)
def _bundle(db: str, federation_id: str, version: int) -> Bundle:
    # Reference data (projects, commitments, the annual report's budget against
    # outcome) exists only for the seeded federations; others get empty lists.
    with cursor(db) as cur:
        return Bundle(
            plan=baselines.plan_at(db, federation_id, version),
            version=version,
            rules=store.load_rules(cur),
            commitments=store.load_commitments(cur, federation_id),
            projects=store.load_projects(cur, federation_id),
            budget_vs_outcome=store.load_budget_vs_outcome(cur, federation_id),
        )


@st.cache_resource(show_spinner=False)
def sources(db: str, federation_id: str) -> tuple[list, list]:
    """Every figure's provenance and the recorded contradictions (for the report)."""
    with cursor(db) as cur:
        return store.load_provenance(cur, federation_id), store.load_contradictions(cur, federation_id)


def db() -> str:
    return str(store.db_path())


# --- Projections (pure, memoised on the lever state) ------------------------------------


@functools.lru_cache(maxsize=64)
def _baseline(db_file: str, federation_id: str, version: int) -> Projection:
    b = bundle(db_file, federation_id, version)
    return project(b.plan, b.rules)


@functools.lru_cache(maxsize=256)
def _levered(db_file: str, federation_id: str, version: int, levers: LeverState) -> LeveredProjection:
    """Memoised on the lever state: a rerun without a change recomputes nothing."""
    b = bundle(db_file, federation_id, version)
    return project_with_levers(b.plan, b.rules, levers.scenario(), levers.levers)


def check_levers(federation_id: str, levers: LeverState, version: int | None = None) -> LeveredProjection:
    """The levers applied to the newest baseline (or `version`); raises LeverError if
    they cannot apply."""
    if version is None:
        version = baselines.newest_version(db(), federation_id)
    return _levered(db(), federation_id, version, levers)


@dataclass(frozen=True)
class Context:
    fid: str
    bundle: Bundle
    levers: LeverState
    show_base: bool
    base: Projection  # the baseline, no levers
    result: LeveredProjection  # what is shown (the baseline when show_base)

    @property
    def plan(self) -> Plan:
        return self.bundle.plan

    @property
    def projection(self) -> Projection:
        return self.result.projection

    @property
    def shown_plan(self) -> Plan:
        return self.result.plan

    @property
    def open_years(self) -> list[int]:
        return [y for y in self.plan.years if not self.plan.is_outcome(y)]

    @property
    def first_plan_index(self) -> int:
        """Where 'Från år' starts in `open_years`: the first plan year (a change is
        mostly for the years ahead, not the running budget year), else the first."""
        years = self.open_years
        return next((i for i, y in enumerate(years) if self.plan.basis[y] == "plan"), 0)


def context() -> Context:
    """The current federation, levers and projection (computed once per lever state)."""
    fid = st.session_state["fed"]
    b = bundle(db(), fid)
    levers = current_levers()
    base = _baseline(db(), fid, b.version)
    show_base = st.session_state.get("scen") == "base"
    try:
        result = _levered(db(), fid, b.version, LeverState() if show_base else levers)
    except LeverError as exc:  # e.g. a line the levers name was removed from the baseline
        st.error(t("err_generic", message=error_text(exc)))
        st.session_state["levers"] = LeverState()
        result = _levered(db(), fid, b.version, LeverState())
    _freeze_gc_once()
    return Context(fid, b, levers, show_base, base, result)


_gc_frozen = False


def _freeze_gc_once() -> None:
    """After the first page is computed, move everything alive (modules, Streamlit,
    pandas, the seed plans) out of the garbage collector's view: Streamlit runs
    `gc.collect(2)` after every script run, and walking those objects was most of a
    lever change's server time (measured: benchmarks/browser_latency.py).
    FINSAM_GC_FREEZE=0 turns it off, for measuring."""
    global _gc_frozen
    if _gc_frozen or os.environ.get("FINSAM_GC_FREEZE") == "0":
        return
    _gc_frozen = True
    gc.collect()
    gc.freeze()


def current_levers() -> LeverState:
    return st.session_state.get("levers") or LeverState()


def meeting() -> bool:
    return bool(st.session_state.get("meet"))


# --- URL ----------------------------------------------------------------------------------


def _param_lists(params) -> dict[str, list[str]]:
    out = {}
    for name in params.keys():
        try:
            values = params.get_all(name)
        except AttributeError:
            value = params[name]
            values = value if isinstance(value, list) else [value]
        out[name] = [str(v) for v in values]
    return out


def init_from_url(fed_ids: list[str]) -> None:
    """On a session's first run: federation, language, meeting mode and levers from
    the URL; a bad parameter becomes a warning and is ignored."""
    ss = st.session_state
    if ss.get("_initialised"):
        return
    ss["_initialised"] = True
    params = _param_lists(st.query_params)
    problems: list[tuple[str, str, object]] = []

    def first(name):
        values = params.get(name) or []
        return values[-1] if values else None

    fed = first("fed")
    if fed is not None and fed not in fed_ids:
        problems.append(("fed", fed, "url_unknown_fed"))
        fed = None
    ss["fed"] = fed or ("sodra-lappland" if "sodra-lappland" in fed_ids else fed_ids[0])
    lang = first("lang")
    if lang is not None and lang not in ("sv", "en"):
        problems.append(("lang", lang, "url_bad_value"))
        lang = None
    ss["lang"] = lang or "sv"
    meet = first("meet")
    if meet is not None and meet not in ("0", "1"):
        problems.append(("meet", meet, "url_bad_value"))
        meet = None
    ss["meet"] = meet == "1"
    scen = first("scen")
    if scen is not None and scen not in ("base", "current"):
        problems.append(("scen", scen, "url_bad_value"))
        scen = None
    ss["scen"] = scen or "current"
    b = bundle(db(), ss["fed"])
    levers, lever_problems = decode(params, b.plan, lambda s: check_levers(ss["fed"], s))
    ss["levers"] = levers
    ss["lever_fed"] = ss["fed"]
    ss["scen_pick"] = ""
    ss["scen_loaded"] = None
    picked = first("s")
    if picked is not None:
        try:
            stored = kept.get(picked)
            if stored.deleted or stored.federation_id != ss["fed"]:
                raise kept.KeptError(t("url_unknown_scenario"))
            ss["scen_pick"] = stored.id
            ss["scen_loaded"] = (stored.id, stored.version)
            if not any(name in params for name in LEVER_PARAMS):
                # a link naming only the scenario opens it as kept
                levers = kept.spec_to_levers(stored.spec)
                check_levers(ss["fed"], levers)
                ss["levers"] = levers
        except kept.KeptError:
            problems.append(("s", picked, "url_unknown_scenario"))
        except LeverError as exc:
            problems.append(("s", picked, exc))
    ss["url_problems"] = problems + lever_problems


# --- The sidebar's controls ----------------------------------------------------------------
#
# The federation, kept scenario, scenario/baseline, meeting mode and language live in
# session state under their own names ("fed", "scen_pick", "scen", "meet", "lang"),
# not as the widgets' keys. Each run sets the widget ("w_<name>") from that value, and
# a change in the widget is copied back. Streamlit forgets a widget's value now and then
# (measured: under load, 3 of 5 sessions found their federation reset to the first in
# the list after a page change, and saved their scenario under it); a value we own
# survives that.


def sidebar_key(name: str) -> str:
    """The widget key for the sidebar control of state `name`, set from that state."""
    st.session_state[f"w_{name}"] = st.session_state.get(name)
    return f"w_{name}"


def from_sidebar(name: str, then=None):
    """An on_change callback: the widget's new value becomes the state, then `then()`."""
    def changed() -> None:
        st.session_state[name] = st.session_state[f"w_{name}"]
        if then is not None:
            then()
    return changed


def show_url_problems() -> None:
    for name, value, problem in st.session_state.get("url_problems") or []:
        message = sentence(t(problem)) if isinstance(problem, str) else error_text(problem)
        st.warning(t("url_warning", param=name, value=value, message=message), icon=":material/warning:")


def sync_url(plan: Plan) -> None:
    """Write the state into st.query_params (only what differs from the defaults)."""
    ss = st.session_state
    wanted: dict[str, list[str] | str] = {"fed": ss["fed"]}
    if ss.get("scen_pick"):
        wanted["s"] = ss["scen_pick"]
    if ss.get("lang", "sv") != "sv":
        wanted["lang"] = ss["lang"]
    if ss.get("meet"):
        wanted["meet"] = "1"
    if ss.get("scen") == "base":
        wanted["scen"] = "base"
    for name, values in encode(current_levers(), plan).items():
        wanted[name] = values if len(values) > 1 else values[0]
    current = _param_lists(st.query_params)
    normalised = {k: (v if isinstance(v, list) else [v]) for k, v in wanted.items()}
    if current != normalised:
        st.query_params.from_dict(wanted)


def on_federation_change() -> None:
    ss = st.session_state
    if ss.get("lever_fed") != ss.get("fed"):
        ss["levers"] = LeverState()
        ss["lever_fed"] = ss.get("fed")
        for key in [k for k in ss.keys() if str(k).startswith("err_")]:
            del ss[key]
        ss["url_problems"] = []
        ss["scen_pick"] = ""
        ss["scen_loaded"] = None
        for key in ("imported", "msg_scen", "msg_import", "compare_pick", "_compare_pick", "compare_ref"):
            ss.pop(key, None)


# --- Editing levers (called from widget callbacks) --------------------------------------


class InputError(ValueError):
    """Bad text in an editor; `message` is already in the user's language."""


def parse_tkr(text: str | None) -> int:
    """'800', '1 200', '1 200,5', '−50' (tkr) -> kronor; InputError otherwise."""
    raw = (text or "").strip()
    if not raw:
        raise InputError(t("err_empty"))
    cleaned = (
        raw.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        .replace("\u2212", "-").replace(",", ".").removesuffix("tkr")
    )
    if "e" in cleaned.lower():  # '1e9' is no way to write an amount in a budget
        raise InputError(t("err_not_number", text=raw))
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InputError(t("err_not_number", text=raw)) from None
    if not value.is_finite():
        raise InputError(t("err_not_number", text=raw))
    kr = (value * 1000).quantize(Decimal(1))
    return int(kr)


# An amount more than this many times the federation's largest yearly turnover is
# refused with the reason: almost always kronor typed where tkr was asked for.
SCALE_FACTOR = 5


def federation_scale(federation_id: str) -> int:
    """The federation's largest yearly turnover in kronor (contributions or costs)."""
    b = bundle(db(), federation_id)
    base = _baseline(db(), federation_id, b.version)
    return max([max(row.contributions, row.costs, row.income) for row in base.years] or [0])


def check_scale(federation_id: str, current: LeverState, candidate: LeverState) -> None:
    """InputError for a new amount far outside the federation's scale (see SCALE_FACTOR)."""
    scale = federation_scale(federation_id)
    if scale <= 0:
        return
    for lever in candidate.levers:
        amount = getattr(lever, "amount", None)
        if lever in current.levers or not isinstance(amount, int):
            continue
        if abs(amount) > SCALE_FACTOR * scale:
            raise InputError(t("err_scale", amount=format_tkr_as_typed(amount), scale=format_tkr(scale),
                               times=SCALE_FACTOR))


def parse_pct(text: str | None) -> Decimal:
    raw = (text or "").strip()
    if not raw:
        raise InputError(t("err_empty"))
    try:
        return parse_percent(raw)
    except LeverError:
        raise InputError(t("err_percent", text=raw)) from None


def try_change(editor: str, build) -> bool:
    """Run `build(levers) -> LeverState` and keep the result if the plan still computes.

    On bad input or a lever that cannot apply the editor gets an inline message in
    `err_<editor>` and the last valid levers stay.
    """
    ss = st.session_state
    try:
        candidate = build(current_levers())
        check_scale(ss["fed"], current_levers(), candidate)
        check_levers(ss["fed"], candidate)
    except InputError as exc:
        ss[f"err_{editor}"] = str(exc)
        return False
    except LeverError as exc:
        ss[f"err_{editor}"] = error_text(exc)
        return False
    ss["levers"] = candidate
    ss.pop(f"err_{editor}", None)
    ss["url_problems"] = []
    if ss.get("scen") == "base":
        ss["scen"] = "current"  # a change made is a change to see
    return True


def add_contribution_step(year_key: str, pct_key: str, editor: str = "contrib") -> None:
    """A form's callback: every member's contribution changed by the typed percent from
    the chosen year on (Medlemsbidrag, and the quick change on Översikt)."""
    ss = st.session_state

    def build(levers):
        percent = parse_pct(ss.get(pct_key))
        return levers.with_contrib(ContributionChange(int(ss[year_key]), percent))

    try_change(editor, build)


def contribution_form(ctx: Context, prefix: str, pct_label: str, primary: bool = False) -> None:
    """The contribution step as a form (typing the percent and pressing Enter is one
    rerun, not two); widget keys `<prefix>_year`, `<prefix>_pct`, `<prefix>_add`, inline
    error `err_<prefix>`."""
    with st.form(f"{prefix}_form", border=False, enter_to_submit=True):
        c1, c2, c3 = st.columns([1, 2, 1], vertical_alignment="bottom")
        c1.selectbox(t("contrib_year"), options=ctx.open_years, key=f"{prefix}_year", index=ctx.first_plan_index)
        c2.text_input(pct_label, key=f"{prefix}_pct", placeholder="10")
        c3.form_submit_button(t("contrib_add"), key=f"{prefix}_add", on_click=add_contribution_step,
                              args=(f"{prefix}_year", f"{prefix}_pct", prefix),
                              type="primary" if primary else "secondary")
    show_error(prefix)


def show_error(editor: str) -> None:
    message = st.session_state.get(f"err_{editor}")
    if message:
        st.error(f"{message} {t('err_kept')}", icon=":material/error:")


# --- Describing levers --------------------------------------------------------------------


def line_name(plan: Plan, line_id: str) -> str:
    for line in (*plan.costs, *plan.income):
        if line.id == line_id:
            return line.name
    return line_id


def describe(plan: Plan, lever) -> str:
    if isinstance(lever, CostAmount):
        return t("lv_cost", name=line_name(plan, lever.line_id), year=lever.year,
                 amount=format_tkr_as_typed(lever.amount))
    if isinstance(lever, ProjectEnd):
        return t("lv_end", name=line_name(plan, lever.line_id), year=lever.last_year)
    if isinstance(lever, DropLine):
        return t("lv_drop", name=line_name(plan, lever.line_id), year=lever.from_year)
    if isinstance(lever, NewIntervention):
        return t("lv_new", name=lever.name, first=lever.first_year, last=lever.last_year,
                 amount=format_tkr_as_typed(lever.amount))
    if isinstance(lever, GrantChange):
        cost = (t("lv_grant_cost", cost=line_name(plan, lever.cost_line_id))
                if lever.cost_line_id else "")
        return t("lv_grant", name=line_name(plan, lever.line_id), year=lever.year,
                 amount=format_tkr_as_typed(lever.amount), cost=cost)
    if isinstance(lever, Utilization):
        return t("lv_util", pct=format_percent(float(lever.share)))
    if isinstance(lever, MunicipalKey):
        keys = ", ".join(
            f"{line_name_member(plan, m)} {format_number(float(w), 2 if w.denominator != 1 else 0)}"
            for m, w in lever.weights
        )
        return t("lv_key", keys=keys)
    if isinstance(lever, StateCeiling):
        return t("lv_cap", amount=format_tkr_as_typed(lever.amount))
    return repr(lever)


def line_name_member(plan: Plan, member_id: str) -> str:
    try:
        return plan.member(member_id).name
    except KeyError:
        return member_id


def pct_text(percent: Decimal) -> str:
    sign = "+" if percent > 0 else ""
    return sign + format_number(percent, 1 if percent != percent.to_integral_value() else 0) + "\u00a0%"


def active_changes(ctx: Context, kinds: tuple[type, ...] | None = None, contrib: bool = False) -> None:
    """The active changes of the given kinds, each with a remove button `rm_<i>`
    (contribution steps: `contrib_rm_<i>`)."""
    levers = ctx.levers
    items = []
    if contrib:
        for i, change in enumerate(levers.contrib):
            items.append((f"contrib_rm_{i}", t("lv_contrib", pct=pct_text(change.percent),
                                                 year=change.from_year), ("c", i)))
    for i, lever in enumerate(levers.levers):
        if kinds is None or isinstance(lever, kinds):
            items.append((f"rm_{i}", describe(ctx.plan, lever), ("l", i)))
    if kinds is None and levers.cap_share is not None:
        items.append(("rm_eqcap", t("lv_eqcap", pct=format_percent(float(levers.cap_share), 1)), ("s", "cap_share")))
    if kinds is None and levers.floor is not None:
        items.append(("rm_eqfloor", t("lv_eqfloor", amount=format_tkr_as_typed(levers.floor)), ("s", "floor")))
    st.markdown(f"**{t('active_changes')}**")
    if not items:
        st.caption(t("no_changes"))
        return
    for key, text, (kind, index) in items:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(f"- {escape_markdown(text)}")
        right.button(t("remove"), key=key, on_click=_remove, args=(kind, index))


def change_texts(ctx: Context) -> list[str]:
    """Every active change in words, in the order made."""
    return change_list(ctx.levers, ctx.plan)


def change_list(levers: LeverState, plan: Plan | None = None) -> list[str]:
    """The changes of `levers` in words (lines named from `plan`, default the current
    federation's newest)."""
    if plan is None:
        plan = bundle(db(), st.session_state["fed"]).plan
    texts = [t("lv_contrib", pct=pct_text(c.percent), year=c.from_year) for c in levers.contrib]
    texts += [describe(plan, lever) for lever in levers.levers]
    if levers.cap_share is not None:
        texts.append(t("lv_eqcap", pct=format_percent(float(levers.cap_share), 1)))
    if levers.floor is not None:
        texts.append(t("lv_eqfloor", amount=format_tkr_as_typed(levers.floor)))
    return texts


def changes_line(ctx: Context) -> None:
    """The active changes as one line of text (meeting mode: the room sees which
    what-ifs produced the figures, without the remove buttons)."""
    texts = change_texts(ctx)
    with st.container(key="changes_line"):
        if ctx.show_base:
            st.markdown(f"**{t('active_changes')}:** {t('showing_base')}")
        elif texts:
            st.markdown(f"**{t('active_changes')}:** " + " · ".join(escape_markdown(x) for x in texts))
        else:
            st.markdown(f"**{t('active_changes')}:** {t('no_changes')}")


def escape_markdown(text: str) -> str:
    """User text (a line's or intervention's name) shown as text, never as markdown."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>~$:" else c for c in text)


def _remove(kind: str, index: int) -> None:
    ss = st.session_state
    levers = current_levers()
    if kind == "s":
        ss["levers"] = replace(levers, **{index: None})
        return
    ss["levers"] = levers.without_contrib(index) if kind == "c" else levers.without_lever(index)


def reset_levers() -> None:
    """Back to the baseline. A picked kept scenario is let go too: otherwise "save
    changes" would be one click from overwriting it with the baseline."""
    st.session_state["levers"] = LeverState()
    st.session_state["scen_pick"] = ""
    st.session_state["scen_loaded"] = None
    for key in [k for k in st.session_state.keys() if str(k).startswith("err_")]:
        del st.session_state[key]


def year_label(plan: Plan, year: int) -> str:
    """'Plan 2025', with a star where the year's figures are our assumption."""
    return f"{t('basis_' + plan.basis[year])} {year}{'*' if year in plan.assumed_years else ''}"


def year_spans(years: list[int]) -> str:
    """[2019, 2020, 2021, 2024] -> '2019–2021, 2024'; [] -> '–'."""
    spans: list[list[int]] = []
    for year in years:
        if spans and year == spans[-1][-1] + 1:
            spans[-1].append(year)
        else:
            spans.append([year])
    return ", ".join(f"{s[0]}–{s[-1]}" if len(s) > 1 else str(s[0]) for s in spans) or "–"


def basis_summary(plan: Plan, sep: str = " · ") -> str:
    """'Utfall 2019–2023 · Budget 2024 · Plan 2025–2026'."""
    parts = []
    for basis in ("outcome", "budget", "plan"):
        years = [y for y in plan.years if plan.basis[y] == basis]
        if years:
            parts.append(f"{t('basis_' + basis)} {year_spans(years)}")
    return sep.join(parts)


def baseline_note(ctx: Context, stored: list) -> None:
    """Which baseline version the scenarios are computed on, and which kept ones were
    made on an older one (their levers are applied to the newest)."""
    older = [f"”{s.name}” ({s.baseline_version})" for s in stored
             if not s.adopted and s.baseline_version != ctx.bundle.version]
    text = t("baseline_used", version=ctx.bundle.version)
    if older:
        text += " " + t("baseline_older", names=", ".join(older))
    st.caption(text)


def years_caption(plan: Plan, version: int) -> None:
    """Which years are outcome, budget or plan, which are assumptions of ours, and the
    baseline version shown: said plainly under a page's title."""
    text = basis_summary(plan) + " · " + t("baseline_version_short", version=version)
    if plan.assumed_years:
        text += "  \n" + t("assumed_years", years=year_spans(sorted(plan.assumed_years)))
    st.caption(text)



def show_table(frame, key: str | None = None, first_width: str | int = "large",
               total_rows: tuple[str, ...] = (), text_columns: tuple[str, ...] = ()) -> None:
    """A table of Swedish-formatted text (dashboard/tables.py), in a container with `key`."""
    tables.show(frame, key=key, first_width=first_width, total_rows=total_rows, text_columns=text_columns)
