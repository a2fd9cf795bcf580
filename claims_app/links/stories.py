"""Stories: the articles that report one event, found through the links between their claims.

Two articles are in one story when a claim of one is linked to a claim of the other (same figure,
conflicting figures, same quote, translation; any status but dismissed), directly or through
other articles of the story, and they were published within STORY_DAYS of the article the story
is seen from. Links are what editors confirm, so a story grows as they work; each step is an
indexed look-up of the links of one set of articles, and a story stops at STORY_LIMIT articles.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, joinedload

from ..articles.models import Article
from ..claims.models import Claim
from .models import ClaimLink

STORY_DAYS = 7
STORY_LIMIT = 60
QUOTE_RELATIONS = ("same_quote", "translation_of")


@dataclass
class LinkedPair:
    link: ClaimLink
    a: Claim
    b: Claim


@dataclass
class Story:
    article: Article
    articles: list[Article] = field(default_factory=list)     # the whole story, this article first
    quotes: list[LinkedPair] = field(default_factory=list)      # same quote and translations
    figures: list[LinkedPair] = field(default_factory=list)     # the same figure in several articles
    conflicts: list[LinkedPair] = field(default_factory=list)   # figures that disagree

    @property
    def others(self) -> list[Article]:
        return [a for a in self.articles if a.id != self.article.id]

    @property
    def sources(self) -> int:
        """Other outlets that report it (an article without an outlet counts as one)."""
        outlets = {a.outlet_id if a.outlet_id is not None else f"article {a.id}" for a in self.others}
        return len(outlets - {self.article.outlet_id})

    @property
    def languages(self) -> list[str]:
        return sorted({a.language or "?" for a in self.articles})


def _linked_articles(session: Session, article_ids: set[int]) -> set[int]:
    """Articles with a claim linked (not dismissed) to a claim of ``article_ids``."""
    mine, other = aliased(Claim), aliased(Claim)
    found: set[int] = set()
    for near, far in ((ClaimLink.source_id, ClaimLink.target_id), (ClaimLink.target_id, ClaimLink.source_id)):
        stmt = (select(other.article_id).distinct()
                .join(ClaimLink, far == other.id).join(mine, near == mine.id)
                .where(mine.article_id.in_(sorted(article_ids)), ClaimLink.status != "dismissed"))
        found.update(session.scalars(stmt))
    return found - article_ids


def story_article_ids(session: Session, article: Article, *, days: int = STORY_DAYS,
                      limit: int = STORY_LIMIT) -> list[int]:
    """The ids of the articles in ``article``'s story, this one first."""
    seen, frontier = {article.id}, {article.id}
    window = dt.timedelta(days=days)
    while frontier and len(seen) < limit:
        found = _linked_articles(session, frontier) - seen
        if not found:
            break
        dates = dict(session.execute(select(Article.id, Article.published).where(Article.id.in_(sorted(found)))).all())
        if article.published is not None:
            found = {a for a in found if dates.get(a) is None or abs(dates[a] - article.published) <= window}
        frontier = set(sorted(found)[:limit - len(seen)])
        seen |= frontier
    return [article.id] + sorted(seen - {article.id})


def story_for_article(session: Session, article: Article) -> Story:
    """The story ``article`` belongs to: its articles, linked quotes and figures, conflicts."""
    ids = story_article_ids(session, article)
    articles = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_(ids))
                                                 .options(joinedload(Article.outlet)))}
    story = Story(article, [articles[i] for i in ids if i in articles])
    if len(ids) < 2:
        return story
    claim_ids = select(Claim.id).where(Claim.article_id.in_(ids))
    links = session.scalars(select(ClaimLink).where(ClaimLink.status != "dismissed",
                                                    ClaimLink.source_id.in_(claim_ids),
                                                    ClaimLink.target_id.in_(claim_ids))
                            .options(joinedload(ClaimLink.source), joinedload(ClaimLink.target))
                            .order_by(ClaimLink.relation, ClaimLink.id)).unique()
    for link in links:
        a, b = link.source, link.target
        if a.article_id == b.article_id:
            continue
        pair = LinkedPair(link, a, b)
        if link.relation in QUOTE_RELATIONS:
            story.quotes.append(pair)
        elif link.relation == "contradicts":
            story.conflicts.append(pair)
        elif link.relation == "same_claim":
            story.figures.append(pair)
    return story


def story_summary(session: Session, article_id: int) -> Story | None:
    """The story of an article for the 'also reported by' panel; None when it stands alone."""
    article = session.get(Article, article_id)
    if article is None:
        return None
    ids = story_article_ids(session, article)
    if len(ids) < 2:
        return None
    articles = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_(ids))
                                                 .options(joinedload(Article.outlet)))}
    return Story(article, [articles[i] for i in ids if i in articles])



