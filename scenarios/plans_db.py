"""The read-write database: every federation's plan versions and kept scenarios.

This file is the home of what users enter (federations brought in, baseline
versions, recorded outcomes, kept scenarios). It is never rebuilt: the seeds only
give a new file its first content, and a schema change is a migration that keeps
every row. The read-only seed file beside it (scenarios/store.py) may be rebuilt
at will; nothing a user typed lives there.

DuckDB lets one process write a file at a time. The CLI opens a short connection per
call; a call that meets another writer waits a moment and tries again. The dashboard
serves many sessions at once, and opening the file costs ~12 ms plus a schema check,
so it *leases* one connection per file (`linger` seconds): every call takes a cursor
of it, writes take turns on a lock (as the short connections did through the file
lock), and the connection is closed once nobody has used it for `linger` seconds, so
the CLI can write while the dashboard stands idle. `generation(path)` changes with
every write of this process and every (re)opening, so a cache keyed by it is never
stale: while this process holds the file, nobody else can write it.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

import duckdb


class PlansDbError(RuntimeError):
    """The database cannot be opened or is newer than this program; for the user."""


def plans_location(baseline_path: Path) -> Path | str:
    """Where the read-write database is: the configured PostgreSQL server (hosted use,
    scenarios/hosting.py) if any, else the DuckDB file of plans_db_path."""
    from .hosting import load_config

    url = load_config().database_url
    return url if url else plans_db_path(baseline_path)


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

_V3 = """
-- A counter every write transaction on PostgreSQL moves (scenarios/plans_pg.py), so an app
-- process can tell with one cheap query whether anyone wrote since it read. (DuckDB has
-- one writing process and counts its writes in memory: see generation().)
CREATE TABLE write_generation (id INTEGER PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO write_generation VALUES (1, 0);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(con) -> int:
    """The database's schema version: 0 when empty, 1 for a file from before versions."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").fetchall()}
    if "schema_meta" in tables:
        return int(con.execute("SELECT value FROM schema_meta WHERE key = 'version'").fetchone()[0])
    return 1 if "scenario" in tables else 0


def migrate(con) -> int:
    """Bring the database to SCHEMA_VERSION, each step in a transaction of its own.
    The SQL is the same on DuckDB and PostgreSQL (scenarios/plans_pg.py)."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise PlansDbError(
            f"the database was written by a newer finsam-planner (schema {current}, this one knows "
            f"{SCHEMA_VERSION}); update the program")
    for target in range(current + 1, SCHEMA_VERSION + 1):
        with begun(con):
            con.execute(MIGRATIONS[target - 1])
            con.execute("CREATE TABLE IF NOT EXISTS schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            con.execute("DELETE FROM schema_meta WHERE key = 'version'")
            con.execute("INSERT INTO schema_meta VALUES ('version', ?)", [str(target)])
    return SCHEMA_VERSION


class _Lease:
    """One process's shared connection to one file (see the module's docstring)."""

    def __init__(self):
        self.lock = threading.Lock()  # guards the fields below
        self.write_lock = threading.Lock()  # one write transaction at a time
        self.con = None
        self.users = 0
        self.last_used = 0.0
        self.generation = 0
        self.linger = 0.0  # set by whoever opened it
        self.timer: threading.Timer | None = None  # the pending close, replaced on each release


_LEASES: dict[str, _Lease] = {}
_LEASES_LOCK = threading.Lock()


def _lease(path: Path) -> _Lease:
    with _LEASES_LOCK:
        return _LEASES.setdefault(str(Path(path).resolve()), _Lease())


# How long the dashboard keeps its leased connection after the last use.
LEASE_SECONDS = 2.0


def generation(path: Path) -> int | None:
    """Changes whenever this process writes `path` or (re)opens it; None while the
    lease is closed (another process may write then). See the module's docstring."""
    lease = _lease(path)
    with lease.lock:
        return lease.generation if lease.con is not None else None


_READS: dict[tuple, tuple] = {}
_READS_LOCK = threading.Lock()


def cached_read(db, key: tuple, read: Callable[[], object]):
    """`read()` cached while nobody can have written `db` since (its generation is
    unchanged); read afresh otherwise. Both dashboard caches use it. On PostgreSQL the
    generation is the database's own write counter, moved by every process's writes."""
    before = db.generation()
    full_key = (db.cache_id, *key)
    with _READS_LOCK:
        hit = _READS.get(full_key)
    if before is not None and hit is not None and hit[0] == before:
        return hit[1]
    result = read()
    if before is not None and db.generation() == before:
        with _READS_LOCK:
            if len(_READS) > 512:
                _READS.clear()
            _READS[full_key] = (before, result)
    return result


def release_all() -> None:
    """Close every idle leased connection now (tests, and at exit: a close left to a
    timer thread during interpreter shutdown can abort the process inside DuckDB)."""
    with _LEASES_LOCK:
        leases = list(_LEASES.values())
    for lease in leases:
        with lease.lock:
            if lease.timer is not None:
                lease.timer.cancel()
                lease.timer = None
            if lease.con is not None and lease.users == 0:
                lease.con.close()
                lease.con = None


atexit.register(release_all)


def open_plans_db(location: Path | str, **options):
    """The read-write database at `location`: a DuckDB file, or a PostgreSQL URL
    (hosted use, scenarios/plans_pg.py). Both have the same interface."""
    from .plans_pg import PgPlansDb, is_postgres_url

    if is_postgres_url(location):
        return PgPlansDb(location, **options)
    return PlansDb(Path(location), **options)


class PlansDb:
    """Connections to the read-write file, migrated on first write: short ones, or with
    `linger` > 0 a cursor of one leased connection per process.

    `error` makes the exception a failure to open (busy, too new) is raised as, so
    each store speaks its own error type."""

    def __init__(self, path: Path, *, wait_seconds: float = 5.0,
                 error: Callable[[str], Exception] = PlansDbError, linger: float = 0.0):
        self.path = Path(path)
        self.wait_seconds = wait_seconds
        self.error = error
        self.linger = linger
        self.cache_id = str(self.path.resolve())

    def exists(self) -> bool:
        return self.path.exists()

    def description(self) -> str:
        """Where the plans are, for the user."""
        return str(self.path)

    def generation(self) -> int | None:
        return generation(self.path)

    def _open(self, *, write: bool):
        """A new connection, waiting while another process writes the file."""
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                if not self.path.exists():
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                return duckdb.connect(str(self.path), read_only=not write)
            except (duckdb.IOException, duckdb.ConnectionException) as exc:
                # another process writing, or this process holding the other mode
                busy = "lock" in str(exc).lower() or "different configuration" in str(exc)
                if not busy or time.monotonic() > deadline:
                    raise self.error(
                        f"the database {self.path} is busy (another process is writing it): {exc}"
                    ) from exc
                time.sleep(0.05)

    @contextmanager
    def _leased(self):
        lease = _lease(self.path)
        with lease.lock:
            if lease.con is None:
                con = self._open(write=True)
                try:
                    migrate(con)
                except PlansDbError as exc:
                    con.close()
                    raise self.error(str(exc)) from exc
                except BaseException:
                    con.close()
                    raise
                lease.con = con
                lease.linger = self.linger
                lease.generation += 1  # another process may have written while it was closed
            lease.users += 1
            cur = lease.con.cursor()
        try:
            yield cur
        finally:
            cur.close()
            with lease.lock:
                lease.users -= 1
                lease.last_used = time.monotonic()
                if lease.users == 0:
                    if lease.timer is not None:
                        lease.timer.cancel()
                    lease.timer = threading.Timer(lease.linger, self._close_if_idle, args=(lease,))
                    lease.timer.daemon = True
                    lease.timer.start()

    @staticmethod
    def _close_if_idle(lease: _Lease) -> None:
        with lease.lock:
            if (lease.con is not None and lease.users == 0
                    and time.monotonic() - lease.last_used >= lease.linger * 0.99):
                lease.con.close()  # checkpoints; the CLI may write now
                lease.con = None

    def _use_lease(self) -> bool:
        """Leased by choice, or because this process already holds the file (a short
        read-only connection beside it would wait for the lease to close)."""
        return self.linger > 0 or _lease(self.path).con is not None

    @contextmanager
    def connection(self, *, write: bool):
        if self._use_lease():
            with self._leased() as cur:
                yield cur
            return
        if not self.path.exists():
            write = True  # the first use creates the file
        con = self._open(write=write)
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
        if self._use_lease():
            lease = _lease(self.path)
            with lease.write_lock, self._leased() as cur:
                try:
                    with begun(cur):
                        yield cur
                finally:
                    lease.generation += 1
            return
        with self.connection(write=True) as con, begun(con):
            yield con


@contextmanager
def begun(con):
    """One transaction on `con`: committed if the block ends, rolled back if it raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
