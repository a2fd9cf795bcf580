"""Filtering and keyset paging of claims for the review queue and the claims list.

Pages continue after the last id seen (``id > after``), never by OFFSET: with the status filter
this walks the ``ix_claims_status_id`` index, so page 5,000 costs what page 1 costs.

A language or outlet filter is a set of articles. When the set is small, its claims are read
through ``ix_claims_article_id_start`` and sorted (a few thousand rows at most); when it is large
(a whole language), reading all its claims to sort them would cost a third of the table, so the
page walks the claims in id order instead and stops after one page of matches
(bench/bench_review_queue.py measures both).
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session, defer, joinedload, selectinload

from ..articles.models import Article
from .models import Claim, claim_tags

# The status filter also offers "verdict": every claim that has a verdict, whatever it is.
VERDICT_VIEW = "verdict"
# Up to this many articles, a page reads their claims by article; above it, in id order.
FEW_ARTICLES = 200


@dataclass(frozen=True)
class ClaimFilter:
    language: str | None = None
    outlet_id: int | None = None
    kind: str | None = None
    status: str | None = None
    speaker_id: int | None = None
    tag_id: int | None = None
    q: str | None = None
    article_id: int | None = None

    def as_params(self) -> dict:
        """The non-empty filters, as query-string parameters."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")}


def _where(stmt: Select, flt: ClaimFilter, *, id_order: bool = False) -> Select:
    """``stmt`` narrowed to the filter; ``id_order``: the article filter must not use the article index."""
    if flt.status == VERDICT_VIEW:
        stmt = stmt.where(Claim.verdict.is_not(None))
    elif flt.status:
        stmt = stmt.where(Claim.status == flt.status)
    if flt.kind:
        stmt = stmt.where(Claim.kind == flt.kind)
    if flt.article_id:
        stmt = stmt.where(Claim.article_id == flt.article_id)
    if flt.speaker_id:
        stmt = stmt.where((Claim.speaker_id == flt.speaker_id) | (Claim.attributed_to_id == flt.speaker_id))
    if flt.tag_id:
        # IN over the tag's index lets the engine start from the tag's rows when the tag is rare.
        stmt = stmt.where(Claim.id.in_(select(claim_tags.c.claim_id).where(claim_tags.c.tag_id == flt.tag_id)))
    if flt.q:
        stmt = stmt.where(Claim.exact.contains(flt.q, autoescape=True))
    if flt.language or flt.outlet_id:
        articles = select(Article.id)
        if flt.language:
            articles = articles.where(Article.language == flt.language)
        if flt.outlet_id:
            articles = articles.where(Article.outlet_id == flt.outlet_id)
        # "+ 0" keeps the planner off ix_claims_article_id_start, so the page can stop early.
        article = Claim.article_id + 0 if id_order else Claim.article_id
        stmt = stmt.where(article.in_(articles))
    return stmt


def _many_articles(session: Session, flt: ClaimFilter) -> bool:
    if not (flt.language or flt.outlet_id) or flt.article_id:
        return False
    articles = select(Article.id)
    if flt.language:
        articles = articles.where(Article.language == flt.language)
    if flt.outlet_id:
        articles = articles.where(Article.outlet_id == flt.outlet_id)
    return session.scalar(select(func.count()).select_from(articles.limit(FEW_ARTICLES + 1).subquery())) > FEW_ARTICLES


def claim_page(session: Session, flt: ClaimFilter, *, after: int | None = None, limit: int = 50,
               with_tags: bool = True):
    """One page of matching claims in id order, and the id to continue after (None at the end).

    ``with_tags=False``: the page does not show tags (the review queue), so they are not read."""
    stmt = _where(select(Claim), flt, id_order=_many_articles(session, flt))
    if after:
        stmt = stmt.where(Claim.id > after)
    # The joined article comes once per claim: its text (read as a window by sentence_contexts)
    # would be copied out of the database fifty times a page.
    article = joinedload(Claim.article)
    stmt = (stmt.options(article.defer(Article.text), article.defer(Article.search_text),
                         article.joinedload(Article.outlet), joinedload(Claim.speaker),
                         joinedload(Claim.attributed_to), *([selectinload(Claim.tags)] if with_tags else []))
            .order_by(Claim.id).limit(limit + 1))
    rows = list(session.scalars(stmt).unique())
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].id if more and rows else None)


def count_matching(session: Session, flt: ClaimFilter, *, max_id: int | None = None) -> int:
    stmt = _where(select(func.count(Claim.id)), flt)
    if max_id is not None:
        stmt = stmt.where(Claim.id <= max_id)
    return session.scalar(stmt) or 0


def max_matching_id(session: Session, flt: ClaimFilter) -> int | None:
    return session.scalar(_where(select(func.max(Claim.id)), flt))


def matching_ids(session: Session, flt: ClaimFilter, *, max_id: int) -> list[int]:
    """Every matching id up to ``max_id`` (the bound shown on the confirmation page)."""
    stmt = _where(select(Claim.id), flt).where(Claim.id <= max_id).order_by(Claim.id)
    return list(session.scalars(stmt))


def search_claims(session: Session, text: str, *, exclude_id: int | None = None, limit: int = 20) -> list[Claim]:
    """Claims to link to: ``#123`` finds that id, anything else matches the claim's text."""
    text = (text or "").strip()
    if not text:
        return []
    stmt = select(Claim).options(joinedload(Claim.article))
    if text.lstrip("#").isdigit():
        stmt = stmt.where(Claim.id == int(text.lstrip("#")))
    else:
        stmt = stmt.where(Claim.exact.contains(text, autoescape=True))
    if exclude_id is not None:
        stmt = stmt.where(Claim.id != exclude_id)
    return list(session.scalars(stmt.order_by(Claim.id).limit(limit)))


def filter_choices(session: Session) -> dict:
    """Options for the filter form's drop-downs (few rows: outlets, tags, languages)."""
    from ..articles.models import Outlet
    from .models import Tag

    return {
        "outlets": [tuple(r) for r in session.execute(select(Outlet.id, Outlet.name).order_by(Outlet.name).limit(500))],
        "tags": [tuple(r) for r in session.execute(select(Tag.id, Tag.name).order_by(Tag.name).limit(1000))],
        "languages": article_languages(session),
    }


def article_languages(session: Session) -> list[str]:
    """Every article language, once, in order: a hop along ``ix_articles_language`` per language
    (the next language after the last one found) instead of DISTINCT, which reads the index entry
    of every article on every review page."""
    langs = select(func.min(Article.language).label("lang")).cte("langs", recursive=True)
    following = select(func.min(Article.language)).where(Article.language > langs.c.lang).scalar_subquery()
    langs = langs.union_all(select(following).where(langs.c.lang.is_not(None)))
    return list(session.scalars(select(langs.c.lang).where(langs.c.lang.is_not(None)).order_by(langs.c.lang)))


def sentence_contexts(session: Session, claims: list[Claim]) -> dict[int, tuple[str, str, str]]:
    """The sentence around each claim, read as a window of the article text (never the whole text)."""
    from .context import WINDOW, sentence_around

    if not claims:
        return {}
    offset = case((Claim.start > WINDOW, Claim.start - WINDOW), else_=0)
    rows = session.execute(
        select(Claim.id, offset, Claim.start, Claim.end,
               func.substr(Article.text, offset + 1, Claim.end - offset + WINDOW))
        .join(Article, Article.id == Claim.article_id).where(Claim.id.in_([c.id for c in claims]))).all()
    return {cid: sentence_around(window, start - off, end - off) for cid, off, start, end, window in rows}


# --- the review mode and the tag pages -------------------------------------------------------------

def article_candidates(session: Session, article_id: int) -> list[Claim]:
    """Every claim of an article (rejected ones too), in text order, with their speakers."""
    return list(session.scalars(select(Claim).where(Claim.article_id == article_id)
                                .options(joinedload(Claim.speaker), joinedload(Claim.attributed_to))
                                .order_by(Claim.start, Claim.id)))


def next_article_with_suggestions(session: Session, after_id: int) -> int | None:
    """The next article (by id, wrapping round) that still has suggested candidates."""
    from sqlalchemy import exists

    pending = exists().where(Claim.article_id == Article.id, Claim.status == "suggested")
    first = session.scalar(select(func.min(Article.id)).where(pending, Article.id > after_id))
    if first is None:
        first = session.scalar(select(func.min(Article.id)).where(pending, Article.id != after_id))
    return first


def count_suggested(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Claim).where(Claim.status == "suggested")) or 0


def latest_claim_entry_id(session: Session, claim_id: int) -> int | None:
    """The id of the newest history entry of a claim (what the review mode's undo takes back)."""
    from ..history.models import HistoryEntry

    return session.scalar(select(func.max(HistoryEntry.id)).where(
        HistoryEntry.entity_type == "claim", HistoryEntry.entity_id == claim_id))


def tags_with_counts(session: Session) -> list[tuple]:
    """``(tag, number of claims)`` for every tag, by its folded key."""
    from .models import Tag

    count = func.count(claim_tags.c.claim_id)
    return session.execute(select(Tag, count).outerjoin(claim_tags, claim_tags.c.tag_id == Tag.id)
                           .group_by(Tag.id).order_by(Tag.key)).all()


def tag_names(session: Session, limit: int = 500) -> list[str]:
    from .models import Tag

    return list(session.scalars(select(Tag.name).order_by(Tag.key).limit(limit)))
