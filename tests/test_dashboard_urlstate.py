"""The URL form of the lever state (dashboard/urlstate.py): encode, decode, reject."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from dashboard.urlstate import LeverState, decode, encode
from scenarios.levers import ContributionChange
from scenarios.plan_levers import (
    CostAmount,
    DropLine,
    GrantChange,
    MunicipalKey,
    NewIntervention,
    ProjectEnd,
    StateCeiling,
    Utilization,
    project_with_levers,
)

SL = "sodra-lappland"


def checker(plan, rules):
    return lambda s: project_with_levers(plan, rules, s.scenario(), s.levers)


def test_round_trip_every_lever(plans, rules):
    plan = plans[SL]
    state = LeverState(
        contrib=(ContributionChange(2025, Decimal("10")), ContributionChange(2026, Decimal("-2.5"))),
        levers=(
            CostAmount("revision", 2025, 70_000),
            ProjectEnd("en-vag-vidare", 2025),
            DropLine("ovriga-insatser", 2026),
            NewIntervention("Ny: insats, med tecken", 2025, 2026, 800_000),
            GrantChange("esf", 2025, 0),
            GrantChange("esf", 2024, 100_000, "verksamhetsutvecklare"),
            Utilization(Fraction(17, 20)),
            MunicipalKey((("lycksele", Fraction(300)), ("mala", Fraction(1, 2)))),
            StateCeiling(2_500_000),
        ),
    )
    params = encode(state, plan)
    assert params["c"] == ["2025:10", "2026:-2.5"]
    assert params["esf"] == ["2025:0", "2024:100000::verksamhetsutvecklare"]
    assert params["util"] == ["85"]
    assert params["new"] == ["Ny: insats, med tecken:2025-2026:800000"]
    decoded, problems = decode(params, plan, checker(plan, rules))
    assert problems == []
    assert decoded.contrib == state.contrib
    assert sorted(map(repr, decoded.levers)) == sorted(map(repr, state.levers))


@pytest.mark.parametrize("name, value, code", [
    ("c", "2025", "url_bad_format"),
    ("c", "x:10", "url_bad_value"),
    ("c", "2025:500", "url_bad_value"),
    ("cost", "revision:2025", "url_bad_format"),
    ("cost", "revision:2025:abc", "url_bad_value"),
    ("new", "Namn:2025:800", "url_bad_format"),
    ("util", "mycket", "url_bad_value"),
    ("esf", "2025", "url_bad_format"),
])
def test_bad_format_is_reported(plans, rules, name, value, code):
    state, problems = decode({name: [value]}, plans[SL], checker(plans[SL], rules))
    assert state.empty
    assert problems == [(name, value, code)]


@pytest.mark.parametrize("name, value", [
    ("c", "2030:10"),
    ("cost", "nope:2025:1"),
    ("cost", "revision:2025:-5"),
    ("end", "verksamhetsutvecklare:2023"),
    ("new", "X:2026-2025:1"),
    ("esf", "2025:-1"),
    ("util", "150"),
    ("key", "forsakringskassan:2"),
    ("cap", "0"),
])
def test_levers_that_cannot_apply_are_reported(plans, rules, name, value):
    state, problems = decode({name: [value], "drop": ["sikt-2-0:2025"]}, plans[SL], checker(plans[SL], rules))
    assert [p[:2] for p in problems] == [(name, value)]
    assert state.levers == (DropLine("sikt-2-0", 2025),)  # the good one stays


def test_same_target_replaces(plans):
    state = LeverState().with_lever(GrantChange("esf", 2025, 0)).with_lever(GrantChange("esf", 2025, 5))
    assert state.levers == (GrantChange("esf", 2025, 5),)
    state = state.with_contrib(ContributionChange(2025, Decimal(1))).with_contrib(
        ContributionChange(2025, Decimal(2)))
    assert state.contrib == (ContributionChange(2025, Decimal(2)),)
    keyed = LeverState().with_lever(MunicipalKey((("mala", Fraction(1)),))).with_lever(
        MunicipalKey((("asele", Fraction(2)),)))
    assert keyed.levers == (MunicipalKey((("asele", Fraction(2)), ("mala", Fraction(1)))),)
