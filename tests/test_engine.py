"""The engine's levers, flags and rules, pinned on the seeded plans."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

import pytest

from scenarios.engine import project, project_many
from scenarios.levers import ContributionChange, EsfAmount, LeverError, Scenario, parse_percent
from scenarios.rules import Rule, Rules

TKR = 1000


def plus(percent: str, year: int) -> ContributionChange:
    return ContributionChange(year, Decimal(percent))


def test_ten_percent_from_2025_raises_every_member_and_equity(plans, rules):
    plan = plans["sodra-lappland"]
    base = project(plan, rules)
    more = project(plan, rules, Scenario(contribution_changes=(plus("10", 2025),)))
    assert more.year(2024) == base.year(2024)
    row = more.year(2025)
    assert row.contributions == 4_127_200
    assert row.contributions_by_member["lycksele"] == 358_600
    assert row.contributions_by_member["forsakringskassan"] == 2_063_600
    assert row.closing_equity == 1_346_000 + 375_200
    assert more.year(2026).closing_equity == 1_027_000 + 2 * 375_200
    assert "split_off" not in row.flags


def test_changes_compound(plans, rules):
    scenario = Scenario(contribution_changes=(plus("10", 2025), plus("10", 2026)))
    row = project(plans["sodra-lappland"], rules, scenario).year(2026)
    assert row.contributions_by_member["lycksele"] == 394_460  # 326 000 × 1,1 × 1,1
    assert row.contributions == 4_539_920


def test_esf_refused_in_2025(plans, rules):
    scenario = Scenario(esf_amounts=(EsfAmount(2025, 0),))
    projection = project(plans["sodra-lappland"], rules, scenario)
    assert projection.year(2025).esf == 0
    assert projection.year(2025).available == 5_417_000
    assert projection.year(2025).closing_equity == 1_046_000
    assert projection.year(2026).closing_equity == 727_000


def test_negative_equity_and_floor_flags(plans, rules):
    plan = plans["sodra-lappland"]
    cut = Scenario(contribution_changes=(plus("-50", 2024),))
    projection = project(plan, rules, cut)
    assert "negative_equity" in projection.year(2026).flags
    assert "below_floor" in projection.year(2026).flags
    high_floor = Scenario(equity_floor=1_500_000)
    flags = {r.year: r.flags for r in project(plan, rules, high_floor).years}
    assert "below_floor" in flags[2025] and "negative_equity" not in flags[2025]
    assert "below_floor" not in flags[2024]


def test_configurable_cap(plans, rules):
    plan = plans["sodra-lappland"]
    row = project(plan, rules, Scenario(equity_cap_share=Fraction(1, 2))).year(2026)
    assert row.equity_cap == 1_876_000
    assert "over_cap" not in row.flags


def test_a_changed_rule_is_one_new_row(plans, rules):
    """The ceiling tightened to 10 % from 2025: one dated row, no code."""
    stricter = Rules(rules.rows() + [Rule("equity_cap_share", 2025, Fraction(1, 10), "test")])
    projection = project(plans["sodra-lappland"], stricter)
    assert projection.year(2024).equity_cap == 750_400
    assert projection.year(2025).equity_cap == 375_200


def test_split_off_flags_a_broken_split(plans, rules):
    plan = plans["sodra-lappland"]
    contributions = dict(plan.contributions)
    contributions["forsakringskassan"] = {y: a + 5_000 for y, a in contributions["forsakringskassan"].items()}
    broken = dataclasses.replace(plan, contributions=contributions)
    assert all("split_off" in row.flags for row in project(broken, rules).years)


def test_years_with_unallocated_contributions_are_not_split_checked(plans, rules):
    row = project(plans["jamtland"], rules).year(2019)
    assert "split_off" not in row.flags


@pytest.mark.parametrize(
    "scenario, message",
    [
        (Scenario(contribution_changes=(plus("10", 2022),)), "outside the plan horizon"),
        (Scenario(contribution_changes=(plus("10", 2030),)), "outside the plan horizon"),
        (Scenario(esf_amounts=(EsfAmount(2025, -1),)), "negative"),
        (Scenario(esf_amounts=(EsfAmount(2025, 1), EsfAmount(2025, 2))), "twice"),
        (Scenario(equity_cap_share=Fraction(3, 2)), "between 0 and 100"),
    ],
)
def test_bad_levers_are_refused(plans, rules, scenario, message):
    with pytest.raises(LeverError, match=message):
        project(plans["sodra-lappland"], rules, scenario)


def test_levers_never_change_outcome_years(plans, rules):
    with pytest.raises(LeverError, match="outcome year"):
        project(plans["jamtland"], rules, Scenario(esf_amounts=(EsfAmount(2022, 0),)))


@pytest.mark.parametrize(
    "text, expected",
    [("10", Decimal("10")), ("+10", Decimal("10")), ("-2,5", Decimal("-2.5")), ("10 %", Decimal("10")),
     ("\u22123", Decimal("-3")), ("0.0001", Decimal("0.0001"))],
)
def test_parse_percent(text, expected):
    assert parse_percent(text) == expected


@pytest.mark.parametrize("text", ["x", "", "-100", "250", "1e400", "nan", "0.00001"])
def test_parse_percent_refuses(text):
    with pytest.raises(LeverError):
        parse_percent(text)


def test_batch_equals_single_projection(plans, rules):
    scenarios = [
        Scenario(),
        Scenario(contribution_changes=(plus("10", 2025),)),
        Scenario(contribution_changes=(plus("-3.5", 2024), plus("12", 2026)), esf_amounts=(EsfAmount(2025, 0),)),
    ]
    batch = project_many(plans["sodra-lappland"], scenarios, rules)
    for v, scenario in enumerate(scenarios):
        single = project(plans["sodra-lappland"], rules, scenario)
        assert list(batch.closing_equity[v]) == [r.closing_equity for r in single.years]
