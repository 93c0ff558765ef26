"""The Jämför page through AppTest: kept scenarios, the baseline and the current
levers side by side, with the engine's numbers and the differences from a reference."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from scenarios.engine import project
from scenarios.levers import ContributionChange
from scenarios.numformat import format_number, kr_to_tkr
from scenarios.plan_levers import GrantChange, NewIntervention
from scenarios.scenario_file import ScenarioSpec
from tests.apptest_support import open_app, run, shown_table

SL = "sodra-lappland"


@pytest.fixture
def app(db):
    """The page, on a database of the test's own."""
    return lambda params=None: open_app(params, page="compare")
OPEN_YEARS = (2024, 2025, 2026)
LABEL = {2024: "Budget 2024", 2025: "Plan 2025", 2026: "Plan 2026"}


@pytest.fixture
def two_kept(kept_store):
    plus = kept_store.create(ScenarioSpec(SL, "Plus tio", contrib=(ContributionChange(2025, Decimal(10)),)), "Test")
    esf = kept_store.create(ScenarioSpec(SL, "ESF avslås", levers=(GrantChange("esf", 2025, 0),)), "Test")
    return plus, esf


def frame(at: AppTest, key: str):
    return shown_table(at, key)


def cell(table, row: str, column: str) -> str:
    first = table.columns[0]
    match = table[table[first] == row]
    assert len(match) == 1, (row, list(table[first]))
    return match.iloc[0][column]


def charts(at: AppTest) -> list:
    return at.get("vega_lite_chart")


def signed(value: int) -> str:
    return ("+" if value > 0 else "") + format_number(value)


def test_two_kept_scenarios_and_the_baseline(app, two_kept, plans, rules):
    plan = plans[SL]
    plus, esf = two_kept
    expected = {
        "Basplan": project(plan, rules),
        "Plus tio": plus.spec.project(plan, rules).projection,
        "ESF avslås": esf.spec.project(plan, rules).projection,
    }
    at = app()
    at.multiselect(key="compare_pick").set_value(["base", plus.id, esf.id])
    run(at)
    assert at.selectbox(key="compare_ref").value == "base"
    table = frame(at, "compare_equity")
    assert list(table["Scenario"]) == ["Basplan", "Plus tio", "ESF avslås", "± Plus tio", "± ESF avslås"]
    for name, projection in expected.items():
        for year in OPEN_YEARS:
            assert cell(table, name, LABEL[year]) == format_number(kr_to_tkr(projection.year(year).closing_equity))
    base = expected["Basplan"]
    for name in ("Plus tio", "ESF avslås"):
        for year in OPEN_YEARS:
            diff = kr_to_tkr(expected[name].year(year).closing_equity) - kr_to_tkr(base.year(year).closing_equity)
            assert cell(table, f"± {name}", LABEL[year]) == signed(diff)
    # the known effects: +10 % adds 375 tkr a year from 2025, the refused ESF takes 300 tkr in 2025
    assert cell(table, "± Plus tio", "Plan 2025") == "+375"
    assert cell(table, "± Plus tio", "Plan 2026") == "+750"
    assert cell(table, "± ESF avslås", "Plan 2025") == "\u2212300"
    assert cell(table, "± ESF avslås", "Budget 2024") == "0"

    year = frame(at, "compare_year_2025")
    assert list(year.columns) == ["Rad", "Basplan", "Plus tio", "ESF avslås"]
    year_diff = frame(at, "compare_year_diff_2025")
    assert list(year_diff.columns) == ["Rad", "± Plus tio", "± ESF avslås"]
    row = expected["Plus tio"].year(2025)
    assert cell(year, "Utgående eget kapital", "Plus tio") == format_number(kr_to_tkr(row.closing_equity))
    assert cell(year, "Årets resultat", "Plus tio") == format_number(kr_to_tkr(row.result))
    assert cell(year, "Finansiering från medlemmar", "Plus tio") == format_number(kr_to_tkr(row.contributions))
    assert cell(year_diff, "Finansiering från medlemmar", "± Plus tio") == "+375"
    assert cell(year_diff, "Bidrag och övriga intäkter", "± ESF avslås") == "\u2212300"
    assert cell(year_diff, "Summa kostnader", "± ESF avslås") == "0"
    assert cell(year_diff, "Utgående eget kapital", "± ESF avslås") == "\u2212300"
    assert cell(year, "Projektkostnader", "Basplan") == format_number(
        kr_to_tkr(expected["Basplan"].year(2025).costs_by_group["projects"]))

    members = frame(at, "compare_members_2025")
    assert cell(members, "Lycksele kommun", "Basplan") == "326"
    assert cell(members, "Lycksele kommun", "Plus tio") == "359"
    assert cell(frame(at, "compare_members_diff_2025"), "Lycksele kommun", "± Plus tio") == "+33"
    assert cell(members, "Totalt", "Plus tio") == format_number(kr_to_tkr(row.contributions))
    (chart,) = charts(at)
    spec = json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)
    assert "Plus tio" in spec and "ESF avslås" in spec and "strokeDash" in spec


def test_reference_can_change(app, two_kept, plans, rules):
    plan = plans[SL]
    plus, esf = two_kept
    at = app()
    at.multiselect(key="compare_pick").set_value(["base", plus.id, esf.id])
    run(at)
    at.selectbox(key="compare_ref").set_value(plus.id)
    run(at)
    table = frame(at, "compare_equity")
    assert list(table["Scenario"])[3:] == ["± Basplan", "± ESF avslås"]
    assert cell(table, "± Basplan", "Plan 2026") == "\u2212750"
    e = esf.spec.project(plan, rules).projection.year(2026).closing_equity
    p = plus.spec.project(plan, rules).projection.year(2026).closing_equity
    assert cell(table, "± ESF avslås", "Plan 2026") == signed(kr_to_tkr(e) - kr_to_tkr(p))
    assert "”Plus tio”" in at.caption[-1].value


def test_current_unsaved_levers_and_limits(app, plans, rules):
    plan = plans[SL]
    at = app({"new": "Ny insats:2025-2026:800000"})
    # default: the baseline against the current changes
    assert at.multiselect(key="compare_pick").value == ["base", "current"]
    table = frame(at, "compare_equity")
    expected = project(plan, rules)
    assert list(table["Scenario"]) == ["Basplan", "Aktuella ändringar", "± Aktuella ändringar"]
    assert cell(table, "± Aktuella ändringar", "Plan 2026") == "\u22121\u00a0600"
    assert cell(table, "Basplan", "Plan 2026") == format_number(kr_to_tkr(expected.year(2026).closing_equity))
    # one scenario is not a comparison
    at.multiselect(key="compare_pick").set_value(["base"])
    run(at)
    assert any("minst två" in i.value for i in at.info)
    assert not charts(at)


def test_negative_equity_is_warned(app, kept_store):
    big = kept_store.create(ScenarioSpec(SL, "Stor insats", levers=(NewIntervention("Stor", 2025, 2026, 3_000_000),)))
    at = app()
    at.multiselect(key="compare_pick").set_value(["base", big.id])
    run(at)
    assert any("negativt i ”Stor insats”" in e.value for e in at.error)


def test_deleted_scenario_drops_out_of_the_picks(app, two_kept, kept_store):
    plus, esf = two_kept
    at = app()
    at.multiselect(key="compare_pick").set_value(["base", plus.id, esf.id])
    run(at)
    kept_store.delete(esf.id)
    run(at)
    assert at.multiselect(key="compare_pick").value == ["base", plus.id]
    assert list(frame(at, "compare_equity")["Scenario"]) == ["Basplan", "Plus tio", "± Plus tio"]


def test_english(app, two_kept):
    plus, _ = two_kept
    at = app({"lang": "en"})
    at.multiselect(key="compare_pick").set_value(["base", plus.id])
    run(at)
    assert at.title[0].value == "Compare"
    assert list(frame(at, "compare_equity")["Scenario"]) == ["Baseline", "Plus tio", "± Plus tio"]


@pytest.mark.parametrize("fid", ["sodra-lappland", "sodra-norrbotten", "sydnarke", "jamtland"])
def test_every_federation_compares_and_meeting_mode_renders(app, kept_store, fid, plans, rules):
    plan = plans[fid]
    first_open = plan.first_open_year
    other = kept_store.create(ScenarioSpec(fid, "Plus fem", contrib=(ContributionChange(first_open, Decimal(5)),)))
    at = app({"fed": fid, "meet": "1"})
    at.multiselect(key="compare_pick").set_value(["base", other.id])
    run(at)
    assert not at.error, [e.value for e in at.error]
    table = frame(at, "compare_equity")
    last = plan.years[-1]
    label = f"{'Budget' if plan.basis[last] == 'budget' else 'Plan'} {last}"
    label += "*" if last in plan.assumed_years else ""  # our assumption, marked on screen
    expected = other.spec.project(plan, rules).projection.year(last).closing_equity
    assert cell(table, "Plus fem", label) == format_number(kr_to_tkr(expected))
    at.switch_page("views/scenarios.py")
    run(at)
    assert not at.error and "scen_save_new" not in [b.key for b in at.button]
