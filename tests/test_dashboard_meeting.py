"""What the room sees (issue 8), through AppTest: the equity state said as what it is,
member tables that add up, the years a change starts from, warnings beside the levers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from scenarios.engine import project
from scenarios.frames import budget_rows, first_negative_year, within_range_year
from scenarios.levers import ContributionChange, Scenario
from scenarios.numformat import format_number
from tests.apptest_support import metric, shown_table

SL, SN = "sodra-lappland", "sydnarke"


@pytest.fixture
def app(monkeypatch, db_file):
    monkeypatch.setenv("FINSAM_DB", str(db_file))

    def make(params: dict | None = None, page: str | None = None) -> AppTest:
        at = AppTest.from_file("../dashboard/app.py", default_timeout=30)
        if params:
            at.query_params.update(params)
        at.run()
        if page:
            at.switch_page(f"views/{page}.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make


def test_negative_equity_is_never_within_the_range(app, plans, rules):
    """−60 % from 2025 drives Södra Lappland's equity below zero: the state is red,
    'within the range' says no, and nothing green or blue calls it fine."""
    at = app({"fed": SL, "c": "2025:-60"})
    expected = project(plans[SL], rules, Scenario(contribution_changes=(ContributionChange(2025, Decimal(-60)),)))
    negative = first_negative_year(plans[SL], expected)
    assert negative is not None
    assert metric(at, "Inom intervallet från") == f"Nej – negativt {negative}"
    assert any("blir negativt" in e.value for e in at.error)
    assert not at.success and not any("mellan noll" in i.value for i in at.info)


def test_within_the_range_is_a_plain_statement(app, plans, rules):
    """Jämtland's baseline ends within 0–ceiling: said as a state with the figures."""
    at = app({"fed": "jamtland"})
    within = within_range_year(plans["jamtland"], project(plans["jamtland"], rules))
    assert within is not None
    assert metric(at, "Inom intervallet från") == str(within)
    assert any(f"mellan noll och det rekommenderade taket från {within}" in i.value for i in at.info)
    assert not at.success


def test_the_change_starts_from_the_first_plan_year(app, plans):
    at = app({"fed": SL}, page="contributions")
    first_plan = next(y for y in plans[SL].years if plans[SL].basis[y] == "plan")
    assert at.selectbox(key="contrib_year").value == first_plan
    at.switch_page("views/overview.py").run()
    assert at.selectbox(key="ov_contrib_year").value == first_plan
    at.switch_page("views/projects.py").run()
    assert at.selectbox(key="cost_year").value == first_plan


def test_the_cost_of_a_change_has_a_total_row(app, plans, rules):
    at = app({"fed": SL, "c": "2025:10"}, page="contributions")
    cost = shown_table(at, "contrib_cost_table")
    base = project(plans[SL], rules)
    scen = project(plans[SL], rules, Scenario(contribution_changes=(ContributionChange(2025, Decimal(10)),)))
    total = cost[cost.iloc[:, 0] == "Totalt"]
    assert len(total) == 1
    assert total.iloc[0]["Plan 2025"] == format_number(scen.year(2025).contributions - base.year(2025).contributions)
    members = cost[cost.iloc[:, 0] != "Totalt"]
    as_int = [int(v.replace("\u00a0", "").replace("\u2212", "-")) for v in members["Summa förändring"]]
    assert format_number(sum(as_int)) == total.iloc[0]["Summa förändring"]


def test_members_paid_only_as_a_total_show_an_unallocated_row(app, plans, rules):
    """Sydnärke's early outcome years give only the total: 'Ej fördelat per medlem' makes
    every column add up to the total shown; Arbetsförmedlingen is listed as paid by FK."""
    at = app({"fed": SN}, page="contributions")
    paid = shown_table(at, "contrib_table")
    names = list(paid.iloc[:, 0])
    assert "Ej fördelat per medlem" in names
    assert any(n.startswith("Arbetsförmedlingen") and "Försäkringskassan" in n for n in names)
    projection = project(plans[SN], rules)
    # one rounding everywhere: the budget table's own figures (2019: 6 050, not 6 049)
    budget = {b.key: b for b in budget_rows(plans[SN], projection)}
    assert budget["contributions"].values[2019] == 6050
    for column in paid.columns[1:]:
        year = int(column.split()[-1].rstrip("*"))
        figures = [v for v in paid[column][:-1] if v != "–"]
        parts = sum(int(v.replace("\u00a0", "").replace("\u2212", "-")) for v in figures)
        assert parts == budget["contributions"].values[year], column
        assert paid[column].iloc[-1] == format_number(budget["contributions"].values[year])


def test_an_editor_page_warns_of_negative_equity_as_the_overview_does(app):
    at = app({"fed": SL, "c": "2025:-60"}, page="projects")
    assert any("blir negativt" in e.value for e in at.error)


# --- Input sanity ------------------------------------------------------------------------------


def _add_intervention(at: AppTest, amount: str) -> AppTest:
    at.text_input(key="new_name").input("Ny insats")
    at.text_input(key="new_amount").input(amount)
    at.button(key="new_add").click()
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize("typed", ["800 000", "800000", "1 000 000,5"])
def test_an_amount_far_outside_the_federations_scale_is_refused_with_the_reason(app, typed):
    at = _add_intervention(app({"fed": SL}, page="projects"), typed)
    errors = [e.value for e in at.error if "blir negativt" not in e.value]
    assert len(errors) == 1 and "gånger förbundets största årliga omslutning" in errors[0], errors
    assert "tusental kronor" in errors[0] and "Ändringen gjordes inte." in errors[0]
    assert at.session_state["levers"].empty and "new" not in at.query_params


def test_esf_far_outside_the_scale_is_refused(app):
    at = app({"fed": SL}, page="grants")
    at.text_input(key="grant_amount").input("300 000")
    at.button(key="grant_apply").click()
    at.run()
    assert any("gånger förbundets största årliga omslutning" in e.value for e in at.error)
    assert "esf" not in at.query_params


def test_an_amount_in_exponent_form_is_not_an_amount(app):
    at = _add_intervention(app({"fed": SL}, page="projects"), "1e9")
    assert any("är inget belopp" in e.value for e in at.error)
    assert at.session_state["levers"].empty


def test_a_typed_decimal_is_shown_as_typed(app):
    at = _add_intervention(app({"fed": SL}, page="projects"), "12,5")
    texts = " ".join(m.value for m in at.markdown)
    assert "12,5\u00a0tkr" in texts and "13\u00a0tkr" not in texts


def test_a_municipal_key_of_zero_is_refused(app):
    at = app({"fed": SL}, page="contributions")
    at.text_input(key="key_lycksele").input("0")
    at.button(key="key_apply").click()
    at.run()
    assert any("Nyckeln för Lycksele kommun måste vara större än noll." in e.value for e in at.error)
    assert at.session_state["levers"].empty


def test_a_negative_solver_target_is_refused(app):
    at = app({"fed": SL}, page="solve")
    at.radio(key="solve_target_kind").set_value("amount").run()
    at.text_input(key="solve_target_amount").input("-500")
    at.button(key="solve_contrib").click()
    at.run()
    assert any("kan inte vara negativt" in e.value for e in at.error)


def test_url_warnings_are_swedish_sentences(app):
    """Every ignored URL parameter is said in a full Swedish sentence with Swedish quotes,
    the engine's own errors included (they are English with a code underneath)."""
    at = app({"fed": SL, "c": ["2019:10", "2025:abc"], "new": "X:2019-2020:5", "esf": "2099:0",
              "cost": "nope:2025:5", "util": "150"})
    warnings = [w.value for w in at.warning if w.value.startswith("Adressens parameter")]
    assert len(warnings) == 6, warnings
    for text in warnings:
        assert text.endswith("."), text
        assert "'" not in text and "“" not in text, text
        words = set(text.lower().replace(":", " ").replace(".", " ").split())
        assert not words & {"is", "the", "outside", "horizon", "change", "contribution", "unknown"}, text
    assert any("Ändringen av medlemsbidragen: 2019 ligger utanför planperioden" in w for w in warnings)
