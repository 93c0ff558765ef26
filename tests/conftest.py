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
