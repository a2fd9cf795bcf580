"""Derived data of claims, kept current by one explicit function: ``reindex_claims``.

Two things are derived from a claim's fields: its folded search text (exact text, speaker
names, metric) and its link look-up terms (``links.terms.claim_terms``). Every path that writes
a claim's text, metric or speakers calls ``reindex_claims`` after the write: ingest, the editor's
create and edit, a history revert, a speaker rename, merge or unmerge, re-extraction. There is
no flush hook: what is not reindexed explicitly is stale, and a test of each path says so.

The search text is written with a plain UPDATE, so that a claim's optimistic-locking version
does not move (an editor working on a claim whose speaker was renamed changed nothing about it).
"""
from __future__ import annotations

from typing import Iterable

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ..bulk import copy_rows

_CHUNK = 500
# What claim_terms and claim_search_text read of a claim.
_FIELDS = ("id", "article_id", "kind", "start", "end", "exact", "metric", "numeric_kind", "value", "low", "high",
           "speaker_id", "speaker_as_written", "attributed_to_id", "version")


def claim_search_text(exact: str | None, metric: str | None, *names: str | None) -> str:
    # imported here: the extraction package loads the whole extractor, which commands that only
    # read the database (user list, export) should not pay for at start-up
    from ..extraction.normalize import normalize_for_search

    parts = [exact or "", *(n for n in names if n), metric or ""]
    return normalize_for_search(" ".join(p for p in parts if p))


def _chunks(items: list):
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def _is_mapped(obj) -> bool:
    return hasattr(obj, "_sa_instance_state")


def reindex_claims(session: Session, claims: Iterable, *, texts: dict[int, str] | None = None,
                   names: dict[int, str] | None = None, search: bool = True, new: bool = False
                   ) -> dict[int, set[str]]:
    """Rewrite the search text and link look-up terms of ``claims``; returns each one's terms.

    ``claims`` are claim ids, Claim objects (flushed here if new or changed) or any objects with
    the fields of ``_FIELDS`` (and, optionally, ``terms`` already made from the same fields).
    ``texts`` (article id -> text) and ``names`` (speaker id -> name) are read from the database
    when not given. With ``search=False`` only the terms are rewritten (an insert that carried
    the search text already); ``new`` says the claims were inserted in this transaction, so there
    are no terms to delete.
    """
    from ..claims.models import Claim
    from ..links.terms import TERMS, claim_terms

    claims = list(claims)
    if not claims:
        return {}
    mapped = [c for c in claims if _is_mapped(c)]
    if mapped:
        dirty = session.dirty   # built afresh on each access: once, not once per claim
        if any(c.id is None or c in dirty for c in mapped):
            session.flush()   # ids and versions as stored
    ids = [c for c in claims if isinstance(c, int)]
    rows = [c for c in claims if not isinstance(c, int)]
    conn = session.connection()
    if ids:
        table = Claim.__table__
        columns = [table.c[f] for f in _FIELDS]
        for chunk in _chunks(ids):
            rows.extend(conn.execute(select(*columns).where(table.c.id.in_(chunk))))
    if texts is None:
        texts = _texts(session, {r.article_id for r in rows})
    if search:
        if names is None:
            names = _names(session, {r.speaker_id for r in rows} | {r.attributed_to_id for r in rows})
        params = [{"cid": r.id, "st": claim_search_text(r.exact, r.metric, r.speaker_as_written,
                                                        names.get(r.speaker_id), names.get(r.attributed_to_id))}
                  for r in rows]
        table = Claim.__table__
        conn.execute(update(table).where(table.c.id == bindparam("cid")).values(search_text=bindparam("st")),
                     params)
        for r, p in zip(rows, params):
            if _is_mapped(r):   # the object in the session shows what the row holds now
                set_committed_value(r, "search_text", p["st"])
    if not new:
        for chunk in _chunks([r.id for r in rows]):
            conn.execute(delete(TERMS).where(TERMS.c.claim_id.in_(chunk)))
    terms = {r.id: (getattr(r, "terms", None)
                    or claim_terms(r, texts[r.article_id], text_terms=getattr(r, "text_terms", None))) for r in rows}
    copy_rows(conn, TERMS, ("claim_id", "term"), [(cid, t) for cid, ts in terms.items() for t in sorted(ts)])
    return terms


def reindex_speaker_claims(session: Session, speaker_ids: set[int]) -> int:
    """Reindex every claim said by or attributed to these speakers (after a rename); how many."""
    from ..claims.models import Claim

    speaker_ids = {s for s in speaker_ids if s is not None}
    if not speaker_ids:
        return 0
    session.flush()
    ids = list(session.scalars(select(Claim.id).where(or_(Claim.speaker_id.in_(speaker_ids),
                                                          Claim.attributed_to_id.in_(speaker_ids)))))
    reindex_claims(session, ids)
    return len(ids)


def _texts(session: Session, article_ids: set[int]) -> dict[int, str]:
    from ..articles.models import Article

    out: dict[int, str] = {}
    for chunk in _chunks(sorted(article_ids)):
        out.update(session.connection().execute(select(Article.id, Article.text).where(Article.id.in_(chunk))).all())
    return out


def _names(session: Session, speaker_ids: set) -> dict[int, str]:
    from ..speakers.models import Speaker

    out: dict[int, str] = {}
    for chunk in _chunks(sorted(s for s in speaker_ids if s is not None)):
        out.update(session.connection().execute(select(Speaker.id, Speaker.name).where(Speaker.id.in_(chunk))).all())
    return out
