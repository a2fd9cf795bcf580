"""Recording changes. Every service that changes editorial data calls ``record``."""
from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from .models import HistoryEntry

# Columns that change on every write and say nothing an editor wants to see or revert.
_SKIP = {"version", "updated_at", "search_text"}


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


def snapshot(obj) -> dict:
    """The column values of a mapped object, as JSON-safe data (decimals as strings)."""
    mapper = inspect(obj).mapper
    return {attr.key: _plain(getattr(obj, attr.key)) for attr in mapper.column_attrs if attr.key not in _SKIP}


def new_change_group() -> str:
    return str(uuid.uuid4())


def record(session: Session, *, entity_type: str, entity_id: int, action: str, actor_id: int | None,
           before: dict | None = None, after: dict | None = None, reason: str | None = None,
           change_group: str | None = None) -> HistoryEntry:
    entry = HistoryEntry(entity_type=entity_type, entity_id=entity_id, action=action, actor_id=actor_id,
                         before=before, after=after, reason=reason, change_group=change_group)
    session.add(entry)
    return entry
