"""Read-only database connections for the exports' own statements, separate from the app's session.

The researcher's SQL never runs here: the console runs it in a worker process
(console_worker.py) on the read-only role. These connections carry statements the app wrote
(exports), on the app's own database URL, and still cannot write: SQLite opens the file with
``mode=ro``, ``PRAGMA query_only=1``, an authorizer that denies every write, ATTACH/DETACH (and
so VACUUM INTO) and setting pragmas; PostgreSQL uses a read-only transaction, and a superuser
connection drops to ``pg_read_all_data`` for it.
"""
from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy.engine import make_url

from .guard import SqlError, sqlite_authorizer

# The largest single value a query may build (articles are at most 5 MB by default).
MAX_VALUE_BYTES = 32 * 1024 * 1024
# How many SQLite VM instructions pass between two looks at the clock (about 0.1 ms).
PROGRESS_STEPS = 1000


@dataclass(frozen=True)
class ConsoleSettings:
    database_url: str
    readonly_url: str | None = None
    timeout_seconds: float = 5.0
    row_cap: int = 1000

    @classmethod
    def from_config(cls, config) -> "ConsoleSettings":
        """From a Config object or a Flask config mapping."""
        get = config.get if hasattr(config, "get") else lambda key: getattr(config, key)
        return cls(database_url=get("DATABASE_URL"), readonly_url=get("SQL_READONLY_URL") or None,
                   timeout_seconds=float(get("SQL_TIMEOUT_SECONDS")), row_cap=int(get("SQL_ROW_CAP")))

    @property
    def dialect(self) -> str:
        return "postgresql" if make_url(self.database_url).get_backend_name() == "postgresql" else "sqlite"


class ReadOnlyConnection:
    """A DB-API connection that can only read, with a time limit that can be re-armed per batch."""

    def __init__(self, settings: ConsoleSettings, *, timeout: float | None):
        self.dialect = settings.dialect
        self.timeout = timeout
        self._deadline: float | None = None
        if self.dialect == "sqlite":
            self.raw = _open_sqlite(settings.database_url)
            self.raw.set_progress_handler(self._over_time, PROGRESS_STEPS)
        else:
            # The console's role reads only the views; the exports read the tables behind them.
            self.raw = _open_postgresql(settings.database_url, timeout)

    def _over_time(self) -> int:
        return 1 if self._deadline is not None and time.perf_counter() > self._deadline else 0

    def arm(self) -> None:
        """Start (again) the time limit; a stream re-arms it for every batch it fetches."""
        if self.timeout is not None:
            self._deadline = time.perf_counter() + self.timeout

    def cursor(self, *, server_side: bool = False):
        if self.dialect == "postgresql" and server_side:
            return self.raw.cursor(name="research_stream", withhold=False)
        return self.raw.cursor()

    def close(self) -> None:
        try:
            if self.dialect == "postgresql":
                self.raw.rollback()
        finally:
            self.raw.close()

    def __enter__(self) -> "ReadOnlyConnection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def sqlite_path(url: str) -> str:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise SqlError("the SQL console needs a SQLite database file; set DATABASE_URL to sqlite:///path")
    return os.path.abspath(database)


def _open_sqlite(url: str) -> sqlite3.Connection:
    path = sqlite_path(url)
    if not os.path.exists(path):
        raise SqlError(f"{path}: no database file there; run 'python manage.py db upgrade' first")
    conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, isolation_level=None,
                           check_same_thread=False)
    conn.execute("PRAGMA query_only=1")
    conn.execute("PRAGMA busy_timeout=5000")
    # One huge string (zeroblob, printf padding) is allocated in a single step that the time
    # limit cannot interrupt; cap the size of any one value instead.
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.set_authorizer(sqlite_authorizer)
    return conn


def _open_postgresql(url: str, timeout: float | None):
    import psycopg

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = psycopg.connect(dsn, autocommit=False)
    try:
        with conn.cursor() as cur:
            cur.execute("SET TRANSACTION READ ONLY")
            # The server's own timer starts after the connection and the round trip: leave them a margin.
            cur.execute(f"SET LOCAL statement_timeout = {max(1, int(timeout * 950)) if timeout else 0}")
            cur.execute("SET LOCAL lock_timeout = 2000")
            # A download the client stopped reading must not hold its snapshot for ever.
            cur.execute("SET LOCAL idle_in_transaction_session_timeout = 900000")
            cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            row = cur.fetchone()
            if row and row[0]:
                cur.execute("SELECT 1 FROM pg_roles WHERE rolname = 'pg_read_all_data'")
                if cur.fetchone():
                    cur.execute("SET LOCAL ROLE pg_read_all_data")
    except Exception:
        conn.close()
        raise
    return conn
