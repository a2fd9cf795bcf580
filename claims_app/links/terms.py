"""Each claim's look-up terms in ``claim_terms``: what they are (``claim_terms``), and finding
claims that lack the current rules' terms. They are written by ``search.indexing.reindex_claims``,
called from every path that writes a claim."""
from __future__ import annotations

import re

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..claims.models import Claim
from .features import (INDEXED, bucket, buckets_between, concept_shingles, in_points, numeric_features,
                       quote_features, quote_shingles)
from .models import ClaimTerm

_CHUNK = 500
# The hot queries run on the session's connection as plain Core: the ORM adds nothing to id lists.
TERMS = ClaimTerm.__table__


def value_buckets(value, low, high) -> set[str]:
    if value is not None:
        return {bucket(float(value))}
    if low is not None and high is not None:
        return buckets_between(float(low), float(high), limit=8) or {bucket((float(low) + float(high)) / 2)}
    return set()


def quote_text_terms(exact: str) -> set[str]:
    """The terms of a quote that depend on its words alone (ingest makes them in its worker
    processes; the rest depend on the speaker's id)."""
    return quote_shingles(exact) | concept_shingles(exact)


def claim_terms(claim: Claim, text: str, *, text_terms: set[str] | None = None) -> set[str]:
    """The look-up terms of ``claim``; ``text`` is its article's text. ``text_terms``: a quote's
    ``quote_terms``, when made already.

    ``u:<version>`` records the claim version they were made from: a claim edited since (its
    version moved on) is indexed again before it is compared, whoever edited it.
    """
    if claim.kind == "numeric":
        if is_fragment(text, claim.start, claim.end):
            return {INDEXED, f"u:{claim.version}"}   # never looked up, never proposed
        features = numeric_features(text, claim.start, claim.end, claim.metric)
        if claim.numeric_kind == "percent" and "voters" in features.topics:
            features.topics = (features.topics - {"voters"}) | {"votes"}   # a share of voters is one of votes
        kind, value, low, high = in_points(claim.numeric_kind, claim.value, claim.low, claim.high, features.scale,
                                           text[claim.start:claim.end])
        terms = features.terms(kind, value_buckets(value, low, high))
    else:
        terms = (text_terms if text_terms is not None
                 else quote_terms(claim.exact, claim.speaker_as_written, text, claim.start, claim.end))
        terms = terms | speaker_id_terms(claim.speaker_id)
    return terms | {f"u:{claim.version}"}


def quote_terms(exact: str, speaker_as_written: str | None, text: str, start: int, end: int) -> set[str]:
    """A quote's terms but the one of its speaker row (``speaker_id_terms``): they depend on the
    article's text and the quote alone, so ingest makes them in its worker processes."""
    features = quote_features(exact, None, speaker_as_written, text, start, end)
    return features.terms() | quote_text_terms(exact)


def speaker_id_terms(speaker_id: int | None) -> set[str]:
    """The term that files a quote under its speaker row (``features.speaker_keys``)."""
    return set() if speaker_id is None else {f"s:#{speaker_id}"}


_CUT_BEFORE = re.compile(r"\d[,.]$|\d[ \u00a0\u202f]$")
_CUT_AFTER = re.compile(r"^[,.]\d")
_THREE_DIGITS = re.compile(r"^\d{3}(?!\d)")


def is_fragment(text: str, start: int, end: int) -> bool:
    """A figure that is a piece of a longer number ("86 %" of "47,86 %", "47" of "47,86", "832" of
    "1 832"): the number was cut where a decimal comma or a thousands space is; it would link to
    figures it does not state."""
    before, after, exact = text[max(0, start - 2):start], text[end:end + 2], text[start:end]
    if _CUT_AFTER.match(after) or re.search(r"\d[,.]$", before):
        return True
    return bool(re.search(r"\d[ \u00a0\u202f]$", before) and _THREE_DIGITS.match(exact))


def is_current(terms: set[str], version: int) -> bool:
    return INDEXED in terms and f"u:{version}" in terms


def index_claim_terms(session: Session, claim: Claim) -> set[str]:
    """Reindex ``claim`` (``search.indexing.reindex_claims``); its look-up terms."""
    return index_claims(session, [claim])[claim.id]


def index_claims(session: Session, claims: list[Claim]) -> dict[int, set[str]]:
    """Reindex ``claims`` through the one re-index function; their look-up terms by id."""
    from ..search.indexing import reindex_claims   # the one writer of claim_terms

    return reindex_claims(session, claims)


def chunks(items: list, size: int = _CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def ensure_terms(session: Session, claims: list[Claim]) -> int:
    """Index those of ``claims`` whose terms are missing, from older rules or an older version of
    the claim; returns how many."""
    conn = session.connection()
    stored: dict[int, set[str]] = {}
    for chunk in chunks([c.id for c in claims]):
        stmt = select(TERMS.c.claim_id, TERMS.c.term).where(
            TERMS.c.claim_id.in_(chunk), or_(TERMS.c.term == INDEXED, TERMS.c.term.startswith("u:")))
        for cid, term in conn.execute(stmt):
            stored.setdefault(cid, set()).add(term)
    stale = [c for c in claims if not is_current(stored.get(c.id, set()), c.version)]
    if stale:
        index_claims(session, stale)
    return len(stale)


def index_missing_terms(session: Session, *, batch: int = 2000) -> int:
    """Index every claim that has no terms from the current rules (after an upgrade or a bulk load)."""
    total = 0
    while True:
        indexed = select(ClaimTerm.claim_id).where(ClaimTerm.term == INDEXED)
        claims = list(session.scalars(select(Claim).where(Claim.id.not_in(indexed)).order_by(Claim.id).limit(batch)))
        if not claims:
            return total
        index_claims(session, claims)
        total += len(claims)
        session.flush()
