"""The one runner behind the SQL console page and ``manage.py sql``: check, run read-only, map errors."""
from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

from .csvout import format_number
from .guard import SqlDenied, check_statement
from .readonly import ConsoleSettings, ReadOnlyConnection, SqlError

STREAM_BATCH = 2000

__all__ = ["ConsoleSettings", "QueryResult", "SqlDenied", "SqlError", "SqlTimeout", "display_value",
           "open_stream", "run_query"]


class SqlTimeout(SqlError):
    http_status = 400


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple]
    truncated: bool
    row_cap: int
    elapsed_ms: float
    sql: str = ""
    notes: list[str] = field(default_factory=list)


def _translate(exc: Exception, timeout: float | None) -> SqlError:
    """A database error as one clear line: timeout, refused, or the engine's own message."""
    first = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
    limit = f"{timeout:g} s" if timeout else "the time limit"
    if isinstance(exc, sqlite3.Error):
        if "interrupted" in first:
            return SqlTimeout(f"the query was stopped after {limit}; add a WHERE or LIMIT, or aggregate first")
        if "not authorized" in first or "authorization denied" in first or "readonly" in first:
            return SqlDenied(f"refused: {first} (the console only reads)")
        if isinstance(exc, sqlite3.ProgrammingError) and "one statement" in first:
            return SqlDenied("only one statement at a time: remove everything after the first ';'")
        return SqlError(f"SQL error: {first}")
    import psycopg.errors as pg

    if isinstance(exc, pg.QueryCanceled):
        return SqlTimeout(f"the query was stopped after {limit}; add a WHERE or LIMIT, or aggregate first")
    if isinstance(exc, (pg.ReadOnlySqlTransaction, pg.InsufficientPrivilege)):
        return SqlDenied(f"refused: {first} (the console only reads)")
    return SqlError(f"SQL error: {first}")


def _db_errors(dialect: str):
    if dialect == "sqlite":   # importing psycopg costs time a timed SQLite query should not pay
        return sqlite3.Error
    import psycopg

    return (sqlite3.Error, psycopg.Error)


def _execute(conn: ReadOnlyConnection, sql: str):
    # PostgreSQL: a named (server-side) cursor reads in batches and takes one SELECT only;
    # EXPLAIN cannot be declared as a cursor, so it runs as a prepared single statement.
    server_side = conn.dialect == "postgresql" and not sql.lstrip().lower().startswith("explain")
    cursor = conn.cursor(server_side=server_side)
    conn.arm()
    if conn.dialect == "postgresql" and not server_side:
        cursor.execute(sql, prepare=True)
    else:
        cursor.execute(sql)
    return cursor


def run_query(settings: ConsoleSettings, sql: str) -> QueryResult:
    """Run one read-only statement; keep at most ``row_cap`` rows and say whether there were more."""
    statement = check_statement(sql, settings.dialect)
    started = time.perf_counter()
    timeout = settings.timeout_seconds
    try:
        with _connect(settings, timeout) as conn:
            cursor = _execute(conn, statement)
            columns = [d[0] for d in cursor.description or ()]
            rows = [tuple(r) for r in cursor.fetchmany(settings.row_cap + 1)] if columns else []
            cursor.close()
    except SqlError:
        raise
    except _db_errors(settings.dialect) as exc:
        raise _translate(exc, timeout) from exc
    truncated = len(rows) > settings.row_cap
    return QueryResult(columns, rows[:settings.row_cap], truncated, settings.row_cap,
                       (time.perf_counter() - started) * 1000, statement)


def _connect(settings: ConsoleSettings, timeout: float | None) -> ReadOnlyConnection:
    try:
        return ReadOnlyConnection(settings, timeout=timeout)
    except _db_errors(settings.dialect) as exc:
        raise _translate(exc, timeout) from exc


def open_stream(settings: ConsoleSettings, sql: str, *, params=None, checked: bool = True,
                timeout: float | None = -1.0) -> tuple[list[str], Iterator[tuple]]:
    """Columns and a lazy iterator over every row, on a connection of its own.

    The statement is prepared and its first batch fetched before this returns, so that syntax
    errors, refusals and timeouts surface as exceptions rather than inside a half-sent download.
    The time limit applies to each batch, so a long but steady stream is not cut off while a
    runaway statement still is. The connection closes when the iterator ends or is closed.
    """
    statement = check_statement(sql, settings.dialect) if checked else sql
    limit = settings.timeout_seconds if timeout == -1.0 else timeout
    conn = _connect(settings, limit)
    try:
        if params is None:
            cursor = _execute(conn, statement)
        else:
            cursor = conn.cursor(server_side=conn.dialect == "postgresql")
            conn.arm()
            cursor.execute(statement, params)
        columns = [d[0] for d in cursor.description or ()]
        first = cursor.fetchmany(STREAM_BATCH) if columns else []
    except BaseException as exc:
        conn.close()
        if isinstance(exc, _db_errors(conn.dialect)):
            raise _translate(exc, limit) from exc
        raise

    def rows() -> Iterator[tuple]:
        try:
            batch = first
            while batch:
                yield from batch
                if len(batch) < STREAM_BATCH:
                    break
                conn.arm()
                batch = cursor.fetchmany(STREAM_BATCH)
        except _db_errors(conn.dialect) as exc:
            raise _translate(exc, limit) from exc
        finally:
            conn.close()

    return columns, rows()


def display_value(value) -> str:
    """A cell for the screen: NULL shown as empty, numbers in plain decimal form."""
    if value is None:
        return ""
    if isinstance(value, (float, Decimal)) and not isinstance(value, bool):
        return format_number(value)
    if isinstance(value, (bytes, memoryview)):
        return f"<{len(bytes(value))} bytes>"
    return str(value)
