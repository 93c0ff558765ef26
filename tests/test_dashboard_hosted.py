"""Hosted mode in the dashboard (AppTest), on both stores: sign-in, roles, who sees what.

Users (tests/fixtures: made once per session, copied per test):
    anna   redigerare in Södra Lappland, läsare in Jämtland
    lars   läsare in Södra Lappland
    cecilia förbundschef in Södra Lappland
"""

from __future__ import annotations

import shutil
import time
from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from scenarios.baseline_store import BaselineStore
from scenarios.plans import open_baselines
from scenarios.levers import ContributionChange
from scenarios.plans_db import plans_location
from scenarios.scenario_file import ScenarioSpec
from scenarios.scenario_store import ScenarioStore
from scenarios.users import add_user, load_users
from tests.apptest_support import TIMEOUT, ok, run

SL, JL, SN = "sodra-lappland", "jamtland", "sydnarke"
PASSWORD = "rätt-lösenord-1"


@pytest.fixture(scope="session")
def users_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("users") / "users.toml"
    add_user(path, "anna", "Anna Andersson", PASSWORD, roles={SL: "redigerare", JL: "läsare"})
    add_user(path, "lars", "Lars Läsare", PASSWORD, roles={SL: "läsare"})
    add_user(path, "cecilia", "Cecilia Chef", PASSWORD, roles={SL: "förbundschef"})
    return path


@pytest.fixture(params=["duckdb", "postgres"])
def hosted(request, db, tmp_path, monkeypatch, users_template):
    """Hosted mode on a database of the test's own (the DuckDB file, or PostgreSQL)."""
    from dashboard import signin

    users = tmp_path / "users.toml"
    shutil.copy(users_template, users)
    monkeypatch.setenv("FINSAM_MODE", "hosted")
    monkeypatch.setenv("FINSAM_USERS_FILE", str(users))
    monkeypatch.delenv("FINSAM_DATABASE_URL", raising=False)
    if request.param == "postgres":
        request.getfixturevalue("postgres_url")
    signin._limiter.clear()  # failed attempts of earlier tests in this process
    return users


def fresh(params: dict | None = None) -> AppTest:
    at = AppTest.from_file("../dashboard/app.py", default_timeout=TIMEOUT)
    if params:
        at.query_params.update(params)
    return ok(at.run())


def sign_in(at: AppTest, user: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="signin_user").input(user)
    at.text_input(key="signin_pw").input(password)
    at.button(key="signin_submit").click()
    return run(at)


def signed_in(user: str, params: dict | None = None, page: str | None = None) -> AppTest:
    at = sign_in(fresh(params), user)
    assert "_auth" in at.session_state, [e.value for e in at.error]
    if page:
        at.switch_page(f"views/{page}.py")
        run(at)
    return at


def has(elements, key: str) -> bool:
    """Whether a widget with `key` is shown (AppTest's lookup by key raises otherwise)."""
    return any(e.key == key for e in elements)


def stores(db) -> tuple[BaselineStore, ScenarioStore]:
    """The test's database as the CLI opens it (seeded, as after the first start)."""
    return open_baselines(db), ScenarioStore(plans_location(db))


# --- Sign-in --------------------------------------------------------------------------------


def test_nothing_is_shown_before_sign_in(hosted):
    at = fresh({"fed": SL})
    assert has(at.text_input, "signin_pw")
    assert not at.metric and not at.sidebar.selectbox  # no figures, no federation picker
    assert at.title[0].value == "Finsam-planeraren"


@pytest.mark.parametrize("user, password", [("anna", "fel-lösenord-9"), ("okänd", PASSWORD), ("", "")])
def test_a_wrong_password_or_user_gets_one_message(hosted, user, password):
    at = sign_in(fresh(), user, password)
    assert [e.value for e in at.error] == ["Fel användarnamn eller lösenord."]
    assert "_auth" not in at.session_state and not at.metric
    assert at.text_input(key="signin_pw").value == ""  # the password is not kept in the session


def test_sign_in_attempts_are_rate_limited(hosted):
    at = fresh()
    for _ in range(5):
        sign_in(at, "lars", "fel-lösenord-9")
    sign_in(at, "lars", PASSWORD)  # the right password, too late
    assert "För många misslyckade inloggningar" in at.error[0].value
    assert "_auth" not in at.session_state
    other = sign_in(fresh(), "anna")  # another user is not locked out by it
    assert "_auth" in other.session_state


def test_a_sign_in_expires(hosted):
    at = signed_in("anna")
    assert at.metric
    at.session_state["_auth"] = ("anna", time.time() - 9 * 3600)  # signed in 9 hours ago (8 allowed)
    run(at)
    assert not at.metric
    assert at.info[0].value == "Din inloggning har gått ut. Logga in igen."


def test_sign_out(hosted):
    at = signed_in("anna")
    at.button(key="sign_out").click()
    run(at)
    assert not at.metric and has(at.text_input, "signin_pw")


def test_local_mode_says_it_is_local(db, monkeypatch):
    monkeypatch.delenv("FINSAM_MODE", raising=False)
    at = fresh()
    assert at.metric and not has(at.text_input, "signin_pw")
    assert any("Lokalt läge: ingen inloggning" in m.value for m in at.sidebar.markdown)


# --- Who sees what ----------------------------------------------------------------------------


def test_a_user_sees_only_their_federations(hosted, db):
    at = signed_in("anna")
    assert at.selectbox(key="w_fed").options == ["Jämtlands län", "Södra Lappland"] or \
        set(at.selectbox(key="w_fed").options) == {"Jämtlands län", "Södra Lappland"}
    assert at.session_state["fed"] == SL


def test_a_direct_link_to_another_federation_shows_nothing_of_it(hosted, db):
    _, kept = stores(db)
    theirs = kept.create(ScenarioSpec(SN, "Sydnärkes hemliga", contrib=(ContributionChange(2025, Decimal(5)),)))
    at = signed_in("anna", {"fed": SN})
    assert at.session_state["fed"] == SL  # not Sydnärke
    assert any("fed=sydnarke" in w.value and "Okänt förbund" in w.value for w in at.warning), [w.value for w in at.warning]
    assert all("Sydnärke" not in m.value for m in at.markdown)
    at = signed_in("anna", {"fed": SL, "s": theirs.id})  # their scenario by its id: ignored
    assert at.session_state["scen_pick"] == ""
    assert any(f"s={theirs.id}" in w.value for w in at.warning)


# --- What a role may do --------------------------------------------------------------------------


def test_a_reader_builds_in_the_session_but_keeps_and_changes_nothing(hosted, db):
    baselines, kept = stores(db)
    before = {fid: baselines.newest(fid).version for fid in (SL, JL)}
    at = signed_in("lars", page="contributions")
    at.selectbox(key="contrib_year").set_value(2025)
    at.text_input(key="contrib_pct").input("10")
    at.button(key="contrib_add").click()
    run(at)  # a change in the session is allowed
    assert at.query_params["c"] == "2025:10"
    at.switch_page("views/scenarios.py")
    run(at)
    assert "Du är läsare i" in at.info[-1].value
    for key in ("scen_save_new", "scen_save", "scen_rename", "scen_delete", "adopt_apply", "restore_apply"):
        assert not has(at.button, key), key
    assert has(at.get("download_button"), "scenario_export")  # the scenario file: theirs to take
    at.switch_page("views/baseline.py")
    run(at)
    assert at.button(key="bl_save").disabled
    at.switch_page("views/solve.py")
    run(at)
    at.switch_page("views/papers.py")
    run(at)  # the papers are there to download
    assert [s.name for s in kept.list(SL)] == ["Beslutad budget"]
    assert {fid: baselines.newest(fid).version for fid in (SL, JL)} == before


def test_the_store_refuses_a_readers_write_even_where_a_page_forgot_to_hide_it(hosted, db):
    """The role check sits at the writes (kept._call, baselines.write), not only on buttons."""

    def script():
        import streamlit as st

        from dashboard import baselines, kept, signin, state
        from scenarios.baseline_store import BaselineStoreError
        from scenarios.scenario_file import ScenarioSpec

        st.session_state["fed"] = "sodra-lappland"
        signin.gate()
        try:
            kept.create(ScenarioSpec("sodra-lappland", "Smugglat"))
        except kept.KeptError as exc:
            st.write(f"kept: {exc}")
        plan = state.bundle(state.db(), "sodra-lappland").plan
        try:
            baselines.write(state.db(), "save", plan, user="x", comment="smugglat")
        except BaselineStoreError as exc:
            st.write(f"baseline: {exc.code}: {exc}")

    at = AppTest.from_function(script, default_timeout=TIMEOUT)
    at.run()
    sign_in(at, "lars")
    said = [m.value for m in at.markdown]
    assert "kept: Din roll i förbundet (läsare) får inte spara eller ändra scenarier. Inget har sparats." in said
    assert any(s.startswith("baseline: not_allowed: Din roll i förbundet (läsare) får inte ändra") for s in said)
    baselines, kept = stores(db)
    assert [s.name for s in kept.list(SL, include_deleted=True)] == []  # "Smugglat" is not there
    assert baselines.newest(SL).version == 1


def test_history_names_the_signed_in_user_and_asks_for_no_name(hosted, db):
    at = signed_in("anna", page="scenarios")
    assert not has(at.text_input, "user_name")
    assert any("Sparas i historiken som Anna Andersson (anna)" in c.value for c in at.caption)
    at.text_input(key="scen_new_name").input("Annas förslag")
    at.button(key="scen_save_new").click()
    run(at)
    assert not at.error, [e.value for e in at.error]
    _, kept = stores(db)
    stored = kept.find(SL, "Annas förslag")
    assert [e.user for e in kept.history(stored.id)] == ["Anna Andersson (anna)"]
    assert at.container(key="scen_list") is not None
    assert not has(at.button, "adopt_apply")  # adopting is the chief's


def test_an_editor_is_a_reader_in_another_federation(hosted, db):
    at = signed_in("anna", {"fed": JL}, page="scenarios")
    assert at.session_state["fed"] == JL
    assert not has(at.button, "scen_save_new")
    assert "Du är läsare i" in at.info[-1].value


def test_the_chief_manages_the_federations_users(hosted):
    lars = signed_in("lars")
    assert lars.metric
    at = signed_in("cecilia", page="users")
    table = at.container(key="users_table").markdown[0].value
    assert "anna" in table and "lars" in table and "cecilia" in table
    at.text_input(key="users_username").input("nils")
    at.text_input(key="users_name").input("Nils Nilsson")
    at.selectbox(key="users_role").set_value("redigerare")
    at.button(key="FormSubmitter:users_grant_form-Spara rollen").click()
    run(at)
    assert "Ny användare nils är redigerare" in at.success[0].value
    assert load_users(hosted)["nils"].roles == {SL: "redigerare"}
    assert at.selectbox(key="users_revoke_pick").placeholder == "Välj en användare"  # not Streamlit's English
    at.selectbox(key="users_revoke_pick").set_value("lars")
    at.button(key="FormSubmitter:users_revoke_form-Ta bort rollen").click()
    run(at)
    assert SL not in load_users(hosted)["lars"].roles
    run(lars)  # lars, still signed in elsewhere, loses the federation at his next click
    assert not lars.metric and "inte tillgång till något förbund" in lars.info[0].value


def test_only_the_chief_gets_the_users_page(hosted):
    at = signed_in("anna")
    assert "views/users.py" not in str(at.main) and "views/new_federation.py" not in str(at.main)
    chief = signed_in("cecilia", page="users")
    assert chief.title[0].value.startswith("Användare i")


def test_a_user_without_federations_is_told_so(hosted):
    from scenarios.users import set_role

    set_role(hosted, "lars", SL, None)
    at = signed_in("lars")
    assert "inte tillgång till något förbund" in at.info[0].value
    assert not at.metric


def test_a_link_in_english_signs_in_in_english(hosted):
    at = fresh({"lang": "en"})
    assert at.button(key="signin_submit").label == "Sign in"
    sign_in(at, "anna", "wrong-password-9")
    assert [e.value for e in at.error] == ["Wrong user name or password."]


def test_failed_sign_ins_are_logged_for_the_operator(hosted, caplog):
    with caplog.at_level("WARNING", logger="finsam.signin"):
        sign_in(fresh(), "anna", "fel-lösenord-9")
    assert any("failed sign-in for 'anna'" in r.getMessage() for r in caplog.records)
    assert all("fel-lösenord-9" not in r.getMessage() for r in caplog.records)  # never the password


def test_a_users_file_broken_by_hand_keeps_the_last_good_one_or_says_so(hosted, monkeypatch):
    at = signed_in("anna")
    hosted.write_text(hosted.read_text() + "\n[users.trasig\n")  # an operator's slip
    run(at)
    assert at.metric  # the signed-in user goes on with the last good reading
    never_good = hosted.with_name("other-users.toml")
    never_good.write_text("[users.trasig\n")
    monkeypatch.setenv("FINSAM_USERS_FILE", str(never_good))  # a process that never read a good one
    first = sign_in(fresh(), "anna")
    assert "Inställningarna kunde inte läsas" in first.error[0].value
    assert "_auth" not in first.session_state and not first.metric


def test_local_mode_on_a_server_names_it_without_its_password(db, postgres_url, monkeypatch):
    monkeypatch.delenv("FINSAM_MODE", raising=False)
    at = fresh()
    line = next(m.value for m in at.sidebar.markdown if "Lokalt läge" in m.value)
    assert "Planerna sparas i databasen `postgresql://finsam@" in line
    assert "?host=" not in line
