"""Column types shared by the models."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import DateTime, Numeric
from sqlalchemy.types import TypeDecorator


class Quantity(TypeDecorator):
    """An exact decimal quantity (never a float in Python).

    Stored as NUMERIC(38, 10). Values come back normalised (``Decimal('60000')``, not
    ``Decimal('60000.0000000000')``) so that equality and display do not depend on the engine.
    """

    impl = Numeric(38, 10, asdecimal=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        value = Decimal(str(value)).normalize()
        # normalize() turns 60000 into 6E+4; keep a plain form
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


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
