"""Shared fixtures: one real seeded DuckDB file per test session, in a temp folder."""

from __future__ import annotations

import shutil

import pytest

from scenarios import store
from scenarios.scenario_store import ScenarioStore, scenario_db_path

FEDERATION_IDS = ("sodra-lappland", "sodra-norrbotten", "sydnarke", "jamtland")


@pytest.fixture(scope="session")
def db_file(tmp_path_factory):
    return store.ensure_seeded(tmp_path_factory.mktemp("store") / "finsam.duckdb")


@pytest.fixture(scope="session")
def con(db_file):
    connection = store.open_reader(db_file)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def rules(con):
    return store.load_rules(con)


@pytest.fixture(scope="session")
def plans(con):
    return {fid: store.load_plan(con, fid) for fid in FEDERATION_IDS}


@pytest.fixture
def db(monkeypatch, tmp_path, db_file):
    """A copy of the seeded database of the test's own (and so its own scenario file)."""
    path = tmp_path / "finsam.duckdb"
    shutil.copy(db_file, path)
    monkeypatch.setenv("FINSAM_DB", str(path))
    monkeypatch.delenv("FINSAM_SCENARIOS_DB", raising=False)
    return path


@pytest.fixture
def kept_store(db):
    return ScenarioStore(scenario_db_path(db))


# --- The read-write database, on both implementations ---------------------------------------
# One shared suite runs against the DuckDB file (short connections as the CLI opens them,
# and the dashboard's leased one) and a throwaway PostgreSQL server (tests/postgres_server.py).
STORE_KINDS = ("short", "leased", "postgres")


@pytest.fixture(scope="session")
def postgres():
    from scenarios.plans_pg import close_pools
    from tests.postgres_server import ThrowawayPostgres

    server = ThrowawayPostgres().start()
    yield server
    close_pools()
    server.stop()


@pytest.fixture
def postgres_url(postgres, monkeypatch):
    """A fresh database of the test's own, and the app and CLI pointed at it."""
    url = postgres.new_database()
    monkeypatch.setenv("FINSAM_DATABASE_URL", url)
    return url


@pytest.fixture(params=STORE_KINDS)
def plans_db_at(request, tmp_path, monkeypatch):
    """(location, linger) of an empty read-write database of each kind."""
    from scenarios.plans_db import release_all

    monkeypatch.delenv("FINSAM_DATABASE_URL", raising=False)
    if request.param == "postgres":
        yield request.getfixturevalue("postgres_url"), 0.0
    else:
        yield tmp_path / "finsam-scenarios.duckdb", (2.0 if request.param == "leased" else 0.0)
        release_all()
