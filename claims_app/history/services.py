"""Recording changes. Every service that changes editorial data calls ``record``."""
from __future__ import annotations

import datetime as dt
import logging
import uuid
from decimal import Decimal

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from .models import HistoryEntry

log = logging.getLogger("claims_app.writes")

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
    log.info("%s %s %s by user %s", action, entity_type, entity_id, actor_id,
             extra={"action": action, "entity": entity_type, "entity_id": entity_id, "user_id": actor_id,
                    "reason": reason})
    return entry


# --- reverting ------------------------------------------------------------------------------------

def _restore_value(column, value):
    """A snapshot value (JSON) back to what the column holds."""
    from sqlalchemy import Date

    from ..types import Quantity, UTCDateTime

    if value is None:
        return None
    if isinstance(column.type, Quantity):
        return Decimal(value)
    if isinstance(column.type, UTCDateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    return value


def _assign(obj, values: dict, keys) -> None:
    columns = {attr.key: attr.columns[0] for attr in inspect(obj).mapper.column_attrs}
    for key in keys:
        setattr(obj, key, _restore_value(columns[key], values.get(key)))


def _rebuild(cls, values: dict):
    columns = {attr.key: attr.columns[0] for attr in inspect(cls).column_attrs}
    return cls(**{k: _restore_value(columns[k], v) for k, v in values.items() if k in columns})


def _stale_keys(obj, expected: dict, keys) -> list[str]:
    current = snapshot(obj)
    return [k for k in keys if current.get(k) != expected.get(k)]


def _conflict(obj, entry: HistoryEntry, stale: list[str]):
    from ..errors import ClaimConflict

    return ClaimConflict(
        f"{entry.entity_type} {entry.entity_id} changed after history entry {entry.id} "
        f"({', '.join(stale)}); revert the later changes first", current=snapshot(obj),
        attempted={k: (entry.before or {}).get(k) for k in stale})


def _revert_fields(session: Session, entry: HistoryEntry, obj):
    before, after = entry.before or {}, entry.after or {}
    keys = [k for k in before if before.get(k) != after.get(k)]
    stale = _stale_keys(obj, after, keys)
    if stale:
        raise _conflict(obj, entry, stale)
    old = snapshot(obj)
    _assign(obj, before, keys)
    session.flush()
    return old, snapshot(obj)


def _revert_create(session: Session, entry: HistoryEntry, obj):
    after = entry.after or {}
    stale = _stale_keys(obj, after, [k for k in after if k not in ("reviewed_at", "decided_at")])
    if stale:
        raise _conflict(obj, entry, stale)
    old = snapshot(obj)
    session.delete(obj)
    session.flush()
    return old, None


def _reindex(session: Session, claim) -> None:
    from ..search.indexing import reindex_claims   # search depends on claims, not the reverse

    reindex_claims(session, [claim])


def _revert_delete(session: Session, entry: HistoryEntry, cls):
    if session.get(cls, entry.entity_id) is not None:
        from ..errors import DomainError

        raise DomainError(f"{entry.entity_type} {entry.entity_id} exists again; nothing to restore")
    obj = _rebuild(cls, entry.before or {})
    session.add(obj)
    session.flush()
    return None, snapshot(obj)


def _revert_tagging(session: Session, entry: HistoryEntry, claim):
    from ..claims.models import Tag
    from ..errors import DomainError

    data = entry.after if entry.action == "tag" else entry.before
    tag = session.get(Tag, (data or {}).get("tag_id"))
    if entry.action == "tag":
        if tag is None or tag not in claim.tags:
            raise DomainError(f"claim {claim.id} no longer has that tag; nothing to revert")
        claim.tags.remove(tag)
    else:
        if tag is None:
            raise DomainError(f"tag {(data or {}).get('tag')!r} no longer exists; create it again first")
        if tag not in claim.tags:
            claim.tags.append(tag)
    session.flush()
    return ({"tag_id": tag.id, "tag": tag.name} if entry.action == "tag" else None,
            {"tag_id": tag.id, "tag": tag.name} if entry.action == "untag" else None)


def revert_entry(session: Session, entry_id: int, *, actor, reason: str | None = None) -> HistoryEntry:
    """Undo one recorded change to a claim, tag or link, if nothing changed it since.

    The undo is itself recorded (action ``revert``) and the original entry points at it, so an
    entry is reverted once. Speaker merges are undone by the speakers' own unmerge.
    """
    from ..claims.models import Claim, Tag
    from ..errors import DomainError, NotFound
    from ..links.models import ClaimLink

    entry = session.get(HistoryEntry, entry_id)
    if entry is None:
        raise NotFound(f"history entry {entry_id} does not exist")
    if entry.reverted_by_id is not None:
        raise DomainError(f"history entry {entry_id} was reverted already (by entry {entry.reverted_by_id})")
    if entry.action == "revert":
        raise DomainError("a revert cannot itself be reverted; make the change again instead")
    classes = {"claim": Claim, "tag": Tag, "link": ClaimLink}
    cls = classes.get(entry.entity_type)
    if cls is None:
        raise DomainError(f"{entry.entity_type} changes are undone on their own page, not here")
    if entry.action in ("delete", "unlink"):
        before, after = _revert_delete(session, entry, cls)
        if entry.entity_type == "claim":
            _reindex(session, session.get(cls, entry.entity_id))   # restored: searchable and linkable again
    else:
        obj = session.get(cls, entry.entity_id)
        if obj is None:
            raise DomainError(f"{entry.entity_type} {entry.entity_id} no longer exists; nothing to revert")
        if entry.action in ("tag", "untag") and entry.entity_type == "claim":
            before, after = _revert_tagging(session, entry, obj)
        elif entry.action in ("create", "link"):
            if entry.entity_type == "tag" and obj.claims:
                raise DomainError(f"tag {obj.name!r} is on {len(obj.claims)} claims; remove it from them first")
            before, after = _revert_create(session, entry, obj)
        else:
            before, after = _revert_fields(session, entry, obj)
            if entry.entity_type == "claim":
                _reindex(session, obj)   # search text and look-up terms follow the fields back
    undo = record(session, entity_type=entry.entity_type, entity_id=entry.entity_id, action="revert",
                  actor_id=getattr(actor, "id", None), before=before, after=after,
                  reason=reason or f"revert of history entry {entry.id} ({entry.action})",
                  change_group=entry.change_group)
    session.flush()
    entry.reverted_by_id = undo.id
    session.flush()
    return undo


# The entries that can remove a link row: an unlink, or the revert of the entry that made it.
LINK_REMOVALS = ("unlink", "revert")


def history_for_claim(session: Session, claim_id: int) -> list[HistoryEntry]:
    """The claim's own entries and those of links that touch it (removed links too), oldest first.

    Every link entry holds the link's whole row, so the links of a claim are found by id, each
    step an indexed look-up, never by reading every link entry's JSON (ingest writes one per
    suggested link): the links the claim has now (``claim_links`` by source, by target); the
    links that are gone, from the few entries that removed them (``ix_history_entity_type_action``);
    then the entries of those links (``ix_history_entity``), keeping those whose row touches the
    claim (SQLite may give a removed link's id to a new link). A link that left no entry when it
    went (deleted with the other claim, when re-extraction replaced an untouched suggestion) is
    not listed.
    """
    from sqlalchemy import and_, or_, select

    from ..links.models import ClaimLink

    present = select(ClaimLink.id).where(or_(ClaimLink.source_id == claim_id, ClaimLink.target_id == claim_id))
    removed = select(HistoryEntry.entity_id).where(
        HistoryEntry.entity_type == "link", HistoryEntry.action.in_(LINK_REMOVALS),
        or_(*(HistoryEntry.before[key].as_integer() == claim_id for key in ("source_id", "target_id"))))
    link_ids = sorted(set(session.scalars(present)) | set(session.scalars(removed)))
    own = and_(HistoryEntry.entity_type == "claim", HistoryEntry.entity_id == claim_id)
    stmt = select(HistoryEntry).where(
        or_(own, and_(HistoryEntry.entity_type == "link", HistoryEntry.entity_id.in_(link_ids))) if link_ids else own)
    return [e for e in session.scalars(stmt.order_by(HistoryEntry.id))
            if e.entity_type == "claim" or _touches(e, claim_id)]


def _touches(link_entry: HistoryEntry, claim_id: int) -> bool:
    return any((row or {}).get(key) == claim_id for row in (link_entry.before, link_entry.after)
               for key in ("source_id", "target_id"))


def entry_changes(entry: HistoryEntry, *, hide=("reviewed_at", "decided_at", "created_at")) -> list[tuple]:
    """``(field, before, after)`` for each field the entry changed, for display."""
    before, after = entry.before or {}, entry.after or {}
    keys = list(dict.fromkeys([*before, *after]))
    return [(k, before.get(k), after.get(k)) for k in keys if k not in hide and before.get(k) != after.get(k)]


def revert_group(session: Session, change_group: str, *, actor) -> list[HistoryEntry]:
    """Undo every change of one action (a bulk accept, say), newest first; all or nothing."""
    from sqlalchemy import select

    from ..errors import DomainError

    entries = list(session.scalars(select(HistoryEntry).where(
        HistoryEntry.change_group == change_group, HistoryEntry.reverted_by_id.is_(None),
        HistoryEntry.action != "revert").order_by(HistoryEntry.id.desc())))
    if not entries:
        raise DomainError("nothing left to revert in this change group")
    # A savepoint: if one entry cannot be reverted, the ones already undone come back too.
    with session.begin_nested():
        return [revert_entry(session, e.id, actor=actor, reason=f"revert of change group {change_group}")
                for e in entries]
