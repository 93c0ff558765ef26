"""Monte Carlo (scenarios/uncertainty.py): closed-form cases, determinism, and the
deterministic engine reproduced to the krona."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from scenarios.engine import project
from scenarios.levers import ContributionChange, EsfAmount, Scenario
from scenarios.plan_levers import (
    GrantChange,
    NewIntervention,
    Utilization,
    apply_plan_levers,
    project_with_levers,
)
from scenarios.uncertainty import (
    GrantOdds,
    Uncertainty,
    UncertaintyError,
    UtilizationRange,
    monte_carlo,
)

SL = "sodra-lappland"
N = 10_000


def closing_of(projection) -> np.ndarray:
    return np.array([r.closing_equity for r in projection.years], dtype=np.int64)


def open_sum(plan, line_id, upto):
    line = next(c for c in plan.costs if c.id == line_id)
    return sum(a for y, a in line.amounts.items() if y <= upto and not plan.is_outcome(y))


# --- closed form: one project, utilization uniform on [a, b] -------------------------------


@pytest.mark.parametrize("method", ["random", "lhs"])
def test_percentiles_match_the_uniform_quantiles(plans, rules, method):
    """closing(Y) = baseline(Y) + (1 − u)·S(Y), S the project's open-year money up to Y,
    so the q-quantile of closing is baseline + S·(1 − (a + (1 − q)(b − a)))."""
    plan = plans[SL]
    a, b = 0.8, 1.0
    result = monte_carlo(plan, rules, None, {"utilization": {"ovriga-insatser": (80, 100)}},
                         draws=N, seed=42, method=method)
    baseline = closing_of(project(plan, rules))
    assert result.closing.shape == (N, len(plan.years))
    for j, year in enumerate(plan.years):
        s = open_sum(plan, "ovriga-insatser", year)
        for k, q in enumerate((0.10, 0.50, 0.90)):
            analytic = baseline[j] + s * (1 - (a + (1 - q) * (b - a)))
            rounding = 0.5 * (j + 1) + 1  # half-up to the krona per year
            if method == "lhs":  # stratified: every 1/N of the range holds one draw
                tolerance = 2 * (b - a) * s / N + rounding
            else:  # 5 standard errors of a sample quantile of 10 000 draws
                tolerance = 5 * math.sqrt(q * (1 - q) / N) * (b - a) * s + rounding
            assert abs(result.percentiles[k, j] - analytic) <= tolerance, (year, q)
    # equity sits far above the ceiling whatever the projects spend
    assert result.p_negative.tolist() == [0.0] * 4
    assert result.p_over_cap.tolist() == [1.0] * 4 and result.p_over_cap_all == 1.0
    # every draw lies between the two ends of the range
    full = closing_of(project_with_levers(plan, rules, None, []).projection)
    assert np.all(result.closing >= full)
    s_last = open_sum(plan, "ovriga-insatser", 2026)
    assert np.all(result.closing[:, -1] <= full[-1] + round(0.2 * s_last) + 4)


@pytest.mark.parametrize("method, exact", [("lhs", True), ("random", False)])
@pytest.mark.parametrize("p", [0.7, 0.25])
def test_grant_probability_is_the_probability_of_negative_equity(plans, rules, method, exact, p):
    """With the ESF money (600 000 kr) 2026 closes at +300 000; without it at −300 000."""
    plan = apply_plan_levers(plans[SL], [NewIntervention("Tung insats", 2026, 2026, 727_000)])
    assert project(plan, rules).year(2026).closing_equity == 300_000
    result = monte_carlo(plan, rules, None, {"grants": {"esf": p}}, draws=N, seed=7, method=method)
    refused = result.closing[:, -1] < 0
    assert set(np.unique(result.closing[:, -1]).tolist()) == {-300_000, 300_000}
    if exact:
        assert result.p_negative[-1] == round((1 - p) * N) / N
    else:
        assert abs(result.p_negative[-1] - (1 - p)) <= 5 * math.sqrt(p * (1 - p) / N)
    assert result.p_negative[-1] == refused.mean() == result.p_negative_any
    assert result.p_negative[:3].tolist() == [0.0, 0.0, 0.0]
    # 1 − p < 0.5 < ... : the median sits on the granted value when p > 0.5
    assert result.p50[-1] == (300_000 if p > 0.5 else -300_000)


# --- determinism -----------------------------------------------------------------------------


SPEC = {
    "utilization": {"ovriga-insatser": (80, 100), "verksamhetsutvecklare": (85, 95)},
    "grants": {"esf": (0.6, "verksamhetsutvecklare")},
}


@pytest.mark.parametrize("method", ["random", "lhs"])
def test_same_seed_same_numbers(plans, rules, method):
    one = monte_carlo(plans[SL], rules, None, SPEC, seed=123, method=method)
    two = monte_carlo(plans[SL], rules, None, SPEC, seed=123, method=method)
    other = monte_carlo(plans[SL], rules, None, SPEC, seed=124, method=method)
    np.testing.assert_array_equal(one.closing, two.closing)
    np.testing.assert_array_equal(one.percentiles, two.percentiles)
    np.testing.assert_array_equal(one.p_negative, two.p_negative)
    assert not np.array_equal(one.closing, other.closing)
    assert one.closing.dtype == np.int64 and one.draws == N


# --- the deterministic engine, to the krona -----------------------------------------------------


@pytest.mark.parametrize("fid", ["sodra-lappland", "sodra-norrbotten", "sydnarke", "jamtland"])
def test_certainty_reproduces_the_engine(plans, rules, fid):
    plan = plans[fid]
    scenario = Scenario(contribution_changes=(ContributionChange(plan.first_open_year, Decimal("3.25")),))
    spec = Uncertainty(
        utilization=tuple(UtilizationRange(c.id, 100, 100) for c in plan.costs if c.group == "projects"),
        grants=tuple(GrantOdds(i.id, 1.0) for i in plan.income),
    )
    result = monte_carlo(plan, rules, scenario, spec, draws=50, seed=1)
    expected = closing_of(project(plan, rules, scenario))
    assert np.all(result.closing == expected[None, :])
    np.testing.assert_array_equal(result.p50, expected)
    np.testing.assert_array_equal(result.baseline_closing, expected)


def test_fixed_utilization_matches_the_utilization_lever(plans, rules):
    plan = plans[SL]
    spec = {"utilization": {c.id: (90, 90) for c in plan.costs if c.group == "projects"}}
    result = monte_carlo(plan, rules, None, spec, draws=20)
    lever = closing_of(project_with_levers(plan, rules, None, [Utilization(Fraction(9, 10))]).projection)
    assert np.all(result.closing == lever[None, :])


def test_refused_grant_with_its_cost_matches_grant_change(plans, rules):
    plan = plans[SL]
    spec = {"grants": {"esf": {"probability": 0, "cost_line_id": "verksamhetsutvecklare"}},
            "utilization": {"verksamhetsutvecklare": (95, 95)}}
    result = monte_carlo(plan, rules, None, spec, draws=20)
    # the cost falls with the grant first (as GrantChange, which applies before
    # Utilization), then 95 % of what is left is spent (half-up, as Utilization)
    levers = [GrantChange("esf", y, 0, "verksamhetsutvecklare") for y in (2024, 2025)]
    levered = project_with_levers(plan, rules, None, levers).plan
    line = next(c for c in levered.costs if c.id == "verksamhetsutvecklare")
    expected = closing_of(project(levered, rules))
    saved = np.cumsum([line.amounts[y] - (line.amounts[y] * 95 * 2 + 100) // 200 for y in plan.years])
    assert np.all(result.closing == (expected + saved)[None, :])


def test_one_grant_decision_per_year(plans, rules):
    plan = plans[SL]
    spec = Uncertainty(grants=(GrantOdds("esf", 0.5, years=(2024,)), GrantOdds("esf", 0.5, years=(2025,))))
    result = monte_carlo(plan, rules, None, spec, seed=3)
    lost_2024 = project(plan, rules).year(2024).closing_equity - result.closing[:, 1]
    lost_2026 = project(plan, rules).year(2026).closing_equity - result.closing[:, 3]
    assert set(np.unique(lost_2024).tolist()) == {0, 300_000}
    assert set(np.unique(lost_2026).tolist()) == {0, 300_000, 600_000}


def test_scenario_esf_amount_is_not_uncertain(plans, rules):
    plan = plans[SL]
    scenario = Scenario(esf_amounts=(EsfAmount(2024, 300_000), EsfAmount(2025, 300_000)))
    result = monte_carlo(plan, rules, scenario, {"grants": {"esf": 0.1}}, draws=100)
    assert np.all(result.closing == closing_of(project(plan, rules, scenario))[None, :])


def test_outcome_years_are_never_uncertain(plans, rules):
    plan = plans["sodra-norrbotten"]
    spec = {"utilization": {"individinriktade-insatser": (50, 100), "strukturella-insatser": (0, 100)},
            "grants": {"ovriga-intakter": 0.5, "finansnetto": 0.5}}
    result = monte_carlo(plan, rules, None, spec, seed=9)
    baseline = closing_of(project(plan, rules))
    outcome = [j for j, y in enumerate(plan.years) if plan.is_outcome(y)]
    assert outcome == [0, 1, 2, 3]
    assert np.all(result.closing[:, outcome] == baseline[outcome][None, :])
    assert np.all(result.percentiles[:, outcome] == baseline[outcome][None, :])
    assert result.closing[:, -1].std() > 0


def test_levers_apply_before_the_draws(plans, rules):
    plan = plans[SL]
    levers = [NewIntervention("Ny", 2025, 2026, 300_000)]
    spec = {"utilization": {"ny-ny": (100, 100)}}
    result = monte_carlo(plan, rules, None, spec, draws=10, levers=levers)
    expected = closing_of(project_with_levers(plan, rules, None, levers).projection)
    assert np.all(result.closing == expected[None, :])


def test_rows_for_the_fan_chart(plans, rules):
    result = monte_carlo(plans[SL], rules, None, SPEC, seed=5, keep_draws=False)
    assert result.closing is None
    rows = result.rows()
    assert [r["year"] for r in rows] == [2023, 2024, 2025, 2026]
    for r in rows:
        assert r["p10"] <= r["p50"] <= r["p90"]
        assert r["equity_cap"] == 750_400


def test_bad_specs_are_refused(plans, rules):
    plan = plans[SL]
    cases = [
        ({"utilization": {"revision": (80, 100)}}, "not_project"),
        ({"utilization": {"finns-inte": (80, 100)}}, "unknown_line"),
        ({"utilization": {"ovriga-insatser": (90, 80)}}, "utilization_range"),
        ({"utilization": {"ovriga-insatser": (80, 120)}}, "utilization_range"),
        ({"grants": {"esf": 1.5}}, "probability_range"),
        ({"grants": {"finns-inte": 0.5}}, "unknown_income"),
        ({"grants": {"esf": (0.5, "finns-inte")}}, "unknown_line"),
        ({"grants": {"esf": {"probability": 0.5, "years": [2030]}}}, "year_outside"),
        ({"risk": {}}, "unknown_spec"),
    ]
    for spec, code in cases:
        with pytest.raises(UncertaintyError) as err:
            monte_carlo(plan, rules, None, spec, draws=10)
        assert err.value.code == code, spec
    with pytest.raises(ValueError):
        monte_carlo(plan, rules, None, {}, draws=0)
    with pytest.raises(ValueError):
        monte_carlo(plan, rules, None, {}, method="sobol")
