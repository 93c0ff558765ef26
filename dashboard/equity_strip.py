"""The answer beside the lever: closing equity of each plan year, on every editor page.

A board that moves a lever on Medlemsbidrag, Projekt or ESF sees at once where
equity ends up, without switching to the overview: the same key figures (labels
'Eget kapital <år>') with the change against the baseline, and the equity chart.
"""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard.charts import equity_chart
from dashboard.i18n import t
from scenarios.frames import equity_frame, first_negative_year, open_rows
from scenarios.numformat import format_tkr


def equity_metrics(ctx, rows) -> None:
    """'Eget kapital <år>' for each plan year, with the change against the baseline."""
    cols = st.columns(len(rows)) if rows else []
    for col, row in zip(cols, rows):
        diff = row.closing_equity - ctx.base.year(row.year).closing_equity
        col.metric(
            t("kf_equity", year=row.year),
            format_tkr(row.closing_equity),
            delta=t("vs_base", diff=format_tkr(diff)) if diff else None,
            delta_color="off",
            delta_arrow="up" if diff > 0 else "down",
        )


def show(ctx) -> None:
    """The figures, and the chart when asked for: a chart in a closed expander is still
    drawn by the browser on every change; behind a toggle it costs nothing until shown
    (the toggle's state is kept across pages)."""
    projection = ctx.projection
    with st.container(key="equity_strip"):
        equity_metrics(ctx, open_rows(ctx.plan, projection))
        negative = first_negative_year(ctx.plan, projection)
        if negative is not None:  # the same warning as Översikt, beside the lever that caused it
            st.error(t("warn_negative", year=negative, amount=format_tkr(projection.year(negative).closing_equity)),
                     icon=":material/warning:")
        ss = st.session_state
        if "equity_chart_show" not in ss and "_equity_chart_show" in ss:
            ss["equity_chart_show"] = ss["_equity_chart_show"]
        if st.toggle(t("chart_equity_show"), key="equity_chart_show"):
            frame, base = equity_frame(projection), equity_frame(ctx.base)
            charts.show(equity_chart(frame, base=base))
            if charts.differs_from_base(frame, base):
                st.caption(t("chart_base_caption"))
        ss["_equity_chart_show"] = ss.get("equity_chart_show", False)

