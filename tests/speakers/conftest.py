"""Speakers and claims made directly, so that each test controls exactly who said what."""
from __future__ import annotations

import pytest

from claims_app.articles.readers import ArticleInput
from claims_app.articles.services import ingest_article
from claims_app.claims.models import Claim
from claims_app.claims.spans import make_span
from claims_app.speakers.models import Speaker
from claims_app.speakers.services import add_alias
from claims_app.search.indexing import reindex_claims


@pytest.fixture
def make_speaker(db):
    def make(name: str, *aliases: str, kind: str = "person") -> Speaker:
        speaker = Speaker(name=name, kind=kind)
        db.add(speaker)
        for alias in (name, *aliases):
            add_alias(db, speaker, alias)
        db.flush()
        return speaker

    return make


@pytest.fixture
def article(db):
    text = ('قال الوزير: «سنوقّع عشر اتفاقيات هذا العام». وأضاف أن الصادرات ارتفعت بنسبة 50%. '
            'Later the minister said "trade grew by half".')
    return ingest_article(db, ArticleInput(text=text, source="test.txt", title="Test article", language="ar"),
                          run_extraction=False).article


@pytest.fixture
def make_claim(db, article):
    def make(fragment: str, *, speaker=None, attributed_to=None, kind: str = "quote") -> Claim:
        start = article.text.index(fragment)
        span = make_span(article.text, start, start + len(fragment))
        claim = Claim(article=article, kind=kind, start=span.start, end=span.end, exact=span.exact,
                      prefix=span.prefix, suffix=span.suffix, speaker=speaker, attributed_to=attributed_to,
                      origin="editor:test")
        db.add(claim)
        reindex_claims(db, [claim])   # as every service that writes a claim does
        return claim

    return make
