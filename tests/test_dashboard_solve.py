"""Lös och osäkerhet (/los) through AppTest: the answers are the engine's own
(scenarios.solve, scenarios.uncertainty), applying one changes the overview's
figures, keeping one puts it in the ScenarioStore. Every test has its own copy of
the seeded database (FINSAM_DB), so the scenario file beside it is its own too."""

from __future__ import annotations

from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from scenarios.levers import ContributionChange, Scenario
from scenarios.numformat import format_kr, format_number, format_tkr, kr_to_tkr
from scenarios.plan_levers import NewIntervention, project_with_levers
from scenarios.scenario_store import ScenarioStore, scenario_db_path
from scenarios.solve import contribution_change_for_target, max_new_intervention
from scenarios.uncertainty import GrantOdds, Uncertainty, UtilizationRange, monte_carlo
from tests.apptest_support import metric, open_app, run, shown_table

SL = "sodra-lappland"


@pytest.fixture
def app(db):
    """The page, on a database of the test's own."""
    return lambda params=None: open_app(params, page="solve")


def decided(percent: Decimal) -> Decimal:
    """The answer as a board decides it: one decimal."""
    from decimal import ROUND_HALF_UP

    return Decimal(percent).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def sv_pct(percent: Decimal) -> str:
    sign = "+" if percent > 0 else ("\u2212" if percent < 0 else "")
    return sign + f"{abs(percent).normalize():f}".replace(".", ",") + "\u00a0%"


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def overview(at: AppTest) -> AppTest:
    at.switch_page("views/overview.py")
    return run(at)


# --- Contribution change for the ceiling -----------------------------------------------------


def test_contribution_answer_is_the_engines_and_applies(app, plans, rules):
    plan = plans[SL]
    direct = contribution_change_for_target(plan, rules, None, (), 2025, 2026, "cap")
    assert direct.percent == Decimal("-4.0956")
    at = app()
    assert at.selectbox(key="solve_from").value == 2025 and at.selectbox(key="solve_to").value == 2026
    at.button(key="solve_contrib").click()
    run(at)
    # what a board decides: one decimal; the exact answer in the detail
    decided = Scenario(name="Scenario", contribution_changes=(ContributionChange(2025, Decimal("-4.1")),))
    row = project_with_levers(plan, rules, decided, ()).projection.year(2026)
    assert metric(at, "Bidragsändring från 2025") == "−4,1\u00a0%"
    assert metric(at, "Eget kapital 2026 med ändringen") == format_tkr(row.closing_equity)
    assert metric(at, "Avvikelse från målet") == format_kr(row.closing_equity - row.equity_cap)
    assert any(s.value.startswith("Sänk medlemsbidragen med 4,1 % från 2025: eget kapital 2026 blir")
               for s in at.success), [s.value for s in at.success]
    exact = at.expander[0]
    assert "−4,0956" in exact.markdown[0].value and direct.message("sv") in exact.markdown[0].value
    assert at.text_input(key="solve_keep_contrib_name").value == "Bidrag −4,1 % från 2025 (tak 2026)"

    at.button(key="solve_apply_contrib").click()
    run(at)
    assert at.session_state["levers"].contrib == (ContributionChange(2025, Decimal("-4.1")),)
    assert at.query_params["c"] == "2025:-4.1"
    assert at.button(key="solve_apply_contrib").disabled  # already part of the changes
    overview(at)
    assert metric(at, "Eget kapital 2026") == format_tkr(row.closing_equity)


def test_keep_contribution_answer_as_a_new_scenario(app, db):
    at = app()
    at.button(key="solve_contrib").click()
    run(at)
    at.button(key="solve_keep_contrib").click()
    run(at)
    name = "Bidrag −4,1 % från 2025 (tak 2026)"
    assert f"Sparat som ”{name}”." in " ".join(s.value for s in at.success)
    stored = ScenarioStore(scenario_db_path(db)).find(SL, name)
    assert stored.spec.contrib == (ContributionChange(2025, Decimal("-4.1")),)
    assert at.session_state["levers"].empty  # keeping does not change the current levers
    at.switch_page("views/scenarios.py")
    run(at)
    assert name in list(at.container(key="scen_list").table[0].value["Namn"])
    # the same name again: the store's inline message, nothing saved twice
    at.switch_page("views/solve.py")
    run(at)
    at.button(key="solve_contrib").click()
    run(at)
    at.button(key="solve_keep_contrib").click()
    run(at)
    assert any("Det finns redan ett scenario som heter" in e for e in errors(at)), errors(at)


def test_target_amount_and_bad_input(app, plans, rules):
    plan = plans[SL]
    at = app()
    at.radio(key="solve_target_kind").set_value("amount")
    run(at)
    at.text_input(key="solve_target_amount").input("500")
    at.button(key="solve_contrib").click()
    run(at)
    direct = contribution_change_for_target(plan, rules, None, (), 2025, 2026, 500_000)
    assert metric(at, "Bidragsändring från 2025") == sv_pct(decided(direct.percent))
    shown = metric(at, "Bidragsändring från 2025")
    # bad amount: inline Swedish message, the last answer stays
    at.text_input(key="solve_target_amount").input("abc")
    at.button(key="solve_contrib").click()
    run(at)
    assert any("”abc” är inget belopp" in e and "Den senaste giltiga planen visas fortfarande." in e
               for e in errors(at)), errors(at)
    assert metric(at, "Bidragsändring från 2025") == shown
    # target year before the change: the solver's message, inline
    at.selectbox(key="solve_from").set_value(2026)
    at.selectbox(key="solve_to").set_value(2025)
    at.radio(key="solve_target_kind").set_value("cap")
    at.button(key="solve_contrib").click()
    run(at)
    assert any("ligger före ändringen 2026" in e for e in errors(at)), errors(at)


def test_existing_step_from_the_same_year_is_replaced(app, plans, rules):
    plan = plans[SL]
    at = app({"fed": SL, "c": ["2025:10", "2026:5"]})
    at.button(key="solve_contrib").click()
    run(at)
    base = Scenario(name="Scenario", contribution_changes=(ContributionChange(2026, Decimal(5)),))
    direct = contribution_change_for_target(plan, rules, base, (), 2025, 2026, "cap")
    assert metric(at, "Bidragsändring från 2025") == sv_pct(decided(direct.percent))
    assert any("Ersätter den befintliga ändringen +10" in c.value for c in at.caption)
    at.button(key="solve_apply_contrib").click()
    run(at)
    step = ContributionChange(2025, decided(direct.percent))
    assert at.session_state["levers"].contrib == (ContributionChange(2026, Decimal(5)), step)
    expected = project_with_levers(plan, rules, Scenario(name="Scenario", contribution_changes=(
        ContributionChange(2026, Decimal(5)), step)), ()).projection.year(2026).closing_equity
    overview(at)
    assert metric(at, "Eget kapital 2026") == format_tkr(expected)


# --- The largest new intervention ------------------------------------------------------------


def test_max_new_intervention_and_apply(app, plans, rules):
    plan = plans[SL]
    direct = max_new_intervention(plan, rules, None, (), 2025, name="Ny insats")
    assert direct.amount == 513_500
    at = app()
    at.button(key="solve_new").click()
    run(at)
    assert metric(at, "Högsta nya insats per år") == "513,5\u00a0tkr"
    assert any("513\u00a0500\u00a0kr per år 2025–2026" in c.value for c in at.caption)
    assert metric(at, "Snävaste år") == str(direct.binding_year) == "2026"
    assert at.text_input(key="solve_keep_new_name").value == "Ny insats 513,5 tkr/år 2025–2026"
    at.button(key="solve_apply_new").click()
    run(at)
    lever = NewIntervention("Ny insats", 2025, 2026, 513_500)
    assert at.session_state["levers"].levers == (lever,)
    assert project_with_levers(plan, rules, Scenario(), [lever]).projection.year(2026).closing_equity == 0
    overview(at)
    assert metric(at, "Eget kapital 2026") == "0\u00a0tkr"
    assert metric(at, "Första år med negativt eget kapital") == "Inget"


def test_keep_new_intervention_and_empty_name(app, db):
    at = app()
    at.text_input(key="solve_new_name").input("  ")
    at.button(key="solve_new").click()
    run(at)
    assert any("Ge insatsen ett namn." in e for e in errors(at)), errors(at)
    at.text_input(key="solve_new_name").input("Unga till arbete")
    at.button(key="solve_new").click()
    run(at)
    at.button(key="solve_keep_new").click()
    run(at)
    stored = ScenarioStore(scenario_db_path(db)).find(SL, "Unga till arbete 513,5 tkr/år 2025–2026")
    assert stored.spec.levers == (NewIntervention("Unga till arbete", 2025, 2026, 513_500),)


def test_first_year_within_cap_metric(app):
    at = app()
    assert metric(at, "Första år inom taket") == "Inte i planperioden"
    at = app({"fed": SL, "c": "2025:-10"})
    assert metric(at, "Första år inom taket") == "2026"


# --- Monte Carlo -------------------------------------------------------------------------------


def default_uncertainty(plan) -> Uncertainty:
    """What the page draws by default: every project line with money in a budget/plan
    year at 80–100 % (plan order), then every such income line at 100 %."""
    open_years = [y for y in plan.years if not plan.is_outcome(y)]
    projects = [c for c in plan.costs if c.group == "projects" and any(c.amounts.get(y, 0) for y in open_years)]
    grants = [i for i in plan.income if any(i.amounts.get(y, 0) for y in open_years)]
    return Uncertainty(utilization=tuple(UtilizationRange(c.id, 80, 100) for c in projects),
                       grants=tuple(GrantOdds(i.id, 1.0) for i in grants))


def test_monte_carlo_seed_one_matches_the_engine(app, plans, rules):
    plan = plans[SL]
    direct = monte_carlo(plan, rules, None, default_uncertainty(plan), draws=10_000, seed=1)
    at = app()
    assert at.number_input(key="mc_seed").value == 1 and at.number_input(key="mc_draws").value == 10_000
    at.button(key="mc_run").click()
    run(at)
    table = shown_table(at, "mc_table")
    expected = [format_number(kr_to_tkr(r["p50"])) for r in direct.rows() if r["open"]]
    assert list(table["Mittvärde (tkr)"]) == expected
    assert list(table["Lågt (1 fall av 10 lägre), tkr"]) == [format_number(kr_to_tkr(r["p10"])) for r in direct.rows()]
    assert list(table["Över taket"]) == ["100,0\u00a0%"] * 4
    assert metric(at, "Mittvärde eget kapital 2026") == format_tkr(direct.rows()[-1]["p50"])
    first = list(table["Mittvärde (tkr)"])
    at.button(key="mc_run").click()  # same seed, same numbers
    run(at)
    assert list(shown_table(at, "mc_table")["Mittvärde (tkr)"]) == first


def test_monte_carlo_grant_refusal_and_bad_range(app, plans, rules):
    plan = plans[SL]
    at = app()
    at.number_input(key="mc_grant_esf").set_value(50)
    at.number_input(key="mc_draws").set_value(2000)
    at.number_input(key="mc_seed").set_value(7)
    at.button(key="mc_run").click()
    run(at)
    spec = default_uncertainty(plan)
    spec = Uncertainty(spec.utilization, (GrantOdds("esf", 0.5),))
    direct = monte_carlo(plan, rules, None, spec, draws=2000, seed=7)
    table = shown_table(at, "mc_table")
    assert list(table["Mittvärde (tkr)"]) == [format_number(kr_to_tkr(r["p50"])) for r in direct.rows()]
    # low above high: inline error, the last result stays and is marked as stale
    at.number_input(key="mc_util_low_ovriga-insatser").set_value(100)
    at.number_input(key="mc_util_high_ovriga-insatser").set_value(90)
    at.button(key="mc_run").click()
    run(at)
    assert any("Övriga insatser" in e and "lägst 100 % är högre än högst 90 %" in e for e in errors(at)), errors(at)
    assert list(shown_table(at, "mc_table")["Mittvärde (tkr)"]) == list(table["Mittvärde (tkr)"])
    assert any("Kör igen" in w.value for w in at.warning)


def test_english_labels(app):
    at = app({"fed": SL, "lang": "en"})
    assert at.title[0].value == "Solve and uncertainty"
    at.button(key="solve_contrib").click()
    run(at)
    assert metric(at, "Contribution change from 2025") == "−4,1\u00a0%"  # Swedish numbers, as everywhere


def test_largest_intervention_keeps_the_chosen_buffer_and_says_how_far_from_the_ceiling(app, plans, rules):
    """With a buffer of 500 tkr the answer is what keeps equity ≥ 500 tkr every year
    (the engine with that floor), and the answer says where it leaves equity against the ceiling."""
    plan = plans[SL]
    direct = max_new_intervention(plan, rules, Scenario(equity_floor=500_000), (), 2025, name="Ny insats")
    assert 0 < direct.amount < 513_500
    at = app()
    at.text_input(key="solve_new_buffer").input("500")
    at.button(key="solve_new").click()
    run(at)
    assert any(f"{format_number(direct.amount)}\u00a0kr per år 2025–2026" in c.value for c in at.caption)
    lever = NewIntervention("Ny insats", 2025, 2026, direct.amount)
    closing = project_with_levers(plan, rules, Scenario(), [lever]).projection
    assert min(closing.year(y).closing_equity for y in (2025, 2026)) >= 500_000
    assert any("under taket" in m.value and "minst 500\u00a0tkr varje år" in m.value for m in at.markdown)
    at.text_input(key="solve_new_buffer").input("-5")
    at.button(key="solve_new").click()
    run(at)
    assert any("Bufferten kan inte vara negativ" in e for e in errors(at))


def test_the_fan_chart_is_read_in_one_sentence(app):
    at = app()
    at.button(key="mc_run").click()
    run(at)
    assert any(m.value.startswith("I 8 fall av 10 hamnar eget kapital 2026 mellan") for m in at.markdown)
