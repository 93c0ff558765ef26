"""Översikt: key figures, the equity chart, income against costs, plain warnings, and a
quick change of the member contributions ("what does +10 % do?") on the page itself.

The whole page is one fragment (dashboard/lever_page.py): the quick change reruns it
alone; the sidebar's switches rerun the whole app.
"""

from __future__ import annotations

import streamlit as st

from dashboard import charts, equity_strip, lever_page, state
from dashboard.charts import equity_chart, flow_chart
from dashboard.i18n import t
from scenarios.frames import equity_frame, first_negative_year, open_rows, within_range_year
from scenarios.numformat import format_percent, format_tkr



def quick_change(ctx) -> None:
    """The contribution step of Medlemsbidrag, on the overview (own keys, same lever)."""
    state.contribution_form(ctx, "ov_contrib", t("ov_contrib_pct"))


def key_figures(ctx, rows, negative, within) -> None:
    """Equity's share of contributions per year, and the two state figures."""
    cols = st.columns(len(rows))
    for col, row in zip(cols, rows):
        cap_share = row.equity_cap / row.contributions if row.contributions else None
        col.metric(
            t("kf_ratio", year=row.year),
            format_percent(row.equity_ratio),
            help=t("kf_ratio_help", cap=format_percent(cap_share, 0) if cap_share is not None else "–"),
        )
    left, right = st.columns(2)
    left.metric(t("kf_first_negative"), str(negative) if negative else t("kf_none"))
    if negative is not None:  # a clear red state: negative equity is never "within"
        within_text = t("kf_negative_state", year=negative)
    else:
        within_text = str(within) if within else t("kf_not_within")
    right.metric(t("kf_within_cap"), within_text, help=t("kf_within_help"))


def warnings(ctx, rows, negative, within) -> None:
    """The state in plain words: red when negative, a warning over the ceiling, else a statement."""
    projection = ctx.projection
    if negative is not None:
        st.error(t("warn_negative", year=negative, amount=format_tkr(projection.year(negative).closing_equity)),
                 icon=":material/warning:")
    last = rows[-1] if rows else None
    if last is not None and last.closing_equity > last.equity_cap:
        st.warning(t("warn_over_cap", year=last.year, amount=format_tkr(last.closing_equity),
                     cap=format_tkr(last.equity_cap)), icon=":material/warning:")
    if negative is None and within is not None:
        # said as a state, not as good news: a falling equity may land here for bad reasons
        st.info(t("ok_within", year=within, last=last.year, amount=format_tkr(last.closing_equity),
                  cap=format_tkr(last.equity_cap)), icon=":material/info:")
    split = [str(r.year) for r in rows if "split_off" in r.flags]
    if split:
        st.warning(t("warn_split", years=", ".join(split)), icon=":material/warning:")
    if ctx.result.state_excess:
        year = min(ctx.result.state_excess)
        ceiling = ctx.result.state_requested[year] - ctx.result.state_excess[year]
        st.warning(t("cap_warning", year=year, requested=format_tkr(ctx.result.state_requested[year]),
                     ceiling=format_tkr(ceiling), excess=format_tkr(ctx.result.state_excess[year])),
                   icon=":material/warning:")


def chart_caption(frame, base_frame) -> None:
    caption = t("chart_caption")
    if charts.differs_from_base(frame, base_frame):
        caption += " " + t("chart_base_caption")
    st.caption(caption)


def body() -> None:
    ctx = state.context()
    big = state.meeting()
    state.show_url_problems()
    st.title(ctx.plan.name)
    state.years_caption(ctx.plan, ctx.bundle.version)
    if ctx.show_base:
        st.info(t("showing_base"))

    projection = ctx.projection
    rows = open_rows(ctx.plan, projection)
    negative = first_negative_year(ctx.plan, projection)
    within = within_range_year(ctx.plan, projection)
    frame = equity_frame(projection)
    base_frame = equity_frame(ctx.base)

    if big:
        # On a projector (1280×720): the equity figures, the changes that produced them,
        # and the chart above the fold; the rest below.
        equity_strip.equity_metrics(ctx, rows)
        state.changes_line(ctx)
        charts.show(equity_chart(frame, big=True, base=base_frame))
        chart_caption(frame, base_frame)
        warnings(ctx, rows, negative, within)
        key_figures(ctx, rows, negative, within)
        charts.show(flow_chart(frame, big=True))
        quick_change(ctx)
        return

    equity_strip.equity_metrics(ctx, rows)
    quick_change(ctx)
    key_figures(ctx, rows, negative, within)
    warnings(ctx, rows, negative, within)
    chart_left, chart_right = st.columns([3, 2])
    with chart_left:
        charts.show(equity_chart(frame, base=base_frame))
    with chart_right:
        charts.show(flow_chart(frame))
    chart_caption(frame, base_frame)
    state.active_changes(ctx, contrib=True)


lever_page.run(body)
