"""The DuckDB store: a thin shell that seeds the file and reads plans out of it.

DuckDB lets one process write a file at a time. Seeding takes a short read-write
connection that is closed at once; everything after that reads through read-only
connections, so the dashboard and the CLI can both read the same file.
"""

from __future__ import annotations

import hashlib
import os
import time
import tomllib
from datetime import date
from pathlib import Path

import duckdb

from .model import CostLine, IncomeLine, Member, Plan
from .rules import Rules
from .seedfile import SeedRecords, parse_seed

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
SEED_DIR = DATA_DIR / "seeds"
SCHEMA_FILE = DATA_DIR / "schema.sql"
RULES_FILE = DATA_DIR / "rules.toml"
DEFAULT_DB = REPO_ROOT / "var" / "finsam.duckdb"

# Seed tables in load order; a reseed drops and recreates exactly these.
SEED_TABLES = (
    "provenance", "federation", "plan_year", "member", "contribution", "income_line",
    "income_amount", "cost_line", "cost_amount", "project", "commitment",
    "budget_vs_outcome", "reported_figure", "contradiction", "finsam_rule", "seed_meta",
)


class StoreError(RuntimeError):
    """The store cannot do what was asked; the message is for the user."""


class StoreLocked(StoreError):
    pass


class UnknownFederation(StoreError):
    pass


def db_path() -> Path:
    """The database file: $FINSAM_DB, or var/finsam.duckdb in the checkout."""
    return Path(os.environ.get("FINSAM_DB") or DEFAULT_DB)


def seed_fingerprint(seed_dir: Path = SEED_DIR) -> str:
    digest = hashlib.sha256()
    for path in [SCHEMA_FILE, RULES_FILE, *sorted(seed_dir.glob("*.toml"))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_seed_documents(seed_dir: Path = SEED_DIR) -> list[SeedRecords]:
    records, next_id = [], 1
    for path in sorted(seed_dir.glob("*.toml")):
        with path.open("rb") as handle:
            parsed = parse_seed(tomllib.load(handle), provenance_start=next_id)
        next_id += len(parsed.provenance)
        records.append(parsed)
    return records


def read_rules_file(path: Path = RULES_FILE) -> list[dict]:
    with path.open("rb") as handle:
        return tomllib.load(handle)["rule"]


def _connect(path: Path, *, read_only: bool, attempts: int = 20) -> duckdb.DuckDBPyConnection:
    """Connect, waiting briefly while another process seeds; a held lock is an error."""
    for attempt in range(attempts):
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"cannot open {path}: {exc}") from exc
            if attempt == attempts - 1:
                raise StoreLocked(
                    f"{path} is locked: another process has it open for writing "
                    f"({_holder(exc)}); close that process or set FINSAM_DB to another file"
                ) from exc
            time.sleep(0.1)
    raise AssertionError("unreachable")


def _holder(exc: Exception) -> str:
    text = str(exc)
    marker = "PID "
    if marker in text:
        pid = text.split(marker, 1)[1].split(")")[0].split()[0]
        return f"PID {pid}"
    return "a DuckDB writer"


def is_seeded(con: duckdb.DuckDBPyConnection, fingerprint: str) -> bool:
    try:
        row = con.execute("SELECT value FROM seed_meta WHERE key = 'fingerprint'").fetchone()
    except duckdb.CatalogException:
        return False
    return row is not None and row[0] == fingerprint


def ensure_seeded(path: Path | None = None) -> Path:
    """Create and seed the file if it is new or its seed data changed; return its path."""
    path = Path(path or db_path())
    fingerprint = seed_fingerprint()
    if path.exists():
        con = _connect(path, read_only=True)
        try:
            if is_seeded(con, fingerprint):
                return path
        finally:
            con.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _connect(path, read_only=False)
    try:
        if not is_seeded(con, fingerprint):  # another process may have seeded meanwhile
            seed(con, read_seed_documents(), read_rules_file(), fingerprint)
    finally:
        con.close()
    return path


def open_reader(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a seeded store (seeding it first if needed)."""
    return _connect(ensure_seeded(path), read_only=True)


def seed(con, federations: list[SeedRecords], rules: list[dict], fingerprint: str) -> None:
    """Replace the seed tables in one transaction: all of it loads, or none of it."""
    con.execute("BEGIN TRANSACTION")
    try:
        for table in reversed(SEED_TABLES):
            con.execute(f"DROP TABLE IF EXISTS {table}")  # names from the constant above
        con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
        for records in federations:
            _insert(con, "provenance", records.provenance)
            _insert(con, "federation", [records.federation])
            _insert(con, "plan_year", records.years)
            _insert(con, "member", records.members)
            _insert(con, "contribution", records.contributions)
            _insert(con, "income_line", records.income_lines)
            _insert(con, "income_amount", records.income_amounts)
            _insert(con, "cost_line", records.cost_lines)
            _insert(con, "cost_amount", records.cost_amounts)
            _insert(con, "project", records.projects)
            _insert(con, "commitment", records.commitments)
            _insert(con, "budget_vs_outcome", records.budget_vs_outcome)
            _insert(con, "reported_figure", records.reported)
            _insert(con, "contradiction", records.contradictions)
        _insert(con, "finsam_rule", rules)
        con.execute("INSERT INTO seed_meta VALUES ('fingerprint', ?)", [fingerprint])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _insert(con, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    placeholders = ", ".join("?" for _ in columns)
    con.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
        [[row[c] for c in columns] for row in rows],
    )


# --- Reading ------------------------------------------------------------------------


def list_federations(con) -> list[dict]:
    rows = con.execute(
        """
        SELECT f.id, f.name, min(y.year), max(y.year), f.source_file, f.source_title
        FROM federation f JOIN plan_year y ON y.federation_id = f.id
        GROUP BY ALL ORDER BY f.name
        """
    ).fetchall()
    return [
        {"id": r[0], "name": r[1], "first_year": r[2], "last_year": r[3],
         "source_file": r[4], "source_title": r[5]}
        for r in rows
    ]


def load_rules(con) -> Rules:
    rows = con.execute("SELECT name, valid_from, value, source FROM finsam_rule").fetchall()
    return Rules.from_records(
        {"name": r[0], "valid_from": r[1], "value": r[2], "source": r[3]} for r in rows
    )


def load_plan(con, federation_id: str) -> Plan:
    fed = con.execute(
        "SELECT id, name, opening_equity FROM federation WHERE id = ?", [federation_id]
    ).fetchone()
    if fed is None:
        known = ", ".join(f["id"] for f in list_federations(con))
        raise UnknownFederation(f"unknown federation '{federation_id}' (known: {known})")
    years = con.execute(
        "SELECT y.year, y.basis, p.assumption IS NOT NULL FROM plan_year y "
        "JOIN provenance p ON p.id = y.provenance_id WHERE y.federation_id = ? ORDER BY y.year",
        [federation_id],
    ).fetchall()
    members = tuple(
        Member(id=r[0], name=r[1], kind=r[2], municipal_key=r[3], population=r[4], pays=r[5])
        for r in con.execute(
            "SELECT member_id, name, kind, municipal_key, population, pays FROM member "
            "WHERE federation_id = ? ORDER BY position",
            [federation_id],
        ).fetchall()
    )
    contributions: dict[str, dict[int, int]] = {}
    unallocated: dict[int, int] = {}
    for member_id, year, amount in con.execute(
        "SELECT member_id, year, amount FROM contribution WHERE federation_id = ? ORDER BY year",
        [federation_id],
    ).fetchall():
        if member_id is None:
            unallocated[year] = amount
        else:
            contributions.setdefault(member_id, {})[year] = amount
    income = tuple(
        IncomeLine(id=line_id, kind=kind, name=name, amounts=amounts, project_id=project_id)
        for line_id, kind, name, project_id, amounts in _lines_with_amounts(
            con, federation_id, "income_line", "income_amount", "kind, name, project_id"
        )
    )
    costs = tuple(
        CostLine(id=line_id, group=group, name=name, amounts=amounts, start=start, end=end)
        for line_id, group, name, start, end, amounts in _lines_with_amounts(
            con, federation_id, "cost_line", "cost_amount", "cost_group, name, start_date, end_date"
        )
    )
    return Plan(
        federation_id=fed[0],
        name=fed[1],
        years=tuple(r[0] for r in years),
        basis={r[0]: r[1] for r in years},
        opening_equity=fed[2],
        members=members,
        contributions=contributions,
        unallocated_contributions=unallocated,
        income=income,
        costs=costs,
        assumed_years=frozenset(r[0] for r in years if r[2]),
    )


def _lines_with_amounts(con, federation_id, line_table, amount_table, columns):
    # Table and column names come from the callers above, never from input.
    lines = con.execute(
        f"SELECT line_id, {columns} FROM {line_table} WHERE federation_id = ? ORDER BY position",
        [federation_id],
    ).fetchall()
    amounts: dict[str, dict[int, int]] = {}
    for line_id, year, amount in con.execute(
        f"SELECT line_id, year, amount FROM {amount_table} WHERE federation_id = ? ORDER BY year",
        [federation_id],
    ).fetchall():
        amounts.setdefault(line_id, {})[year] = amount
    return [(*line, amounts.get(line[0], {})) for line in lines]


def load_reported(con, federation_id: str) -> dict[str, dict[int, tuple[int, int]]]:
    """measure -> year -> (amount in kr, the unit the source prints it in)."""
    out: dict[str, dict[int, tuple[int, int]]] = {}
    for measure, year, amount, unit in con.execute(
        "SELECT measure, year, amount, unit FROM reported_figure WHERE federation_id = ? ORDER BY year",
        [federation_id],
    ).fetchall():
        out.setdefault(measure, {})[year] = (amount, unit)
    return out


def load_contradictions(con, federation_id: str) -> list[dict]:
    rows = con.execute(
        """
        SELECT c.year, c.measure, c.subject, c.description, c.stored_value, c.rejected_value,
               coalesce(p.section, p.assumption)
        FROM contradiction c JOIN provenance p ON p.id = c.provenance_id
        WHERE c.federation_id = ? ORDER BY c.year NULLS FIRST, c.subject
        """,
        [federation_id],
    ).fetchall()
    keys = ("year", "measure", "subject", "description", "stored", "rejected", "source")
    return [dict(zip(keys, r)) for r in rows]


def load_commitments(con, federation_id: str) -> list[dict]:
    rows = con.execute(
        """
        SELECT intervention, as_of, start_date, end_date, amount
        FROM commitment WHERE federation_id = ? ORDER BY intervention
        """,
        [federation_id],
    ).fetchall()
    keys = ("intervention", "as_of", "start", "end", "amount")
    return [dict(zip(keys, r)) for r in rows]


def load_projects(con, federation_id: str) -> list[dict]:
    rows = con.execute(
        "SELECT project_id, name, start_date, end_date, funding FROM project "
        "WHERE federation_id = ? ORDER BY start_date, name",
        [federation_id],
    ).fetchall()
    keys = ("id", "name", "start", "end", "funding")
    return [dict(zip(keys, r)) for r in rows]


def load_budget_vs_outcome(con, federation_id: str) -> list[dict]:
    rows = con.execute(
        "SELECT year, line, outcome, budget FROM budget_vs_outcome WHERE federation_id = ? "
        "ORDER BY year, rowid",
        [federation_id],
    ).fetchall()
    return [dict(zip(("year", "line", "outcome", "budget"), r)) for r in rows]


def load_provenance(con, federation_id: str) -> list[dict]:
    """Every figure with where it comes from: for the 'sources and assumptions' view."""
    rows = con.execute(
        """
        SELECT 'contribution' AS what, coalesce(c.member_id, '(ej uppdelat)') AS item, c.year,
               c.amount, p.section, p.assumption
        FROM contribution c JOIN provenance p ON p.id = c.provenance_id WHERE c.federation_id = ?
        UNION ALL
        SELECT 'income', i.line_id, i.year, i.amount, p.section, p.assumption
        FROM income_amount i JOIN provenance p ON p.id = i.provenance_id WHERE i.federation_id = ?
        UNION ALL
        SELECT 'cost', k.line_id, k.year, k.amount, p.section, p.assumption
        FROM cost_amount k JOIN provenance p ON p.id = k.provenance_id WHERE k.federation_id = ?
        UNION ALL
        SELECT 'opening_equity', '', NULL, f.opening_equity, p.section, p.assumption
        FROM federation f JOIN provenance p ON p.id = f.opening_provenance_id WHERE f.id = ?
        ORDER BY 1, 2, 3
        """,
        [federation_id] * 4,
    ).fetchall()
    keys = ("what", "item", "year", "amount", "source", "assumption")
    return [dict(zip(keys, r)) for r in rows]


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
