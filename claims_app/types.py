"""Column types shared by the models."""
from __future__ import annotations

import datetime as dt
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal

from sqlalchemy import DateTime, Numeric
from sqlalchemy.types import TypeDecorator


class Quantity(TypeDecorator):
    """An exact decimal quantity (never a float in Python).

    Stored as NUMERIC(38, 10). Values come back normalised (``Decimal('60000')``, not
    ``Decimal('60000.0000000000')``) so that equality and display do not depend on the engine.
    SQLite keeps the number as an 8-byte float: it is read as that float's shortest decimal form,
    which is the number written whenever it had at most 15 significant digits.

    Reading never raises: a row written before values were checked (``-Infinity``, 40 digits) must
    not take down every page that lists it. A value that is not a finite number reads as None.
    """

    impl = Numeric(38, 10, asdecimal=True)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Numeric(38, 10, asdecimal=False))
        return dialect.type_descriptor(self.impl)

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        if not value.is_finite():
            raise ValueError(f"{value} is not a finite number and cannot be stored as a quantity")
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        value = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
        if not value.is_finite():
            return None
        # normalize() turns 60000 into 6E+4; keep a plain form.
        value = value.normalize(_WIDE)
        return Decimal(int(value)) if value == value.to_integral_value(context=_WIDE) else value


_WIDE = Context(prec=400, Emax=MAX_EMAX, Emin=MIN_EMIN)


class UTCDateTime(TypeDecorator):
    """Timestamps stored naive in UTC, handed back timezone-aware."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=dt.timezone.utc)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def enum_check(column: str, values: tuple[str, ...]) -> str:
    """SQL for a CHECK constraint that keeps a text column inside its enumeration."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"
