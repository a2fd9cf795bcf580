"""The one runner behind the SQL console page and ``manage.py sql``: check, run walled in, map errors.

The statement check (guard.py) gives the friendly first message; the query then runs in a worker
process (console_worker.py) where the engine itself allows only reading the documented views,
under a time limit the parent enforces by killing the worker and a memory limit the kernel
enforces. The exports' trusted queries use ``_connect`` (readonly.py) in this process instead.
"""
from __future__ import annotations

import logging
import math
import os
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

from sqlalchemy.engine import make_url

from . import console_pool
from .console_pool import WorkerGone
from .console_worker import MAX_PAGE_BYTES
from .csvout import format_number
from .guard import SqlDenied, check_statement
from .readonly import ConsoleSettings, ReadOnlyConnection, SqlError, sqlite_path

STREAM_BATCH = 2000

__all__ = ["ConsoleSettings", "ConsoleUnavailable", "QueryResult", "SqlDenied", "SqlError", "SqlTimeout",
           "console_unavailable", "display_value", "open_stream", "run_query"]


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


def _connect(settings: ConsoleSettings, timeout: float | None) -> ReadOnlyConnection:
    """A read-only connection in this process, for the exports' own (trusted) statements."""
    try:
        return ReadOnlyConnection(settings, timeout=timeout)
    except _db_errors(settings.dialect) as exc:
        raise _translate(exc, timeout) from exc


class ConsoleUnavailable(SqlError):
    """The console cannot run on this configuration; the message says what to set."""

    http_status = 503


class ConsoleBusy(SqlError):
    http_status = 503


def console_unavailable(settings: ConsoleSettings) -> str | None:
    """Why the console cannot serve queries here, or None when it can."""
    if settings.dialect != "postgresql":
        return None
    if not settings.readonly_url:
        return ("the SQL console on PostgreSQL needs a read-only role: run 'python manage.py db "
                "create-readonly-role' and set CLAIMS_SQL_READONLY_URL to the URL it prints")
    if make_url(settings.readonly_url).username == make_url(settings.database_url).username:
        return ("CLAIMS_SQL_READONLY_URL uses the app's own role; run 'python manage.py db "
                "create-readonly-role' and set CLAIMS_SQL_READONLY_URL to the URL it prints")
    return None


def _request(settings: ConsoleSettings, statement: str, mode: str) -> dict:
    reason = console_unavailable(settings)
    if reason:
        raise ConsoleUnavailable(reason)
    request = {"dialect": settings.dialect, "sql": statement, "mode": mode, "row_cap": settings.row_cap,
               "timeout": settings.timeout_seconds, "batch_rows": STREAM_BATCH}
    if settings.dialect == "sqlite":
        path = sqlite_path(settings.database_url)
        if not os.path.exists(path):
            raise SqlError(f"{path}: no database file there; run 'python manage.py db upgrade' first")
        request["path"] = path
    else:
        request["url"] = make_url(settings.readonly_url).set(drivername="postgresql").render_as_string(
            hide_password=False)
    if mode == "page" and settings.timeout_seconds:
        # A backstop should the parent be gone: the kernel stops a worker that computes too long.
        request["cpu_seconds"] = math.ceil(settings.timeout_seconds) * 2 + 5
    return request


def _timeout_error(settings: ConsoleSettings) -> SqlTimeout:
    limit = f"{settings.timeout_seconds:g} s" if settings.timeout_seconds else "the time limit"
    return SqlTimeout(f"the query was stopped after {limit}; add a WHERE or LIMIT, or aggregate first")


def _raise_for(message: tuple, settings: ConsoleSettings):
    if message[0] != "error":
        raise SqlError(f"the console failed: unexpected answer {message[0]!r} from its worker")
    _, kind, text = message
    if kind == "timeout":
        raise _timeout_error(settings)
    if kind == "config":
        raise ConsoleUnavailable(text)
    raise (SqlDenied if kind in ("denied", "toobig") else SqlError)(text)


def _gone(exc: WorkerGone, settings: ConsoleSettings) -> SqlError:
    if exc.overran:
        return _timeout_error(settings)
    return SqlDenied(f"refused: the query went past the console's memory or CPU limit ({exc}); "
                     "select fewer or smaller values")


def _receive(worker: console_pool.Worker, settings: ConsoleSettings, deadline: float | None):
    try:
        return worker.receive(console_pool.remaining(deadline))
    except WorkerGone as exc:
        raise _gone(exc, settings) from None


def _take(settings: ConsoleSettings) -> console_pool.Worker:
    try:
        worker = console_pool.take(settings.dialect)
    except console_pool.Busy:
        raise ConsoleBusy(f"the console is running {console_pool.MAX_RUNNING} queries already; "
                          "try again in a moment") from None
    if settings.dialect == "postgresql":
        worker.on_kill = lambda pid: threading.Thread(target=_stop_backend, args=(settings, pid), daemon=True).start()
    return worker


def _stop_backend(settings: ConsoleSettings, pid: int) -> None:
    """Cancel (then, if need be, end) a killed worker's query on the server, as the app's role.

    The app's role may signal the console role's backends: db create-readonly-role makes it a
    member of that role. Only a backend of the console's role is ever touched.
    """
    import psycopg

    role = make_url(settings.readonly_url).username
    dsn = make_url(settings.database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    mine = "FROM pg_stat_activity WHERE pid = %s AND usename = %s AND state = 'active'"
    try:
        with psycopg.connect(dsn, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f"SELECT pg_cancel_backend(pid) {mine}", (pid, role))
            for _ in range(30):
                time.sleep(0.1)
                if conn.execute(f"SELECT 1 {mine}", (pid, role)).fetchone() is None:
                    return
            conn.execute(f"SELECT pg_terminate_backend(pid) {mine}", (pid, role))
    except psycopg.Error as exc:
        logging.getLogger(__name__).warning("could not stop console backend %s: %s", pid, exc)


def run_query(settings: ConsoleSettings, sql: str) -> QueryResult:
    """Run one read-only statement; keep at most ``row_cap`` rows and say whether there were more."""
    statement = check_statement(sql, settings.dialect)
    request = _request(settings, statement, "page")
    started = time.perf_counter()
    worker = _take(settings)
    try:
        worker.send(request)
        deadline = console_pool.deadline_after(settings.timeout_seconds)
        message = _receive(worker, settings, deadline)
        if message[0] != "columns":
            _raise_for(message, settings)
        columns, rows, info = message[1], [], {}
        while True:
            message = _receive(worker, settings, deadline)
            if message[0] == "rows":
                rows.extend(message[1])
            elif message[0] == "end":
                info = message[1]
                break
            else:
                _raise_for(message, settings)
    finally:
        worker.close()
    result = QueryResult(columns, rows, bool(info.get("truncated")), settings.row_cap,
                         (time.perf_counter() - started) * 1000, statement)
    if info.get("too_big"):
        result.notes.append(f"Stopped after {len(rows)} rows: the page holds at most "
                            f"{MAX_PAGE_BYTES // 2**20} MB of values. Download the CSV for every row.")
    return result


def open_stream(settings: ConsoleSettings, sql: str) -> tuple[list[str], Iterator[tuple]]:
    """Columns and a lazy iterator over every row, read from a worker process of its own.

    The statement runs and its first batch arrives before this returns, so that syntax errors,
    refusals and timeouts surface as exceptions rather than inside a half-sent download. The
    time limit applies to each batch, so a long but steady stream is not cut off while a
    runaway statement still is. The worker ends when the iterator ends or is closed.
    """
    statement = check_statement(sql, settings.dialect)
    request = _request(settings, statement, "stream")
    worker = _take(settings)
    try:
        worker.send(request)
        message = _receive(worker, settings, console_pool.deadline_after(settings.timeout_seconds))
        if message[0] != "columns":
            _raise_for(message, settings)
        columns = message[1]
        first = _receive(worker, settings, console_pool.deadline_after(settings.timeout_seconds))
        if first[0] == "error":
            _raise_for(first, settings)
    except BaseException:
        worker.close()
        raise

    def rows() -> Iterator[tuple]:
        try:
            message = first
            while message[0] == "rows":
                yield from message[1]
                message = _receive(worker, settings, console_pool.deadline_after(settings.timeout_seconds))
            if message[0] != "end":
                _raise_for(message, settings)
        finally:
            worker.close()

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
