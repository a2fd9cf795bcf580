"""Articles: storing one article (through the ingest pipeline) and listing them."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Article, Outlet
from .readers import ArticleInput


@dataclass
class IngestResult:
    article: Article
    created: bool
    claims_added: int = 0
    warnings: list[str] | None = None
    links_suggested: int = 0


def text_sha256(text: str) -> str:
    from ..ingest.prepare import text_sha256 as digest

    return digest(text)


def get_or_create_outlet(session: Session, name: str) -> Outlet:
    outlet = session.scalar(select(Outlet).where(Outlet.name == name))
    if outlet is None:
        outlet = Outlet(name=name)
        session.add(outlet)
        session.flush()
    return outlet


def ingest_article(session: Session, item: ArticleInput, *, run_extraction: bool = True) -> IngestResult:
    """Store one article unless the same text is there already (by sha256), then its candidates.

    The same path as ``manage.py ingest`` (``claims_app.ingest``), for one article in the
    caller's transaction.
    """
    from ..ingest.prepare import prepare_article
    from ..ingest.speakers import SpeakerCache
    from ..ingest.store import Outlets, store_prepared

    session.flush()
    outcome = store_prepared(session, prepare_article(item, run_extraction=run_extraction),
                             speakers=SpeakerCache(), outlets=Outlets(), suggest_links=run_extraction)
    article = session.get(Article, outcome.article_id)
    return IngestResult(article, created=outcome.created, claims_added=outcome.claims_added,
                        warnings=outcome.warnings, links_suggested=outcome.links_suggested)


def list_articles(session: Session, *, limit: int = 200):
    """Articles with their outlet and number of claims, newest first."""
    from ..claims.models import Claim

    counts = (select(Claim.article_id, func.count().label("n")).where(Claim.status != "rejected")
              .group_by(Claim.article_id).subquery())
    stmt = (select(Article, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.article_id == Article.id)
            .order_by(Article.published.desc().nulls_last(), Article.id.desc()).limit(limit))
    return session.execute(stmt).all()
