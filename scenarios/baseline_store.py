"""Every federation's baseline plan, kept as versions in the read-write database.

A baseline version is the whole plan (scenarios/plan_json.py) with who, when, what
(`action`) and why (`comment`). Versions are only ever added: an edit, a recorded
outcome, a rolled-forward plan or a restore is a new version, so any earlier plan
can be viewed and brought back. The four seeded federations get their first version
from the seed files when the database is new; a later change of a seed file adds a
version only while nobody has edited that federation (a user's plan is never
overwritten by a seed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .model import Plan
from .plan_json import plan_fingerprint, plan_from_json, plan_to_json
from .plans_db import open_plans_db

# What made a version. 'seed' and 'seed_update' come from data/seeds; the rest from users.
ACTIONS = ("seed", "seed_update", "import", "edit", "outcome", "roll_forward", "restore", "adopt")
SEED_ACTIONS = ("seed", "seed_update")


class BaselineStoreError(RuntimeError):
    """A change the store refuses; `code` and `params` let the dashboard say it in Swedish."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


def _opening_error(text: str) -> BaselineStoreError:
    """The database could not be opened: busy (another writer), or written by a newer program."""
    return BaselineStoreError("busy" if "busy" in text else "unavailable", text)


@dataclass(frozen=True)
class VersionInfo:
    federation_id: str
    version: int
    created_at: datetime
    user: str | None
    action: str
    comment: str
    restored_from: int | None


@dataclass(frozen=True)
class BaselineVersion:
    info: VersionInfo
    plan: Plan

    @property
    def version(self) -> int:
        return self.info.version


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


_INFO = "federation_id, version, created_at, user_name, action, comment, restored_from"


class BaselineStore:
    def __init__(self, path: Path, *, wait_seconds: float = 5.0, linger: float = 0.0):
        self.db = open_plans_db(path, wait_seconds=wait_seconds, error=_opening_error, linger=linger)
        self.path = self.db.path

    # --- reading ------------------------------------------------------------------------

    def federations(self) -> list[dict]:
        """id, name, origin, newest version and its years, sorted by name."""
        if not self.db.exists():
            return []
        with self.db.connection(write=False) as con:
            rows = con.execute(
                """
                SELECT f.federation_id, f.name, f.origin, v.version, v.body
                FROM federation_plan f
                JOIN baseline_version v ON v.federation_id = f.federation_id
                WHERE v.version = (SELECT max(version) FROM baseline_version
                                   WHERE federation_id = f.federation_id)
                ORDER BY f.name
                """
            ).fetchall()
        out = []
        for fid, name, origin, version, body in rows:
            plan = plan_from_json(body)
            out.append({"id": fid, "name": name, "origin": origin, "version": version,
                        "first_year": plan.years[0], "last_year": plan.years[-1]})
        return out

    def newest_versions(self) -> dict[str, int]:
        """federation id -> its newest version number (one cheap query)."""
        if not self.db.exists():
            return {}
        with self.db.connection(write=False) as con:
            return dict(con.execute(
                "SELECT federation_id, max(version) FROM baseline_version GROUP BY federation_id").fetchall())

    def newest(self, federation_id: str) -> BaselineVersion:
        return self.version(federation_id, None)

    def version(self, federation_id: str, version: int | None) -> BaselineVersion:
        """One version (None: the newest), plan included."""
        with self.db.connection(write=False) as con:
            row = con.execute(
                f"SELECT {_INFO}, body FROM baseline_version WHERE federation_id = ? "
                "AND version = coalesce(?, (SELECT max(version) FROM baseline_version WHERE federation_id = ?))",
                [federation_id, version, federation_id],
            ).fetchone()
        if row is None:
            if version is None:
                raise BaselineStoreError("unknown_federation", f"unknown federation '{federation_id}'",
                                         federation=federation_id)
            raise BaselineStoreError("unknown_version", f"{federation_id} has no baseline version {version}",
                                     federation=federation_id, version=version)
        return BaselineVersion(VersionInfo(*row[:-1]), plan_from_json(row[-1]))

    def history(self, federation_id: str) -> list[VersionInfo]:
        """Every version of the federation's baseline, newest first."""
        with self.db.connection(write=False) as con:
            rows = con.execute(
                f"SELECT {_INFO} FROM baseline_version WHERE federation_id = ? ORDER BY version DESC",
                [federation_id],
            ).fetchall()
        return [VersionInfo(*r) for r in rows]

    def plans(self, federation_id: str) -> list[BaselineVersion]:
        """Every version with its plan, oldest first (for the follow-up of budget against outcome)."""
        with self.db.connection(write=False) as con:
            rows = con.execute(
                f"SELECT {_INFO}, body FROM baseline_version WHERE federation_id = ? ORDER BY version",
                [federation_id],
            ).fetchall()
        return [BaselineVersion(VersionInfo(*r[:-1]), plan_from_json(r[-1])) for r in rows]

    # --- writing ------------------------------------------------------------------------

    def create_federation(self, plan: Plan, *, user: str | None, comment: str,
                          origin: str = "user", action: str = "import") -> BaselineVersion:
        """A federation that is not here yet, with its first version."""
        with self.db.transaction() as con:
            taken = con.execute("SELECT 1 FROM federation_plan WHERE federation_id = ?",
                                [plan.federation_id]).fetchone()
            if taken:
                raise BaselineStoreError("id_taken", f"there is already a federation with id '{plan.federation_id}'",
                                         federation=plan.federation_id)
            con.execute("INSERT INTO federation_plan VALUES (?, ?, ?, ?)",
                        [plan.federation_id, plan.name, origin, _now()])
            return self._insert(con, plan, 1, user=user, action=action, comment=comment)

    def save(self, plan: Plan, *, user: str | None, comment: str, action: str = "edit",
             expected_version: int | None = None, restored_from: int | None = None) -> BaselineVersion:
        """The plan as the federation's new newest version.

        `expected_version` is the version the user started from: if someone saved
        meanwhile, the save is refused rather than silently overwriting theirs."""
        if action not in ACTIONS:
            raise ValueError(action)
        with self.db.transaction() as con:
            newest = con.execute("SELECT max(version) FROM baseline_version WHERE federation_id = ?",
                                 [plan.federation_id]).fetchone()[0]
            if newest is None:
                raise BaselineStoreError("unknown_federation", f"unknown federation '{plan.federation_id}'",
                                         federation=plan.federation_id)
            if expected_version is not None and newest != expected_version:
                raise BaselineStoreError(
                    "changed_meanwhile",
                    f"the baseline was changed meanwhile (version {newest}, you had {expected_version}); "
                    "reload it and try again", newest=newest, expected=expected_version)
            con.execute("UPDATE federation_plan SET name = ? WHERE federation_id = ?",
                        [plan.name, plan.federation_id])
            return self._insert(con, plan, newest + 1, user=user, action=action, comment=comment,
                                restored_from=restored_from)

    def restore(self, federation_id: str, version: int, *, user: str | None, comment: str = "",
                expected_version: int | None = None) -> BaselineVersion:
        """Bring back an earlier version's plan as a new newest version (history kept)."""
        old = self.version(federation_id, version)
        return self.save(old.plan, user=user, comment=comment or f"Återställd version {version}",
                         action="restore", expected_version=expected_version, restored_from=version)

    def sync_seeds(self, seed_plans: list[Plan]) -> list[str]:
        """Give each seeded federation its first version, or a new one when its seed
        changed and nobody has edited it since; return the ids written."""
        wanted = {p.federation_id: (p, plan_fingerprint(p)) for p in seed_plans}
        current = self._seed_state()
        todo = [fid for fid, (_, fp) in wanted.items()
                if fid not in current or (current[fid][1] in SEED_ACTIONS and current[fid][2] != fp)]
        if not todo:
            return []
        written = []
        with self.db.transaction() as con:
            for fid in todo:
                plan, fingerprint = wanted[fid]
                row = con.execute(
                    "SELECT version, action, fingerprint FROM baseline_version WHERE federation_id = ? "
                    "ORDER BY version DESC LIMIT 1", [fid]).fetchone()
                if row is None:
                    exists = con.execute("SELECT 1 FROM federation_plan WHERE federation_id = ?", [fid]).fetchone()
                    if not exists:
                        con.execute("INSERT INTO federation_plan VALUES (?, ?, 'seed', ?)", [fid, plan.name, _now()])
                    self._insert(con, plan, 1, user=None, action="seed", comment="Från källdokumentet (data/seeds)")
                elif row[1] in SEED_ACTIONS and row[2] != fingerprint:  # re-checked inside the transaction
                    self._insert(con, plan, row[0] + 1, user=None, action="seed_update",
                                 comment="Rättad i källdata (data/seeds)")
                else:
                    continue
                written.append(fid)
        return written

    def _seed_state(self) -> dict[str, tuple[int, str, str]]:
        if not self.db.exists():
            return {}
        with self.db.connection(write=False) as con:
            rows = con.execute(
                """
                SELECT federation_id, version, action, fingerprint FROM baseline_version v
                WHERE version = (SELECT max(version) FROM baseline_version w
                                 WHERE w.federation_id = v.federation_id)
                """).fetchall()
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    @staticmethod
    def _insert(con, plan: Plan, version: int, *, user, action, comment, restored_from=None) -> BaselineVersion:
        now = _now()
        con.execute(
            "INSERT INTO baseline_version VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [plan.federation_id, version, now, user, action, comment or "", restored_from,
             plan_fingerprint(plan), plan_to_json(plan)])
        return BaselineVersion(
            VersionInfo(plan.federation_id, version, now, user, action, comment or "", restored_from), plan)
