"""Read an export's rows in large batches straight from the DB-API cursor.

An export has no time limit, so the SQLite connection drops the progress handler the console
needs (it would call into Python every thousand VM steps). Batches, not rows, go up the
stack: the CSV writer takes a whole batch in one call. The connection is read-only
(readonly.py) and closes when the iterator ends or is closed.
"""
from __future__ import annotations

from typing import Callable, Iterator

from .readonly import ConsoleSettings
from .sql import _connect, _db_errors, _translate

# A batch costs about 8 KB a row at the peak (cells, CSV lines, the chunk): 2000 rows keep the
# export near 90 MB resident (5000: 115 MB), and larger batches are no faster.
BATCH_ROWS = 2000


def open_batches(settings: ConsoleSettings, sql: str, params: dict) -> Iterator[list[tuple]]:
    """Lists of rows; the statement runs and its first batch is read before this returns."""
    conn, cursor, first = _open(settings, sql, params)
    return _batches(conn, cursor, first)


def open_line_batches(settings: ConsoleSettings, sql: str, params: dict, *,
                      unless) -> tuple[Iterator[list[tuple]], Callable[[str], list[tuple]]] | None:
    """SQLite: batches of rows whose text is undecoded UTF-8 bytes (engine-rendered CSV lines),
    and ``read(sql)``, which runs a small query on the same connection (so on the same snapshot,
    while the batches' statement is open), its text decoded. ``unless(raw_connection)`` is
    asked first: if it returns true, nothing runs and the result is None."""
    opened = _open(settings, sql, params, raw_bytes=True, unless=unless)
    if opened is None:
        return None
    conn, cursor, first = opened

    def read(small_sql: str) -> list[tuple]:
        conn.raw.text_factory = str
        try:
            return conn.raw.execute(small_sql).fetchall()
        finally:
            conn.raw.text_factory = bytes

    return _batches(conn, cursor, first), read


def _open(settings: ConsoleSettings, sql: str, params: dict, *, raw_bytes: bool = False, unless=None):
    conn = _connect(settings, None)
    try:
        if conn.dialect == "sqlite":
            conn.raw.set_progress_handler(None, 0)
            if raw_bytes:
                conn.raw.text_factory = bytes
        if unless is not None and unless(conn.raw):
            conn.close()
            return None
        cursor = conn.cursor(server_side=conn.dialect == "postgresql")
        cursor.execute(sql, params)
        first = cursor.fetchmany(BATCH_ROWS)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, _db_errors(conn.dialect)):
            raise _translate(exc, None) from exc
        raise
    return conn, cursor, first


def _batches(conn, cursor, first) -> Iterator[list[tuple]]:
    try:
        batch = first
        while batch:
            yield batch
            if len(batch) < BATCH_ROWS:
                break
            batch = cursor.fetchmany(BATCH_ROWS)
    except _db_errors(conn.dialect) as exc:
        raise _translate(exc, None) from exc
    finally:
        conn.close()

