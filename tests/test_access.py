"""Hosted mode's pure parts and files: roles, rate limit, the password file, the
configuration, the users CLI; and fuzzing of the scenario-file import and sign-in."""

from __future__ import annotations

import io
import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scenarios import cli
from scenarios.hosting import ConfigError, load_config
from scenarios.plans import open_baselines
from scenarios.roles import Access
from scenarios.scenario_file import ScenarioFileError, ScenarioSpec, parse_scenario
from scenarios.signin_limit import SignInLimiter
from scenarios.users import (UsersError, add_user, authenticate, load_users, remove_user, set_password,
                             set_role)

SL, JL = "sodra-lappland", "jamtland"
PASSWORD = "rätt-lösenord-1"

# --- Roles: one table, read as "role in SL, action, may?" ------------------------------------------

ANNA = Access("anna", roles={SL: "redigerare", JL: "läsare"})


@pytest.mark.parametrize("role, action, allowed", [
    ("läsare", "view", True), ("läsare", "keep", False), ("läsare", "edit_baseline", False),
    ("läsare", "adopt", False), ("läsare", "manage_users", False),
    ("redigerare", "view", True), ("redigerare", "keep", True), ("redigerare", "edit_baseline", True),
    ("redigerare", "adopt", False), ("redigerare", "manage_users", False),
    ("förbundschef", "keep", True), ("förbundschef", "adopt", True), ("förbundschef", "manage_users", True),
    ("förbundschef", "create_federation", False), ("förbundschef", "anything_else", False),
    (None, "view", False), (None, "keep", False),
])
def test_what_a_role_may_do(role, action, allowed):
    who = Access("x", roles={SL: role} if role else {})
    assert who.may(action, SL) is allowed
    assert who.may(action, JL) is False  # a role is for its own federation only


def test_local_mode_and_administrators_may_everything():
    for who in (Access.local_user(), Access("root", admin=True)):
        assert all(who.may(a, SL) for a in ("view", "keep", "adopt", "manage_users", "create_federation"))


def test_a_user_sees_only_their_federations_in_the_order_given():
    assert ANNA.federations(["sydnarke", JL, SL]) == [JL, SL]
    assert Access("nobody").federations([SL, JL]) == []


def test_the_history_names_the_user_by_name_and_user_name():
    assert Access("anna", display_name="Anna Andersson").history_name == "Anna Andersson (anna)"
    assert Access("anna").history_name == "anna"
    assert Access.local_user().history_name is None


# --- Rate limit ------------------------------------------------------------------------------------


def test_five_failures_lock_the_name_for_the_window_then_it_opens():
    limiter = SignInLimiter(max_failures=5, window=900)
    for second in range(5):
        assert limiter.wait_seconds("user:anna", second) == 0
        limiter.failed("user:anna", second)
    assert limiter.wait_seconds("user:anna", 10) == pytest.approx(890)
    assert limiter.wait_seconds("user:bo", 10) == 0  # others are not locked out
    assert limiter.wait_seconds("user:anna", 900.5) == 0  # the first failure has left the window


def test_a_success_clears_the_failures():
    limiter = SignInLimiter(max_failures=3, window=60)
    limiter.failed("user:anna", 0)
    limiter.failed("user:anna", 1)
    limiter.succeeded("user:anna")
    limiter.failed("user:anna", 2)
    limiter.failed("user:anna", 3)
    assert limiter.wait_seconds("user:anna", 4) == 0


# --- The password file -----------------------------------------------------------------------------


def test_passwords_are_kept_only_as_argon2_hashes(tmp_path):
    path = tmp_path / "users.toml"
    add_user(path, "Anna", "Anna Andersson", PASSWORD, roles={SL: "redigerare"})
    text = path.read_text()
    assert PASSWORD not in text and "$argon2id$" in text
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    users = load_users(path)
    assert authenticate(users, "anna", PASSWORD).name == "Anna Andersson"  # names are case-insensitive
    assert authenticate(users, "ANNA ", PASSWORD) is not None
    assert authenticate(users, "anna", PASSWORD + "x") is None
    assert authenticate(users, "bo", PASSWORD) is None


def test_changes_keep_everything_else(tmp_path):
    path = tmp_path / "users.toml"
    add_user(path, "anna", "Anna ”Citat” \\ Andersson", PASSWORD, roles={SL: "redigerare"})
    add_user(path, "bo.b@kommun.se", "Bo", PASSWORD, admin=True)
    set_role(path, "anna", JL, "läsare")
    set_role(path, "anna", SL, None)
    set_password(path, "bo.b@kommun.se", "ett-nytt-lösenord")
    users = load_users(path)
    assert users["anna"].roles == {JL: "läsare"} and users["anna"].name == "Anna ”Citat” \\ Andersson"
    assert users["bo.b@kommun.se"].admin
    assert authenticate(users, "bo.b@kommun.se", "ett-nytt-lösenord") is not None
    remove_user(path, "anna")
    assert list(load_users(path)) == ["bo.b@kommun.se"]


@pytest.mark.parametrize("call, code", [
    (lambda p: add_user(p, "anna", "", "kort"), "short_password"),
    (lambda p: add_user(p, "a b", "", PASSWORD), "bad_username"),
    (lambda p: add_user(p, "ok", "", PASSWORD, roles={SL: "kung"}), "bad_role"),
    (lambda p: add_user(p, "lars", "", PASSWORD), "user_exists"),
    (lambda p: set_role(p, "okänd", SL, "läsare"), "unknown_user"),
])
def test_refused_changes_change_nothing(tmp_path, call, code):
    path = tmp_path / "users.toml"
    add_user(path, "lars", "Lars", PASSWORD, roles={SL: "läsare"})
    before = path.read_bytes()
    with pytest.raises(UsersError) as caught:
        call(path)
    assert caught.value.code == code
    assert path.read_bytes() == before


# --- Configuration ---------------------------------------------------------------------------------


def test_local_is_the_default_and_hosted_needs_a_users_file(tmp_path):
    assert not load_config({}).hosted
    with pytest.raises(ConfigError, match="users_file"):
        load_config({"FINSAM_MODE": "hosted"})
    with pytest.raises(ConfigError, match="mode"):
        load_config({"FINSAM_MODE": "public"})


def test_the_config_file_and_the_environment(tmp_path):
    config = tmp_path / "finsam.toml"
    config.write_text('mode = "hosted"\nusers_file = "users.toml"\ndatabase_url = "postgresql://a@/b"\n'
                      "session_hours = 2\n")
    got = load_config({"FINSAM_CONFIG": str(config)})
    assert got.hosted and got.users_file == tmp_path / "users.toml" and got.session_hours == 2
    assert got.database_url == "postgresql://a@/b"
    over = load_config({"FINSAM_CONFIG": str(config), "FINSAM_DATABASE_URL": "postgresql://c@/d"})
    assert over.database_url == "postgresql://c@/d"  # a secret can stay out of the file
    config.write_text("mode = [")
    with pytest.raises(ConfigError, match="cannot read"):
        load_config({"FINSAM_CONFIG": str(config)})


# --- The users CLI ------------------------------------------------------------------------------------


def test_the_users_cli(tmp_path, monkeypatch, capsys):
    path = str(tmp_path / "users.toml")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["users", "--users-file", path, "add", "anna", "--name", "Anna A", "--role",
                     f"{SL}=redigerare", "--password-stdin"]) == 0
    assert cli.main(["users", "--users-file", path, "grant", "anna", JL, "läsare"]) == 0
    assert cli.main(["users", "--users-file", path, "list"]) == 0
    assert f"anna\tAnna A\t\t{JL}=läsare, {SL}=redigerare" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert cli.main(["users", "--users-file", path, "passwd", "anna", "--password-stdin"]) == 2
    assert capsys.readouterr().err == "finsam-plan: a password needs at least 10 characters\n"
    assert cli.main(["users", "--users-file", path, "admin", "anna", "on"]) == 0
    assert load_users(tmp_path / "users.toml")["anna"].admin
    assert cli.main(["users", "--users-file", path, "grant", "bo", SL, "läsare"]) == 2
    assert cli.main(["users", "grant", "anna", SL, "läsare"]) == 2  # no file named anywhere
    assert "give --users-file" in capsys.readouterr().err
    assert authenticate(load_users(tmp_path / "users.toml"), "anna", PASSWORD) is not None


# --- Fuzz: the scenario file and the sign-in fields --------------------------------------------------

FUZZ = settings(max_examples=60, deadline=None)
toml_lines = st.lists(st.one_of(st.text(max_size=30), st.sampled_from([
    'federation = "sodra-lappland"', 'name = "x"', "[[contribution]]", "from_year = 2025", "percent = 10",
    "percent = 1e400", "from_year = -1", "[[new_intervention]]", 'amount = "800 000"', "proposed = true",
    "[settings]", "cap_share = 2", "[[esf]]", "year = 2025", "amount = -5", "[[cost]]", 'line = "=1+1"'])),
    max_size=12)


@FUZZ
@given(lines=toml_lines)
def test_any_scenario_file_gives_a_scenario_or_one_clear_error(plans, rules, lines):
    text = "\n".join(lines)
    for plan in (None, plans[SL]):
        try:
            spec = parse_scenario(text, plan, rules if plan else None)
        except ScenarioFileError as exc:
            assert exc.message("sv") and str(exc)  # a message in both languages
            continue
        assert isinstance(spec, ScenarioSpec)


@settings(max_examples=30, deadline=None)
@given(name=st.text(max_size=80), password=st.text(max_size=80))
def test_any_sign_in_text_is_refused_cleanly(tmp_path_factory, name, password):
    path = tmp_path_factory.getbasetemp() / "fuzz-users.toml"
    if not path.exists():
        add_user(path, "anna", "Anna", PASSWORD)
    assert authenticate(load_users(path), name, password) is None


def test_open_baselines_on_postgres_seeds_once(db, postgres_url):
    first = open_baselines(db)
    again = open_baselines(db)
    assert [h.version for h in again.history(SL)] == [1] == [h.version for h in first.history(SL)]
