"""Kept scenarios in the dashboard (Scenarier page and the sidebar picker), driven
through AppTest. Every test has its own copy of the seeded database, so the scenario
file beside it (scenario_db_path) is its own too."""

from __future__ import annotations

from decimal import Decimal
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.urlstate import LeverState
from scenarios.engine import project
from scenarios.levers import ContributionChange, Scenario
from scenarios.numformat import format_tkr
from scenarios.scenario_file import ScenarioSpec, dump_scenario, parse_scenario
from tests.apptest_support import metric, open_app, run, shown_table

SL = "sodra-lappland"


@pytest.fixture
def app(db):
    """The dashboard on a database of the test's own; `page` as in open_app."""
    return open_app
EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "scenarios" / "examples").glob("*.toml"))
PLUS_TEN = Scenario(contribution_changes=(ContributionChange(2025, Decimal(10)),))


def assert_key_figures(at: AppTest, projection, plan) -> None:
    for row in projection.years:
        if not plan.is_outcome(row.year):
            assert metric(at, f"Eget kapital {row.year}") == format_tkr(row.closing_equity), row.year


def kept_names(at: AppTest) -> list[str]:
    return list(at.container(key="scen_list").table[0].value["Namn"])


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def successes(at: AppTest) -> list[str]:
    return [s.value for s in at.success]


def save_new(at: AppTest, name: str) -> AppTest:
    at.text_input(key="scen_new_name").input(name)
    at.button(key="scen_save_new").click()
    return run(at)


def plus_ten_via_editor(at: AppTest) -> AppTest:
    at.switch_page("views/contributions.py")
    run(at)
    at.selectbox(key="contrib_year").set_value(2025)
    at.text_input(key="contrib_pct").input("10")
    at.button(key="contrib_add").click()
    run(at)
    at.switch_page("views/scenarios.py")
    return run(at)


# --- Save, list, reload --------------------------------------------------------------------


def test_save_plus_ten_survives_a_fresh_session(app, kept_store, plans, rules):
    plan = plans[SL]
    at = plus_ten_via_editor(app())
    assert kept_names(at) == ["🔒 Beslutad budget"]  # the adopted budget is listed first, alone
    save_new(at, "Plus tio procent")
    assert successes(at) == ["Sparat som ”Plus tio procent”."], errors(at)
    assert kept_names(at) == ["🔒 Beslutad budget", "Plus tio procent"]
    stored = kept_store.find(SL, "Plus tio procent")
    assert stored.spec.contrib == (ContributionChange(2025, Decimal(10)),)
    assert at.session_state["scen_pick"] == stored.id
    assert at.query_params["s"] == stored.id and at.query_params["c"] == "2025:10"
    assert "utan osparade ändringar" in at.info[0].value

    # A fresh session: the scenario is still there and loads from the sidebar picker.
    again = app(page="scenarios")
    assert kept_names(again) == ["🔒 Beslutad budget", "Plus tio procent"]
    again.selectbox(key="w_view").set_value(stored.id)
    run(again)
    again.switch_page("views/overview.py")
    run(again)
    assert_key_figures(again, project(plan, rules, PLUS_TEN), plan)
    assert again.query_params["s"] == stored.id and again.query_params["c"] == "2025:10"

    # A link naming only the scenario opens it, levers and all.
    linked = app({"fed": SL, "s": stored.id})
    assert linked.session_state["scen_pick"] == stored.id
    assert_key_figures(linked, project(plan, rules, PLUS_TEN), plan)


def test_save_changes_to_the_picked_scenario(app, kept_store):
    at = plus_ten_via_editor(app())
    save_new(at, "Höjning")
    stored = kept_store.find(SL, "Höjning")
    at.switch_page("views/contributions.py")
    run(at)
    at.selectbox(key="contrib_year").set_value(2026)
    at.text_input(key="contrib_pct").input("5")
    at.button(key="contrib_add").click()
    run(at)
    assert any("Osparade ändringar" in c.value for c in at.sidebar.caption)
    at.switch_page("views/scenarios.py")
    run(at)
    assert "osparade ändringar" in at.info[0].value
    at.button(key="scen_save").click()
    run(at)
    assert successes(at) == ["Ändringarna i ”Höjning” är sparade (version 2)."], errors(at)
    after = kept_store.get(stored.id)
    assert after.version == 2
    assert after.spec.contrib == (ContributionChange(2025, Decimal(10)), ContributionChange(2026, Decimal(5)))


def test_save_needs_a_unique_name(app, kept_store):
    at = app({"c": "2025:10"}, page="scenarios")
    save_new(at, "   ")
    assert errors(at) == ["Ge scenariot ett namn."]
    save_new(at, "Beslutad budget")
    assert "Det finns redan ett scenario som heter ”Beslutad budget”" in errors(at)[0]
    assert [s.name for s in kept_store.list(SL)] == ["Beslutad budget"]


# --- Rename, duplicate, delete, restore --------------------------------------------------------


def test_rename(app, kept_store):
    at = app({"c": "2025:10"}, page="scenarios")
    save_new(at, "Gammalt namn")
    sid = at.session_state["scen_pick"]
    at.text_input(key="scen_rename_name").input("Nytt namn")
    at.button(key="scen_rename").click()
    run(at)
    assert successes(at) == ["”Gammalt namn” heter nu ”Nytt namn”."], errors(at)
    assert kept_names(at) == ["🔒 Beslutad budget", "Nytt namn"]
    assert kept_store.get(sid).name == "Nytt namn"
    history = shown_table(at, "scen_history")
    assert list(history["Vad"])[:2] == ["Nytt namn", "Skapat"]
    assert list(history["Scenario"])[:2] == ["Nytt namn", "Gammalt namn"]


def test_duplicate_the_adopted_budget_and_a_kept_scenario(app, kept_store):
    at = app(page="scenarios")
    adopted = kept_store.find(SL, "Beslutad budget")
    at.selectbox(key="w_view").set_value(adopted.id)
    run(at)
    at.button(key="scen_dup").click()
    run(at)
    assert "kopierades till ”Kopia av Beslutad budget”" in successes(at)[0], errors(at)
    assert kept_names(at) == ["🔒 Beslutad budget", "Kopia av Beslutad budget"]
    copy = kept_store.find(SL, "Kopia av Beslutad budget")
    assert not copy.adopted and copy.spec.contrib == () and copy.spec.levers == ()
    # a named copy of a kept scenario keeps its levers
    at.selectbox(key="w_view").set_value(copy.id)
    run(at)
    at.text_input(key="scen_dup_name").input("Andra kopian")
    at.button(key="scen_dup").click()
    run(at)
    assert kept_names(at) == ["🔒 Beslutad budget", "Andra kopian", "Kopia av Beslutad budget"]


def test_delete_then_restore_from_the_deleted_list(app, kept_store):
    at = app({"c": "2025:10"}, page="scenarios")
    save_new(at, "Kortlivat")
    sid = at.session_state["scen_pick"]
    at.button(key="scen_delete").click()
    run(at)
    assert "”Kortlivat” togs bort" in successes(at)[0], errors(at)
    assert kept_names(at) == ["🔒 Beslutad budget"]
    assert at.session_state["scen_pick"] == "" and "s" not in at.query_params
    assert kept_store.get(sid).deleted
    at.button(key=f"restore_deleted_{sid}").click()
    run(at)
    assert kept_names(at) == ["🔒 Beslutad budget", "Kortlivat"]
    restored = kept_store.get(sid)
    assert not restored.deleted and restored.version == 3
    assert restored.spec.contrib == (ContributionChange(2025, Decimal(10)),)
    history = shown_table(at, "scen_history")
    assert list(history["Vad"])[:3] == ["Återställt", "Borttaget", "Skapat"]


def test_restore_an_earlier_version_from_the_history(app, kept_store, plans, rules):
    at = app({"c": "2025:10"}, page="scenarios")
    at.text_input(key="user_name").input("Anna")
    run(at)
    save_new(at, "Versioner")
    sid = at.session_state["scen_pick"]
    kept_store.save(sid, ScenarioSpec(SL, "Versioner", contrib=(ContributionChange(2025, Decimal(5)),)), "Bertil")
    run(at)
    history = shown_table(at, "scen_history")
    assert list(history["Av"])[:2] == ["Bertil", "Anna"]
    at.selectbox(key="restore_pick").set_value(f"{sid}:1")
    at.button(key="restore_apply").click()
    run(at)
    assert successes(at) == ["”Versioner” återställdes till version 1 (sparat som version 3)."], errors(at)
    restored = kept_store.get(sid)
    assert restored.version == 3 and restored.spec.contrib == (ContributionChange(2025, Decimal(10)),)
    assert kept_store.history(sid)[-1].user == "Anna"
    # the picked scenario's levers follow the restore
    assert at.session_state["levers"].contrib == (ContributionChange(2025, Decimal(10)),)
    # the name survives a page switch
    at.switch_page("views/overview.py")
    run(at)
    at.switch_page("views/scenarios.py")
    run(at)
    assert at.text_input(key="user_name").value == "Anna"


def test_adopted_budget_refuses_overwrite_rename_delete(app, kept_store):
    at = app(page="scenarios")
    adopted = kept_store.find(SL, "Beslutad budget")
    at.selectbox(key="w_view").set_value(adopted.id)
    run(at)
    assert any("är skyddad" in c.value for c in at.caption)
    at.switch_page("views/contributions.py")
    run(at)
    at.selectbox(key="contrib_year").set_value(2025)
    at.text_input(key="contrib_pct").input("10")
    at.button(key="contrib_add").click()
    run(at)
    at.switch_page("views/scenarios.py")
    run(at)
    for button in ("scen_save", "scen_rename", "scen_delete"):
        if button == "scen_rename":
            at.text_input(key="scen_rename_name").input("Annat namn")
        at.button(key=button).click()
        run(at)
        assert any("är skyddad" in e for e in errors(at)), (button, errors(at))
    after = kept_store.find(SL, "Beslutad budget")
    assert after.version == 1 and after.spec.contrib == () and not after.deleted
    assert [s.name for s in kept_store.list(SL)] == ["Beslutad budget"]
    # the changes are still there, unsaved
    assert at.session_state["levers"].contrib == (ContributionChange(2025, Decimal(10)),)


def test_bad_scenario_in_the_url_is_ignored(app):
    at = app({"fed": SL, "s": "doesnotexist", "c": "2025:10"})
    assert any("s=doesnotexist ignorerades" in w.value for w in at.warning)
    assert at.session_state["scen_pick"] == ""
    assert at.query_params["c"] == "2025:10"


# --- Export / import -----------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_import_each_example_gives_the_engine_numbers(app, kept_store, plans, rules, example):
    plan = plans[SL]
    text = example.read_text(encoding="utf-8")
    spec = parse_scenario(text, plan, rules)
    expected = spec.project(plan, rules).projection
    at = app(page="scenarios")
    at.file_uploader(key="scenario_import").set_value((example.name, text.encode("utf-8"), "application/toml"))
    run(at)
    assert successes(at) == [f"Scenariot ”{spec.name}” är inläst och visas nu i alla vyer. Det är inte sparat ännu."], errors(at)
    assert [s.name for s in kept_store.list(SL)] == ["Beslutad budget"]  # nothing kept yet
    at.switch_page("views/overview.py")
    run(at)
    assert_key_figures(at, expected, plan)
    # keep it as a named scenario
    at.switch_page("views/scenarios.py")
    run(at)
    at.file_uploader(key="scenario_import").set_value((example.name, text.encode("utf-8"), "application/toml"))
    run(at)
    at.button(key="import_keep").click()
    run(at)
    stored = kept_store.find(SL, spec.name)
    assert stored.spec.contrib == spec.contrib and stored.spec.levers == spec.levers
    assert at.session_state["scen_pick"] == stored.id


BROKEN = """# finsam-planner scenario
format = 1
federation = "sodra-lappland"
name = "Trasig"

[[contribution_change]]
from_year = "tjugofem"
percent = 10
"""

UNKNOWN_LINE = """format = 1
federation = "sodra-lappland"
name = "Okänd rad"

[[cost]]
line = "finns-inte"
year = 2025
amount = 1000
"""


@pytest.mark.parametrize("text, line", [
    (BROKEN, 7), (UNKNOWN_LINE, 5), ("format = 1\nname = [\n", 2),
    ('format = 1\nfederation = "sodra-lappland"\nname = "x"\nbogus = = 3\n', 4),
])
def test_broken_import_names_the_line_and_keeps_everything(app, kept_store, text, line):
    at = app({"c": "2025:5"}, page="scenarios")
    before = at.session_state["levers"]
    at.file_uploader(key="scenario_import").set_value(("trasig.toml", text.encode("utf-8"), "application/toml"))
    run(at)
    assert len(errors(at)) == 1 and errors(at)[0].startswith(f"Filen kunde inte läsas in. Rad {line}: "), errors(at)
    assert "Inget har lästs in eller sparats" in errors(at)[0]
    assert at.session_state["levers"] == before
    assert at.query_params["c"] == "2025:5"
    assert [s.name for s in kept_store.list(SL)] == ["Beslutad budget"]
    assert "import_keep" not in [b.key for b in at.button]


def test_import_rejects_binary_and_other_federations(app, kept_store):
    at = app(page="scenarios")
    at.file_uploader(key="scenario_import").set_value(("x.toml", b"\xff\xfe\x00bad", "application/toml"))
    run(at)
    assert errors(at) == ["Filen är inte en textfil i UTF-8."]
    other = EXAMPLES[0].read_text(encoding="utf-8").replace('"sodra-lappland"', '"jamtland"')
    at.file_uploader(key="scenario_import").set_value(("x.toml", other.encode(), "application/toml"))
    run(at)
    assert "Rad " in errors(at)[0] and "jamtland" in errors(at)[0]
    assert at.session_state["levers"] == LeverState()


def test_export_is_the_scenario_file_of_the_current_levers(app, plans, rules):
    at = app({"c": "2025:10", "esf": "2025:0"}, page="scenarios")
    assert at.download_button(key="scenario_export").label == "Ladda ned scenariot (TOML)"
    text = at.code[0].value
    levers = at.session_state["levers"]
    assert text.rstrip("\n") == dump_scenario(
        ScenarioSpec(SL, "Osparat scenario", contrib=levers.contrib, levers=levers.levers)).rstrip("\n")
    spec = parse_scenario(text, plans[SL], rules)
    assert spec.contrib == levers.contrib and spec.levers == levers.levers
    # a kept scenario exports under its own name
    save_new(at, "Till styrelsen")
    assert 'name = "Till styrelsen"' in at.code[0].value


def test_english_labels(app):
    at = app({"lang": "en", "c": "2025:10"}, page="scenarios")
    assert at.title[0].value == "Scenarios"
    save_new(at, "Ten percent")
    assert successes(at) == ["Saved as “Ten percent”."]
    assert list(at.container(key="scen_list").table[0].value.columns)[:2] == ["Name", "Changes"]


SETTINGS = """format = 1
federation = "sodra-lappland"
name = "Lägre tak"

[settings]
equity_cap_percent = 15
equity_floor = 100000

[[contribution_change]]
from_year = 2025
percent = 10
"""


def test_import_with_settings_keeps_them_in_the_url(app, plans, rules):
    from fractions import Fraction

    from scenarios.frames import within_range_year

    plan = plans[SL]
    spec = parse_scenario(SETTINGS, plan, rules)
    expected = spec.project(plan, rules).projection
    at = app(page="scenarios")
    at.file_uploader(key="scenario_import").set_value(("tak.toml", SETTINGS.encode(), "application/toml"))
    run(at)
    levers = at.session_state["levers"]
    assert levers.cap_share == Fraction(3, 20) and levers.floor == 100_000
    assert at.query_params["eqcap"] == "15" and at.query_params["eqfloor"] == "100000"
    assert 'equity_cap_percent = 15' in at.code[0].value
    # a fresh session from the same URL computes the same plan
    again = app({"fed": SL, "c": "2025:10", "eqcap": "15", "eqfloor": "100000"})
    assert_key_figures(again, expected, plan)
    within = within_range_year(plan, expected)
    assert metric(again, "Inom intervallet från") == (str(within) if within else "Inte i planperioden")
    bad = app({"fed": SL, "eqcap": "150"})
    assert any("eqcap=150 ignorerades" in w.value for w in bad.warning)


def test_a_kept_scenario_says_which_baseline_version_it_was_made_on(db, kept_store):
    """Made on version 1; after the baseline changes its levers apply to version 2,
    and the list says it was made on 1 until it is saved again."""
    from dataclasses import replace as replaced

    from scenarios.plans import open_baselines

    spec = ScenarioSpec("sodra-lappland", "Före ändringen", contrib=(ContributionChange(2025, Decimal(3)),))
    stored = kept_store.create(spec)
    baselines = open_baselines(db)
    plan = baselines.newest("sodra-lappland").plan
    baselines.save(replaced(plan, opening_equity=plan.opening_equity + 1_000), user="A", comment="rättat")
    at = open_app({"fed": "sodra-lappland"}, page="scenarios")
    table = at.container(key="scen_list").table[0].value
    made_on = dict(zip(table["Namn"], table["Gjord på basplan"]))
    assert made_on["Före ändringen"] == "1" and made_on["🔒 Beslutad budget"] == "2"
    kept_store.save(stored.id, replaced(spec, description="ny"), expected_version=1)
    assert kept_store.get(stored.id).baseline_version == 2


# --- The scenario workflow (issue 8) -----------------------------------------------------------


def test_removing_all_changes_lets_go_of_the_picked_scenario(app, kept_store):
    """'Ta bort alla ändringar' must not leave 'save changes' one click from overwriting
    the kept scenario with the baseline."""
    at = save_new(plus_ten_via_editor(app({"fed": SL}, page="scenarios")), "Plus tio")
    assert at.session_state["scen_pick"]
    at.button(key="reset").click()
    run(at)
    assert at.session_state["scen_pick"] == "" and at.session_state["levers"].empty
    assert at.button(key="scen_save").disabled
    assert kept_store.find(SL, "Plus tio").spec.contrib  # untouched


def test_history_says_what_each_save_changed(app):
    at = save_new(plus_ten_via_editor(app({"fed": SL}, page="scenarios")), "Plus tio")
    at.switch_page("views/projects.py")
    run(at)
    at.text_input(key="new_name").input("Ny insats")
    at.text_input(key="new_amount").input("800")
    at.button(key="new_add").click()
    run(at)
    at.switch_page("views/scenarios.py")
    run(at)
    at.button(key="scen_save").click()
    run(at)
    history = shown_table(at, "scen_history")
    details = list(history["Ändring"])
    assert any(d.startswith("Lagt till: Ny insats") for d in details), details
    assert any("Lagt till: Medlemsbidrag +10" in d for d in details), details


def test_a_kept_scenario_adopted_becomes_the_baseline(app, kept_store, plans, rules):
    """Adopting '+10 % from 2025' writes it into a new baseline version: with no levers
    the overview then shows what the scenario showed, and the old plan is a version."""
    from scenarios.baseline_store import BaselineStore
    from scenarios.plans_db import plans_db_path

    expected = project(plans[SL], rules, PLUS_TEN)
    at = save_new(plus_ten_via_editor(app({"fed": SL}, page="scenarios")), "Plus tio")
    at.text_input(key="adopt_comment").input("Styrelsen 2026-12-01 § 7")
    at.button(key="adopt_apply").click()
    run(at)
    assert any("är nu beslutad budget" in s for s in successes(at)), successes(at)
    assert at.session_state["levers"].empty and at.session_state["scen_pick"] == ""
    at.switch_page("views/overview.py")
    run(at)
    assert_key_figures(at, expected, plans[SL])
    store = BaselineStore(plans_db_path(Path(os.environ["FINSAM_DB"])))
    newest = store.newest(SL)
    assert newest.info.action == "adopt" and newest.info.comment == "Styrelsen 2026-12-01 § 7"
    assert store.version(SL, newest.version - 1).plan == plans[SL]  # the old plan is kept


def test_a_kept_scenario_is_proposed_and_the_papers_say_so(app, kept_store):
    at = save_new(plus_ten_via_editor(app({"fed": SL}, page="scenarios")), "Plus tio")
    at.button(key="scen_propose").click()
    run(at)
    assert any("”Plus tio” är nu förslag till ny budget." in s for s in successes(at))
    assert kept_store.find(SL, "Plus tio").spec.proposed
    assert "Plus tio (förslag)" in kept_names(at)
    assert "Föreslaget som ny budget." in list(shown_table(at, "scen_history")["Ändring"])
    at.switch_page("views/papers.py")
    run(at)
    assert at.radio(key="papers_status").value == "proposal"
    at.switch_page("views/scenarios.py")
    run(at)
    at.button(key="scen_propose").click()  # withdrawn
    run(at)
    assert not kept_store.find(SL, "Plus tio").spec.proposed
