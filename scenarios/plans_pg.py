"""The read-write database on PostgreSQL, for hosted use (several app processes).

The same interface as the DuckDB file (scenarios/plans_db.PlansDb): `connection()`,
`transaction()`, `exists()`, `generation()`, so the stores run their SQL unchanged.
Their SQL is written with `?` placeholders (DuckDB's); the cursor here turns them
into psycopg's `%s`, values still go separately as parameters.

Writes take turns as on the DuckDB file: every write transaction first takes one
transaction-scoped advisory lock, so a save's "is it still the version you started
from?" check and its write see every save committed before it, across processes.
Reads run side by side (MVCC). Writes are a few milliseconds each, so one lock for
the whole database costs nothing at the scale we serve (see deploy/README.md).

Every write transaction also moves a counter (`write_generation`), the generation the
dashboard's read cache is keyed by (plans_db.cached_read): one cheap query tells an
app process whether any process wrote since it read.
"""

from __future__ import annotations

import atexit
import functools
import threading
from contextlib import contextmanager
from typing import Callable

from . import plans_db

# pg_advisory_xact_lock's key: "finsam" in ASCII, any constant would do.
WRITE_LOCK_KEY = 0x66696E73616D

_POOLS: dict[str, object] = {}
_POOLS_LOCK = threading.Lock()


def is_postgres_url(location) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


@functools.lru_cache(maxsize=256)
def to_pyformat(sql: str) -> str:
    """`?` placeholders as psycopg's `%s` (a literal `%` doubled); quoted text untouched."""
    out, quoted = [], False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
        if not quoted and ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


class _Cursor:
    """A psycopg cursor taking the stores' `?` SQL, as a DuckDB cursor does."""

    def __init__(self, cursor):
        self._cursor = cursor

    def execute(self, sql: str, params=None):
        if params is None:
            self._cursor.execute(sql)
        else:
            self._cursor.execute(to_pyformat(sql), list(params))
        return self

    def fetchone(self):
        return self._cursor.fetchone()

    def fetchall(self):
        return self._cursor.fetchall()


def close_pools() -> None:
    """Close every pool of this process (tests; at exit)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.close()


class PgPlansDb:
    """Cursors from one connection pool per URL per process; migrated on the pool's opening."""

    def __init__(self, url: str, *, wait_seconds: float = 5.0,
                 error: Callable[[str], Exception] = plans_db.PlansDbError, linger: float = 0.0,
                 pool_size: int = 8):
        self.url = url
        self.path = url  # what the stores show as their location
        self.wait_seconds = wait_seconds
        self.error = error
        self.pool_size = pool_size
        self.cache_id = url

    def description(self) -> str:
        """Where the plans are, for the user: the URL without its password."""
        return _safe(self.url)

    def exists(self) -> bool:
        return True  # the database is the server's; its tables are made on first use

    def generation(self) -> int | None:
        """The database's write counter: it moves with every write transaction of any
        process, so a read cached under it is current while it stands still."""
        try:
            with self.connection(write=False) as cur:
                row = cur.execute("SELECT n FROM write_generation WHERE id = 1").fetchone()
        except Exception:
            return None  # unavailable: read afresh (and let that read say why)
        return row[0] if row else None

    def _pool(self):
        with _POOLS_LOCK:
            pool = _POOLS.get(self.url)
            if pool is not None:
                return pool
            from psycopg_pool import ConnectionPool

            pool = ConnectionPool(self.url, min_size=1, max_size=self.pool_size, open=False,
                                  kwargs={"autocommit": True}, timeout=self.wait_seconds,
                                  check=ConnectionPool.check_connection, name="finsam-plans")
            try:
                pool.open(wait=True, timeout=self.wait_seconds)
                with pool.connection() as conn:
                    cur = _Cursor(conn.cursor())
                    # one process migrates at a time; the others then find it done
                    cur.execute("SELECT pg_advisory_lock(?)", [WRITE_LOCK_KEY])
                    try:
                        plans_db.migrate(cur)
                    finally:
                        cur.execute("SELECT pg_advisory_unlock(?)", [WRITE_LOCK_KEY])
            except plans_db.PlansDbError as exc:
                pool.close()
                raise self.error(str(exc)) from exc
            except Exception as exc:
                pool.close()
                raise self.error(f"the database server is unavailable ({_safe(self.url)}): {exc}") from exc
            _POOLS[self.url] = pool
            return pool

    @contextmanager
    def connection(self, *, write: bool):
        import psycopg
        from psycopg_pool import PoolTimeout

        try:
            pool = self._pool()
            with pool.connection() as conn:
                yield _Cursor(conn.cursor())
        except (psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout) as exc:  # the server, not the SQL
            raise self.error(f"the database server is unavailable ({_safe(self.url)}): {exc}") from exc

    @contextmanager
    def transaction(self):
        with self.connection(write=True) as cur, plans_db.begun(cur):
            cur.execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK_KEY])
            yield cur
            cur.execute("UPDATE write_generation SET n = n + 1 WHERE id = 1")


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(url)
    except Exception:
        return "postgresql://…"
    return f"postgresql://{parts.get('user', '')}@{parts.get('host', '')}:{parts.get('port', '')}/{parts.get('dbname', '')}"


atexit.register(close_pools)
