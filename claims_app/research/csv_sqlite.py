"""The CSV export of a SQLite database, each line rendered by SQLite itself.

Python's csv writer costs more than the query: at a million claims it halves the export's speed.
So on SQLite the export's SELECT is wrapped in one ``printf`` a row that writes the CSV line in
the engine, in the convention of csvout.py (numbers bare, everything else quoted with quotes
doubled by ``%w``, NULL as ``""``), and Python only joins the lines as bytes.

Two things the engine cannot decide cheaply go back to csvout.py, row by row, so that both
paths give the same bytes (tests/research/test_csv_sqlite.py compares them):

* a text cell that starts with a formula character (it may need the apostrophe, unless it is a
  plain number): found after the fact, as ``"`` followed by = + - @ or tab, or ``,"`` followed by
  CR, anywhere in the line (a false alarm only costs a re-render);
* a real number whose shortest text SQLite does not give (exponent forms, 0, more than 15
  digits): its cell is U+FFFF, which marks the line.

Such lines are read again by claim id, with the ordinary query, and written by csvout.py. A
text with a NUL character would be cut short by ``printf``; if the database holds one, the
whole export takes the ordinary path.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator, Sequence

from .csvout import BOM, csv_lines, escape_text

MARK = "char(65535)"
SUSPECT = re.compile(rb'"[=+\-@\t]|,"\r|\xef\xbf\xbf')
# A quick test of a whole chunk first: formula characters folded into "=" by one translate,
# then three plain searches, several times faster than the regular expression on clean text.
# (export_parallel.py runs the same test in its workers, from these two values.)
FOLD_FROM = b"+-@\t"
NEEDLES = (b',"\r', b"\xef\xbf\xbf")
_FOLD = bytes.maketrans(FOLD_FROM, b"=" * len(FOLD_FROM))


def _suspect(chunk: bytes) -> bool:
    return b'"=' in chunk.translate(_FOLD) or any(needle in chunk for needle in NEEDLES)

# Text columns that may hold a NUL only if someone typed one (article text cannot: ingest refuses it).
_NUL_CHECKS = (
    ("claims", ("verdict_note", "metric", "unit", "speaker_as_written")),
    ("articles", ("text", "title", "url")),
    ("outlets", ("name",)),
    ("speakers", ("name",)),
    ("tags", ("name",)),
    ("users", ("username",)),
)


def holds_nul(raw) -> bool:
    """True if any exported text column of the SQLite database holds a NUL character."""
    for table, columns in _NUL_CHECKS:
        test = " OR ".join(f"instr({c}, char(0)) > 0" for c in columns)
        if raw.execute(f"SELECT 1 FROM {table} WHERE {test} LIMIT 1").fetchone():
            return True
    return False


def _cell(name: str, kind: str) -> tuple[str, str]:
    """(printf directive, argument) for one column of the inner SELECT."""
    if kind == "int":
        return "%s", f"coalesce({name}, '\"\"')"
    if kind == "number":
        text = f"CAST({name} AS TEXT)"
        real = (f"CASE WHEN instr({text}, 'e') OR {name} = 0 OR CAST({text} AS REAL) <> {name} THEN {MARK} "
                f"WHEN {text} LIKE '%.0' THEN substr({text}, 1, length({text}) - 2) ELSE {text} END")
        return "%s", (f"CASE typeof({name}) WHEN 'null' THEN '\"\"' WHEN 'integer' THEN {text} "
                      f"WHEN 'real' THEN {real} ELSE {MARK} END")
    return '"%w"', f"coalesce({name}, '')"


def line_query(inner_sql: str, columns: Sequence[tuple[str, str]]) -> str:
    """The export's SELECT (``inner_sql``, ordered by claim id) as one CSV line a row, without CRLF."""
    if columns[0][0] != "claim_id":
        raise ValueError("the first export column must be claim_id: suspect lines are re-read by it")
    cells = [_cell(name, kind) for name, kind in columns]
    directives = ",".join(d for d, _ in cells)
    return f"SELECT printf('{directives}', {', '.join(a for _, a in cells)}) AS line FROM ({inner_sql}) AS e"


def csv_byte_chunks(header: Sequence[str], batches: Iterable[list[tuple]], rerender, *,
                    bom: bool = False) -> Iterator[bytes]:
    """UTF-8 CSV, one chunk per batch of engine-rendered lines (rows of one bytes value each).

    ``rerender(ids)`` returns the rows of those claim ids, in the export's columns, read the
    ordinary way; their lines replace the suspect ones.
    """
    yield header_bytes(header, bom=bom)
    for batch in batches:
        lines = [row[0] for row in batch]
        yield checked(b"\r\n".join(lines) + b"\r\n", lambda: lines, rerender)


def header_bytes(header: Sequence[str], *, bom: bool = False) -> bytes:
    head = "".join(csv_lines([[escape_text(h) for h in header]]))
    return ((BOM if bom else "") + head).encode("utf-8")


def checked(chunk: bytes, lines, rerender) -> bytes:
    """``chunk`` as it is, or rebuilt from ``lines()`` with its suspect lines rendered by Python."""
    if _suspect(chunk):
        return repair(lines(), rerender)
    return chunk


def repair(lines: list[bytes], rerender) -> bytes:
    """The CSV chunk of ``lines`` with each suspect line rendered by csvout.py from its claim."""
    suspect = [i for i, line in enumerate(lines) if SUSPECT.search(line + b"\r\n")]
    ids = [int(lines[i].split(b",", 1)[0]) for i in suspect]
    rows = {row[0]: row for row in rerender(ids)}
    for i, claim_id in zip(suspect, ids):
        row = rows.get(claim_id)
        # a claim deleted since the export's statement began (possible only as its last batch
        # is read, when the statement has ended) is left out rather than written unchecked
        lines[i] = csv_lines([row])[0][:-2].encode("utf-8") if row is not None else None
    kept = [line for line in lines if line is not None]
    return b"\r\n".join(kept) + b"\r\n" if kept else b""
