"""Lös och osäkerhet: the board's questions answered by the engine (scenarios.solve)
on the current levers, offered as a change or a new kept scenario; and a Monte Carlo
of project utilization and grant decisions (scenarios.uncertainty) as a fan chart.

Session-state keys (besides widget keys, see README_KEYS.md):
    solve_contrib_res   the last contribution answer: {fid, levers, candidate, solution, replaced}
    solve_new_res       the last new-intervention answer: {fid, levers, candidate, solution, name}
    msg_solve_contrib, msg_solve_new   (kind, text) of the last keep action
    err_solve_contrib, err_solve_new, err_mc   inline errors (state.show_error)
    mc_res              the last Monte Carlo: {fid, inputs, result}
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import streamlit as st

from dashboard import kept, signin, state
from dashboard.charts_extra import fan_chart
from dashboard.i18n import current_lang, error_text, t
from dashboard.urlstate import LeverState
from scenarios.levers import ContributionChange, LeverError
from scenarios.numformat import format_kr, format_number, format_percent, format_tkr, kr_to_tkr
from scenarios.plan_levers import NewIntervention
from scenarios.solve import contribution_change_for_target, first_year_within_cap, max_new_intervention
from scenarios.uncertainty import GrantOdds, Uncertainty, UtilizationRange, monte_carlo

NBSP = "\u00a0"
ss = st.session_state
ctx = state.context()
plan = ctx.plan
rules = ctx.bundle.rules
levers = ctx.levers
big = state.meeting()
state.show_url_problems()
st.title(t("page_solve"))
st.caption(t("solve_intro"))
if ctx.show_base:
    st.info(t("solve_on_current"), icon=":material/info:")

open_years = ctx.open_years


def pct4(percent: Decimal) -> str:
    """−4,0956 % / +2,5 %: as many decimals as the answer has (Swedish number format in
    both languages, like every figure of the dashboard)."""
    value = Decimal(percent).normalize()
    decimals = max(0, -value.as_tuple().exponent)
    text = format_number(abs(value), decimals)
    sign = "" if value == 0 else ("+" if value > 0 else "\u2212")
    return f"{sign}{text}{NBSP}%"


def tkr_amount(kr: int) -> str:
    """513 500 kr -> '513,5 tkr', 1 081 839 kr -> '1 081,8 tkr' (one decimal at most;
    the exact kronor are shown beside it)."""
    value = Decimal(kr) / 1000
    decimals = 0 if value == value.to_integral_value() else 1
    return f"{format_number(value, decimals)}{NBSP}tkr"


def metrics(items: list[tuple]) -> None:
    """Metrics in rows of three (two in meeting mode, where the type is large); a
    long value gets a row of its own, so nothing is cut off."""
    per_row = 2 if big else 3
    rows, row = [], []
    for item in items:
        if len(item[1]) > 12:  # a long value ('Inte i planperioden') gets a row of its own
            rows += [row] if row else []
            rows.append([item])
            row = []
            continue
        row.append(item)
        if len(row) == per_row:
            rows.append(row)
            row = []
    rows += [row] if row else []
    for row in rows:
        cols = st.columns(1 if len(row) == 1 and len(row[0][1]) > 12 else per_row)
        for col, (label, value, *extra) in zip(cols, row):
            col.metric(label, value, help=extra[0] if extra else None)


def say(slot: str, kind: str, text: str) -> None:
    ss[slot] = (kind, text)


def show_message(slot: str) -> None:
    message = ss.get(slot)
    if message:
        kind, text = message
        (st.error if kind == "error" else st.success)(
            text, icon=":material/error:" if kind == "error" else ":material/check_circle:")


def keep_as_new(name_key: str, candidate: LeverState, description: str, slot: str) -> None:
    """Save `candidate` as a new named kept scenario (the current levers stay as they are)."""
    name = (ss.get(name_key) or "").strip()
    if not name:
        say(slot, "error", t("scen_need_name"))
        return
    spec = kept.levers_to_spec(ss["fed"], name, candidate, description)
    try:
        stored = kept.create(spec)
    except kept.KeptError as exc:
        say(slot, "error", str(exc))
        return
    say(slot, "success", t("solve_kept", name=stored.name))


def answer(key: str) -> dict | None:
    """The last answer of a question, if it is for this federation."""
    res = ss.get(key)
    return res if res and res.get("fid") == ctx.fid else None


# --- First year within the ceiling ---------------------------------------------------------
current_projection = state.check_levers(ctx.fid, levers).projection
cap_status = first_year_within_cap(current_projection)
st.subheader(t("solve_cap_header"))
last = ([r for r in current_projection.years if not plan.is_outcome(r.year)] or list(current_projection.years))[-1]
metrics([
    (t("solve_first_within"), str(cap_status.first_year) if cap_status.first_year else t("kf_not_within")),
    (t("solve_cap_equity", year=last.year), format_tkr(last.closing_equity)),
    (t("solve_cap_cap", year=last.year), format_tkr(last.equity_cap)),
])
st.caption(cap_status.message(current_lang()))


# --- 1. Contribution change for a target ----------------------------------------------------
def contrib_base(from_year: int) -> tuple[LeverState, object]:
    """The current levers without a step from `from_year` (the answer replaces it)."""
    replaced = next((c for c in levers.contrib if c.from_year == from_year), None)
    base = replace(levers, contrib=tuple(c for c in levers.contrib if c.from_year != from_year))
    return base, replaced


def solve_contrib() -> None:
    ss.pop("msg_solve_contrib", None)
    try:
        from_year = int(ss["solve_from"])
        to_year = int(ss["solve_to"])
        if ss.get("solve_target_kind") == "amount":
            target = state.parse_tkr(ss.get("solve_target_amount"))
            if target < 0:
                raise state.InputError(t("err_target_negative"))
        else:
            target = "cap"
        base, replaced = contrib_base(from_year)
        solution = contribution_change_for_target(plan, rules, base.scenario(), base.levers, from_year,
                                                  to_year, target)
    except state.InputError as exc:
        ss["err_solve_contrib"] = str(exc)
        return
    except (LeverError, ValueError) as exc:
        ss["err_solve_contrib"] = error_text(exc)
        return
    # What a board decides: the answer to one decimal ("höj med 4,1 %"); the exact
    # figure is kept for the detail. The base's own steps first, the answer last.
    decided = Decimal(solution.percent).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    added = (ContributionChange(from_year, decided),) if decided != 0 else ()
    candidate = replace(base, contrib=base.contrib + added)
    try:
        row = state.check_levers(ctx.fid, candidate).projection.year(to_year)
    except LeverError as exc:
        ss["err_solve_contrib"] = error_text(exc)
        return
    target_kr = row.equity_cap if target == "cap" else target
    ss.pop("err_solve_contrib", None)
    ss["solve_contrib_res"] = {"fid": ctx.fid, "levers": levers, "candidate": candidate,
                               "solution": solution, "replaced": replaced, "decided": decided,
                               "closing": row.closing_equity, "target_kr": target_kr}
    pct = pct4(decided).replace(NBSP, " ")
    if target == "cap":
        ss["solve_keep_contrib_name"] = t("solve_name_contrib_cap", pct=pct, from_year=from_year, year=to_year)
    else:
        ss["solve_keep_contrib_name"] = t("solve_name_contrib_amount", pct=pct, from_year=from_year,
                                          year=to_year, amount=format_tkr(target).replace(NBSP, " "))


def apply_answer(res_key: str, editor: str) -> None:
    res = answer(res_key)
    if res is None:
        return
    if not state.current_levers().same_as(res["levers"]):
        ss[f"err_{editor}"] = t("solve_stale")
        return
    state.try_change(editor, lambda _current: res["candidate"])


st.subheader(t("solve_contrib_header"))
st.caption(t("solve_contrib_q"))
if ss.get("solve_from") not in open_years:
    ss["solve_from"] = open_years[ctx.first_plan_index]
to_options = [y for y in plan.years if y >= open_years[0]]
if ss.get("solve_to") not in to_options:
    ss["solve_to"] = to_options[-1]
ss.setdefault("solve_target_kind", "cap")
c1, c2, c3, c4 = st.columns([1, 1, 2, 1], vertical_alignment="bottom")
c1.selectbox(t("solve_from"), options=open_years, key="solve_from")
c2.selectbox(t("solve_to"), options=to_options, key="solve_to")
c3.radio(t("solve_target_kind"), options=["cap", "amount"], key="solve_target_kind", horizontal=True,
         format_func=lambda v, lang=current_lang(): t(f"solve_kind_{v}", lang))
c4.text_input(t("solve_target_amount"), key="solve_target_amount", placeholder="750",
              disabled=ss.get("solve_target_kind") != "amount")
st.button(t("solve_contrib"), key="solve_contrib", on_click=solve_contrib, type="primary")
state.show_error("solve_contrib")

res = answer("solve_contrib_res")
if res is not None:
    sol = res["solution"]
    applied = levers.same_as(res["candidate"])
    stale = not applied and not levers.same_as(res["levers"])
    if stale:
        st.warning(t("solve_stale"), icon=":material/warning:")
    with st.container(key="solve_contrib_result", border=True):
        decided, closing, target_kr = res["decided"], res["closing"], res["target_kr"]
        metrics([
            (t("solve_res_pct", year=sol.from_year), pct4(decided)),
            (t("solve_res_closing", year=sol.target_year), format_tkr(closing), format_kr(closing)),
            (t("solve_res_gap"), format_kr(closing - target_kr), t("solve_res_target", amount=format_kr(target_kr))),
        ])
        if sol.status in ("exact", "nearest", "no_change"):
            verb = "solve_decide_raise" if decided > 0 else ("solve_decide_cut" if decided < 0 else "solve_decide_none")
            st.success(t(verb, pct=format_number(abs(decided), 1), year=sol.from_year, target_year=sol.target_year,
                         closing=format_tkr(closing), target=format_tkr(target_kr)))
        else:
            st.warning(sol.message(current_lang()))
        with st.expander(t("solve_exact")):
            st.markdown(t("solve_exact_text", pct=pct4(sol.percent), year=sol.target_year,
                          closing=format_kr(sol.closing_equity), message=sol.message(current_lang())))
        if res["replaced"] is not None:
            st.caption(t("solve_replaces", pct=state.pct_text(res["replaced"].percent), year=res["replaced"].from_year))
        if applied:
            st.caption(t("solve_applied"))
        usable = sol.reachable and not stale
        b1, b2 = st.columns([1, 3], vertical_alignment="bottom")
        b1.button(t("solve_apply_contrib"), key="solve_apply_contrib", on_click=apply_answer,
                  args=("solve_contrib_res", "solve_apply_contrib"), disabled=not usable or applied)
        k1, k2 = st.columns([3, 1], vertical_alignment="bottom")
        k1.text_input(t("solve_keep_name"), key="solve_keep_contrib_name", max_chars=120)
        k2.button(t("solve_keep_contrib"), key="solve_keep_contrib", disabled=not sol.reachable or stale or not signin.may("keep"),
                  on_click=keep_as_new,
                  args=("solve_keep_contrib_name", res["candidate"], sol.message("sv"), "msg_solve_contrib"))
        state.show_error("solve_apply_contrib")
        show_message("msg_solve_contrib")


# --- 2. The largest new intervention --------------------------------------------------------
def new_base(name: str) -> LeverState:
    """The current levers without a new intervention of the same name (the answer replaces it)."""
    line_id = NewIntervention(name, 0, 0, 0).line_id
    return replace(levers, levers=tuple(x for x in levers.levers
                                        if not (isinstance(x, NewIntervention) and x.line_id == line_id)))


def solve_new() -> None:
    ss.pop("msg_solve_new", None)
    name = (ss.get("solve_new_name") or "").strip()
    if not name:
        ss["err_solve_new"] = t("solve_need_name")
        return
    try:
        from_year, to_year = int(ss["solve_new_from"]), int(ss["solve_new_to"])
        buffer = state.parse_tkr(ss.get("solve_new_buffer") or "0")
        if buffer < 0:
            raise state.InputError(t("err_buffer_negative"))
        base = new_base(name)
        scenario = base.scenario()
        if buffer:  # keep this much equity every year, not just zero
            scenario = replace(scenario, equity_floor=max(buffer, scenario.equity_floor or 0))
        solution = max_new_intervention(plan, rules, scenario, base.levers, from_year, to_year, name=name)
        candidate = base.with_lever(solution.lever(name)) if solution.amount > 0 else base
        last = state.check_levers(ctx.fid, candidate).projection.years[-1]
    except state.InputError as exc:
        ss["err_solve_new"] = str(exc)
        return
    except (LeverError, ValueError) as exc:
        ss["err_solve_new"] = error_text(exc)
        return
    ss.pop("err_solve_new", None)
    ss["solve_new_res"] = {"fid": ctx.fid, "levers": levers, "candidate": candidate,
                           "solution": solution, "name": name, "buffer": buffer,
                           "last": (last.year, last.closing_equity, last.equity_cap)}
    ss["solve_keep_new_name"] = t("solve_name_new", name=name, amount=tkr_amount(solution.amount).replace(NBSP, " "),
                                  first=from_year, last=to_year)


st.subheader(t("solve_new_header"))
st.caption(t("solve_new_q"))
if ss.get("solve_new_from") not in open_years:
    ss["solve_new_from"] = open_years[ctx.first_plan_index]
if ss.get("solve_new_to") not in open_years:
    ss["solve_new_to"] = open_years[-1]
if "solve_new_name" not in ss:
    ss["solve_new_name"] = t("solve_new_default")
if "solve_new_buffer" not in ss:
    ss["solve_new_buffer"] = "0"
c1, c2, c3, c4 = st.columns([1, 1, 2, 2], vertical_alignment="bottom")
c1.selectbox(t("solve_new_from"), options=open_years, key="solve_new_from")
c2.selectbox(t("solve_new_to"), options=open_years, key="solve_new_to")
c3.text_input(t("solve_new_name"), key="solve_new_name", max_chars=80)
c4.text_input(t("solve_new_buffer"), key="solve_new_buffer", help=t("solve_new_buffer_help"))
st.button(t("solve_new"), key="solve_new", on_click=solve_new, type="primary")
state.show_error("solve_new")

res = answer("solve_new_res")
if res is not None:
    sol = res["solution"]
    applied = sol.amount > 0 and levers.same_as(res["candidate"])
    stale = not applied and not levers.same_as(res["levers"])
    if stale:
        st.warning(t("solve_stale"), icon=":material/warning:")
    with st.container(key="solve_new_result", border=True):
        metrics([
            (t("solve_res_amount"), tkr_amount(sol.amount)),
            (t("solve_res_binding"), str(sol.binding_year) if sol.binding_year else "–"),
        ])
        st.caption(t("solve_res_amount_kr", kr=format_kr(sol.amount), first=sol.from_year, last=sol.to_year))
        (st.success if sol.status == "ok" else st.warning)(sol.message(current_lang()))
        years_text = ", ".join(f"{y}: {format_kr(v)}" for y, v in sol.closing_equity.items()
                               if not plan.is_outcome(y))
        st.caption(t("solve_res_closing_years", years=years_text))
        year, closing, cap = res["last"]
        st.markdown(t("solve_res_cap_distance" if closing <= cap else "solve_res_cap_over", year=year,
                      amount=format_tkr(abs(cap - closing)), cap=format_tkr(cap), buffer=format_tkr(res["buffer"])))
        if applied:
            st.caption(t("solve_applied"))
        usable = sol.status == "ok" and not stale
        st.button(t("solve_apply_new"), key="solve_apply_new", on_click=apply_answer,
                  args=("solve_new_res", "solve_apply_new"), disabled=not usable or applied)
        k1, k2 = st.columns([3, 1], vertical_alignment="bottom")
        k1.text_input(t("solve_keep_name"), key="solve_keep_new_name", max_chars=120)
        k2.button(t("solve_keep_new"), key="solve_keep_new", disabled=sol.status != "ok" or stale or not signin.may("keep"),
                  on_click=keep_as_new,
                  args=("solve_keep_new_name", res["candidate"], sol.message("sv"), "msg_solve_new"))
        state.show_error("solve_apply_new")
        show_message("msg_solve_new")


# --- 3. Uncertainty ------------------------------------------------------------------------
st.divider()
st.subheader(t("mc_header"))
st.caption(t("mc_intro"))
levered_plan = state.check_levers(ctx.fid, levers).plan
open_set = set(open_years)
project_lines = [line for line in levered_plan.costs if line.group == "projects"
                 and any(line.amounts.get(y, 0) for y in open_set)]
grant_lines = [line for line in levered_plan.income if any(line.amounts.get(y, 0) for y in open_set)]
cost_names = {line.id: line.name for line in levered_plan.costs if line.group == "projects"}

for line in project_lines:
    ss.setdefault(f"mc_util_low_{line.id}", 80)
    ss.setdefault(f"mc_util_high_{line.id}", 100)
for line in grant_lines:
    ss.setdefault(f"mc_grant_{line.id}", 100)
    if ss.get(f"mc_grant_cost_{line.id}", "") not in ("", *cost_names):
        ss[f"mc_grant_cost_{line.id}"] = ""
ss.setdefault("mc_draws", 10_000)
ss.setdefault("mc_seed", 1)


def mc_inputs() -> tuple:
    """What the simulation depends on, in the order the variables are drawn."""
    util = tuple((line.id, int(ss[f"mc_util_low_{line.id}"]), int(ss[f"mc_util_high_{line.id}"]))
                 for line in project_lines)
    grants = tuple((line.id, int(ss[f"mc_grant_{line.id}"]), ss.get(f"mc_grant_cost_{line.id}") or None)
                   for line in grant_lines)
    return (ctx.fid, levers, util, grants, int(ss["mc_draws"]), int(ss["mc_seed"]))


def run_mc() -> None:
    inputs = mc_inputs()
    _fid, lever_state, util, grants, draws, seed = inputs
    for line_id, low, high in util:
        if low > high:
            ss["err_mc"] = t("mc_err_range", name=cost_names.get(line_id, line_id), low=low, high=high)
            return
    uncertainty = Uncertainty(
        utilization=tuple(UtilizationRange(line_id, low, high) for line_id, low, high in util),
        grants=tuple(GrantOdds(line_id, p / 100, cost) for line_id, p, cost in grants),
    )
    try:
        result = monte_carlo(plan, rules, lever_state.scenario(), uncertainty, draws=draws, seed=seed,
                             levers=lever_state.levers, keep_draws=False)
    except (LeverError, ValueError) as exc:
        ss["err_mc"] = t("mc_err_failed", message=error_text(exc))
        return
    ss.pop("err_mc", None)
    ss["mc_res"] = {"fid": ctx.fid, "inputs": inputs, "result": result}


left, right = st.container(), st.container()
with left:
    st.markdown(f"**{t('mc_util_header')}**")
    if not project_lines:
        st.caption(t("mc_no_projects"))
    else:
        h1, h2, h3, _ = st.columns([4, 2, 2, 4])
        h1.caption(t("mc_col_project"))
        h2.caption(t("mc_util_low"))
        h3.caption(t("mc_util_high"))
    for line in project_lines:
        c1, c2, c3, _ = st.columns([4, 2, 2, 4], vertical_alignment="center")
        c1.markdown(state.escape_markdown(line.name))
        c2.number_input(f"{t('mc_util_low')} – {line.name}", min_value=0, max_value=100, step=5,
                        key=f"mc_util_low_{line.id}", label_visibility="collapsed")
        c3.number_input(f"{t('mc_util_high')} – {line.name}", min_value=0, max_value=100, step=5,
                        key=f"mc_util_high_{line.id}", label_visibility="collapsed")
with right:
    st.markdown(f"**{t('mc_grant_header')}**")
    if not grant_lines:
        st.caption(t("mc_no_grants"))
    else:
        h1, h2, h3, _ = st.columns([4, 2, 4, 2])
        h1.caption(t("mc_col_grant"))
        h2.caption(t("mc_grant_p"))
        h3.caption(t("mc_grant_cost"))
    for line in grant_lines:
        c1, c2, c3, _ = st.columns([4, 2, 4, 2], vertical_alignment="center")
        c1.markdown(state.escape_markdown(line.name))
        c2.number_input(f"{t('mc_grant_p')} – {line.name}", min_value=0, max_value=100, step=5,
                        key=f"mc_grant_{line.id}", label_visibility="collapsed")
        c3.selectbox(f"{t('mc_grant_cost')} – {line.name}", options=["", *cost_names],
                     key=f"mc_grant_cost_{line.id}", label_visibility="collapsed",
                     format_func=lambda v, names=cost_names, lang=current_lang(): (
                         t("mc_cost_goes", lang, name=names[v]) if v else t("mc_cost_stays", lang)))
    c1, c2, _ = st.columns([3, 3, 6])
    c1.number_input(t("mc_draws"), min_value=100, max_value=100_000, step=1000, key="mc_draws")
    c2.number_input(t("mc_seed"), min_value=0, max_value=2**31 - 1, step=1, key="mc_seed")
    st.button(t("mc_run"), key="mc_run", on_click=run_mc, type="primary")
err = ss.get("err_mc")
if err:
    st.error(f"{err} {t('mc_err_kept')}", icon=":material/error:")

mc = answer("mc_res")
if mc is None:
    st.info(t("mc_none_yet"), icon=":material/info:")
    st.stop()
if mc["inputs"] != mc_inputs():
    st.warning(t("mc_stale"), icon=":material/warning:")
result = mc["result"]
rows = [r for r in result.rows() if r["open"]]
st.caption(t("mc_done", draws=format_number(result.draws), seed=result.seed))
metrics(([(t("mc_median_last", year=rows[-1]["year"]), format_tkr(rows[-1]["p50"]))] if rows else []) + [
    (t("mc_risk_negative"), format_percent(result.p_negative_any), t("mc_risk_negative_help")),
    (t("mc_risk_over"), format_percent(result.p_over_cap_all), t("mc_risk_over_help")),
])

frame = pd.DataFrame([{
    "year": r["year"], "p10_tkr": kr_to_tkr(r["p10"]), "p50_tkr": kr_to_tkr(r["p50"]),
    "p90_tkr": kr_to_tkr(r["p90"]), "plan_tkr": kr_to_tkr(r["baseline"]), "cap_tkr": kr_to_tkr(r["equity_cap"]),
} for r in rows])
with st.container(key="mc_chart"):
    st.altair_chart(fan_chart(frame, big=big), width="stretch")
if rows:  # the chart in one sentence, for the last plan year
    st.markdown(t("fan_reading", year=rows[-1]["year"], low=format_tkr(rows[-1]["p10"]),
                  high=format_tkr(rows[-1]["p90"]), mid=format_tkr(rows[-1]["p50"])))
st.caption(t("fan_caption"))

st.markdown(f"**{t('mc_table_header')}**")
table = pd.DataFrame([{
    t("mc_col_year"): state.year_label(plan, r["year"]),
    t("mc_col_p10"): format_number(kr_to_tkr(r["p10"])),
    t("mc_col_p50"): format_number(kr_to_tkr(r["p50"])),
    t("mc_col_p90"): format_number(kr_to_tkr(r["p90"])),
    t("mc_col_plan"): format_number(kr_to_tkr(r["baseline"])),
    t("mc_col_cap"): format_number(kr_to_tkr(r["equity_cap"])),
    t("mc_col_neg"): format_percent(r["p_negative"]),
    t("mc_col_over"): format_percent(r["p_over_cap"]),
} for r in rows])
state.show_table(table, key="mc_table", first_width="small")
