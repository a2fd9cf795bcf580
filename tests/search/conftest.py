from __future__ import annotations

import pytest

from claims_app.articles.readers import ArticleInput
from claims_app.articles.services import ingest_article
from claims_app.claims.models import Claim
from claims_app.claims.spans import make_span
from claims_app.search.indexing import reindex_claims


@pytest.fixture
def add_article(db):
    def add(text: str, language: str = "ar", title: str = "t"):
        return ingest_article(db, ArticleInput(text=text, source=f"{title}.txt", title=title, language=language),
                              run_extraction=False).article

    return add


@pytest.fixture
def add_claim(db):
    def add(article, fragment: str, *, kind: str = "quote", speaker=None, status: str = "suggested",
            metric: str | None = None) -> Claim:
        start = article.text.index(fragment)
        span = make_span(article.text, start, start + len(fragment))
        claim = Claim(article=article, kind=kind, start=span.start, end=span.end, exact=span.exact,
                      prefix=span.prefix, suffix=span.suffix, speaker=speaker, status=status, metric=metric,
                      origin="editor:test")
        db.add(claim)
        reindex_claims(db, [claim])   # as every service that writes a claim does
        return claim

    return add
