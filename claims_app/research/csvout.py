"""The one CSV serializer: console downloads, exports and the command line all write through it.

RFC 4180 (CRLF, quotes doubled, fields with a comma/quote/newline quoted), UTF-8, a byte-order
mark only when asked for (the "for Excel" download), and spreadsheet formulas neutralised: a
text cell starting with = + - @ tab CR or NUL gets a leading apostrophe, unless it is a plain
number, so that negative figures stay numbers.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
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


def cell(value) -> str:
    """Any database value as CSV cell text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_text(value)
    if isinstance(value, (int, float, Decimal)):
        return format_number(value)
    if isinstance(value, dt.datetime):
        return format_timestamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return escape_text(str(value))


def _cell_any(value):
    return cell(value)


def _cell_text(value):
    if value.__class__ is str:
        return escape_text(value) if value and value[0] in FORMULA_TRIGGERS else value
    return cell(value)


def _cell_int(value):
    return value if value.__class__ is int else cell(value)


# Column kinds a caller may declare so that each cell takes the shortest path; "any" is always right.
CELL_FORMATTERS = {"any": _cell_any, "text": _cell_text, "int": _cell_int, "number": _cell_any,
                   "timestamp": format_timestamp, "date": _cell_any}


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence], *, bom: bool = False,
               kinds: Sequence[str] | None = None) -> Iterator[str]:
    """CSV text in chunks of about 64 KB; ``rows`` may be any iterable, read once, lazily.

    ``kinds`` (one per column, keys of CELL_FORMATTERS) only makes formatting faster; the output
    is the same as with "any" for values of that kind.
    """
    formatters = [CELL_FORMATTERS[k] for k in (kinds or ["any"] * len(header))]
    pairs = list(enumerate(formatters))
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    if bom:
        buffer.write(BOM)
    writer.writerow([escape_text(h) for h in header])
    write = writer.writerow
    for row in rows:
        write([None if row[i] is None else f(row[i]) for i, f in pairs])
        if buffer.tell() >= CHUNK_CHARS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
