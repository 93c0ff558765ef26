"""Scenario files: the shipped examples, the round trip, and every schema error by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenarios.engine import project
from scenarios.scenario_file import ScenarioFileError, dump_scenario, parse_scenario

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "scenarios" / "examples").glob("*.toml"))


def test_examples_ship_for_the_seeded_federation():
    names = {parse_scenario(p.read_text(encoding="utf-8")).name for p in EXAMPLES}
    assert {"+10 % medlemsbidrag från 2025", "ESF-ansökan avslås 2025", "Ny insats 800 tkr/år 2025–2026"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_export_import_gives_the_identical_projection(plans, rules, path):
    plan = plans["sodra-lappland"]
    spec = parse_scenario(path.read_text(encoding="utf-8"), plan, rules)
    again = parse_scenario(dump_scenario(spec), plan, rules)
    assert again == spec
    assert again.project(plan, rules).projection == spec.project(plan, rules).projection


def test_examples_give_the_board_its_answers(plans, rules):
    plan = plans["sodra-lappland"]
    by_name = {}
    for path in EXAMPLES:
        spec = parse_scenario(path.read_text(encoding="utf-8"), plan, rules)
        by_name[spec.name] = spec.project(plan, rules).projection
    assert by_name["ESF-ansökan avslås 2025"].year(2025).closing_equity == 1_046_000
    assert by_name["+10 % medlemsbidrag från 2025"].year(2025).contributions == 4_127_200
    assert by_name["Ny insats 800 tkr/år 2025–2026"].year(2026).closing_equity == 1_027_000 - 1_600_000
    assert project(plan, rules).year(2026).closing_equity == 1_027_000


HEAD = 'format = 1\nfederation = "sodra-lappland"\nname = "Test"\n'


@pytest.mark.parametrize(
    "body, line, fragment",
    [
        ('colour = "red"\n', 4, "unknown key 'colour'"),
        ("[[contribution_change]]\nfrom_year = 2025\npercent = 10\nfactor = 2\n", 7, "unknown key 'factor'"),
        ('[[contribution_change]]\nfrom_year = "2025"\npercent = 10\n', 5, "'from_year' must be a whole number"),
        ("[[contribution_change]]\nfrom_year = 2025\npercent = 900\n", 6, "not a valid percent"),
        ("[[contribution_change]]\nfrom_year = 2031\npercent = 5\n", 5, "outside the plan horizon"),
        ("[[contribution_change]]\npercent = 5\n", 4, "needs 'from_year'"),
        ('[[grant]]\nline = "esf"\nyear = 2025\namount = -3\n', 7, "must not be negative"),
        ('[[grant]]\nline = "esf"\nyear = 2025\namount = 1.5\n', 7, "whole number of kronor"),
        ('[[drop]]\nline = "no-such-project"\nfrom_year = 2025\n', 4, "no-such-project"),
        ('[[municipal_key]]\nmember = "atlantis"\nweight = 3\n', 4, "atlantis"),
        ('[[new_intervention]]\nname = "X"\nfirst_year = 2026\nlast_year = 2025\namount = 5\n', 4, "2025"),
        ("[utilization]\npercent = 150\n", 4, "0 och 100"),
        ("[[utilization]]\npercent = 90\n", 4, "must be written [utilization]"),
        ("this is not toml\n", 4, "not valid TOML"),
    ],
)
def test_schema_errors_name_the_line(plans, rules, body, line, fragment):
    with pytest.raises(ScenarioFileError) as caught:
        parse_scenario(HEAD + body, plans["sodra-lappland"], rules)
    assert caught.value.line == line
    assert fragment in str(caught.value)


def test_a_file_for_another_federation_is_refused(plans, rules):
    with pytest.raises(ScenarioFileError, match="not 'jamtland'"):
        parse_scenario(HEAD, plans["jamtland"], rules)


@pytest.mark.parametrize("missing", ["format", "federation", "name"])
def test_required_keys(missing):
    text = "\n".join(l for l in HEAD.splitlines() if not l.startswith(missing))
    with pytest.raises(ScenarioFileError, match=f"'{missing}' is missing"):
        parse_scenario(text)
