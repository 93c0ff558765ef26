"""Goal seek (scenarios/solve.py), each solver checked against a brute-force search
with the engine on the seeded plans."""

from __future__ import annotations

import ast
import dataclasses
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from scenarios.engine import project, project_many
from scenarios.levers import ContributionChange, Scenario
from scenarios.plan_levers import (
    NewIntervention,
    StateCeiling,
    Utilization,
    apply_plan_levers,
    project_with_levers,
)
from scenarios.solve import (
    GRID_MAX,
    GRID_MIN,
    MESSAGES,
    SolveError,
    contribution_change_for_target,
    first_year_within_cap,
    max_new_intervention,
    percent_of,
)

SL = "sodra-lappland"


# --- brute force helpers ------------------------------------------------------------------


def scenario_at(base: Scenario, from_year: int, steps: int) -> Scenario:
    change = ContributionChange(from_year, percent_of(steps))
    return dataclasses.replace(base, contribution_changes=base.contribution_changes + (change,))


def gaps_on_grid(plan, rules, base, levers, from_year, target_year, target, steps):
    """closing − target of target_year for every step, straight from the engine."""
    levered = apply_plan_levers(plan, levers)
    column = levered.years.index(target_year)
    batch = project_many(levered, [scenario_at(base, from_year, int(n)) for n in steps], rules)
    closing = batch.closing_equity[:, column]
    goal = batch.equity_cap[:, column] if target == "cap" else np.full_like(closing, target)
    return closing - goal


def brute_force_best_gap(plan, rules, base, levers, from_year, target_year, target):
    """Scan the whole range at 0.01 %, then every 0.0001 % step around the crossing."""
    coarse = np.unique(np.r_[np.arange(GRID_MIN, GRID_MAX, 100), GRID_MAX])
    gaps = gaps_on_grid(plan, rules, base, levers, from_year, target_year, target, coarse)
    assert np.all(np.diff(gaps) >= 0), "closing − target is monotone in the percent"
    cross = int(np.searchsorted(gaps, 0))  # first coarse point with gap ≥ 0
    lo = coarse[max(cross - 1, 0)]
    hi = coarse[min(cross, len(coarse) - 1)]
    fine = np.arange(lo, hi + 1)
    fine_gaps = gaps_on_grid(plan, rules, base, levers, from_year, target_year, target, fine)
    best = int(np.min(np.abs(fine_gaps)))
    return best, fine, fine_gaps


def check_against_engine(solution, plan, rules, levers):
    """The reported figures are the engine's projection of the reported scenario."""
    projection = project_with_levers(plan, rules, solution.scenario(), levers).projection
    row = projection.year(solution.target_year)
    assert row.closing_equity == solution.closing_equity
    goal = row.equity_cap if solution.target == "cap" else solution.target
    assert goal == solution.target_amount
    assert solution.gap == row.closing_equity - goal


# --- 1. contribution change for a target --------------------------------------------------


def test_sodra_lappland_cut_to_the_ceiling_2026(plans, rules):
    plan = plans[SL]
    baseline = project(plan, rules).year(2026)
    assert (baseline.closing_equity, baseline.equity_cap) == (1_027_000, 750_400)

    solution = contribution_change_for_target(plan, rules, None, [], 2025, 2026, "cap")
    assert solution.status in ("exact", "nearest")
    assert solution.percent < 0  # equity is over the ceiling: it takes a cut
    assert (solution.baseline_closing, solution.baseline_target) == (1_027_000, 750_400)
    check_against_engine(solution, plan, rules, [])

    best, fine, fine_gaps = brute_force_best_gap(plan, rules, Scenario(), [], 2025, 2026, "cap")
    assert abs(solution.gap) == best
    assert (solution.status == "exact") == (best == 0)
    # the reported step is one of the brute-force optima, the one nearest 0 %
    steps = int(solution.percent * 10_000)
    optimal = fine[np.abs(fine_gaps) == best]
    optimal_same_side = [n for n, g in zip(fine, fine_gaps) if g == solution.gap]
    assert steps in optimal and steps == max(optimal_same_side)
    # the cap moved with the change: it is 20 % of the reduced 2026 contributions
    assert solution.target_amount < 750_400
    assert solution.lever == ContributionChange(2025, solution.percent)


@pytest.mark.parametrize(
    "fid, from_year, target_year, target",
    [
        (SL, 2023, 2026, "cap"),
        (SL, 2024, 2025, "cap"),
        (SL, 2025, 2025, "cap"),
        (SL, 2025, 2026, 500_000),
        (SL, 2023, 2026, 0),
        (SL, 2025, 2026, 2_000_000),  # a raise
        ("sodra-norrbotten", 2025, 2026, "cap"),
        ("sydnarke", 2024, 2026, "cap"),  # equity 0: it takes a raise to reach the ceiling
        ("jamtland", 2023, 2024, "cap"),
        ("jamtland", 2024, 2026, 3_000_000),
    ],
)
def test_contribution_solver_matches_brute_force(plans, rules, fid, from_year, target_year, target):
    plan = plans[fid]
    solution = contribution_change_for_target(plan, rules, None, [], from_year, target_year, target)
    assert solution.reachable
    check_against_engine(solution, plan, rules, [])
    best, _, _ = brute_force_best_gap(plan, rules, Scenario(), [], from_year, target_year, target)
    assert abs(solution.gap) == best
    if solution.baseline_closing > solution.baseline_target:
        assert solution.percent < 0
    else:
        assert solution.percent > 0


def test_contribution_solver_with_scenario_and_levers(plans, rules):
    plan = plans[SL]
    base = Scenario(name="Med höjning", contribution_changes=(ContributionChange(2024, Decimal("5")),))
    levers = [NewIntervention("Ny insats", 2025, 2026, 400_000), Utilization(Fraction(9, 10))]
    solution = contribution_change_for_target(plan, rules, base, levers, 2025, 2026, "cap")
    check_against_engine(solution, plan, rules, levers)
    assert solution.scenario().contribution_changes[0] == base.contribution_changes[0]
    assert solution.scenario().name == "Med höjning"
    best, _, _ = brute_force_best_gap(plan, rules, base, levers, 2025, 2026, "cap")
    assert abs(solution.gap) == best


def test_contribution_solver_with_state_ceiling_is_locally_optimal(plans, rules):
    plan = plans["sodra-norrbotten"]
    levers = [StateCeiling(4_300_000)]
    solution = contribution_change_for_target(plan, rules, None, levers, 2025, 2026, 1_000_000)
    check_against_engine(solution, plan, rules, levers)
    steps = int(solution.percent * 10_000)
    for neighbour in (steps - 1, steps + 1):
        if GRID_MIN <= neighbour <= GRID_MAX:
            row = project_with_levers(plan, rules, scenario_at(Scenario(), 2025, neighbour),
                                      levers).projection.year(2026)
            assert abs(row.closing_equity - 1_000_000) >= abs(solution.gap)


def test_no_change_needed(plans, rules):
    plan = plans[SL]
    solution = contribution_change_for_target(plan, rules, None, [], 2025, 2026, 1_027_000)
    assert (solution.status, solution.percent, solution.gap) == ("no_change", 0, 0)
    assert solution.scenario().contribution_changes == ()


def test_unreachable_targets_say_so(plans, rules):
    plan = plans[SL]
    high = contribution_change_for_target(plan, rules, None, [], 2025, 2026, 100_000_000)
    assert high.status == "unreachable" and not high.reachable
    assert high.percent == Decimal("200") and high.gap < 0
    assert high.message_key == "solve_contrib_unreachable_high"
    low = contribution_change_for_target(plan, rules, None, [], 2025, 2026, -100_000_000)
    assert low.status == "unreachable" and low.percent == Decimal("-99.9999") and low.gap > 0
    assert low.message_key == "solve_contrib_unreachable_low"
    # Sydnärke cannot cut its way down to the ceiling of 2023: it is an outcome year
    with pytest.raises(SolveError) as err:
        contribution_change_for_target(plans["sydnarke"], rules, None, [], 2023, 2024, "cap")
    assert err.value.code == "year_outcome"
    with pytest.raises(SolveError) as err:
        contribution_change_for_target(plan, rules, None, [], 2025, 2024, "cap")
    assert err.value.code == "target_before_change"
    with pytest.raises(SolveError) as err:
        contribution_change_for_target(plan, rules, None, [], 2025, 2030, "cap")
    assert err.value.code == "year_outside"
    with pytest.raises(SolveError):
        contribution_change_for_target(plan, rules, None, [], 2025, 2026, "taket")


def test_messages_in_both_languages(plans, rules):
    solution = contribution_change_for_target(plans[SL], rules, None, [], 2025, 2026, "cap")
    sv, en = solution.message("sv"), solution.message("en")
    assert "\u22124,0956 %" in sv and "2026" in sv
    assert "-4.0956 %" in en
    for key, texts in MESSAGES.items():
        assert texts["sv"] and texts["en"], key


# --- 2. the largest new intervention --------------------------------------------------------


def fits(plan, rules, scenario, levers, first, last, amount) -> bool:
    if amount == 0:
        rows = project_with_levers(plan, rules, scenario, levers).projection.years
    else:
        lever = NewIntervention("Prov", first, last, amount)
        rows = project_with_levers(plan, rules, scenario, list(levers) + [lever]).projection.years
    return all(r.closing_equity >= r.equity_floor for r in rows)


def brute_force_max(plan, rules, scenario, levers, first, last) -> int:
    """Scan amounts with the engine digit by digit: 10 000 000 kr steps down to 1 kr."""
    if not fits(plan, rules, scenario, levers, first, last, 0):
        return -1
    amount = 0
    for step in (10 ** k for k in range(8, -1, -1)):
        while fits(plan, rules, scenario, levers, first, last, amount + step):
            amount += step
    return amount


@pytest.mark.parametrize(
    "fid, first, last, scenario, levers",
    [
        (SL, 2025, None, None, []),
        (SL, 2023, None, None, []),
        (SL, 2025, 2025, None, []),
        (SL, 2024, 2025, Scenario(equity_floor=200_000), []),
        (SL, 2025, None, None, [Utilization(Fraction(9, 10))]),
        (SL, 2024, None, Scenario(contribution_changes=(ContributionChange(2024, Decimal("-3.5")),)), []),
        ("sodra-norrbotten", 2025, None, None, []),
        ("jamtland", 2024, 2025, None, [Utilization(Fraction(7, 9))]),
    ],
)
def test_max_new_intervention_matches_brute_force(plans, rules, fid, first, last, scenario, levers):
    plan = plans[fid]
    solution = max_new_intervention(plan, rules, scenario, levers, first, last)
    expected = brute_force_max(plan, rules, scenario or Scenario(), levers, first, last or plan.years[-1])
    assert solution.status == "ok"
    assert solution.amount == expected > 0
    assert solution.to_year == (last or plan.years[-1])
    lever = solution.lever("Min insats")
    assert lever == NewIntervention("Min insats", first, solution.to_year, expected)
    rows = project_with_levers(plan, rules, scenario, list(levers) + [lever]).projection.years
    assert {r.year: r.closing_equity for r in rows} == dict(solution.closing_equity)
    assert solution.binding_year is not None


def test_sodra_lappland_from_2025_closed_form(plans, rules):
    """Slack 2025: 1 346 000 (one year), 2026: 1 027 000 (two years) -> 513 500 kr."""
    solution = max_new_intervention(plans[SL], rules, None, [], 2025)
    assert solution.amount == 513_500 and solution.binding_year == 2026
    assert solution.closing_equity[2026] == 0 and solution.closing_equity[2025] == 832_500
    assert "513\u00a0500" in solution.message("sv") and "513\u00a0500" in solution.message("en")


def test_no_room_is_reported(plans, rules):
    # Sydnärke's plan years close at exactly 0: not one krona of room
    solution = max_new_intervention(plans["sydnarke"], rules, None, [], 2024)
    assert (solution.status, solution.amount) == ("none", 0)
    assert brute_force_max(plans["sydnarke"], rules, Scenario(), [], 2024, 2026) == 0
    # a floor above the equity: already below without any intervention
    below = max_new_intervention(plans[SL], rules, Scenario(equity_floor=1_500_000), [], 2025)
    assert below.status == "already_below" and below.amount == 0
    assert below.params["years"] == "2025, 2026"
    with pytest.raises(SolveError):
        max_new_intervention(plans[SL], rules, None, [], 2026, 2025)
    with pytest.raises(SolveError):
        max_new_intervention(plans["sydnarke"], rules, None, [], 2023)


def test_utilization_zero_is_unbounded(plans, rules):
    solution = max_new_intervention(plans[SL], rules, None, [Utilization(Fraction(0))], 2025)
    assert solution.status == "unbounded"


# --- 3. the first year within the ceiling ---------------------------------------------------


def brute_force_cap(projection, include_outcome=False):
    rows = [r for r in projection.years if include_outcome or r.basis != "outcome"]
    ok = [r.closing_equity <= r.equity_cap for r in rows]
    first = next((r.year for r, o in zip(rows, ok) if o), None)
    stays_from = next((rows[i].year for i in range(len(rows)) if all(ok[i:])), None)
    return first, stays_from


def test_first_year_within_cap_on_seeded_plans(plans, rules):
    for fid, plan in plans.items():
        projection = project(plan, rules)
        for include in (False, True):
            status = first_year_within_cap(projection, include_outcome=include)
            first, stays_from = brute_force_cap(projection, include)
            assert (status.first_year, status.stays_from) == (first, stays_from), fid
            assert status.stays_within == (first is not None and first == stays_from)
    jamtland = first_year_within_cap(project(plans["jamtland"], rules))
    assert (jamtland.first_year, jamtland.stays_within) == (2025, True)
    lappland = first_year_within_cap(project(plans[SL], rules))
    assert (lappland.first_year, lappland.stays_within, lappland.message_key) == (None, False, "solve_cap_never")
    sydnarke = first_year_within_cap(project(plans["sydnarke"], rules), include_outcome=True)
    assert (sydnarke.first_year, sydnarke.stays_within, sydnarke.stays_from) == (2019, False, 2021)


def test_first_year_within_cap_after_solving(plans, rules):
    plan = plans[SL]
    solution = contribution_change_for_target(plan, rules, None, [], 2025, 2026, "cap")
    status = first_year_within_cap(project(plan, rules, solution.scenario()))
    assert (status.first_year, status.stays_within) == (2026, True)


def test_within_then_over(plans, rules):
    projection = project(plans["jamtland"], rules)
    rows = list(projection.years)
    rows[-1] = dataclasses.replace(rows[-1], closing_equity=rows[-1].equity_cap + 1)
    status = first_year_within_cap(dataclasses.replace(projection, years=tuple(rows)))
    assert (status.first_year, status.stays_within, status.stays_from) == (2025, False, None)
    assert status.message_key == "solve_cap_within_then_over"
    assert "2025" in status.message("en")


# --- purity -------------------------------------------------------------------------------


@pytest.mark.parametrize("module", ["solve", "uncertainty"])
def test_module_is_pure(module):
    path = Path(__file__).resolve().parents[1] / "scenarios" / f"{module}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names = {(node.module or "").split(".")[0]}
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "open"
            continue
        else:
            continue
        assert not names & {"streamlit", "duckdb", "pathlib", "os", "tomllib", "io"}
