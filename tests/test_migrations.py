"""A database written before baseline versions existed is migrated and loses nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from scenarios import plans
from scenarios.plans_db import SCHEMA_VERSION, PlansDb, PlansDbError, schema_version
from scenarios.scenario_file import parse_scenario
from scenarios.scenario_store import ScenarioStore

FIXTURE = Path(__file__).parent / "fixtures" / "scenarios-v1.sql"


def _old_file(path: Path) -> Path:
    """The scenario file as the code before this change wrote it (see the fixture)."""
    con = duckdb.connect(str(path))
    con.execute(FIXTURE.read_text(encoding="utf-8"))
    con.close()
    return path


def _rows(path: Path, table: str, columns: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2").fetchall()


SCENARIO_COLUMNS = "scenario_id, federation_id, name, adopted, deleted, version, body, updated_at"
EVENT_COLUMNS = "event_id, scenario_id, version, changed_at, user_name, action, name, deleted, body"


def test_old_file_is_migrated_with_every_scenario_intact(db, tmp_path):
    old = _old_file(db.with_name("finsam-scenarios.duckdb"))
    before = _rows(old, "scenario", SCENARIO_COLUMNS), _rows(old, "scenario_event", EVENT_COLUMNS)
    assert len(before[0]) == 5 and len(before[1]) == 8
    with duckdb.connect(str(old), read_only=True) as con:
        assert schema_version(con) == 1

    baselines = plans.open_baselines(db)  # what the dashboard and the CLI do on start

    with duckdb.connect(str(old), read_only=True) as con:
        assert schema_version(con) == SCHEMA_VERSION
    after = _rows(old, "scenario", SCENARIO_COLUMNS), _rows(old, "scenario_event", EVENT_COLUMNS)
    assert after == before  # every scenario and every history event, byte for byte
    # and readable through the new store: levers, names, the deleted one, the adopted ones
    kept = ScenarioStore(old)
    lappland = {s.name: s for s in kept.list("sodra-lappland", include_deleted=True)}
    assert set(lappland) == {"Beslutad budget", "ESF avslås (reviderad)", "+10 % medlemsbidrag från 2025",
                             "Ny insats 800 tkr/år 2025–2026"}
    assert lappland["Beslutad budget"].adopted
    assert lappland["Ny insats 800 tkr/år 2025–2026"].deleted
    assert lappland["+10 % medlemsbidrag från 2025"].spec.description == "Ändrad beskrivning"
    assert all(s.baseline_version == 1 for s in lappland.values())  # made before versions: version 1
    for stored in lappland.values():
        body = next(r[6] for r in before[0] if r[0] == stored.id)
        assert stored.spec == parse_scenario(body)
    assert [e.action for e in kept.history(lappland["ESF avslås (reviderad)"].id)] == ["create", "rename"]
    # the seeded federations got their first baseline version beside the scenarios
    assert {f["id"] for f in baselines.federations()} == {"sodra-lappland", "sodra-norrbotten", "sydnarke",
                                                          "jamtland"}
    # and the file still takes new writes: event ids go on from the old ones
    restored = kept.restore(lappland["Ny insats 800 tkr/år 2025–2026"].id, 1, user="Cecilia")
    assert not restored.deleted and restored.version == 3
    assert max(e.event_id for e in kept.history(restored.id)) == 9


def test_migration_is_one_transaction_per_step_and_idempotent(tmp_path):
    path = _old_file(tmp_path / "s.duckdb")
    for _ in range(2):
        with PlansDb(path).connection(write=True) as con:
            assert schema_version(con) == SCHEMA_VERSION
    assert len(_rows(path, "scenario", SCENARIO_COLUMNS)) == 5


def test_a_newer_file_is_refused_not_damaged(tmp_path):
    path = tmp_path / "s.duckdb"
    with PlansDb(path).connection(write=True) as con:
        con.execute("UPDATE schema_meta SET value = ? WHERE key = 'version'", [str(SCHEMA_VERSION + 1)])
    with pytest.raises(PlansDbError, match="newer"):
        with PlansDb(path).connection(write=True):
            pass
