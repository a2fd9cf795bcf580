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


def cell(value, *, escape: bool = True) -> str:
    """Any database value as CSV cell text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_text(value) if escape else value
    if isinstance(value, (int, float, Decimal)):
        return format_number(value)
    if isinstance(value, dt.datetime):
        return format_timestamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    text = str(value)
    return escape_text(text) if escape else text


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence], *, bom: bool = False,
               escape: bool = True) -> Iterator[str]:
    """CSV text in chunks of about 64 KB; ``rows`` may be any iterable, read once, lazily."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    if bom:
        buffer.write(BOM)
    writer.writerow([escape_text(h) if escape else h for h in header])
    for row in rows:
        writer.writerow([cell(v, escape=escape) for v in row])
        if buffer.tell() >= CHUNK_CHARS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_rows(writer, rows: Iterable[Sequence], escape: bool = True) -> None:
    writer.writerows([cell(v, escape=escape) for v in row] for row in rows)
