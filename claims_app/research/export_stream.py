"""Read an export's rows in large batches straight from the DB-API cursor.

An export has no time limit, so the SQLite connection drops the progress handler the console
needs (it would call into Python every thousand VM steps). Batches, not rows, go up the
stack: the CSV writer takes a whole batch in one call. The connection is read-only
(readonly.py) and closes when the iterator ends or is closed.
"""
from __future__ import annotations

from typing import Iterator

from .readonly import ConsoleSettings
from .sql import _connect, _db_errors, _translate

# A batch costs about 8 KB a row at the peak (cells, CSV lines, the chunk): 2000 rows keep the
# export near 90 MB resident (5000: 115 MB), and larger batches are no faster.
BATCH_ROWS = 2000


def open_batches(settings: ConsoleSettings, sql: str, params: dict, *, raw_bytes: bool = False,
                 unless=None) -> Iterator[list[tuple]] | None:
    """Lists of rows; the statement runs and its first batch is read before this returns.

    ``raw_bytes``: SQLite text comes back as undecoded UTF-8 bytes. ``unless(raw_connection)``:
    if it returns true, nothing runs and the result is None.
    """
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

    def batches() -> Iterator[list[tuple]]:
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

    return batches()


def read_rows(settings: ConsoleSettings, sql: str, params: dict | None = None) -> list[tuple]:
    """All rows of a small query, on a read-only connection of its own."""
    return [row for batch in open_batches(settings, sql, params or {}) for row in batch]
