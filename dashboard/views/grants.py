"""ESF och övriga intäkter: grants per line and year; refuse or change one, the
project's cost staying or going with it.

The whole page is one fragment (dashboard/lever_page.py): a lever change reruns it alone.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import equity_strip, lever_page, state
from dashboard.i18n import current_lang, t
from scenarios.numformat import format_number, kr_to_tkr
from scenarios.plan_levers import GrantChange

ss = st.session_state


def body() -> None:
    ctx = state.context()
    plan = ctx.plan
    shown = ctx.shown_plan
    state.show_url_problems()
    st.title(t("page_grants"))
    if ctx.show_base:
        st.info(t("showing_base"))
    equity_strip.show(ctx)

    years = list(plan.years)
    open_years = ctx.open_years

    lines = list(shown.income)
    if lines:
        data = {
            t("grant_line"): [line.name for line in lines],
            t("chart_kind"): [t(f"kind_{line.kind}") for line in lines],
        }
        for y in years:
            data[state.year_label(plan, y)] = [format_number(kr_to_tkr(line.amounts.get(y, 0))) for line in lines]
        st.subheader(t("grants_table"))
        state.show_table(pd.DataFrame(data), key="grants_table")

    # Lines one may change: those of the baseline plan (ESF first).
    choices = sorted(plan.income, key=lambda line: (line.kind != "esf", 0))
    names = {line.id: line.name for line in plan.income}
    cost_names = {c.id: c.name for c in plan.costs}
    project_cost_ids = [c.id for c in plan.costs if c.group == "projects"] + [
        c.id for c in plan.costs if c.group != "projects"
    ]


    def _change(amount_text: str | None) -> None:
        def build(levers):
            amount = 0 if amount_text is None else state.parse_tkr(amount_text)
            cost_line = ss.get("grant_cost_line") if ss.get("grant_cost_mode") == "goes" else None
            return levers.with_lever(GrantChange(ss["grant_line"], int(ss["grant_year"]), amount, cost_line))

        state.try_change("grant", build)


    def apply_grant() -> None:
        _change(ss.get("grant_amount"))


    def refuse_grant() -> None:
        _change(None)


    if not state.meeting():
        if not choices or not open_years:
            st.info(t("grant_none"))
        else:
            state.active_changes(ctx, kinds=(GrantChange,))
            with st.container(border=True):
                st.markdown(f"**{t('grant_header')}**")
                c1, c2, c3 = st.columns([3, 1, 2])
                c1.selectbox(t("grant_line"), [line.id for line in choices], format_func=names.get,
                             key="grant_line")
                c2.selectbox(t("grant_year"), open_years, key="grant_year", index=ctx.first_plan_index)
                c3.text_input(t("grant_amount"), key="grant_amount", placeholder="0")
                c4, c5 = st.columns([2, 3])
                c4.radio(t("grant_cost_mode"), ["stays", "goes"], key="grant_cost_mode",
                         format_func=lambda v, lang=current_lang(): t(f"grant_cost_{v}", lang))
                linked = next((line.project_id for line in plan.income
                               if line.id == ss.get("grant_line") and line.project_id in cost_names), None)
                c5.selectbox(t("grant_cost_line"), project_cost_ids, format_func=cost_names.get,
                             key="grant_cost_line",
                             index=project_cost_ids.index(linked) if linked else 0,
                             disabled=ss.get("grant_cost_mode") != "goes")
                b1, b2, _ = st.columns([1, 1, 2])
                b1.button(t("grant_refuse"), key="grant_refuse", on_click=refuse_grant, type="primary")
                b2.button(t("grant_apply"), key="grant_apply", on_click=apply_grant)
                state.show_error("grant")

    # The effect on equity, right here (what the board asks next).
    st.subheader(t("equity_effect"))
    effect = {t("year"): [state.year_label(plan, y) for y in years]}
    effect[t("eq_base")] = [format_number(kr_to_tkr(ctx.base.year(y).closing_equity)) for y in years]
    effect[t("eq_scen")] = [format_number(kr_to_tkr(ctx.projection.year(y).closing_equity)) for y in years]
    effect[t("eq_diff")] = [
        format_number(kr_to_tkr(ctx.projection.year(y).closing_equity - ctx.base.year(y).closing_equity))
        for y in years
    ]
    state.show_table(pd.DataFrame(effect), key="grants_equity_table", first_width="medium")


lever_page.run(body)
