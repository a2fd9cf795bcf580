"""Keeping ``claims.search_text`` current: the folded exact text, speaker name and metric.

A session-level ``before_flush`` hook, so that every path that writes claims (ingest, the
review services, the admin shell, the CLI) keeps the column right without remembering to.
Renaming or merging a speaker changes the text of that speaker's claims; those rows are
refreshed with a plain UPDATE so that their optimistic-locking version does not move (an
editor working on such a claim did not change anything about it).
"""
from __future__ import annotations

from sqlalchemy import bindparam, event, inspect, or_, select, update
from sqlalchemy.orm import Session

_CLAIM_FIELDS = ("exact", "metric", "speaker_as_written", "speaker_id", "speaker", "attributed_to_id",
                 "attributed_to")


def claim_search_text(exact: str | None, metric: str | None, *names: str | None) -> str:
    # imported here: the extraction package loads the whole extractor, which commands that only
    # read the database (user list, export) should not pay for at start-up
    from ..extraction.normalize import normalize_for_search

    parts = [exact or "", *(n for n in names if n), metric or ""]
    return normalize_for_search(" ".join(p for p in parts if p))


def _speaker_name(session: Session, claim, relation: str, key: str) -> str | None:
    # A relationship set in this flush wins; otherwise the foreign key, which a service may have
    # set directly while a stale related object is still loaded.
    from ..speakers.models import Speaker

    added = inspect(claim).attrs[relation].history.added
    if added:
        speaker = added[0]
    else:
        speaker_id = getattr(claim, key)
        speaker = session.get(Speaker, speaker_id) if speaker_id is not None else None
    return speaker.name if speaker is not None else None


def _index_claim(session: Session, claim) -> None:
    claim.search_text = claim_search_text(
        claim.exact, claim.metric, claim.speaker_as_written,
        _speaker_name(session, claim, "speaker", "speaker_id"),
        _speaker_name(session, claim, "attributed_to", "attributed_to_id"))


def _changed(obj, fields) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[f].history.has_changes() for f in fields)


def refresh_speaker_claims(session: Session, speaker_ids: set[int]) -> int:
    """Recompute the search text of every claim said by or attributed to these speakers."""
    from ..claims.models import Claim
    from ..speakers.models import Speaker

    if not speaker_ids:
        return 0
    rows = session.execute(
        select(Claim.id, Claim.exact, Claim.metric, Claim.speaker_as_written, Claim.speaker_id,
               Claim.attributed_to_id)
        .where(or_(Claim.speaker_id.in_(speaker_ids), Claim.attributed_to_id.in_(speaker_ids)))).all()
    wanted = {r.speaker_id for r in rows} | {r.attributed_to_id for r in rows}
    names = dict(session.execute(select(Speaker.id, Speaker.name).where(Speaker.id.in_(wanted - {None}))).all())
    params = [{"cid": r.id, "st": claim_search_text(r.exact, r.metric, r.speaker_as_written,
                                                     names.get(r.speaker_id), names.get(r.attributed_to_id))}
              for r in rows]
    if params:
        table = Claim.__table__
        session.execute(update(table).where(table.c.id == bindparam("cid")).values(search_text=bindparam("st")),
                        params)
    return len(params)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context, _instances) -> None:
    from ..claims.models import Claim
    from ..speakers.models import Speaker

    with session.no_autoflush:
        for obj in session.new:
            if isinstance(obj, Claim):
                _index_claim(session, obj)
        renamed = set()
        for obj in session.dirty:
            if isinstance(obj, Claim) and _changed(obj, _CLAIM_FIELDS):
                _index_claim(session, obj)
            elif isinstance(obj, Speaker) and obj.id is not None and _changed(obj, ("name",)):
                renamed.add(obj.id)
        if renamed:
            session.info.setdefault("claims_renamed_speakers", set()).update(renamed)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    # After the flush the new names are in the database, so the refresh reads them from there.
    renamed = session.info.pop("claims_renamed_speakers", None)
    if renamed:
        refresh_speaker_claims(session, renamed)
