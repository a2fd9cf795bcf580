"""An article and claims made directly, so that each test controls exactly what is there."""
from __future__ import annotations

from decimal import Decimal

import pytest

from claims_app.articles.readers import ArticleInput
from claims_app.articles.services import ingest_article
from claims_app.claims.models import Claim
from claims_app.claims.spans import make_span
from claims_app.search.indexing import reindex_claims

TEXT = ("The minister said \"trade grew by 50 percent in 2025\".\n"
        "\n"
        "Exports reached more than 360 million dollars 🌟 last year, and 12 new firms opened.\n"
        "Imports fell to 40 million dollars.")


@pytest.fixture
def article(db):
    return ingest_article(db, ArticleInput(text=TEXT, source="test.txt", title="Trade article", language="en",
                                           outlet="Test Outlet"), run_extraction=False).article


@pytest.fixture
def make_claim(db, article):
    def make(fragment: str, *, kind: str = "numeric", status: str = "suggested", on=None, **fields) -> Claim:
        target = on or article
        start = target.text.index(fragment)
        span = make_span(target.text, start, start + len(fragment))
        if kind == "numeric":
            fields.setdefault("value", Decimal("1"))
            fields.setdefault("numeric_kind", "count")
        claim = Claim(article=target, kind=kind, start=span.start, end=span.end, exact=span.exact,
                      prefix=span.prefix, suffix=span.suffix, status=status, origin="extractor:test", **fields)
        db.add(claim)
        reindex_claims(db, [claim])   # as every service that writes a claim does
        return claim

    return make


@pytest.fixture
def editor(make_user):
    return make_user("ed", "editor")
