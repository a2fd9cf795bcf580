"""Ingest: articles into the database, once each, with their candidates."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..extraction import extract
from ..extraction.language import detect_language
from ..extraction.normalize import normalize_for_search
from .models import Article, Outlet
from .readers import ArticleInput, guess_title


@dataclass
class IngestResult:
    article: Article
    created: bool
    claims_added: int = 0
    links_suggested: int = 0


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def get_or_create_outlet(session: Session, name: str) -> Outlet:
    outlet = session.scalar(select(Outlet).where(Outlet.name == name))
    if outlet is None:
        outlet = Outlet(name=name)
        session.add(outlet)
        session.flush()
    return outlet


def ingest_article(session: Session, item: ArticleInput, *, run_extraction: bool = True) -> IngestResult:
    """Store one article unless the same text is there already (by sha256), then its candidates."""
    from ..claims.candidates import store_candidates  # claims depends on articles, not the reverse
    from ..links.suggest import suggest_links_for_article

    digest = text_sha256(item.text)
    existing = session.scalar(select(Article).where(Article.sha256 == digest))
    if existing is not None:
        return IngestResult(existing, created=False)
    language = item.language or detect_language(item.text)
    article = Article(
        sha256=digest, text=item.text, search_text=normalize_for_search(item.text), char_count=len(item.text),
        title=item.title or guess_title(item.text, fallback=item.source.rsplit("/", 1)[-1]),
        language=language, url=item.url, published=item.published, source=item.source,
        outlet=get_or_create_outlet(session, item.outlet) if item.outlet else None,
    )
    session.add(article)
    session.flush()
    added = suggested = 0
    if run_extraction:
        added = store_candidates(session, article, extract(item.text, language)).added
        suggested = suggest_links_for_article(session, article).suggested
    return IngestResult(article, created=True, claims_added=added, links_suggested=suggested)


def list_articles(session: Session, *, limit: int = 200):
    """Articles with their outlet and number of claims, newest first."""
    from ..claims.models import Claim

    counts = (select(Claim.article_id, func.count().label("n")).where(Claim.status != "rejected")
              .group_by(Claim.article_id).subquery())
    stmt = (select(Article, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.article_id == Article.id)
            .order_by(Article.published.desc().nulls_last(), Article.id.desc()).limit(limit))
    return session.execute(stmt).all()
