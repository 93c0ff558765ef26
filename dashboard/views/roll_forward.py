"""Ny verksamhetsplan: roll the baseline on to the next business plan (a budget year
and two plan years), preview it as a budget table, save it as a new version."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import baselines, kept, signin, state
from dashboard.i18n import error_text, t, table_labels
from scenarios.baseline_store import BaselineStoreError
from scenarios.engine import project
from scenarios.frames import budget_frame, budget_rows
from scenarios.year_cycle import YearCycleError, next_budget_year, plan_from, roll_forward, stopped_lines

ss = st.session_state
ctx = state.context()
plan = ctx.plan
state.show_url_problems()
st.title(f"{t('page_roll_forward')} – {plan.name}")
st.caption(t("rf_intro"))


EXPECTED = baselines.seen_version("rf", ctx.fid, ctx.bundle.version)


def years_frame(shown) -> pd.DataFrame:
    """One row a year: Utfall, Budget or Plan, and whose figures they are."""
    return pd.DataFrame([{
        t("year"): str(y),
        t("rf_col_basis"): t("basis_" + shown.basis[y]),
        t("rf_col_source"): t("rf_assumed") if y in shown.assumed_years else t("rf_own"),
    } for y in shown.years])


def show_preview(new, budget_year: int) -> None:
    """The new plan's budget table in tkr from the current year on (lines with no money
    in those years left out), totals bold, new and assumed years marked."""
    shown = plan_from(new, max(new.years[0], budget_year - 1))
    labels = table_labels()
    rows = budget_rows(shown, project(shown, ctx.bundle.rules), labels)
    frame = budget_frame(shown, rows, labels, formatted=True)
    names = {}
    for year, column in zip(shown.years, frame.columns[1:]):
        if year not in plan.years:
            names[column] = f"{column} ({t('rf_new')})"
        elif year in shown.assumed_years:
            names[column] = f"{column} ({t('rf_assumed')})"
    frame = frame.rename(columns=names)
    bold = [r.total for r in rows]
    config = {frame.columns[0]: st.column_config.TextColumn(width="large")}
    for column in frame.columns[1:]:
        config[column] = st.column_config.TextColumn(alignment="right")
    styled = frame.style.apply(lambda row: ["font-weight: bold" if bold[row.name] else ""] * len(row), axis=1)
    with st.container(key="rf_table"):
        st.dataframe(styled, hide_index=True, column_config=config, height=35 * (len(frame) + 1) + 3)


def save(new, budget_year: int, version: int) -> None:
    default = t("rf_default_comment", budget=budget_year, plan=state.year_spans([y for y in new.years if y > budget_year]))
    try:
        saved = baselines.write(state.db(), "save", new, user=kept.user_name(),
                                comment=(ss.get("rf_comment") or "").strip() or default,
                                action="roll_forward", expected_version=version)
    except BaselineStoreError as exc:
        key = "rf_changed" if exc.code == "changed_meanwhile" else "rf_save_error"
        ss["rf_msg"] = ("error", t(key, message=str(exc)))
        return
    ss["rf_msg"] = ("success", t("rf_saved", version=saved.version, old=version))
    ss.pop("rf_comment", None)


message = ss.pop("rf_msg", None)
if message:
    kind, text = message
    (st.success if kind == "success" else st.error)(
        text, icon=":material/check_circle:" if kind == "success" else ":material/error:")

# --- The plan as it is ---------------------------------------------------------------------
st.subheader(t("rf_current", version=ctx.bundle.version))
st.markdown(state.basis_summary(plan, sep=", "))
with st.container(key="rf_years"):
    st.dataframe(years_frame(plan), hide_index=True)
if plan.assumed_years:
    st.caption(t("rf_assumed_note", years=", ".join(str(y) for y in sorted(plan.assumed_years))))

try:
    budget_year = next_budget_year(plan)
    new = roll_forward(plan)
except YearCycleError as exc:
    st.error(error_text(exc), icon=":material/error:")
    st.stop()

# --- The next business plan ----------------------------------------------------------------
plan_years = [y for y in new.years if y > budget_year]
added = [y for y in new.years if y not in plan.years]
st.subheader(t("rf_preview", budget=budget_year, plan=state.year_spans(plan_years)))
st.markdown(state.basis_summary(new, sep=", "))
without_outcome = [y for y in plan.years if y < budget_year - 1 and not plan.is_outcome(y)]
if without_outcome:
    st.info(t("rf_no_outcome", years=", ".join(str(y) for y in without_outcome)), icon=":material/info:")
notes = [t("rf_rule_copy", years=", ".join(str(y) for y in added), last=plan.years[-1])] if added else []
stopped = stopped_lines(plan, new)
if stopped:
    notes.append(t("rf_rule_stopped", lines=", ".join(stopped)))
cleared = sorted(plan.assumed_years - new.assumed_years)
if cleared:
    notes.append(t("rf_rule_adopt", years=", ".join(str(y) for y in cleared)))
for note in notes:
    st.markdown(f"- {state.escape_markdown(note)}")
show_preview(new, budget_year)

if not state.meeting():
    left, right = st.columns(2)
    left.text_input(t("rf_comment"), key="rf_comment", max_chars=300)
    signin.user_name_input(right)
    if st.button(t("rf_save"), key="rf_save", type="primary", disabled=not signin.may("edit_baseline")):
        save(new, budget_year, EXPECTED)
        st.rerun()
    st.caption(t("rf_keeps_old", version=ctx.bundle.version))
