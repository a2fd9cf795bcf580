"""Storing extractor candidates as suggested claims, and re-extracting without losing editors' work."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..articles.models import Article
from ..extraction import EXTRACTOR_VERSION, Extraction, extract
from ..history.services import record, snapshot
from ..speakers.services import resolve_speaker
from .models import Claim
from .spans import make_span


def extractor_origin() -> str:
    return f"extractor:{EXTRACTOR_VERSION}"


@dataclass
class StoreResult:
    added: int = 0
    kept: int = 0
    replaced: int = 0


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _untouched_old_suggestion(claim: Claim, origin: str) -> bool:
    """A suggestion from another extractor version that no editor has touched (safe to replace)."""
    return (claim.status == "suggested" and claim.origin.startswith("extractor:") and claim.origin != origin
            and claim.version == 1 and not claim.tags)


def store_candidates(session: Session, article: Article, extraction: Extraction | None = None) -> StoreResult:
    """Add the extractor's candidates for ``article`` as suggested claims.

    Never changes a claim an editor accepted, edited, rejected or verified: a candidate that
    overlaps any existing claim of the same kind is kept out, except that untouched suggestions
    of an older extractor version give way to the current version's candidates.
    """
    extraction = extraction or extract(article.text, article.language)
    origin = extractor_origin()
    result = StoreResult()
    existing = list(session.scalars(select(Claim).where(Claim.article_id == article.id)))
    quotes: list[Claim] = []

    def place(kind: str, start: int, end: int) -> bool:
        for claim in existing:
            if claim.kind != kind or not _overlaps(claim.start, claim.end, start, end):
                continue
            if claim.start == start and claim.end == end or not _untouched_old_suggestion(claim, origin):
                result.kept += 1
                return False
        for claim in [c for c in existing if c.kind == kind and _overlaps(c.start, c.end, start, end)]:
            record(session, entity_type="claim", entity_id=claim.id, action="delete", actor_id=None,
                   before=snapshot(claim), reason=f"replaced by {origin}")
            existing.remove(claim)
            session.delete(claim)
            result.replaced += 1
        return True

    for q in extraction.quotes:
        if not place("quote", q.start, q.end):
            continue
        span = make_span(article.text, q.start, q.end)
        speaker = resolve_speaker(session, q.speaker) if q.speaker else None
        claim = Claim(article=article, kind="quote", start=span.start, end=span.end, exact=span.exact,
                      prefix=span.prefix, suffix=span.suffix, speaker=speaker, speaker_as_written=q.speaker,
                      speaker_start=q.speaker_start, speaker_end=q.speaker_end,
                      attribution_confidence=q.confidence if q.speaker else None, origin=origin)
        session.add(claim)
        quotes.append(claim)
        existing.append(claim)
        result.added += 1
    all_quotes = [c for c in existing if c.kind == "quote"]
    for n in extraction.numeric_claims:
        if not place("numeric", n.start, n.end):
            continue
        span = make_span(article.text, n.start, n.end)
        inside = next((c for c in all_quotes if c.start <= n.start and n.end <= c.end), None)
        claim = Claim(article=article, kind="numeric", start=span.start, end=span.end, exact=span.exact,
                      prefix=span.prefix, suffix=span.suffix, value=n.value, low=n.low, high=n.high,
                      qualifier=n.qualifier, numeric_kind=n.kind, unit=n.unit, period_start=n.period_start,
                      period_end=n.period_end, metric=n.metric, quote=inside,
                      attributed_to=inside.speaker if inside is not None else None, origin=origin)
        session.add(claim)
        existing.append(claim)
        result.added += 1
    session.flush()
    return result
