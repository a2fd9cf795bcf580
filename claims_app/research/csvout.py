"""The one CSV serializer: console downloads, exports and the command line all write through it.

RFC 4180 with CRLF line ends and quotes doubled; every cell that is not a number is quoted
(text, dates, and NULL as ``""``) and numbers are bare, so a reader can tell "2024" the text
from 2024 the number. This is the ``QUOTE_NONNUMERIC`` convention of Python's csv module, and
the one the SQLite export renders inside the engine (csv_sqlite.py) byte for byte. UTF-8, a
byte-order mark only when asked for (the "for Excel" download), and spreadsheet formulas
neutralised: a text cell starting with = + - @ tab CR or NUL gets a leading apostrophe, unless
it is a plain number, so that negative figures stay numbers.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal
from typing import Iterable, Iterator, Sequence

BOM = "\ufeff"
FORMULA_TRIGGERS = frozenset("=+-@\t\r\0")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
CHUNK_CHARS = 64 * 1024


def escape_text(value: str) -> str:
    """Neutralise a text cell a spreadsheet would run as a formula; plain numbers pass unchanged."""
    if value and value[0] in FORMULA_TRIGGERS and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def format_number(value) -> str:
    """A number as plain decimal text, the same on every engine: 60000 not 6E+4 or 60000.0000000000."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if "e" not in text and "n" not in text:   # plain already (not 1e+16, inf or nan)
            return text[:-2] if text.endswith(".0") else text
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        return str(number)
    text = format(number.normalize(), "f")
    return text


def format_timestamp(value) -> str:
    """A UTC timestamp as ISO 8601 with a Z, whether the engine gave a datetime or SQLite text."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.replace(microsecond=0).isoformat() + "Z"
    return str(value)


class Bare:
    """Number text the csv writer leaves unquoted (it quotes whatever is not a number)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __float__(self) -> float:   # what makes the csv module count it as a number
        return float(self.text)


def cell(value):
    """Any database value as a CSV cell: text (quoted by the writer), or a Bare number."""
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_text(value)
    if isinstance(value, (int, float, Decimal)):
        return Bare(format_number(value))
    if isinstance(value, dt.datetime):
        return format_timestamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return escape_text(str(value))


def _cells(row: Sequence) -> list:
    # Integers, NULLs (written "") and text that starts harmlessly pass as they are; only the
    # rest takes a function call. This line is the hot loop of a million-row export.
    return [v if v is None or v.__class__ is int or (v.__class__ is str and (not v or v[0] not in FORMULA_TRIGGERS))
            else cell(v) for v in row]


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence], *, bom: bool = False) -> Iterator[str]:
    """CSV text in chunks of about 64 KB; ``rows`` may be any iterable, read once, lazily."""
    parts: list[str] = []
    sink = _Sink(parts.append)
    writer = _writer(sink)
    if bom:
        parts.append(BOM)
    writer.writerow([escape_text(h) for h in header])
    size = 0
    for row in rows:
        writer.writerow(_cells(row))
        size += len(parts[-1])
        if size >= CHUNK_CHARS:
            yield "".join(parts)
            parts.clear()
            size = 0
    yield "".join(parts)


def csv_batches(header: Sequence[str], batches: Iterable[Sequence[Sequence]], *, bom: bool = False) -> Iterator[str]:
    """CSV text, one chunk per batch of rows (lists of rows, as ``fetchmany`` returns them).

    The same text as ``csv_chunks``; the writer takes each batch in one call.
    """
    parts: list[str] = []
    writer = _writer(_Sink(parts.append))
    if bom:
        parts.append(BOM)
    writer.writerow([escape_text(h) for h in header])
    for batch in batches:
        writer.writerows(map(_cells, batch))
        yield "".join(parts)
        parts.clear()
    if parts:
        yield "".join(parts)


def _writer(sink):
    return csv.writer(sink, dialect="excel", quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")


def csv_lines(rows: Iterable[Sequence]) -> list[str]:
    """Each row as its CSV line (with its CRLF), exactly as ``csv_chunks`` writes it."""
    parts: list[str] = []
    writer = _writer(_Sink(parts.append))
    for row in rows:
        writer.writerow(_cells(row))
    return parts


class _Sink:
    """A write-only file for csv.writer that keeps each line in a list (cheaper than StringIO)."""

    __slots__ = ("write",)

    def __init__(self, write):
        self.write = write
