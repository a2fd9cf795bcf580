"""Stories: the articles that report one event.

Two articles are in one story when they were published within STORY_DAYS of the article the
story is seen from and

- a claim of one is linked to a claim of the other (same figure, conflicting figures, same quote,
  translation; any status but dismissed), directly or through other articles of the story; or
- they share anchors: two people, organisations or speaker identities, or one of them and two
  places (a president and his country are in every story of that country; places alone never
  make a story). Anchors are the entities named by their claims or next to their figures (``e:``,
  ``a:`` terms) and the speakers of their quotes (``s:`` lexicon entities, and the cross-script
  identity keys ``s:x:`` of speakers the lexicon does not know).

Links are what editors confirm, so a story grows as they work; anchors group articles that no
link joins yet (different figures, quotes not translated). Each step is an indexed look-up: the
links of one set of articles; for each person, organisation or speaker, the ANCHOR_SAMPLE claims
filed under it just before and just after the article's own claims in ``claim_terms``, then the
places of those of their articles that are in the window. A story stops at STORY_LIMIT articles.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import or_, select, union
from sqlalchemy.orm import Session, aliased, defer, joinedload

from ..articles.models import Article
from ..claims.models import Claim
from .lexicon import entity_lexicon
from .models import ClaimLink, ClaimTerm

STORY_DAYS = 7
STORY_LIMIT = 60
QUOTE_RELATIONS = ("same_quote", "translation_of")
ANCHOR_MIN = 2        # shared anchors that put two articles in one story: two people, organisations
                      # or speakers, or one of them and two places ("Erdogan" and "Turkey" are not
                      # enough: the president and his country are in every Turkish story)
PLACES_WITH_ONE = 2
ANCHOR_SAMPLE = 200   # claims read under each anchor, on either side of the article's own
PLACE_ROLES = frozenset({"country", "place", "region"})
_TERMS = ClaimTerm.__table__


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
    shared: dict[int, set[str]] = field(default_factory=dict)   # article id -> anchors shared with this one

    def anchors_of(self, article_id: int) -> list[str]:
        """The shared anchors as a reader can tell them: entity names, and a speaker known only by
        the consonants of the name in every script."""
        return sorted(f"speaker {a[2:]}" if a.startswith("x:") else a.replace("_", " ")
                      for a in self.shared.get(article_id, ()))

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


# Made once: an alias made per call costs SQLAlchemy more to build into SQL than the query costs
# to run (a third of the claim page's time).
_MINE, _OTHER = aliased(Claim, name="mine"), aliased(Claim, name="other")


def _linked_articles(session: Session, article_ids: set[int]) -> set[int]:
    """Articles with a claim linked (not dismissed) to a claim of ``article_ids``."""
    mine, other = _MINE, _OTHER
    # Both directions in one statement: one round trip per step of the story, not two.
    stmt = union(*(select(other.article_id).join(ClaimLink, far == other.id).join(mine, near == mine.id)
                   .where(mine.article_id.in_(sorted(article_ids)), ClaimLink.status != "dismissed")
                   for near, far in ((ClaimLink.source_id, ClaimLink.target_id),
                                     (ClaimLink.target_id, ClaimLink.source_id))))
    return set(session.scalars(stmt)) - article_ids


def _roles() -> dict[str, str]:
    return {e.id: e.role for e in entity_lexicon().values()}


def article_anchors(session: Session, article_id: int) -> dict[str, set[str]]:
    """The article's anchors, each with the ``claim_terms`` terms that file a claim under it.

    An entity is one anchor whether a claim names it (``e:erdogan``) or says it (``s:erdogan``); a
    speaker the lexicon does not know is its cross-script identity (``s:x:RTKN``)."""
    own = select(Claim.id).where(Claim.article_id == article_id, Claim.status != "rejected")
    rows = session.execute(select(_TERMS.c.claim_id, _TERMS.c.term).where(
        _TERMS.c.claim_id.in_(own), or_(*(_TERMS.c.term.startswith(p) for p in ("e:", "s:", "a:")))))
    by_claim: dict[int, set[str]] = {}
    for cid, term in rows:
        by_claim.setdefault(cid, set()).add(term)
    roles = _roles()
    anchors: dict[str, set[str]] = {}
    for terms in by_claim.values():
        named = {t.split(":", 1)[1] for t in terms if t.startswith(("e:", "s:", "a:")) and t.split(":", 1)[1] in roles}
        for entity in named:
            anchors[entity] = {f"e:{entity}", f"s:{entity}", f"a:{entity}"}
        said_by_known = any(roles.get(t[2:]) in ("person", "organisation", "source") for t in terms if t.startswith("s:"))
        if not said_by_known:
            for t in terms:
                if t.startswith("s:x:"):
                    anchors[t[2:]] = {t}
    return anchors


def _strong(anchor: str, roles: dict[str, str]) -> bool:
    return roles.get(anchor) not in PLACE_ROLES


def enough_anchors(common: set[str], roles: dict[str, str]) -> bool:
    """ANCHOR_MIN people, organisations or speakers in common, or one and PLACES_WITH_ONE places."""
    strong = sum(1 for a in common if _strong(a, roles))
    return strong >= ANCHOR_MIN or (strong >= 1 and len(common) - strong >= PLACES_WITH_ONE)


def anchored_articles(session: Session, article: Article, *, sample: int = ANCHOR_SAMPLE,
                      days: int = STORY_DAYS) -> dict[int, set[str]]:
    """Other articles published within ``days`` of ``article`` that share enough anchors with it
    (``enough_anchors``), with the anchors they share.

    Every such article shares a person, an organisation or a speaker: those are looked up in the
    term index near the article's own claims; the places of the articles found that way within the
    window are then read from their own claims (a country is in far more claims than a person:
    places are never probed)."""
    anchors = article_anchors(session, article.id)
    roles = _roles()
    if not enough_anchors(set(anchors), roles):
        return {}
    conn = session.connection()
    own = select(Claim.id).where(Claim.article_id == article.id)
    lo = conn.execute(own.order_by(Claim.id).limit(1)).scalar()
    hi = conn.execute(own.order_by(Claim.id.desc()).limit(1)).scalar()
    claim_anchor: dict[int, set[str]] = {}
    for anchor, terms in anchors.items():
        if not _strong(anchor, roles):
            continue
        for term in terms:
            before = (select(_TERMS.c.claim_id).where(_TERMS.c.term == term, _TERMS.c.claim_id < lo)
                      .order_by(_TERMS.c.claim_id.desc()).limit(sample))
            after = (select(_TERMS.c.claim_id).where(_TERMS.c.term == term, _TERMS.c.claim_id > hi)
                     .order_by(_TERMS.c.claim_id).limit(sample))
            for stmt in (before, after):
                for cid in conn.scalars(stmt):
                    claim_anchor.setdefault(cid, set()).add(anchor)
    shared: dict[int, set[str]] = {}
    for chunk in _chunks(sorted(claim_anchor)):
        for cid, aid in conn.execute(select(Claim.id, Claim.article_id).where(
                Claim.id.in_(chunk), Claim.status != "rejected")):
            if aid != article.id:
                shared.setdefault(aid, set()).update(claim_anchor[cid])
    if article.published is not None and shared:
        window = dt.timedelta(days=days)
        for chunk in _chunks(sorted(shared)):
            for aid, published in conn.execute(select(Article.id, Article.published).where(Article.id.in_(chunk))):
                if published is not None and abs(published - article.published) > window:
                    del shared[aid]
    place_of = {term: anchor for anchor in anchors if not _strong(anchor, roles) for term in anchors[anchor]}
    if place_of and shared:   # their claims (by article), then those claims' place terms (by claim and term)
        article_of = {}
        for chunk in _chunks(sorted(shared)):
            article_of.update(conn.execute(select(Claim.id, Claim.article_id).where(
                Claim.article_id.in_(chunk), Claim.status != "rejected")).all())
        for chunk in _chunks(sorted(article_of)):
            for cid, term in conn.execute(select(_TERMS.c.claim_id, _TERMS.c.term).where(
                    _TERMS.c.claim_id.in_(chunk), _TERMS.c.term.in_(sorted(place_of)))):
                shared[article_of[cid]].add(place_of[term])
    return {aid: common for aid, common in shared.items() if enough_anchors(common, roles)}


def _chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def story_members(session: Session, article: Article, *, days: int = STORY_DAYS, limit: int = STORY_LIMIT,
                  anchors: bool = True, links: bool = True) -> dict[int, set[str]]:
    """The articles of ``article``'s story, each with the anchors it shares with ``article`` (an
    empty set: joined through links only). ``anchors``/``links`` off measure each way alone."""
    members: dict[int, set[str]] = {article.id: set()}
    window = dt.timedelta(days=days)

    def in_window(found: set[int]) -> set[int]:
        if article.published is None or not found:
            return found
        dates = dict(session.execute(select(Article.id, Article.published).where(Article.id.in_(sorted(found)))).all())
        return {a for a in found if dates.get(a) is None or abs(dates[a] - article.published) <= window}

    frontier = {article.id}
    if anchors:
        near = anchored_articles(session, article, days=days)
        for aid in sorted(in_window(set(near)))[:limit - 1]:
            members[aid] = near[aid]
        frontier |= set(members)
    while links and frontier and len(members) < limit:
        found = in_window(_linked_articles(session, frontier) - set(members))
        frontier = set(sorted(found)[:limit - len(members)])
        for aid in frontier:
            members[aid] = set()
    return members


def story_article_ids(session: Session, article: Article, *, days: int = STORY_DAYS,
                      limit: int = STORY_LIMIT, anchors: bool = True, links: bool = True) -> list[int]:
    """The ids of the articles in ``article``'s story, this one first."""
    members = story_members(session, article, days=days, limit=limit, anchors=anchors, links=links)
    return [article.id] + sorted(set(members) - {article.id})


def story_for_article(session: Session, article: Article) -> Story:
    """The story ``article`` belongs to: its articles, linked quotes and figures, conflicts."""
    members = story_members(session, article)
    ids = [article.id] + sorted(set(members) - {article.id})
    articles = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_(ids))
                                                 .options(joinedload(Article.outlet)))}
    story = Story(article, [articles[i] for i in ids if i in articles], shared=members)
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
    members = story_members(session, article)
    if len(members) < 2:
        return None
    ids = [article.id] + sorted(set(members) - {article.id})
    # The panel shows outlets, languages and dates: up to STORY_LIMIT texts are not read for it.
    articles = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_(ids))
                                                 .options(joinedload(Article.outlet), defer(Article.text),
                                                          defer(Article.search_text)))}
    return Story(article, [articles[i] for i in ids if i in articles], shared=members)



