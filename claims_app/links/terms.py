"""Each claim's look-up terms in ``claim_terms``: written when a claim is created or edited
(``index_claim_terms``), and for claims that lack the current rules' terms before suggesting."""
from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..claims.models import Claim
from .features import INDEXED, bucket, buckets_between, numeric_features, quote_features, quote_shingles
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


def claim_terms(claim: Claim, text: str) -> set[str]:
    """The look-up terms of ``claim``; ``text`` is its article's text."""
    if claim.kind == "numeric":
        features = numeric_features(text, claim.start, claim.end, claim.metric)
        return features.terms(claim.numeric_kind, value_buckets(claim.value, claim.low, claim.high))
    features = quote_features(claim.exact, claim.speaker_id, claim.speaker_as_written)
    return features.terms() | quote_shingles(claim.exact)


def index_claim_terms(session: Session, claim: Claim) -> set[str]:
    """Rewrite the look-up terms of ``claim``; call after creating or editing a claim."""
    return _index(session, [claim])[claim.id]


def _index(session: Session, claims: list[Claim]) -> dict[int, set[str]]:
    if any(c.id is None for c in claims):
        session.flush()
    terms = {c.id: claim_terms(c, c.article.text) for c in claims}
    conn = session.connection()
    for chunk in chunks(list(terms)):
        conn.execute(delete(TERMS).where(TERMS.c.claim_id.in_(chunk)))
    rows = [{"claim_id": cid, "term": t} for cid, ts in terms.items() for t in sorted(ts)]
    if rows:
        conn.execute(insert(TERMS), rows)
    return terms


def chunks(items: list, size: int = _CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def ensure_terms(session: Session, claims: list[Claim]) -> int:
    """Index those of ``claims`` that have no terms from the current rules; returns how many."""
    conn = session.connection()
    done: set[int] = set()
    for chunk in chunks([c.id for c in claims]):
        done |= set(conn.scalars(select(TERMS.c.claim_id)
                                 .where(TERMS.c.term == INDEXED, TERMS.c.claim_id.in_(chunk))))
    missing = [c for c in claims if c.id not in done]
    if missing:
        _index(session, missing)
    return len(missing)


def index_missing_terms(session: Session, *, batch: int = 2000) -> int:
    """Index every claim that has no terms from the current rules (after an upgrade or a bulk load)."""
    total = 0
    while True:
        indexed = select(ClaimTerm.claim_id).where(ClaimTerm.term == INDEXED)
        claims = list(session.scalars(select(Claim).where(Claim.id.not_in(indexed)).order_by(Claim.id).limit(batch)))
        if not claims:
            return total
        _index(session, claims)
        total += len(claims)
        session.flush()
