"""Medlemsbidrag: what each member pays, percent steps, the municipal key, the state ceiling.

The whole page is one fragment (dashboard/lever_page.py): a lever change reruns it alone."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

import pandas as pd
import streamlit as st

from dashboard import equity_strip, lever_page, state
from dashboard.i18n import t
from scenarios.frames import budget_rows, contribution_rows
from scenarios.numformat import (
    format_number,
    format_tkr,
    kr_to_tkr,
)
from scenarios.plan_levers import MunicipalKey, StateCeiling

ss = st.session_state


def body() -> None:
    ctx = state.context()
    plan = ctx.plan
    projection = ctx.projection
    state.show_url_problems()
    st.title(t("page_contributions"))
    if ctx.show_base:
        st.info(t("showing_base"))
    equity_strip.show(ctx)



    def apply_key() -> None:
        def build(levers):
            weights = []
            for m in plan.members:
                if m.kind != "municipality":
                    continue
                raw = (ss.get(f"key_{m.id}") or "").strip()
                cleaned = raw.replace("\u00a0", "").replace(" ", "").replace(",", ".").replace("\u2212", "-")
                try:
                    value = Decimal(cleaned)
                    if not value.is_finite():
                        raise InvalidOperation
                except InvalidOperation:
                    raise state.InputError(t("err_key_number", name=m.name, text=raw)) from None
                if value <= 0:
                    raise state.InputError(t("err_key_positive", name=m.name))
                weights.append((m.id, Fraction(value)))
            return levers.with_lever(MunicipalKey(tuple(weights)))

        state.try_change("key", build)


    def apply_cap() -> None:
        def build(levers):
            return levers.with_lever(StateCeiling(state.parse_tkr(ss.get("cap_tkr"))))

        state.try_change("cap", build)


    def clear_cap() -> None:
        ss["levers"] = state.current_levers().without_kind(StateCeiling)
        ss.pop("err_cap", None)


    editing = not state.meeting()
    if editing:
        st.subheader(t("contrib_header"))
        st.caption(t("contrib_intro"))
        state.contribution_form(ctx, "contrib", t("contrib_pct"), primary=True)
        state.active_changes(ctx, kinds=(MunicipalKey, StateCeiling), contrib=True)

    if ctx.result.state_excess:
        for year, excess in sorted(ctx.result.state_excess.items()):
            requested = ctx.result.state_requested[year]
            st.warning(t("cap_warning", year=year, requested=format_tkr(requested),
                         ceiling=format_tkr(requested - excess), excess=format_tkr(excess)), icon=":material/warning:")

    # --- What each member pays (tkr), columns adding up to the total ---------------------------
    rows = contribution_rows(ctx.shown_plan, ctx.base, projection)
    years = [r.year for r in projection.years]
    labels = {y: state.year_label(plan, y) for y in years}
    # One rounding everywhere: the figures of the budget table (Budgettabell, papers),
    # whose parts add up to its totals as shown.
    budget = {b.key: b for b in budget_rows(ctx.shown_plan, projection)}
    unallocated_row = budget.get("unallocated")
    paid = {r["member"].id: [] for r in rows}
    unallocated_tkr, totals = [], []
    for y in years:
        parts = {r["member"].id: budget[f"member:{r['member'].id}"].values.get(y, 0)
                 if f"member:{r['member'].id}" in budget else 0 for r in rows}
        unallocated = unallocated_row.values.get(y, 0) if unallocated_row else 0
        # a year known only as a total: the members' parts are unknown ("–"), not 0
        only_total = not any(parts.values()) and unallocated != 0
        for member_id, value in parts.items():
            paid[member_id].append(None if only_total else value)
        unallocated_tkr.append(unallocated)
        totals.append(budget["contributions"].values[y])
    # Members that pay nothing themselves (Arbetsförmedlingen: the state's part is paid
    # through Försäkringskassan) are listed, so no member seems forgotten.
    silent = [m for m in ctx.shown_plan.members if not m.pays and m.id not in paid]
    names = [r["member"].name for r in rows]
    columns = {y: [format_number(paid[r["member"].id][j]) if paid[r["member"].id][j] is not None else "–"
                   for r in rows] for j, y in enumerate(years)}
    if any(unallocated_tkr):  # e.g. years whose source gives only the total
        names.append(t("contrib_unallocated"))
        for j, y in enumerate(years):
            columns[y].append(format_number(unallocated_tkr[j]) if unallocated_tkr[j] else "–")
    for m in silent:
        names.append(t("contrib_paid_by_fk", name=m.name))
        for y in years:
            columns[y].append("–")
    table = {t("member"): names + [t("total")]}
    for j, y in enumerate(years):
        table[labels[y]] = columns[y] + [format_number(totals[j])]
    st.subheader(t("contrib_table"))
    state.show_table(pd.DataFrame(table), key="contrib_table", total_rows=(t("total"),))

    # --- What the change costs each member (kr), with the total -----------------------------------
    open_years = ctx.open_years
    cost = {t("member"): [r["member"].name for r in rows] + [t("total")]}
    for y in open_years:
        cost[labels[y]] = [format_number(r["years"][y][2]) for r in rows] + [
            format_number(sum(r["years"][y][2] for r in rows))]
    cost[t("total_change")] = [format_number(r["total_diff"]) for r in rows] + [
        format_number(sum(r["total_diff"] for r in rows))]
    if any(r["member"].population for r in rows):
        cost[t("per_inhabitant")] = [
            format_number(r["per_inhabitant"], 2) if r["per_inhabitant"] is not None else "–" for r in rows
        ] + ["–"]
    st.subheader(t("contrib_cost_table"))
    state.show_table(pd.DataFrame(cost), key="contrib_cost_table", total_rows=(t("total"),))
    if not any(r["member"].population for r in rows if r["member"].kind == "municipality"):
        st.caption(t("per_inhabitant_missing"))

    # --- Equity effect --------------------------------------------------------------------------------
    st.subheader(t("equity_effect"))
    effect = {t("year"): [labels[y] for y in years]}
    effect[t("eq_base")] = [format_number(kr_to_tkr(ctx.base.year(y).closing_equity)) for y in years]
    effect[t("eq_scen")] = [format_number(kr_to_tkr(projection.year(y).closing_equity)) for y in years]
    effect[t("eq_diff")] = [
        format_number(kr_to_tkr(projection.year(y).closing_equity - ctx.base.year(y).closing_equity))
        for y in years
    ]
    state.show_table(pd.DataFrame(effect), key="equity_effect_table", first_width="medium")

    if editing:
        municipalities = [m for m in ctx.shown_plan.members if m.kind == "municipality"]
        st.subheader(t("key_header"))
        if len(municipalities) < 2:
            st.caption(t("key_none"))
        else:
            st.caption(t("key_intro"))
            cols = st.columns(min(4, len(municipalities)))
            for i, m in enumerate(municipalities):
                key = f"key_{m.id}"
                if key not in ss:
                    weight = m.municipal_key or 0
                    ss[key] = format_number(weight, 0 if float(weight).is_integer() else 2).replace("\u00a0", " ")
                cols[i % len(cols)].text_input(m.name, key=key)
            st.button(t("key_apply"), key="key_apply", on_click=apply_key)
            state.show_error("key")

        st.subheader(t("cap_header"))
        st.caption(t("cap_intro"))
        c1, c2 = st.columns([2, 3], vertical_alignment="bottom")
        c1.text_input(t("cap_tkr"), key="cap_tkr")
        with c2, st.container(horizontal=True):
            st.button(t("cap_apply"), key="cap_apply", on_click=apply_cap)
            st.button(t("cap_clear"), key="cap_clear", on_click=clear_cap)
        state.show_error("cap")


lever_page.run(body)
