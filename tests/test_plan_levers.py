"""Structural levers (scenarios/plan_levers.py): a table of cases, the errors, and
the identity 'totals equal the sum of their parts' after every lever."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from scenarios.engine import project
from scenarios.frames import budget_rows
from scenarios.levers import ContributionChange, EsfAmount, LeverError, Scenario
from scenarios.plan_levers import (
    CostAmount,
    DropLine,
    GrantChange,
    MunicipalKey,
    NewIntervention,
    PlanLeverError,
    ProjectEnd,
    StateCeiling,
    Utilization,
    allocate,
    apply_plan_levers,
    project_with_levers,
    utilization_from_history,
)

SL = "sodra-lappland"


def line(plan, line_id):
    return next(c for c in plan.costs if c.id == line_id)


def income(plan, line_id):
    return next(i for i in plan.income if i.id == line_id)


# (federation, lever, check(before_plan, after_plan)) -------------------------------------
CASES = [
    pytest.param(SL, CostAmount("revision", 2025, 70_000),
                 lambda b, a: line(a, "revision").amounts[2025] == 70_000
                 and line(a, "revision").amounts[2024] == 56_000, id="cost-edit"),
    pytest.param(SL, ProjectEnd("verksamhetsutvecklare", 2025),
                 lambda b, a: line(a, "verksamhetsutvecklare").amounts[2026] == 0
                 and line(a, "verksamhetsutvecklare").amounts[2025] == 956_000
                 and line(a, "verksamhetsutvecklare").end == date(2025, 12, 31), id="shorten"),
    pytest.param(SL, ProjectEnd("en-vag-vidare", 2026),
                 lambda b, a: [line(a, "en-vag-vidare").amounts[y] for y in (2024, 2025, 2026)]
                 == [717_000, 717_000, 717_000], id="stretch-at-last-rate"),
    pytest.param(SL, ProjectEnd("en-vag-vidare", 2025, amount=1_000_000),
                 lambda b, a: line(a, "en-vag-vidare").amounts[2025] == 1_000_000
                 and line(a, "en-vag-vidare").amounts[2026] == 0, id="stretch-with-amount"),
    pytest.param(SL, DropLine("ovriga-insatser", 2025),
                 lambda b, a: [line(a, "ovriga-insatser").amounts[y] for y in (2024, 2025, 2026)]
                 == [800_000, 0, 0], id="drop"),
    pytest.param(SL, NewIntervention("Ny insats", 2025, 2026, 800_000),
                 lambda b, a: len(a.costs) == len(b.costs) + 1
                 and line(a, "ny-ny-insats").amounts == {2023: 0, 2024: 0, 2025: 800_000, 2026: 800_000}
                 and line(a, "ny-ny-insats").group == "projects", id="new"),
    pytest.param(SL, GrantChange("esf", 2025, 0),
                 lambda b, a: income(a, "esf").amounts[2025] == 0
                 and [c.amounts for c in a.costs] == [c.amounts for c in b.costs], id="esf-refused-cost-stays"),
    pytest.param(SL, GrantChange("esf", 2025, 0, "verksamhetsutvecklare"),
                 lambda b, a: income(a, "esf").amounts[2025] == 0
                 and line(a, "verksamhetsutvecklare").amounts[2025] == 656_000, id="esf-refused-cost-goes"),
    pytest.param(SL, Utilization(Fraction(9, 10)),
                 lambda b, a: line(a, "ovriga-insatser").amounts[2025] == 1_620_000
                 and line(a, "revision").amounts[2025] == 56_000, id="utilization-projects-only"),
    pytest.param(SL, MunicipalKey((("lycksele", Fraction(300)),)),
                 lambda b, a: sum(a.contributions[m.id][2025] for m in a.members if m.kind == "municipality")
                 == 938_000 and a.contributions["lycksele"][2025] < 326_000, id="key-keeps-quarter"),
    pytest.param("sydnarke", Utilization(Fraction(1, 2)),
                 lambda b, a: line(a, "mottagningsteam").amounts[2023] == 1_086_516
                 and line(a, "samordningsteam").amounts[2025] == 1_471_771, id="utilization-not-outcome"),
    pytest.param("sodra-norrbotten", GrantChange("ovriga-intakter", 2026, 0),
                 lambda b, a: income(a, "ovriga-intakter").amounts[2026] == 0, id="other-grant"),
]


@pytest.mark.parametrize("fid, lever, check", CASES)
def test_lever_applies(plans, rules, fid, lever, check):
    before = plans[fid]
    after = lever.apply(before)
    assert after is not before
    assert check(before, after)
    # Never mutates, never touches outcome years.
    assert plans[fid] is before
    for y in before.years:
        if before.is_outcome(y):
            assert [c.amounts.get(y) for c in after.costs[: len(before.costs)]] == [
                c.amounts.get(y) for c in before.costs
            ]
    _assert_totals_are_sums(after, rules)


def _assert_totals_are_sums(plan, rules, scenario=None):
    projection = project(plan, rules, scenario)
    for row in projection.years:
        assert row.costs == sum(row.costs_by_line.values()) == sum(row.costs_by_group.values())
        assert row.available == row.opening_equity + row.contributions + row.esf + row.other_income
        assert row.closing_equity == row.available - row.costs
        if not plan.unallocated_contributions.get(row.year):
            assert row.contributions == sum(row.contributions_by_member.values())
    # The printed budget table adds up too.
    rows = {r.key: r for r in budget_rows(plan, projection)}
    for y in plan.years:
        members = sum(r.values[y] for k, r in rows.items() if k.startswith("member:") or k == "unallocated")
        assert members == rows["contributions"].values[y]
        parts = ["contributions", "opening_equity", "esf", "other_income"]
        assert sum(rows[k].values[y] for k in parts if k in rows) == rows["available"].values[y]
        groups = [k for k in rows if k.startswith("group:")]
        assert sum(rows[g].values[y] for g in groups) == rows["costs"].values[y]


ERRORS = [
    pytest.param(SL, CostAmount("revision", 2025, -1), "negative", id="negative-cost"),
    pytest.param(SL, CostAmount("nope", 2025, 1), "unknown_line", id="unknown-line"),
    pytest.param(SL, CostAmount("revision", 2030, 1), "year_outside", id="outside-horizon"),
    pytest.param("sydnarke", CostAmount("revision", 2023, 1), "year_outcome", id="outcome-year"),
    pytest.param(SL, ProjectEnd("verksamhetsutvecklare", 2023), "end_before_start", id="end-before-start"),
    pytest.param(SL, NewIntervention("X", 2026, 2025, 1), "end_before_start", id="new-end-before-start"),
    pytest.param(SL, NewIntervention("  ", 2025, 2025, 1), "no_name", id="new-no-name"),
    pytest.param(SL, NewIntervention("Revision", 2025, 2025, 1), "duplicate", id="new-duplicate"),
    pytest.param(SL, NewIntervention("X", 2025, 2026, -5), "negative", id="new-negative"),
    pytest.param(SL, GrantChange("esf", 2025, -1), "negative", id="grant-negative"),
    pytest.param(SL, GrantChange("nope", 2025, 0), "unknown_income", id="grant-unknown"),
    pytest.param(SL, GrantChange("esf", 2025, 0, "nope"), "unknown_line", id="grant-unknown-cost"),
    pytest.param(SL, Utilization(Fraction(3, 2)), "utilization_range", id="utilization-range"),
    pytest.param(SL, MunicipalKey((("forsakringskassan", Fraction(1)),)), "unknown_member", id="key-not-municipal"),
    pytest.param(SL, MunicipalKey(tuple((m, Fraction(0)) for m in
                 ("lycksele", "mala", "asele", "storuman", "vilhelmina", "sorsele", "dorotea"))),
                 "key_zero", id="key-zero"),
    pytest.param(SL, StateCeiling(0), "ceiling_zero", id="ceiling-zero"),
]


@pytest.mark.parametrize("fid, lever, code", ERRORS)
def test_lever_errors(plans, fid, lever, code):
    with pytest.raises(PlanLeverError) as info:
        lever.apply(plans[fid])
    assert info.value.code == code
    assert isinstance(info.value, LeverError) and str(info.value)


def test_grant_refused_matches_engine_esf_lever(plans, rules):
    """GrantChange on the only ESF line = the engine's own EsfAmount lever."""
    plan = plans[SL]
    ours = project_with_levers(plan, rules, None, [GrantChange("esf", 2025, 0)]).projection
    engine = project(plan, rules, Scenario(esf_amounts=(EsfAmount(2025, 0),)))
    assert [r.closing_equity for r in ours.years] == [r.closing_equity for r in engine.years]
    assert ours.year(2025).closing_equity == 1_346_000 - 300_000


def test_new_intervention_costs_exactly_its_amount(plans, rules):
    plan = plans[SL]
    base = project(plan, rules)
    levered = project_with_levers(plan, rules, None, [NewIntervention("Ny", 2025, 2026, 800_000)])
    diffs = [b.closing_equity - s.closing_equity for b, s in zip(base.years, levered.projection.years)]
    assert diffs == [0, 0, 800_000, 1_600_000]


def test_levers_compose_with_contribution_changes(plans, rules):
    plan = plans[SL]
    scenario = Scenario(contribution_changes=(ContributionChange(2025, Decimal(10)),))
    levers = [GrantChange("esf", 2025, 0), NewIntervention("Ny", 2025, 2026, 800_000)]
    result = project_with_levers(plan, rules, scenario, levers)
    expected = project(apply_plan_levers(plan, levers), rules, scenario)
    assert result.projection.years == expected.years
    assert result.projection.year(2025).contributions == 4_127_200
    _assert_totals_are_sums(result.plan, rules, scenario)


def test_state_ceiling_caps_and_reports(plans, rules):
    plan = plans[SL]
    scenario = Scenario(contribution_changes=(ContributionChange(2025, Decimal(10)),))
    result = project_with_levers(plan, rules, scenario, [StateCeiling(1_900_000)])
    assert result.state_excess == {2025: 163_600, 2026: 163_600}
    row = result.projection.year(2025)
    assert row.contributions_by_member["forsakringskassan"] == 1_900_000
    assert "split_off" not in row.flags
    assert row.contributions == sum(row.contributions_by_member.values())
    # A ceiling the members stay under changes nothing.
    loose = project_with_levers(plan, rules, scenario, [StateCeiling(5_000_000)])
    assert loose.state_excess == {}
    assert loose.projection.years == project(plan, rules, scenario).years


def test_apply_order_is_independent_of_list_order(plans, rules):
    plan = plans[SL]
    a = [Utilization(Fraction(9, 10)), CostAmount("ovriga-insatser", 2025, 1_000_000)]
    assert apply_plan_levers(plan, a) == apply_plan_levers(plan, list(reversed(a)))
    assert line(apply_plan_levers(plan, a), "ovriga-insatser").amounts[2025] == 900_000


@pytest.mark.parametrize("total, weights", [
    (938_000, [326, 79, 71, 154, 179, 66, 63]),
    (1_000_001, [1, 1, 1]),
    (7, [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)]),
])
def test_allocate_adds_up(total, weights):
    parts = allocate(total, [Fraction(w) for w in weights])
    assert sum(parts) == total
    assert all(p >= 0 for p in parts)


def test_utilization_from_history(plans):
    rows = [
        {"year": 2022, "line": "Individinriktade insatser", "outcome": -7_053_000, "budget": -7_957_000},
        {"year": 2022, "line": "Resultat", "outcome": -2_317_000, "budget": -2_796_000},
    ]
    assert utilization_from_history(plans["jamtland"], rows) == Fraction(7053, 7957)
    assert utilization_from_history(plans[SL], []) is None


def test_edits_reach_a_new_intervention(plans):
    plan = plans[SL]
    new = NewIntervention("Ny", 2025, 2026, 800_000)
    after = apply_plan_levers(plan, [CostAmount(new.line_id, 2026, 500_000), new,
                                     ProjectEnd(new.line_id, 2025)])
    assert line(after, new.line_id).amounts[2025] == 800_000
    assert line(after, new.line_id).amounts[2026] == 0
