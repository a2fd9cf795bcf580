"""The SQLite half of the console's walls: what a console query may read, and its limits.

Imported by the worker script (console_worker.py, which runs without the package) and by the
app. The file is opened ``mode=ro`` with ``query_only``, no attached databases, a few MB per
value, and an authorizer that lets a statement read the documented views, the table columns
those views read (found by preparing the views themselves) and a list of plain functions;
nothing else, and never ``users.password_hash`` or ``login_attempts``.
"""
from __future__ import annotations

import sqlite3
import time


# The documented researcher views (docs/schema.md); the only relations a console query may name.
RESEARCH_VIEWS = ("v_claims", "v_verified_claims", "v_quotes", "v_numeric_claims", "v_claim_links", "v_speakers")

# Never readable, whatever a view reads: the credentials, the session tokens and the login log.
DENIED_TABLES = frozenset({"login_attempts", "login_throttles"})
DENIED_COLUMNS = frozenset({("users", "password_hash"), ("users", "session_token")})

MAX_VALUE_BYTES = 4 * 1024 * 1024        # one string or blob (SQLITE_LIMIT_LENGTH)
MAX_SQL_BYTES = 100_000                  # the statement's text (SQLITE_LIMIT_SQL_LENGTH)
MAX_COLUMNS = 500                        # columns of a result or a table (SQLITE_LIMIT_COLUMN)
PROGRESS_STEPS = 1000
SQLITE_CATALOG = frozenset({"sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"})
SCHEMA_PRAGMAS = frozenset({"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
                            "foreign_key_list"})

# Plain functions of SQLite's core, JSON and math sets: no files, no settings, no extensions.
SQLITE_FUNCTIONS = frozenset("""
abs avg char coalesce concat concat_ws count cume_dist date datetime dense_rank first_value format glob
group_concat hex ifnull iif instr julianday lag last_value lead length like likelihood likely lower ltrim
max min nth_value ntile nullif octet_length percent_rank printf quote random randomblob rank replace round
row_number rtrim sign strftime string_agg substr substring sum time timediff total trim typeof unhex
unicode unixepoch unlikely upper zeroblob sqlite_version
json json_array json_array_length json_extract json_group_array json_group_object json_object json_quote
json_type json_valid
acos acosh asin asinh atan atan2 atanh ceil ceiling cos cosh degrees exp floor ln log log10 log2 mod pi
pow power radians sin sinh sqrt tan tanh trunc
""".split())


class Refused(Exception):
    """A query the console will not run; ``kind`` tells the parent which message family it is."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def sqlite_policy(conn: sqlite3.Connection) -> tuple[frozenset, frozenset, frozenset]:
    """The (table, column) pairs and the functions the documented views use, found by preparing
    them, and the names of every table and view in the file."""
    pairs, functions = set(), set()
    stored = frozenset(name.lower() for (name,) in conn.execute(
        "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')")) | SQLITE_CATALOG

    def record(action, arg1, arg2, _db, _source):
        if action == sqlite3.SQLITE_READ and arg1 and arg1.lower() not in RESEARCH_VIEWS:
            pairs.add((arg1.lower(), (arg2 or "").lower()))
        elif action == sqlite3.SQLITE_FUNCTION and arg2:
            functions.add(arg2.lower())
        return sqlite3.SQLITE_OK

    conn.set_authorizer(record)
    try:
        for view in RESEARCH_VIEWS:
            try:
                conn.execute(f"EXPLAIN SELECT * FROM {view}").fetchall()
            except sqlite3.OperationalError:   # a view missing from an old database: not readable
                continue
    finally:
        conn.set_authorizer(None)
    pairs = {p for p in pairs if p[0] not in DENIED_TABLES and p not in DENIED_COLUMNS}
    return frozenset(pairs), frozenset(functions), stored


def sqlite_authorizer(pairs: frozenset, functions: frozenset, stored: frozenset):
    tables = frozenset(table for table, _ in pairs)
    allowed_functions = SQLITE_FUNCTIONS | functions

    def authorize(action, arg1, arg2, db, _source):
        if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_RECURSIVE):
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_READ:
            table, column = (arg1 or "").lower(), (arg2 or "").lower()
            if db not in (None, "main") or table in DENIED_TABLES or (table, column) in DENIED_COLUMNS:
                return sqlite3.SQLITE_DENY
            if table in RESEARCH_VIEWS or (table, column) in pairs:
                return sqlite3.SQLITE_OK
            # count(*) and rowid name the table with no column of their own; for a CTE or a
            # subquery (not stored in the file) that is harmless, for a stored table only if a view reads it
            if column in ("", "rowid") and (table in tables or table not in stored):
                return sqlite3.SQLITE_OK
            return sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_FUNCTION:
            return sqlite3.SQLITE_OK if (arg2 or "").lower() in allowed_functions else sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_PRAGMA:
            if (arg1 or "").lower() in SCHEMA_PRAGMAS and (arg2 or "").lower() in RESEARCH_VIEWS:
                return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY

    return authorize


def open_sqlite(path: str) -> sqlite3.Connection:
    from urllib.parse import quote

    conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, isolation_level=None)
    conn.execute("PRAGMA query_only=1")
    conn.execute("PRAGMA busy_timeout=2000")
    conn.execute("PRAGMA trusted_schema=0")
    for limit, value in ((sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES), (sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES),
                         (sqlite3.SQLITE_LIMIT_COLUMN, MAX_COLUMNS), (sqlite3.SQLITE_LIMIT_ATTACHED, 0),
                         (sqlite3.SQLITE_LIMIT_WORKER_THREADS, 0)):
        conn.setlimit(limit, value)
    conn.set_authorizer(sqlite_authorizer(*sqlite_policy(conn)))
    return conn


def sqlite_error(exc: sqlite3.Error) -> Refused:
    first = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
    if "interrupted" in first:
        return Refused("timeout", "")
    if "not authorized" in first or "prohibited" in first or "readonly" in first or "too many attached" in first:
        return Refused("denied", f"refused: {first} (the console reads only the documented views, see docs/schema.md)")
    if "too big" in first or "too many columns" in first:
        return Refused("toobig", f"refused: {first} (a value may be at most {MAX_VALUE_BYTES // 2**20} MB "
                                 f"and a result {MAX_COLUMNS} columns)")
    if isinstance(exc, sqlite3.ProgrammingError) and "one statement" in first:
        return Refused("denied", "only one statement at a time: remove everything after the first ';'")
    return Refused("error", f"SQL error: {first}")


class SqliteRun:
    def __init__(self, request: dict):
        self.timeout = request["timeout"]
        self.deadline = None
        self.conn = open_sqlite(request["path"])
        self.conn.set_progress_handler(self._over_time, PROGRESS_STEPS)
        self.arm()
        self.cursor = self.conn.execute(request["sql"])

    def _over_time(self) -> int:
        return 1 if self.deadline is not None and time.monotonic() > self.deadline else 0

    def arm(self) -> None:
        self.deadline = time.monotonic() + self.timeout if self.timeout else None

    def fetch(self, n: int) -> list:
        return self.cursor.fetchmany(n)

    def close(self) -> None:
        self.conn.close()
