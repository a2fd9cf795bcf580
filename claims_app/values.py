"""Numbers and ids typed by people: one parser for every form, and the ranges the columns can hold.

Pure functions (no Flask, no WTForms): the form fields, the URL converter and the services share
them, so a value is read and checked the same way wherever it comes in.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

# The written forms a number may take. Data, not code: a new script's digits go in these tables.
# Decimal digits, by the zero of each script accepted (ASCII, Arabic-Indic, Extended Arabic-Indic
# as written in Persian and Urdu). Other characters that pass str.isdigit() (², ①) are not digits.
DIGIT_ZEROS = ("0", "\u0660", "\u06f0")
# Between groups of three digits: comma, Arabic thousands separator, apostrophes, spaces.
GROUP_MARKS = frozenset(",\u066c'\u2019 \u00a0\u2009\u202f")
DECIMAL_MARKS = frozenset(".\u066b")
MINUS_SIGNS = frozenset("-\u2212")
# Direction marks and other invisibles that copying from right-to-left text brings along.
INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                      "\u2066\u2067\u2068\u2069\ufeff\u00ad")

_DIGITS = {chr(ord(zero) + n): str(n) for zero in DIGIT_ZEROS for n in range(10)}

# claims.value/low/high are NUMERIC(38, 10): 28 digits before the point, 10 after. SQLite keeps
# them as 8-byte floats, exact to 15 significant digits; one limit for both engines.
QUANTITY_INTEGER_DIGITS = 28
QUANTITY_PLACES = 10
QUANTITY_SIGNIFICANT_DIGITS = 15
# Every id column is INTEGER: PostgreSQL's int4 is the smaller range of the two engines.
MAX_ID = 2**31 - 1


class NumberError(ValueError):
    """Text that is not a number, or a number a column cannot hold; the message says what to type."""


def parse_number(raw: str) -> Decimal | None:
    """``raw`` as written by a person, as an exact Decimal; None when it is blank.

    Accepts ASCII, Arabic-Indic and Persian digits (one script per number), thousands separators
    between groups of three digits, one decimal mark and a leading minus. Refuses anything else
    (``NaN``, ``Infinity``, ``1e400``, ``²``) with a ``NumberError``.
    """
    text = "".join(c for c in (raw or "") if c not in INVISIBLE).strip()
    if not text:
        return None
    shown = text if len(text) <= 40 else text[:40] + "…"
    sign = ""
    if text[0] in MINUS_SIGNS:
        sign, text = "-", text[1:].lstrip()
    elif text[0] == "+":
        text = text[1:].lstrip()
    whole, point, fraction = _split_decimal(text, shown)
    scripts = {ord(c) - int(_DIGITS[c]) for c in whole + fraction if c in _DIGITS}
    if len(scripts) > 1:
        raise NumberError(f"{shown!r} mixes digits of two scripts; write it in one")
    digits_whole = _ungroup(whole, shown)
    if not all(c in _DIGITS for c in fraction):
        raise NumberError(f"{shown!r} is not a number; write digits with at most one decimal point, e.g. 6000 or 2.5")
    if not digits_whole and not fraction:
        raise NumberError(f"{shown!r} is not a number; write digits, e.g. 6000 or 2.5")
    ascii_digits = "".join(_DIGITS[c] for c in digits_whole) or "0"
    ascii_fraction = "".join(_DIGITS[c] for c in fraction)
    return Decimal(f"{sign}{ascii_digits}{'.' if point else ''}{ascii_fraction}")


def _split_decimal(text: str, shown: str) -> tuple[str, str, str]:
    marks = [i for i, c in enumerate(text) if c in DECIMAL_MARKS]
    if len(marks) > 1:
        raise NumberError(f"{shown!r} has more than one decimal point; write one, e.g. 2.5")
    if not marks:
        return text, "", ""
    at = marks[0]
    return text[:at], text[at], text[at + 1:]


def _ungroup(whole: str, shown: str) -> str:
    """The digits of the part before the decimal mark, thousands separators checked and removed."""
    groups, current, separators = [], [], set()
    for c in whole:
        if c in _DIGITS:
            current.append(c)
        elif c in GROUP_MARKS and current:
            groups.append(current)
            current = []
            separators.add(" " if c.isspace() else c)
        else:
            raise NumberError(f"{shown!r} is not a number; write digits, e.g. 6000 or 2.5")
    if not current and groups:
        raise NumberError(f"{shown!r} ends with a separator; write the digits after it")
    groups.append(current)
    if len(groups) > 1 and (len(separators) > 1 or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        raise NumberError(f"{shown!r}: thousands separators must stand between groups of three digits, "
                          f"e.g. 6,000 or 1,250,000; write the decimal point as '.'")
    return "".join(c for g in groups for c in g)


def check_quantity(value: Decimal | None, name: str = "value") -> Decimal | None:
    """``value`` if the claims' decimal columns can hold it exactly on every engine; else NumberError."""
    if value is None:
        return None
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    if not value.is_finite():
        raise NumberError(f"{name} {value} is not a finite number; write the figure in digits")
    if value.is_zero():
        return Decimal(0)
    _, digits, exponent = value.normalize().as_tuple()
    places = max(0, -exponent)
    integer_digits = max(0, len(digits) + exponent)
    if integer_digits > QUANTITY_INTEGER_DIGITS:
        raise NumberError(f"{name} has {integer_digits} digits before the point; at most "
                          f"{QUANTITY_INTEGER_DIGITS} can be stored")
    if places > QUANTITY_PLACES:
        raise NumberError(f"{name} has {places} decimal places; at most {QUANTITY_PLACES} can be stored")
    if len(digits) > QUANTITY_SIGNIFICANT_DIGITS:
        raise NumberError(f"{name} has {len(digits)} significant digits; at most "
                          f"{QUANTITY_SIGNIFICANT_DIGITS} are kept exactly, so round it")
    return value


def parse_quantity(raw: str, name: str = "value") -> Decimal | None:
    return check_quantity(parse_number(raw), name)


def parse_int(raw: str, *, low: int, high: int, name: str = "number") -> int | None:
    """A whole number typed by a person (any accepted script), between ``low`` and ``high``."""
    value = parse_number(raw)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise NumberError(f"{name} must be a whole number")
    if not low <= value <= high:
        raise NumberError(f"{name} must be between {low} and {high}")
    return int(value)


def parse_id(raw: str | None) -> int | None:
    """An id from a URL or a form (ASCII digits only), or None when it cannot name any row."""
    if raw is None or not 0 < len(raw) <= 10 or not all("0" <= c <= "9" for c in raw):
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None
