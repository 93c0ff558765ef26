"""Projekt och insatser: cost lines per year; edit, stretch, shorten, add, drop; utilization.

The whole page is one fragment (dashboard/lever_page.py): a lever change reruns it alone.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import streamlit as st

from dashboard import equity_strip, lever_page, state
from dashboard.i18n import group_label, t
from scenarios.numformat import format_number, format_percent, kr_to_tkr
from scenarios.plan_levers import (
    CostAmount,
    DropLine,
    NewIntervention,
    ProjectEnd,
    Utilization,
    utilization_from_history,
)

ss = st.session_state


def body() -> None:
    ctx = state.context()
    plan = ctx.plan
    shown = ctx.shown_plan
    state.show_url_problems()
    st.title(t("page_projects"))
    if ctx.show_base:
        st.info(t("showing_base"))
    equity_strip.show(ctx)

    years = list(plan.years)
    open_years = ctx.open_years
    projection = ctx.projection


    def _date(d):
        return d.isoformat() if d else "–"


    # --- The projects and interventions (and the other cost lines) -----------------------------
    def lines_table(lines) -> pd.DataFrame:
        data = {t("col_line"): [c.name for c in lines]}
        for y in years:
            # '–' where the source has no figure for the line that year (e.g. an annual
            # report that prints only the total cost), 0 where it says 0.
            data[state.year_label(plan, y)] = [
                format_number(kr_to_tkr(projection.year(y).costs_by_line.get(c.id, 0)))
                if y in c.amounts else "–" for c in lines
            ]
        data[t("col_start")] = [_date(c.start) for c in lines]
        data[t("col_end")] = [_date(c.end) for c in lines]
        return pd.DataFrame(data)


    project_lines = [c for c in shown.costs if c.group == "projects"]
    other_lines = [c for c in shown.costs if c.group != "projects"]
    st.subheader(f"{group_label('projects')} – {t('projects_table')}")
    state.show_table(lines_table(project_lines), key="projects_table")

    editing = not state.meeting()
    # Editable lines: those with a budget or plan year (new interventions included).
    editable = [c for c in shown.costs if any(y in c.amounts for y in open_years)]
    line_names = {c.id: c.name for c in shown.costs}
    project_ids = [c.id for c in editable if c.group == "projects"]


    def edit_cost() -> None:
        def build(levers):
            return levers.with_lever(
                CostAmount(ss["cost_line"], int(ss["cost_year"]), state.parse_tkr(ss.get("cost_amount")))
            )

        state.try_change("cost", build)


    def change_end() -> None:
        state.try_change("end", lambda levers: levers.with_lever(
            ProjectEnd(ss["end_line"], int(ss["end_year"]))))


    def drop() -> None:
        state.try_change("drop", lambda levers: levers.with_lever(
            DropLine(ss["drop_line"], int(ss["drop_year"]))))


    def add_new() -> None:
        def build(levers):
            amount = state.parse_tkr(ss.get("new_amount"))
            lever = NewIntervention((ss.get("new_name") or "").strip(), int(ss["new_from"]),
                                    int(ss["new_to"]), amount)
            return levers.with_lever(lever)

        state.try_change("new", build)


    def set_util() -> None:
        def build(levers):
            percent = state.parse_pct(ss.get("util_pct"))
            return levers.with_lever(Utilization(Fraction(percent) / 100))

        state.try_change("util", build)


    def util_from_history(share: Fraction) -> None:
        ss["util_pct"] = format_number(float(share) * 100, 1)
        state.try_change("util", lambda levers: levers.with_lever(Utilization(share)))


    def clear_util() -> None:
        ss["levers"] = state.current_levers().without_kind(Utilization)
        ss.pop("err_util", None)


    if editing:
        state.active_changes(ctx, kinds=(CostAmount, ProjectEnd, DropLine, NewIntervention, Utilization))

        with st.container(border=True):
            st.markdown(f"**{t('new_header')}**")
            c1, c2, c3, c4, c5 = st.columns([3, 1, 1, 2, 2], vertical_alignment="bottom")
            c1.text_input(t("new_name"), key="new_name")
            c2.selectbox(t("new_from"), open_years, key="new_from", index=ctx.first_plan_index)
            c3.selectbox(t("new_to"), open_years, key="new_to", index=len(open_years) - 1)
            c4.text_input(t("new_amount"), key="new_amount", placeholder="800")
            c5.button(t("new_add"), key="new_add", on_click=add_new, type="primary")
            state.show_error("new")

        # Two forms of one shape: a project line and a year (keys and texts `<prefix>_…`).
        for prefix, apply in (("end", change_end), ("drop", drop)):
            with st.container(border=True):
                st.markdown(f"**{t(f'{prefix}_header')}**")
                c1, c2, c3 = st.columns([4, 2, 2], vertical_alignment="bottom")
                c1.selectbox(t(f"{prefix}_line"), project_ids, format_func=line_names.get, key=f"{prefix}_line")
                c2.selectbox(t(f"{prefix}_year"), open_years, key=f"{prefix}_year", index=ctx.first_plan_index)
                c3.button(t(f"{prefix}_apply"), key=f"{prefix}_apply", on_click=apply)
                state.show_error(prefix)
        with st.container(border=True):
            st.markdown(f"**{t('edit_cost')}**")
            c1, c2, c3, c4 = st.columns([4, 2, 2, 2], vertical_alignment="bottom")
            c1.selectbox(t("cost_line"), [c.id for c in editable], format_func=line_names.get,
                         key="cost_line")
            c2.selectbox(t("cost_year"), open_years, key="cost_year", index=ctx.first_plan_index)
            c3.text_input(t("cost_amount"), key="cost_amount")
            c4.button(t("cost_apply"), key="cost_apply", on_click=edit_cost)
            state.show_error("cost")
        with st.container(border=True):
            st.markdown(f"**{t('util_header')}**")
            st.caption(t("util_intro"))
            c1, c2 = st.columns([2, 6], vertical_alignment="bottom")
            c1.text_input(t("util_pct"), key="util_pct", placeholder="100")
            with c2, st.container(horizontal=True):
                st.button(t("util_apply"), key="util_apply", on_click=set_util)
                st.button(t("util_clear"), key="util_clear", on_click=clear_util)
                history = utilization_from_history(plan, ctx.bundle.budget_vs_outcome)
                if history is not None:
                    st.button(t("util_history", pct=format_percent(float(history))), key="util_history",
                              on_click=util_from_history, args=(history,))
            if history is None:
                st.caption(t("util_no_history"))
            state.show_error("util")

    if ctx.bundle.commitments:
        st.subheader(t("commitments"))
        state.show_table(pd.DataFrame({
            t("col_intervention"): [c["intervention"] for c in ctx.bundle.commitments],
            t("col_amount"): [format_number(kr_to_tkr(c["amount"])) if c["amount"] is not None else "–"
                              for c in ctx.bundle.commitments],
            t("col_as_of"): [_date(c["as_of"]) for c in ctx.bundle.commitments],
            t("col_start"): [_date(c["start"]) for c in ctx.bundle.commitments],
            t("col_end"): [_date(c["end"]) for c in ctx.bundle.commitments],
        }), key="commitments_table")
    if ctx.bundle.projects:
        st.subheader(t("known_projects"))
        state.show_table(pd.DataFrame({
            t("col_intervention"): [p["name"] for p in ctx.bundle.projects],
            t("col_start"): [_date(p["start"]) for p in ctx.bundle.projects],
            t("col_end"): [_date(p["end"]) for p in ctx.bundle.projects],
            t("col_funding"): [p["funding"] or "–" for p in ctx.bundle.projects],
        }), key="known_projects_table")

    st.subheader(t("other_costs_table"))
    state.show_table(lines_table(other_lines), key="other_costs_table")


lever_page.run(body)
