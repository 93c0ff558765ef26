"""The year cycle (scenarios/year_cycle.py): record an outcome, roll the plan forward,
follow up budget against outcome. Figures are computed by hand in the comments."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pytest

from scenarios.model import CostLine, IncomeLine, Member, Plan
from scenarios.year_cycle import (
    ADJUSTMENT_ID,
    YearCycleError,
    budget_for,
    equity_check,
    equity_comparison,
    equity_path,
    follow_up,
    in_tkr,
    next_budget_year,
    outcome_template,
    plan_from,
    record_outcome,
    roll_forward,
    stopped_lines,
)

MEMBERS = (
    Member("fk", "Försäkringskassan", "state"),
    Member("af", "Arbetsförmedlingen", "state", pays=False),
    Member("region", "Region Test", "region"),
    Member("kommun-a", "Kommun A", "municipality", municipal_key=1.0),
)


def budget_plan() -> Plan:
    """Budget 2024, Plan 2025–2026. Per year: contributions 1 000 000; ESF 100 000 in
    2024–2025; costs 1 500 000 (2024, 2025) and 1 100 000 (2026, Insats A has ended).
    Equity: 1 000 000 → 600 000 → 200 000 → 100 000."""
    years = (2024, 2025, 2026)
    every = lambda amount: {y: amount for y in years}  # noqa: E731
    return Plan(
        federation_id="test", name="Samordningsförbundet Test", years=years,
        basis={2024: "budget", 2025: "plan", 2026: "plan"}, opening_equity=1_000_000,
        members=MEMBERS,
        contributions={"fk": every(500_000), "region": every(250_000), "kommun-a": every(250_000)},
        income=(IncomeLine("esf", "esf", "ESF-medel", {2024: 100_000, 2025: 100_000, 2026: 0},
                           project_id="insats-a"),),
        costs=(
            CostLine("arvoden", "board", "Arvoden", every(200_000)),
            CostLine("chef", "office_staff", "Förbundschef", every(600_000)),
            CostLine("insats-a", "projects", "Insats A", {2024: 400_000, 2025: 400_000, 2026: 0},
                     end=date(2025, 6, 30)),
            CostLine("insats-b", "projects", "Insats B", every(300_000)),
        ),
        assumed_years=frozenset({2025, 2026}),
    )


def outcome_2024(**changes) -> Plan:
    """The 2024 outcome as a file would give it: other ids, a name in other case, a
    line only here (Konsult), Insats B missing. Result: 1 000 000 + 80 000 −
    (180 000 + 620 000 + 300 000 + 50 000) = −70 000."""
    plan = Plan(
        federation_id="test", name="Samordningsförbundet Test", years=(2024,), basis={2024: "outcome"},
        opening_equity=1_000_000, members=MEMBERS,
        contributions={"fk": {2024: 500_000}, "region": {2024: 250_000}, "kommun-a": {2024: 250_000}},
        income=(IncomeLine("esf-medel", "esf", "ESF-medel", {2024: 80_000}),),
        costs=(
            CostLine("arvoden", "board", "Arvoden", {2024: 180_000}),
            CostLine("forbundschef", "office_staff", "FÖRBUNDSCHEF", {2024: 620_000}),
            CostLine("insats-a", "projects", "Insats A", {2024: 300_000}),
            CostLine("konsult", "other_admin", "Konsult", {2024: 50_000}),
        ),
    )
    return replace(plan, **changes)


def line(plan: Plan, line_id: str):
    return next(x for x in (*plan.income, *plan.costs) if x.id == line_id)


def closing(plan: Plan) -> dict[int, int]:
    return {year: c for year, (_, c) in equity_path(plan).items()}


# --- record_outcome ------------------------------------------------------------------------


def test_outcome_replaces_the_year_and_equity_rolls_on_from_it():
    new = record_outcome(budget_plan(), 2024, outcome_2024())
    assert new.basis == {2024: "outcome", 2025: "plan", 2026: "plan"}
    assert line(new, "esf").amounts == {2024: 80_000, 2025: 100_000, 2026: 0}
    assert line(new, "chef").amounts[2024] == 620_000  # matched by name, case ignored; the plan's id kept
    assert line(new, "insats-b").amounts == {2024: 0, 2025: 300_000, 2026: 300_000}  # absent: 0 that year only
    assert line(new, "konsult").amounts == {2024: 50_000}  # only in the outcome: added
    assert line(new, "konsult").group == "other_admin"
    # 1 000 000 − 70 000 = 930 000; then −400 000 and −100 000 as planned.
    assert closing(new) == {2024: 930_000, 2025: 530_000, 2026: 430_000}
    assert new.opening_equity == 1_000_000


def test_the_year_is_no_longer_an_assumption():
    plan = replace(budget_plan(), assumed_years=frozenset({2024, 2025}))
    assert record_outcome(plan, 2024, outcome_2024()).assumed_years == {2025}


def test_members_matched_added_and_zeroed():
    joined = Member("kommun-b", "Kommun B", "municipality")
    outcome = outcome_2024(
        members=(MEMBERS[0], MEMBERS[2], joined),
        contributions={"fk": {2024: 520_000}, "region": {2024: 260_000}, "kommun-b": {2024: 260_000}},
        unallocated_contributions={2024: 10_000},
    )
    new = record_outcome(budget_plan(), 2024, outcome)
    assert [m.id for m in new.members] == ["fk", "af", "region", "kommun-a", "kommun-b"]
    assert new.contributions["kommun-a"] == {2024: 0, 2025: 250_000, 2026: 250_000}
    assert new.contributions["kommun-b"] == {2024: 260_000}
    assert new.contributions["fk"][2024] == 520_000
    assert new.unallocated_contributions == {2024: 10_000}
    # 520 + 260 + 260 + 10 + 80 − 1 150 = −20 tkr
    assert closing(new)[2024] == 980_000


@pytest.mark.parametrize("year, outcome, code", [
    (2027, outcome_2024(), "year_not_in_plan"),
    (2025, outcome_2024(years=(2025,), basis={2025: "outcome"}), "earlier_not_outcome"),
    (2024, outcome_2024(years=(2023,), basis={2023: "outcome"}), "outcome_lacks_year"),
    (2024, outcome_2024(basis={2024: "budget"}), "not_an_outcome"),
])
def test_outcome_that_cannot_be_recorded(year, outcome, code):
    with pytest.raises(YearCycleError) as err:
        record_outcome(budget_plan(), year, outcome)
    assert err.value.code == code
    assert err.value.params["year"] == year
    assert str(err.value)  # a Swedish sentence


def test_earlier_years_must_be_recorded_first_and_then_the_next_can():
    outcome_2025 = outcome_2024(years=(2025,), basis={2025: "outcome"},
                                contributions={"fk": {2025: 500_000}, "region": {2025: 250_000},
                                               "kommun-a": {2025: 250_000}},
                                income=(), costs=(CostLine("chef", "office_staff", "Förbundschef", {2025: 700_000}),))
    with pytest.raises(YearCycleError) as err:
        record_outcome(budget_plan(), 2025, outcome_2025)
    assert err.value.params["years"] == "2024"
    both = record_outcome(record_outcome(budget_plan(), 2024, outcome_2024()), 2025, outcome_2025)
    # 2025: 1 000 000 − 700 000 = +300 000 on 930 000.
    assert closing(both)[2025] == 1_230_000
    assert line(both, "insats-b").amounts[2025] == 0


def test_a_stated_opening_of_the_first_year_re_anchors_the_plan():
    new = record_outcome(budget_plan(), 2024, outcome_2024(), opening_equity=1_050_000)
    assert new.opening_equity == 1_050_000
    assert closing(new)[2024] == 980_000  # 1 050 000 − 70 000


def test_a_stated_opening_of_a_later_year_that_does_not_add_up_is_refused_or_booked():
    plan = record_outcome(budget_plan(), 2024, outcome_2024())  # 2025 opens at 930 000
    outcome = outcome_2024(years=(2025,), basis={2025: "outcome"},
                           contributions={"fk": {2025: 500_000}, "region": {2025: 250_000},
                                          "kommun-a": {2025: 250_000}},
                           income=(), costs=(CostLine("chef", "office_staff", "Förbundschef", {2025: 900_000}),))
    check = equity_check(plan, 2025, outcome, opening_equity=900_000)
    assert (check.rolled_opening, check.opening_difference, check.result, check.adjustment) == \
        (930_000, -30_000, 100_000, -30_000)
    with pytest.raises(YearCycleError) as err:
        record_outcome(plan, 2025, outcome, opening_equity=900_000)
    assert err.value.code == "opening_differs"
    assert err.value.params["difference"] == "\u221230\u00a0000\u00a0kr"
    booked = record_outcome(plan, 2025, outcome, opening_equity=900_000, adjust_equity=True)
    assert line(booked, ADJUSTMENT_ID).amounts == {2025: -30_000}
    assert closing(booked)[2025] == 1_000_000  # 900 000 + 100 000: the stated figure


@pytest.mark.parametrize("reported, adjustment", [
    (950_000, 20_000),  # the annual report closes 20 000 above opening + result
    (928_999, -1_001),  # more than one tkr is more than rounding
    (929_000, 0),  # up to one tkr: rounding of two tkr figures, nothing to book
])
def test_a_stated_closing_equity(reported, adjustment):
    plan, outcome = budget_plan(), outcome_2024()
    assert equity_check(plan, 2024, outcome, closing_equity=reported).adjustment == adjustment
    if adjustment:
        with pytest.raises(YearCycleError) as err:
            record_outcome(plan, 2024, outcome, closing_equity=reported)
        assert err.value.code == "closing_differs"
        new = record_outcome(plan, 2024, outcome, closing_equity=reported, adjust_equity=True)
        assert closing(new)[2024] == reported
        assert line(new, ADJUSTMENT_ID).kind == "other"
    else:
        assert closing(record_outcome(plan, 2024, outcome, closing_equity=reported))[2024] == 930_000


def test_recording_a_year_again_replaces_it_and_its_adjustment():
    plan = record_outcome(budget_plan(), 2024, outcome_2024(), closing_equity=950_000, adjust_equity=True)
    again = record_outcome(plan, 2024, outcome_2024())
    assert line(again, ADJUSTMENT_ID).amounts == {2024: 0}
    assert closing(again)[2024] == 930_000


# --- roll_forward ----------------------------------------------------------------------------


def test_roll_forward_after_an_outcome():
    plan = record_outcome(budget_plan(), 2024, outcome_2024())
    new = roll_forward(plan)
    assert new.years == (2024, 2025, 2026, 2027)
    assert new.basis == {2024: "outcome", 2025: "budget", 2026: "plan", 2027: "plan"}
    assert new.contributions["fk"][2027] == 500_000
    assert line(new, "insats-b").amounts[2027] == 300_000  # runs on: copied
    assert line(new, "insats-a").amounts[2027] == 0  # ended 2025-06-30
    assert line(new, "esf").amounts[2027] == 0  # finances Insats A, which has ended
    assert line(new, "chef").amounts[2025] == 600_000  # a kept year keeps the last plan's figure
    assert new.assumed_years == frozenset()  # the chief adopts the new years by saving
    # 2027: 1 000 000 − (200 + 600 + 300) 000 = −100 000 on 430 000.
    assert closing(new)[2027] == 330_000
    assert stopped_lines(plan, new) == []  # nothing had money in 2026 that stops in 2027


def test_esf_runs_on_with_the_project_it_finances():
    plan = budget_plan()
    plan = replace(plan, income=(replace(plan.income[0], project_id="insats-b",
                                         amounts={2024: 100_000, 2025: 100_000, 2026: 90_000}),))
    assert line(roll_forward(plan), "esf").amounts[2027] == 90_000
    unlinked = replace(plan, income=(replace(plan.income[0], project_id=None),))
    new = roll_forward(unlinked)
    assert line(new, "esf").amounts[2027] == 0
    assert stopped_lines(unlinked, new) == ["ESF-medel"]


@pytest.mark.parametrize("fid, basis, added, assumed", [
    # Budget 2023–2024, Plan 2025–2026, no outcome: Budget 2025, Plan 2026–2027.
    ("sodra-lappland", {2023: "budget", 2024: "budget", 2025: "budget", 2026: "plan", 2027: "plan"},
     [2027], set()),
    # Outcome to 2024, plan 2025–2026 (ours): Budget 2025, Plan 2026–2027.
    ("sodra-norrbotten", {2024: "outcome", 2025: "budget", 2026: "plan", 2027: "plan"}, [2027], set()),
    # Outcome to 2023, plan 2024–2026 (ours): Budget 2024, Plan 2025–2026; no year added.
    ("sydnarke", {2023: "outcome", 2024: "budget", 2025: "plan", 2026: "plan"}, [], set()),
    # Budget 2023: Budget 2024, Plan 2025–2026, and 2023 stays the budget it was.
    ("jamtland", {2022: "outcome", 2023: "budget", 2024: "budget", 2025: "plan", 2026: "plan"}, [], set()),
])
def test_roll_forward_the_seeded_federations(plans, fid, basis, added, assumed):
    old = plans[fid]
    new = roll_forward(old)
    assert {y: new.basis[y] for y in basis} == basis
    assert [y for y in new.years if y not in old.years] == added
    assert set(new.assumed_years) == assumed
    assert new.opening_equity == old.opening_equity
    for year in old.years:  # kept years keep their figures
        assert all(new.contributions.get(m.id, {}).get(year) == old.contributions.get(m.id, {}).get(year)
                   for m in old.members)


def test_roll_forward_sodra_lappland_figures(plans):
    old = plans["sodra-lappland"]
    new = roll_forward(old)
    assert next_budget_year(old) == 2025
    assert sum(a.get(2027, 0) for a in new.contributions.values()) == 3_752_000
    # 2027 copies 2026 but Verksamhetsutvecklare ends 2026-12-31 and the ESF grant is not
    # extended: board 270, kansli 1 000, lokaler 35, övrig adm. 310, insatser 1 500 = 3 115 tkr.
    assert sum(c.amounts.get(2027, 0) for c in new.costs) == 3_115_000
    assert line(new, "verksamhetsutvecklare").amounts[2027] == 0
    assert closing(new)[2027] == closing(old)[2026] + 3_752_000 - 3_115_000
    assert stopped_lines(old, new) == ["Verksamhetsutvecklare/Processtöd"]


def test_roll_forward_one_year_ahead_keeps_later_years_as_plan(plans):
    new = roll_forward(plans["sydnarke"], years_ahead=1)
    assert [new.basis[y] for y in (2024, 2025, 2026)] == ["budget", "plan", "plan"]
    assert new.assumed_years == frozenset()


@pytest.mark.parametrize("plan, kwargs, code", [
    (budget_plan(), {"years_ahead": 0}, "bad_years_ahead"),
    (replace(budget_plan(), basis={2024: "plan", 2025: "plan", 2026: "plan"}), {}, "no_anchor"),
])
def test_roll_forward_refuses(plan, kwargs, code):
    with pytest.raises(YearCycleError) as err:
        roll_forward(plan, **kwargs)
    assert err.value.code == code


def test_rolling_twice_moves_one_year_each_time():
    once = roll_forward(record_outcome(budget_plan(), 2024, outcome_2024()))
    twice = roll_forward(once)
    assert twice.basis == {2024: "outcome", 2025: "budget", 2026: "budget", 2027: "plan", 2028: "plan"}


# --- follow_up -------------------------------------------------------------------------------


def test_follow_up_rows():
    budget = budget_plan()
    rows = {r.key: r for r in follow_up(budget, record_outcome(budget, 2024, outcome_2024()), 2024)}
    assert list(rows) == [
        "group:contributions", "member:fk", "member:region", "member:kommun-a",
        "group:esf", "income:esf", "total:income",
        "group:board", "cost:arvoden", "group:office_staff", "cost:chef",
        "group:other_admin", "cost:konsult", "group:projects", "cost:insats-a", "cost:insats-b",
        "total:costs", "total:result", "total:opening_equity", "total:closing_equity",
    ]  # Arbetsförmedlingen pays nothing either way: left out
    got = lambda key: (rows[key].budget, rows[key].outcome, rows[key].deviation)  # noqa: E731
    assert got("income:esf") == (100_000, 80_000, -20_000)
    assert rows["income:esf"].deviation_share == pytest.approx(-0.2)
    assert got("total:income") == (1_100_000, 1_080_000, -20_000)
    assert rows["cost:chef"].deviation_share == pytest.approx(20 / 600)
    assert rows["cost:chef"].utilization is None  # not a project
    assert rows["cost:insats-a"].utilization == pytest.approx(0.75)
    assert rows["cost:insats-b"].utilization == 0
    assert rows["cost:insats-b"].deviation_share == -1
    assert rows["group:projects"].utilization == pytest.approx(300 / 700)
    assert rows["cost:konsult"].deviation_share is None  # nothing budgeted
    assert got("total:costs") == (1_500_000, 1_150_000, -350_000)
    assert got("total:result") == (-400_000, -70_000, 330_000)
    assert got("total:closing_equity") == (600_000, 930_000, 330_000)
    assert rows["cost:chef"].name == "Förbundschef"


def test_follow_up_counts_unallocated_contributions_and_negative_budgets():
    budget = replace(budget_plan(), unallocated_contributions={2024: 40_000},
                     income=(IncomeLine("finans", "other", "Finansnetto", {2024: -5_000}),))
    outcome = outcome_2024(income=(IncomeLine("finans", "other", "Finansnetto", {2024: -6_000}),))
    rows = {r.key: r for r in follow_up(budget, outcome, 2024)}
    assert (rows["group:contributions"].budget, rows["group:contributions"].outcome) == (1_040_000, 1_000_000)
    assert (rows["unallocated"].budget, rows["unallocated"].outcome) == (40_000, 0)
    # −6 000 against −5 000: 1 000 worse, −20 % of the budget's size.
    assert rows["income:finans"].deviation_share == pytest.approx(-0.2)


def test_follow_up_needs_the_year_in_both():
    with pytest.raises(YearCycleError):
        follow_up(budget_plan(), outcome_2024(), 2025)


def _versions(*plans):
    return [SimpleNamespace(plan=p, version=i) for i, p in enumerate(plans, start=1)]


def test_budget_for_is_the_newest_open_version_before_the_outcome():
    first = budget_plan()
    revised = replace(first, opening_equity=1_100_000)
    recorded = record_outcome(revised, 2024, outcome_2024())
    corrected = record_outcome(recorded, 2024, outcome_2024(), closing_equity=950_000, adjust_equity=True)
    versions = _versions(first, revised, recorded, corrected)
    assert budget_for(versions, 2024).version == 2
    assert budget_for(versions, 2025).version == 4  # not recorded yet: the newest (a preview)
    assert budget_for(versions, 2030) is None
    assert budget_for(_versions(recorded), 2024) is None  # the first version holds the outcome


def test_equity_comparison_re_anchors_from_the_outcome():
    budget = budget_plan()
    rows = equity_comparison(budget, roll_forward(record_outcome(budget, 2024, outcome_2024())))
    assert [(r.year, r.basis, r.budget_closing, r.current_closing) for r in rows] == [
        (2024, "outcome", 600_000, 930_000),
        (2025, "budget", 200_000, 530_000),
        (2026, "plan", 100_000, 430_000),
        (2027, "plan", None, 330_000),
    ]


def test_in_tkr_adds_up_as_printed():
    budget = replace(budget_plan(), costs=(
        CostLine("a", "board", "A", {2024: 1_400}), CostLine("b", "board", "B", {2024: 1_400}),
        CostLine("c", "board", "C", {2024: 1_400}), CostLine("d", "projects", "D", {2024: 2_600}),
    ))
    rows = follow_up(budget, record_outcome(budget, 2024, outcome_2024()), 2024)
    tkr = in_tkr(rows)
    # 3 × 1 400 kr = 4 200 kr -> 4 tkr: the lines print 2 + 1 + 1, not 1 + 1 + 1.
    assert [tkr[k][0] for k in ("group:board", "cost:a", "cost:b", "cost:c")] == [4, 2, 1, 1]
    # Total costs 6 800 kr -> 7 tkr = board 4 + projects 3 (2 600 kr alone would print 3).
    assert tkr["total:costs"][0] == 7 and tkr["group:projects"][0] == 3
    for side in (0, 1):
        assert tkr["total:result"][side] == tkr["total:income"][side] - tkr["total:costs"][side]
        assert tkr["total:closing_equity"][side] == tkr["total:opening_equity"][side] + tkr["total:result"][side]
        groups = [r.key for r in rows if r.kind == "group"]
        assert sum(tkr[g][side] for g in groups if g.split(":")[1] in ("contributions", "esf", "other")) \
            == tkr["total:income"][side]
    assert tkr["total:closing_equity"] == (1_000 - 7 + 1_100, 930)


def test_outcome_template_is_the_year_as_planned():
    plan = record_outcome(budget_plan(), 2024, outcome_2024())
    template = outcome_template(plan, 2025)
    assert template.years == (2025,) and template.basis == {2025: "outcome"}
    assert template.opening_equity == 930_000  # where the recorded 2024 leaves equity
    assert [c.id for c in template.costs] == ["arvoden", "chef", "insats-a", "insats-b"]  # Konsult is 0 in 2025
    assert line(template, "insats-b").amounts == {2025: 300_000}
    # Recording the template unchanged changes nothing but the basis.
    same = record_outcome(plan, 2025, template, opening_equity=template.opening_equity)
    assert closing(same) == closing(plan)
    assert same.basis[2025] == "outcome"
    with pytest.raises(YearCycleError):
        outcome_template(plan, 2030)


def test_plan_from_a_year_keeps_its_projection(plans):
    old = plans["sydnarke"]
    later = plan_from(old, 2023)
    assert later.years == (2023, 2024, 2025, 2026)
    assert later.opening_equity == equity_path(old)[2023][0]
    assert {y: c for y, c in closing(later).items()} == {y: c for y, c in closing(old).items() if y >= 2023}
    assert "kostnader-femarsoversikt" not in [c.id for c in later.costs]  # 2019–2021 only
    assert later.assumed_years == {2024, 2025, 2026}
