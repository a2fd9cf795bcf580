"""Building articles and claims by hand, so that link tests do not depend on the extractor."""
from __future__ import annotations

import hashlib
from decimal import Decimal

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.claims.spans import make_span


def article(db, text: str, *, language: str = "en", source: str | None = None, published=None) -> Article:
    row = Article(sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, char_count=len(text),
                  title=text[:40], language=language, source=source or f"test/{hashlib.md5(text.encode()).hexdigest()}.txt",
                  published=published)
    db.add(row)
    db.flush()
    return row


def numeric(db, art: Article, exact: str, value, *, kind: str = "percent", qualifier: str = "exact", low=None,
            high=None, unit=None, period=(None, None), metric=None, occurrence: int = 0) -> Claim:
    start = -1
    for _ in range(occurrence + 1):
        start = art.text.index(exact, start + 1)
    span = make_span(art.text, start, start + len(exact))
    claim = Claim(article=art, kind="numeric", start=span.start, end=span.end, exact=span.exact, prefix=span.prefix,
                  suffix=span.suffix, value=Decimal(value) if value is not None else None,
                  low=Decimal(low) if low else None, high=Decimal(high) if high else None, qualifier=qualifier,
                  numeric_kind=kind, unit=unit, period_start=period[0], period_end=period[1], metric=metric,
                  origin="editor:test")
    db.add(claim)
    db.flush()
    return claim


def quote(db, art: Article, exact: str, speaker: str | None) -> Claim:
    from claims_app.speakers.services import resolve_speaker

    start = art.text.index(exact)
    span = make_span(art.text, start, start + len(exact))
    claim = Claim(article=art, kind="quote", start=span.start, end=span.end, exact=span.exact, prefix=span.prefix,
                  suffix=span.suffix, speaker=resolve_speaker(db, speaker) if speaker else None,
                  speaker_as_written=speaker, origin="editor:test")
    db.add(claim)
    db.flush()
    return claim
