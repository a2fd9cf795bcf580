"""Storing extractor candidates as suggested claims, and re-extracting without losing editors' work."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..articles.models import Article
from ..extraction import EXTRACTOR_VERSION, Extraction, extract
from ..history.services import record, snapshot
from ..search.indexing import reindex_claims
from ..speakers.services import resolve_speaker
from .models import Claim
from .placement import IntervalIndex, Placer
from .spans import make_span


def extractor_origin() -> str:
    return f"extractor:{EXTRACTOR_VERSION}"


@dataclass
class StoreResult:
    added: int = 0
    kept: int = 0
    replaced: int = 0


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

    def span(claim: Claim) -> tuple[int, int]:
        return claim.start, claim.end

    def placer(kind: str) -> Placer:
        return Placer([c for c in existing if c.kind == kind], span,
                      lambda claim: _untouched_old_suggestion(claim, origin))

    def replace(old: list[Claim]) -> None:
        for claim in old:
            record(session, entity_type="claim", entity_id=claim.id, action="delete", actor_id=None,
                   before=snapshot(claim), reason=f"replaced by {origin}")
            session.delete(claim)
            result.replaced += 1

    quote_placer = placer("quote")
    speakers: dict[str, object] = {}
    new_quotes: list[Claim] = []
    for q in sorted(extraction.quotes, key=lambda c: (c.start, c.end)):
        allowed, old = quote_placer.place(q.start, q.end)
        if not allowed:
            continue
        replace(old)
        span_ = make_span(article.text, q.start, q.end)
        speaker = None
        if q.speaker:
            speaker = speakers.get(q.speaker) or resolve_speaker(session, q.speaker)
            speakers[q.speaker] = speaker
        claim = Claim(article=article, kind="quote", start=span_.start, end=span_.end, exact=span_.exact,
                      prefix=span_.prefix, suffix=span_.suffix, speaker=speaker, speaker_as_written=q.speaker,
                      speaker_start=q.speaker_start, speaker_end=q.speaker_end,
                      attribution_confidence=q.confidence if q.speaker else None,
                      attribution_rule=q.speaker_rule if q.speaker else None, origin=origin)
        session.add(claim)
        new_quotes.append(claim)
        result.added += 1
    removed = {id(c) for i, c in enumerate(quote_placer.index.items) if i in quote_placer.index.removed}
    quotes = IntervalIndex([c for c in existing if c.kind == "quote" and id(c) not in removed] + new_quotes, span)
    number_placer = placer("numeric")
    new_numbers: list[Claim] = []
    for n in sorted(extraction.numeric_claims, key=lambda c: (c.start, c.end)):
        allowed, old = number_placer.place(n.start, n.end)
        if not allowed:
            continue
        replace(old)
        span_ = make_span(article.text, n.start, n.end)
        inside = quotes.innermost_containing(n.start, n.end)
        claim = Claim(article=article, kind="numeric", start=span_.start, end=span_.end, exact=span_.exact,
                      prefix=span_.prefix, suffix=span_.suffix, value=n.value, low=n.low, high=n.high,
                      qualifier=n.qualifier, numeric_kind=n.kind, unit=n.unit, period_start=n.period_start,
                      period_end=n.period_end, metric=n.metric, quote=inside,
                      attributed_to=inside.speaker if inside is not None else None, origin=origin)
        session.add(claim)
        new_numbers.append(claim)
        result.added += 1
    result.kept = quote_placer.kept + number_placer.kept
    session.flush()
    reindex_claims(session, new_quotes + new_numbers)   # searchable and linkable at once
    return result
