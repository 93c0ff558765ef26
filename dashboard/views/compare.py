"""Jämför: two to four scenarios side by side – equity paths in one chart, year tables
with the differences from a reference scenario, and what each member pays."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import kept, state
from dashboard.charts import compare_chart
from dashboard.i18n import error_text, group_label, t, table_labels
from scenarios.frames import first_negative_year, within_range_year
from scenarios.levers import LeverError
from scenarios.model import COST_GROUPS
from scenarios.numformat import format_number, format_tkr, kr_to_tkr, tkr_parts_matching_total

ss = st.session_state
TABLE = table_labels()
ctx = state.context()
plan = ctx.plan
state.show_url_problems()
st.title(t("page_compare"))
st.caption(t("cmp_intro"))

listing, labels, sources = kept.scenario_choices(ctx)
options = list(labels)


def remember(key: str) -> None:
    ss[f"_{key}"] = ss.get(key)


# --- Which scenarios ------------------------------------------------------------------------
if "compare_pick" in ss:
    chosen = [p for p in ss["compare_pick"] if p in labels]
else:
    default = ["base", "current"] if not ctx.levers.empty else (
        ["base"] + [s.id for s in listing if not s.adopted][:1])
    chosen = [p for p in ss.get("_compare_pick", default) if p in labels]
ss["compare_pick"] = chosen[:4]
st.multiselect(t("compare_pick"), options=options, format_func=labels.get, max_selections=4,
               key="compare_pick", on_change=remember, args=("compare_pick",))
picks = list(ss["compare_pick"])
remember("compare_pick")
if len(picks) < 2:
    st.info(t("cmp_need_two"), icon=":material/info:")
    st.stop()

wanted_ref = ss.get("compare_ref") if "compare_ref" in ss else ss.get("_compare_ref")
ss["compare_ref"] = wanted_ref if wanted_ref in picks else picks[0]
ref_col, _ = st.columns([1, 2])
ref_col.selectbox(t("compare_ref"), options=picks, format_func=labels.get, key="compare_ref",
             on_change=remember, args=("compare_ref",))
ref = ss["compare_ref"]
remember("compare_ref")

# --- Compute (memoised per lever state) ---------------------------------------------------
results = {}
for pick in picks:
    try:
        results[pick] = state.check_levers(ctx.fid, sources[pick])
    except LeverError as exc:
        st.warning(t("cmp_failed", name=labels[pick], message=error_text(exc)), icon=":material/warning:")
picks = [p for p in picks if p in results]
if ref not in results:
    ref = picks[0] if picks else ref
if len(picks) < 2:
    st.info(t("cmp_need_two"), icon=":material/info:")
    st.stop()
names = [labels[p] for p in picks]
others = [p for p in picks if p != ref]
state.baseline_note(ctx, [s for s in listing if s.id in picks])
years = ctx.open_years
year_labels = {y: state.year_label(plan, y) for y in plan.years}
proj = {p: results[p].projection for p in picks}

for pick in picks:
    negative = first_negative_year(plan, proj[pick])
    if negative is not None:
        st.error(t("cmp_negative", name=labels[pick], year=negative,
                   amount=format_tkr(proj[pick].year(negative).closing_equity)), icon=":material/warning:")

# --- Chart -------------------------------------------------------------------------------------
lines = pd.DataFrame([
    {"name": labels[p], "year": row.year, "closing_tkr": kr_to_tkr(row.closing_equity)}
    for p in picks for row in proj[p].years
])
band = pd.DataFrame([
    {"year": row.year, "floor_tkr": kr_to_tkr(row.equity_floor), "cap_tkr": kr_to_tkr(row.equity_cap)}
    for row in proj[ref].years
])
st.space("small")
with st.container(key="compare_chart"):
    st.altair_chart(compare_chart(lines, band, names), width="stretch")
st.caption(t("cmp_caption", ref=labels[ref]))


# --- Closing equity, with differences -----------------------------------------------------------
def show(frame: pd.DataFrame, key: str) -> None:
    """The first column as wide as its longest label (no clipping), no wider, so wide
    comparisons fit beside the sidebar."""
    longest = max([len(str(v)) for v in frame.iloc[:, 0]] + [len(str(frame.columns[0]))])
    state.show_table(frame, key=key, first_width=min(420, 28 + 8 * longest))


def tkr(value: int) -> str:
    return format_number(value)


def signed(value: int) -> str:
    return ("+" if value > 0 else "") + format_number(value)


equity = {t("col_scenario"): []}
for y in years:
    equity[year_labels[y]] = []
equity[t("cmp_negative_from")] = []
equity[t("cmp_within_from")] = []
for p in picks:
    equity[t("col_scenario")].append(labels[p])
    for y in years:
        equity[year_labels[y]].append(tkr(kr_to_tkr(proj[p].year(y).closing_equity)))
    negative = first_negative_year(plan, proj[p])
    within = within_range_year(plan, proj[p])
    equity[t("cmp_negative_from")].append(str(negative) if negative else t("kf_none"))
    equity[t("cmp_within_from")].append(str(within) if within else t("kf_not_within"))
for p in others:
    equity[t("col_scenario")].append(t("cmp_diff", name=labels[p]))
    for y in years:
        diff = kr_to_tkr(proj[p].year(y).closing_equity) - kr_to_tkr(proj[ref].year(y).closing_equity)
        equity[year_labels[y]].append(signed(diff))
    equity[t("cmp_negative_from")].append("")
    equity[t("cmp_within_from")].append("")
st.subheader(t("cmp_equity_table"))
show(pd.DataFrame(equity), "compare_equity")
st.caption(t("cmp_diff_note", ref=labels[ref]))


# --- Year by year ---------------------------------------------------------------------------------
def year_rows(row) -> dict[str, int]:
    """The figures of one scenario year in tkr, parts adding up to their totals as shown."""
    groups = [g for g in COST_GROUPS if any(proj[p].year(row.year).costs_by_group.get(g) for p in picks)]
    costs_tkr = kr_to_tkr(row.costs)
    parts = tkr_parts_matching_total([row.costs_by_group.get(g, 0) for g in groups]
                                     + [row.costs - sum(row.costs_by_group.get(g, 0) for g in groups)],
                                     costs_tkr)
    out = {TABLE["contributions"]: kr_to_tkr(row.contributions),
           t("cmp_grants"): kr_to_tkr(row.esf + row.other_income)}
    for g, value in zip(groups, parts):
        out[group_label(g)] = value
    out[TABLE["costs"]] = costs_tkr
    out[t("cmp_result")] = kr_to_tkr(row.result)
    out[TABLE["closing_equity"]] = kr_to_tkr(row.closing_equity)
    out[t("cmp_cap")] = kr_to_tkr(row.equity_cap)
    return out


def member_rows(year: int) -> tuple[list[str], dict[str, list[int]]]:
    members = [m for m in plan.members
               if m.pays or any(proj[p].year(year).contributions_by_member.get(m.id) for p in picks)]
    values = {}
    for p in picks:
        yp = proj[p].year(year)
        parts = [yp.contributions_by_member.get(m.id, 0) for m in members]
        unallocated = yp.contributions - sum(parts)
        shown = tkr_parts_matching_total(parts + [unallocated], kr_to_tkr(yp.contributions))
        values[p] = shown[:len(members)] + [kr_to_tkr(yp.contributions)]
    return [m.name for m in members] + [t("total")], values


def amounts_table(first_col: str, row_names: list[str], values: dict[str, list[int]]) -> pd.DataFrame:
    table = {first_col: row_names}
    for p in picks:
        table[labels[p]] = [tkr(v) for v in values[p]]
    return pd.DataFrame(table)


def diffs_table(first_col: str, row_names: list[str], values: dict[str, list[int]]) -> pd.DataFrame:
    """The same rows as differences from the reference (of the figures as shown)."""
    table = {first_col: row_names}
    for p in others:
        table[t("cmp_diff", name=labels[p])] = [signed(a - b) for a, b in zip(values[p], values[ref])]
    return pd.DataFrame(table)


st.subheader(t("cmp_year_header"))
# Opens on the first plan year: the running budget year's differences are often all 0.
tabs = st.tabs([year_labels[y] for y in years], default=year_labels[years[ctx.first_plan_index]])
for tab, year in zip(tabs, years):
    with tab:
        per = {p: year_rows(proj[p].year(year)) for p in picks}
        row_names = list(per[ref])
        for p in picks:  # a group only one scenario has
            row_names += [k for k in per[p] if k not in row_names]
        values = {p: [per[p].get(k, 0) for k in row_names] for p in picks}
        show(amounts_table(t("col_line"), row_names, values), f"compare_year_{year}")
        st.markdown(f"**{t('cmp_diff_header', ref=state.escape_markdown(labels[ref]))}**")
        show(diffs_table(t("col_line"), row_names, values), f"compare_year_diff_{year}")
        st.markdown(f"**{t('cmp_members')}**")
        member_names, member_values = member_rows(year)
        show(amounts_table(t("member"), member_names, member_values), f"compare_members_{year}")
        st.markdown(f"**{t('cmp_members_diff', ref=state.escape_markdown(labels[ref]))}**")
        show(diffs_table(t("member"), member_names, member_values), f"compare_members_diff_{year}")
