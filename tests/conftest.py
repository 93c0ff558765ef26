"""Shared fixtures: one real seeded DuckDB file per test session, in a temp folder."""

from __future__ import annotations

import pytest

from scenarios import store

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
