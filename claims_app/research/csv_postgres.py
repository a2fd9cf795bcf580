"""The CSV export of a PostgreSQL database through ``COPY … TO STDOUT``, each line rendered by
the server.

Python's csv writer costs more than the query (and psycopg's row conversion as much again), so
the export's SELECT is wrapped in one expression a row that writes the CSV line in the
convention of csvout.py (numbers bare, everything else quoted with quotes doubled, NULL as
``""``), and the lines come back through COPY in text format: one line a row, with backslash,
newline, carriage return, tab and the other control characters escaped by the server, undone
here. Python only joins bytes.

One rule stays in Python: a text cell that starts with a formula character gets an apostrophe
unless it is a plain number (csvout.escape_text). Such lines are found after the fact (as in
csv_sqlite.py, ``"`` followed by = + - @ or tab, or ``,"`` followed by CR; a false alarm costs
a re-render) and re-rendered from the line itself, parsed back: the cells are all there.
"""
from __future__ import annotations

import csv
import re
from decimal import Decimal
from typing import Iterator, Sequence

from .csv_sqlite import SUSPECT, _suspect, header_bytes
from .csvout import csv_lines

_ESCAPES = {b"\\": b"\\", b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"v": b"\v"}
_ESCAPE = re.compile(rb"\\(.)", re.S)


def _cell(name: str, kind: str) -> str:
    if kind == "int":
        return f"coalesce(CAST({name} AS TEXT), '\"\"')"
    if kind == "number":   # NUMERIC(38, 10): trailing zeros off, as csvout.format_number writes it
        return f"coalesce(CAST(trim_scale({name}) AS TEXT), '\"\"')"
    if kind == "date":
        name = f"to_char({name}, 'YYYY-MM-DD')"
    return f"'\"' || replace(coalesce(CAST({name} AS TEXT), ''), '\"', '\"\"') || '\"'"


def line_query(inner_sql: str, columns: Sequence[tuple[str, str]]) -> str:
    """The export's SELECT (ordered by claim id) as one CSV line a row, without CRLF."""
    cells = " || ',' || ".join(_cell(f"e.{name}", kind) for name, kind in columns)
    return f"SELECT {cells} AS line FROM ({inner_sql}) AS e"


def _unescape(row: bytes) -> bytes:
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), row) if b"\\" in row else row


def rerender_line(line: bytes, columns: Sequence[tuple[str, str]]) -> bytes:
    """A server-rendered line written again by csvout.py, with the formula rule applied."""
    (cells,) = list(csv.reader([line.decode("utf-8")], strict=True))
    values = []
    for (_, kind), text in zip(columns, cells):
        if kind == "int":
            values.append(int(text) if text else None)
        elif kind == "number":
            values.append(Decimal(text) if text else None)
        else:
            values.append(text)   # csvout applies the formula rule to text cells
    return csv_lines([values])[0][:-2].encode("utf-8")


def _lines(block: bytes, columns) -> bytes:
    rows = [_unescape(row) for row in block.split(b"\n") if row]
    chunk = b"\r\n".join(rows) + b"\r\n"
    if not _suspect(chunk):
        return chunk
    return b"".join((rerender_line(r, columns) if SUSPECT.search(r + b"\r\n") else r) + b"\r\n" for r in rows)


def copy_csv_chunks(conn, inner_sql: str, params: dict, header: Sequence[str], columns: Sequence[tuple[str, str]],
                    *, bom: bool = False, rows_per_chunk: int | None = None) -> Iterator[bytes]:
    """UTF-8 CSV chunks from ``COPY (line query) TO STDOUT`` on ``conn`` (a ReadOnlyConnection,
    closed when the iterator ends). The COPY starts before this returns, so errors surface early."""
    from . import export_stream

    per_chunk = rows_per_chunk or export_stream.BATCH_ROWS   # the other export paths' batch size
    cursor = conn.raw.cursor()
    copy_cm = cursor.copy(f"COPY ({line_query(inner_sql, columns)}) TO STDOUT", params or None)
    copy = copy_cm.__enter__()

    def chunks() -> Iterator[bytes]:
        try:
            yield header_bytes(header, bom=bom)
            pending: list[bytes] = []
            for data in copy:   # one row a message
                pending.append(bytes(data))
                if len(pending) >= per_chunk:
                    yield _lines(b"".join(pending), columns)
                    pending = []
            if pending:
                yield _lines(b"".join(pending), columns)
            copy_cm.__exit__(None, None, None)
        except BaseException as exc:
            copy_cm.__exit__(type(exc), exc, exc.__traceback__)
            raise
        finally:
            conn.close()

    return chunks()
