"""The read-write database: every federation's plan versions and kept scenarios.

This file is the home of what users enter (federations brought in, baseline
versions, recorded outcomes, kept scenarios). It is never rebuilt: the seeds only
give a new file its first content, and a schema change is a migration that keeps
every row. The read-only seed file beside it (scenarios/store.py) may be rebuilt
at will; nothing a user typed lives there.

DuckDB lets one process write a file at a time, so every call opens a short
connection and closes it; a call that meets another writer waits a moment and
tries again, so the dashboard, the CLI and a second tab can all write.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

import duckdb


class PlansDbError(RuntimeError):
    """The database cannot be opened or is newer than this program; for the user."""


def plans_db_path(baseline_path: Path) -> Path:
    """$FINSAM_SCENARIOS_DB, or '<baseline>-scenarios.duckdb' beside the seed file.

    (The name predates baseline versions living here too; kept so existing files
    are found.)"""
    override = os.environ.get("FINSAM_SCENARIOS_DB")
    if override:
        return Path(override)
    baseline_path = Path(baseline_path)
    return baseline_path.with_name(f"{baseline_path.stem}-scenarios.duckdb")


# --- Schema versions ---------------------------------------------------------------------
# Each migration takes the schema from version n-1 to n and keeps every row. Version 1
# is the file as written before baseline versions existed (kept scenarios only).

_V1 = """
CREATE TABLE IF NOT EXISTS scenario (
    scenario_id   TEXT PRIMARY KEY,
    federation_id TEXT NOT NULL,
    name          TEXT NOT NULL,
    adopted       BOOLEAN NOT NULL,
    deleted       BOOLEAN NOT NULL,
    version       INTEGER NOT NULL,
    body          TEXT NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE SEQUENCE IF NOT EXISTS scenario_event_seq;
CREATE TABLE IF NOT EXISTS scenario_event (
    event_id    BIGINT PRIMARY KEY DEFAULT nextval('scenario_event_seq'),
    scenario_id TEXT NOT NULL,
    version     INTEGER NOT NULL,
    changed_at  TIMESTAMP NOT NULL,
    user_name   TEXT,
    action      TEXT NOT NULL,
    name        TEXT NOT NULL,
    deleted     BOOLEAN NOT NULL,
    body        TEXT NOT NULL
);
"""

_V2 = """
-- A federation whose plan lives here: seeded (origin 'seed') or brought in by a user.
CREATE TABLE federation_plan (
    federation_id TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    origin        TEXT NOT NULL CHECK (origin IN ('seed', 'user')),
    created_at    TIMESTAMP NOT NULL
);
-- Every saved baseline is a new version; none is ever changed or deleted.
CREATE TABLE baseline_version (
    federation_id TEXT NOT NULL,
    version       INTEGER NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    user_name     TEXT,
    action        TEXT NOT NULL,
    comment       TEXT NOT NULL,
    restored_from INTEGER,
    fingerprint   TEXT NOT NULL,
    body          TEXT NOT NULL,  -- the plan as JSON, see scenarios/plan_json.py
    PRIMARY KEY (federation_id, version)
);
-- The baseline version a scenario was made on (NULL: before versions existed, i.e. 1).
ALTER TABLE scenario ADD COLUMN baseline_version INTEGER;
ALTER TABLE scenario_event ADD COLUMN baseline_version INTEGER;
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(con) -> int:
    """The file's schema version: 0 for an empty file, 1 for a file from before versions."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    if "schema_meta" in tables:
        return int(con.execute("SELECT value FROM schema_meta WHERE key = 'version'").fetchone()[0])
    return 1 if "scenario" in tables else 0


def migrate(con) -> int:
    """Bring the file to SCHEMA_VERSION, each step in a transaction of its own."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise PlansDbError(
            f"the database was written by a newer finsam-planner (schema {current}, this one knows "
            f"{SCHEMA_VERSION}); update the program")
    for target in range(current + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(MIGRATIONS[target - 1])
            con.execute("CREATE TABLE IF NOT EXISTS schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            con.execute("INSERT OR REPLACE INTO schema_meta VALUES ('version', ?)", [str(target)])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION


class PlansDb:
    """Short connections to the read-write file, migrated on first write.

    `error` makes the exception a failure to open (busy, too new) is raised as, so
    each store speaks its own error type."""

    def __init__(self, path: Path, *, wait_seconds: float = 5.0,
                 error: Callable[[str], Exception] = PlansDbError):
        self.path = Path(path)
        self.wait_seconds = wait_seconds
        self.error = error

    @contextmanager
    def connection(self, *, write: bool):
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                if not self.path.exists():
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    write = True  # the first use creates the file
                con = duckdb.connect(str(self.path), read_only=not write)
                break
            except (duckdb.IOException, duckdb.ConnectionException) as exc:
                # another process writing, or this process holding the other mode
                busy = "lock" in str(exc).lower() or "different configuration" in str(exc)
                if not busy or time.monotonic() > deadline:
                    raise self.error(
                        f"the database {self.path} is busy (another process is writing it): {exc}"
                    ) from exc
                time.sleep(0.05)
        try:
            if write:
                try:
                    migrate(con)
                except PlansDbError as exc:
                    raise self.error(str(exc)) from exc
            elif schema_version(con) < SCHEMA_VERSION:
                con.close()  # an old file: migrate it, then read
                with self.connection(write=True):
                    pass
                con = duckdb.connect(str(self.path), read_only=True)
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self):
        with self.connection(write=True) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute("COMMIT")
            except Exception:
                con.execute("ROLLBACK")
                raise
