"""Budgettabell: the business plan's budget table, downloadable as CSV and Excel."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import state
from dashboard.i18n import t, table_labels
from scenarios.frames import budget_csv, budget_frame, budget_rows
from scenarios.workbook import ScenarioEntry, scenario_workbook

ctx = state.context()
state.show_url_problems()
st.title(f"{t('page_table')} – {ctx.plan.name}")
state.years_caption(ctx.plan, ctx.bundle.version)
if ctx.show_base:
    st.info(t("showing_base"))
st.caption(t("table_intro"))

labels = table_labels()
rows = budget_rows(ctx.shown_plan, ctx.projection, labels)
numbers = budget_frame(ctx.plan, rows, labels)
text = budget_frame(ctx.plan, rows, labels, formatted=True)
bold = {i for i, r in enumerate(rows) if r.total}


def _style(row):
    weight = "font-weight: bold" if row.name in bold else ""
    return [weight] * len(row)


config = {text.columns[0]: st.column_config.TextColumn(width="large")}
for column in text.columns[1:]:
    config[column] = st.column_config.TextColumn(alignment="right")
with st.container(key="budget_table"):
    st.dataframe(text.style.apply(_style, axis=1), hide_index=True, column_config=config,
                 height=35 * (len(text) + 1) + 3)

file_stem = f"budget-{ctx.fid}"
scenario_name = t("cmp_base") if ctx.levers.empty or ctx.show_base else t("cmp_current")
c1, c2, _ = st.columns([1, 1, 3])
c1.download_button(t("dl_csv"), budget_csv(numbers), file_name=f"{file_stem}.csv",
                   mime="text/csv", key="dl_csv")
# The workbook with formulas (sums, the equity roll-forward), built only on click.
c2.download_button(
    t("dl_xlsx"),
    lambda: scenario_workbook([ScenarioEntry(scenario_name, ctx.shown_plan, ctx.projection)],
                              title=f"{ctx.plan.name} – {t('page_table')}", created=date.today()),
    file_name=f"{file_stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl_xlsx",
)
