"""Named scenarios kept in DuckDB, with their whole history.

The scenarios live in their own DuckDB file beside the baseline file
(`var/finsam-scenarios.duckdb` for `var/finsam.duckdb`): the baseline is read
through long-lived read-only connections shared by the dashboard and the CLI, and
DuckDB lets one process write a file at a time. Every call here opens a short
connection and closes it, so the dashboard, the CLI and a second browser tab can
all keep scenarios in the same file; a call that meets another writer waits a
moment and tries again.

Every change is an event carrying the scenario's full state after it (who, when,
what), so the history is readable and any earlier state can be restored: a deleted
scenario comes back, nothing is lost by one wrong click. The adopted budget
(*beslutad budget*) of a federation is protected: it can be copied, never changed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .plans_db import open_plans_db, plans_location
from .scenario_file import ScenarioSpec, dump_scenario, parse_scenario

ADOPTED_NAME = "Beslutad budget"

# The columns _stored() reads, in its order (never SELECT *: migrations add columns).
_COLUMNS = "scenario_id, federation_id, name, adopted, deleted, version, body, updated_at, baseline_version"

ACTIONS = ("create", "update", "rename", "duplicate", "delete", "restore")


class ScenarioStoreError(RuntimeError):
    """A change the store refuses; the message is for the user."""


class ProtectedScenario(ScenarioStoreError):
    pass


@dataclass(frozen=True)
class StoredScenario:
    id: str
    federation_id: str
    name: str
    adopted: bool
    deleted: bool
    version: int
    updated_at: datetime
    spec: ScenarioSpec
    baseline_version: int = 1  # the baseline version the scenario was made or last saved on


@dataclass(frozen=True)
class ScenarioEvent:
    event_id: int
    scenario_id: str
    version: int
    at: datetime
    user: str | None
    action: str
    name: str
    deleted: bool


def scenario_db_path(baseline_path: Path) -> Path | str:
    """The read-write database: the file beside the seed file, or the PostgreSQL
    server of hosted use (see scenarios/plans_db.plans_location)."""
    return plans_location(baseline_path)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class ScenarioStore:
    def __init__(self, path: Path, *, wait_seconds: float = 5.0, linger: float = 0.0):
        self.db = open_plans_db(path, wait_seconds=wait_seconds, error=ScenarioStoreError, linger=linger)
        self.path = self.db.path

    # --- reading ----------------------------------------------------------------------

    def list(self, federation_id: str, *, include_deleted: bool = False) -> list[StoredScenario]:
        if not self.db.exists():
            return []
        with self.db.connection(write=False) as con:
            rows = con.execute(
                f"SELECT {_COLUMNS} FROM scenario WHERE federation_id = ? AND (? OR NOT deleted) "
                "ORDER BY adopted DESC, lower(name)",
                [federation_id, include_deleted],
            ).fetchall()
        return [self._stored(r) for r in rows]

    def get(self, scenario_id: str) -> StoredScenario:
        with self.db.connection(write=False) as con:
            row = con.execute(f"SELECT {_COLUMNS} FROM scenario WHERE scenario_id = ?", [scenario_id]).fetchone()
        if row is None:
            raise ScenarioStoreError(f"no scenario with id {scenario_id}")
        return self._stored(row)

    def find(self, federation_id: str, name: str) -> StoredScenario:
        for stored in self.list(federation_id):
            if stored.name.casefold() == name.strip().casefold():
                return stored
        names = ", ".join(f"'{s.name}'" for s in self.list(federation_id)) or "none"
        raise ScenarioStoreError(f"no scenario named '{name}' for {federation_id} (kept: {names})")

    def history(self, scenario_id: str) -> list[ScenarioEvent]:
        with self.db.connection(write=False) as con:
            rows = con.execute(
                "SELECT event_id, scenario_id, version, changed_at, user_name, action, name, deleted "
                "FROM scenario_event WHERE scenario_id = ? ORDER BY version",
                [scenario_id],
            ).fetchall()
        return [ScenarioEvent(*r) for r in rows]

    def federation_history(self, federation_id: str) -> list[ScenarioEvent]:
        """Every change to the federation's scenarios, newest first."""
        if not self.db.exists():
            return []
        with self.db.connection(write=False) as con:
            rows = con.execute(
                "SELECT e.event_id, e.scenario_id, e.version, e.changed_at, e.user_name, e.action, e.name, e.deleted "
                "FROM scenario_event e JOIN scenario s USING (scenario_id) "
                "WHERE s.federation_id = ? ORDER BY e.event_id DESC",
                [federation_id],
            ).fetchall()
        return [ScenarioEvent(*r) for r in rows]

    def state_at(self, scenario_id: str, version: int) -> ScenarioSpec:
        with self.db.connection(write=False) as con:
            row = con.execute(
                "SELECT body FROM scenario_event WHERE scenario_id = ? AND version = ?", [scenario_id, version]
            ).fetchone()
        if row is None:
            raise ScenarioStoreError(f"scenario {scenario_id} has no version {version}")
        return parse_scenario(row[0])

    # --- writing ----------------------------------------------------------------------

    def ensure_adopted(self, federation_id: str, user: str | None = None) -> StoredScenario:
        """The federation's adopted budget: the baseline as seeded, protected."""
        for stored in self.list(federation_id, include_deleted=True):
            if stored.adopted:
                return stored
        spec = ScenarioSpec(federation_id=federation_id, name=ADOPTED_NAME,
                            description="Den beslutade budgeten och planen, som i källdokumentet.")
        return self._create(spec, user, adopted=True, action="create")

    def create(self, spec: ScenarioSpec, user: str | None = None) -> StoredScenario:
        return self._create(spec, user, adopted=False, action="create")

    def save(self, scenario_id: str, spec: ScenarioSpec, user: str | None = None,
             *, expected_version: int | None = None) -> StoredScenario:
        """Replace a scenario's levers (and name); `expected_version` guards against a lost update."""
        with self.db.transaction() as con:
            current = self._locked(con, scenario_id)
            self._refuse_protected(current, "changed")
            if expected_version is not None and current.version != expected_version:
                raise ScenarioStoreError(
                    f"'{current.name}' was changed meanwhile (version {current.version}, "
                    f"you had {expected_version}); reload it and try again")
            self._refuse_duplicate_name(con, current.federation_id, spec.name, scenario_id)
            return self._write(con, current, spec, user, "update", deleted=False)

    def rename(self, scenario_id: str, name: str, user: str | None = None) -> StoredScenario:
        with self.db.transaction() as con:
            current = self._locked(con, scenario_id)
            self._refuse_protected(current, "renamed")
            new = _renamed(current.spec, name)
            self._refuse_duplicate_name(con, current.federation_id, new.name, scenario_id)
            return self._write(con, current, new, user, "rename", deleted=False)

    def duplicate(self, scenario_id: str, name: str, user: str | None = None) -> StoredScenario:
        source = self.get(scenario_id)
        return self._create(_renamed(source.spec, name), user, adopted=False, action="duplicate")

    def delete(self, scenario_id: str, user: str | None = None) -> StoredScenario:
        with self.db.transaction() as con:
            current = self._locked(con, scenario_id)
            self._refuse_protected(current, "deleted")
            return self._write(con, current, current.spec, user, "delete", deleted=True)

    def restore(self, scenario_id: str, version: int, user: str | None = None) -> StoredScenario:
        """Bring back the state of `version` (a deleted scenario included) as a new version."""
        with self.db.transaction() as con:
            current = self._locked(con, scenario_id)
            row = con.execute(
                "SELECT body, deleted FROM scenario_event WHERE scenario_id = ? AND version = ?",
                [scenario_id, version],
            ).fetchone()
            if row is None:
                raise ScenarioStoreError(f"'{current.name}' has no version {version}")
            if current.adopted:
                raise ProtectedScenario(f"'{current.name}' is the adopted budget and cannot be changed")
            spec = parse_scenario(row[0])
            self._refuse_duplicate_name(con, current.federation_id, spec.name, scenario_id)
            return self._write(con, current, spec, user, "restore", deleted=False)

    # --- internals --------------------------------------------------------------------

    def _create(self, spec: ScenarioSpec, user, *, adopted: bool, action: str) -> StoredScenario:
        name = spec.name.strip()
        if not name:
            raise ScenarioStoreError("a scenario needs a name")
        with self.db.transaction() as con:
            self._refuse_duplicate_name(con, spec.federation_id, name, None)
            scenario_id = uuid.uuid4().hex[:12]
            now = _now()
            body = dump_scenario(spec)
            baseline = _newest_baseline(con, spec.federation_id)
            con.execute(
                "INSERT INTO scenario (scenario_id, federation_id, name, adopted, deleted, version, body, "
                "updated_at, baseline_version) VALUES (?, ?, ?, ?, false, 1, ?, ?, ?)",
                [scenario_id, spec.federation_id, name, adopted, body, now, baseline])
            con.execute(
                "INSERT INTO scenario_event (scenario_id, version, changed_at, user_name, action, name, deleted, "
                "body, baseline_version) VALUES (?, 1, ?, ?, ?, ?, false, ?, ?)",
                [scenario_id, now, user, action, name, body, baseline])
            return self._stored(con.execute(f"SELECT {_COLUMNS} FROM scenario WHERE scenario_id = ?",
                                            [scenario_id]).fetchone())

    def _write(self, con, current: StoredScenario, spec: ScenarioSpec, user, action: str,
               *, deleted: bool) -> StoredScenario:
        version = current.version + 1
        now = _now()
        body = dump_scenario(spec)
        baseline = _newest_baseline(con, current.federation_id)
        con.execute(
            "UPDATE scenario SET name = ?, deleted = ?, version = ?, body = ?, updated_at = ?, "
            "baseline_version = ? WHERE scenario_id = ?",
            [spec.name, deleted, version, body, now, baseline, current.id])
        con.execute(
            "INSERT INTO scenario_event (scenario_id, version, changed_at, user_name, action, name, deleted, "
            "body, baseline_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [current.id, version, now, user, action, spec.name, deleted, body, baseline])
        return self._stored(con.execute(f"SELECT {_COLUMNS} FROM scenario WHERE scenario_id = ?", [current.id]).fetchone())

    def _locked(self, con, scenario_id: str) -> StoredScenario:
        row = con.execute(f"SELECT {_COLUMNS} FROM scenario WHERE scenario_id = ?", [scenario_id]).fetchone()
        if row is None:
            raise ScenarioStoreError(f"no scenario with id {scenario_id}")
        return self._stored(row)

    @staticmethod
    def _refuse_protected(current: StoredScenario, verb: str) -> None:
        if current.adopted:
            raise ProtectedScenario(
                f"'{current.name}' is the adopted budget: it cannot be {verb}; duplicate it to make a scenario")

    @staticmethod
    def _refuse_duplicate_name(con, federation_id: str, name: str, own_id: str | None) -> None:
        row = con.execute(
            "SELECT scenario_id FROM scenario WHERE federation_id = ? AND lower(name) = lower(?) "
            "AND NOT deleted AND scenario_id IS DISTINCT FROM ?",
            [federation_id, name.strip(), own_id]).fetchone()
        if row:
            raise ScenarioStoreError(f"there is already a scenario named '{name.strip()}'")

    @staticmethod
    def _stored(row) -> StoredScenario:
        scenario_id, federation_id, name, adopted, deleted, version, body, updated_at, baseline = row
        return StoredScenario(scenario_id, federation_id, name, adopted, deleted, version, updated_at,
                              parse_scenario(body), baseline or 1)


def _newest_baseline(con, federation_id: str) -> int:
    """The newest baseline version of the federation: what a scenario saved now is made on."""
    row = con.execute("SELECT max(version) FROM baseline_version WHERE federation_id = ?",
                      [federation_id]).fetchone()
    return row[0] or 1


def _renamed(spec: ScenarioSpec, name: str) -> ScenarioSpec:
    from dataclasses import replace

    name = name.strip()
    if not name:
        raise ScenarioStoreError("a scenario needs a name")
    return replace(spec, name=name)
