"""Writing one prepared article: the article row, its candidates in batches, derived data, links.

Everything happens in the caller's transaction; the caller commits once per article. Nothing is
flushed row by row: the article is one INSERT … ON CONFLICT (sha256) DO NOTHING, quotes one
multi-row INSERT, numeric claims another, link terms one more. A candidate the database refuses
is dropped with a warning and the rest of the article is stored.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm import Session

from ..articles.models import Article, Outlet
from ..claims.candidates import extractor_origin
from ..claims.models import CONTEXT_CHARS, Claim
from ..claims.placement import IntervalIndex, Placer
from ..search.indexing import claim_search_text
from ..speakers.models import Speaker
from ..types import utcnow
from .checks import numeric_problem, quote_problem
from .prepare import PreparedArticle
from .reindex import reindex_claims
from .speakers import SpeakerCache

ARTICLES = Article.__table__
# What the database (or the driver binding a value) may refuse about one row.
_REFUSED = (DBAPIError, StatementError, ArithmeticError, ValueError)
CLAIMS = Claim.__table__


@dataclass
class StoreOutcome:
    article_id: int
    created: bool
    claims_added: int = 0
    links_suggested: int = 0
    warnings: list[str] = field(default_factory=list)


class ClaimRow:
    """A claim as inserted: the attributes ``reindex_claims`` and ``claim_terms`` read."""

    __slots__ = ("id", "article_id", "kind", "start", "end", "exact", "metric", "numeric_kind", "value", "low",
                 "high", "speaker_id", "speaker_as_written", "attributed_to_id", "version", "values", "terms")

    def __init__(self, values: dict):
        self.values = values
        self.id = None
        self.version = 1
        self.terms = None   # link look-up terms when already made (numeric claims, in prepare)
        for key in ("article_id", "kind", "start", "end", "exact", "metric", "numeric_kind", "value", "low",
                    "high", "speaker_id", "speaker_as_written", "attributed_to_id"):
            setattr(self, key, values.get(key))


def _dialect_insert(session: Session, table):
    name = session.get_bind().dialect.name
    return (postgresql.insert(table) if name == "postgresql" else sqlite.insert(table))


class Outlets:
    """Outlet ids by name, created on first use (safe against a concurrent ingest on PostgreSQL)."""

    def __init__(self):
        self.ids: dict[str, int] = {}

    def id_for(self, session: Session, name: str) -> int:
        known = self.ids.get(name)
        if known is not None:
            return known
        table = Outlet.__table__
        session.execute(_dialect_insert(session, table).values(name=name, created_at=utcnow())
                        .on_conflict_do_nothing(index_elements=["name"]))
        outlet_id = session.scalar(select(table.c.id).where(table.c.name == name))
        self.ids[name] = outlet_id
        return outlet_id


def insert_article(session: Session, p: PreparedArticle, outlets: Outlets) -> int | None:
    """The new article's id, or None when the same text is stored already (by anyone)."""
    item = p.item
    stmt = (_dialect_insert(session, ARTICLES)
            .values(sha256=p.sha256, text=item.text, search_text=p.search_text, char_count=len(item.text),
                    title=p.title, language=p.language, url=item.url, published=item.published, source=item.source,
                    outlet_id=outlets.id_for(session, item.outlet) if item.outlet else None, ingested_at=utcnow())
            .on_conflict_do_nothing(index_elements=["sha256"]).returning(ARTICLES.c.id))
    return session.execute(stmt).scalar()


def store_prepared(session: Session, p: PreparedArticle, *, speakers: SpeakerCache, outlets: Outlets,
                   suggest_links: bool = True) -> StoreOutcome:
    """Store one prepared article and its candidates (in the caller's transaction)."""
    article_id = insert_article(session, p, outlets)
    if article_id is None:
        existing = session.scalar(select(ARTICLES.c.id).where(ARTICLES.c.sha256 == p.sha256))
        return StoreOutcome(existing, created=False)
    outcome = StoreOutcome(article_id, created=True)
    if not p.extracted:
        return outcome
    rows = _candidate_rows(session, p, article_id, speakers, outcome)
    stored = _insert_rows(session, rows, outcome, p)
    # the search text went in with the rows; the link terms follow them
    reindex_claims(session, stored, texts={article_id: p.item.text}, names=speakers.names, search=False,
                   new=True)
    outcome.claims_added = len(stored)
    if suggest_links and stored:
        from ..links.suggest import suggest_links_for_article

        outcome.links_suggested = suggest_links_for_article(session, session.get(Article, article_id)).suggested
    return outcome


def _warn(outcome: StoreOutcome, p: PreparedArticle, c, reason: str) -> None:
    message = f"{p.item.source}: candidate {c.text[:60]!r} at {c.start}..{c.end} dropped: {reason}"
    outcome.warnings.append(message)


def _span_values(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT_CHARS):start], "suffix": text[end:end + CONTEXT_CHARS]}


def _candidate_rows(session: Session, p: PreparedArticle, article_id: int, speakers: SpeakerCache,
                    outcome: StoreOutcome) -> tuple[list[ClaimRow], list[tuple[ClaimRow, ClaimRow | None]]]:
    text, origin, now = p.item.text, extractor_origin(), utcnow()
    base = {"article_id": article_id, "status": "suggested", "origin": origin, "created_at": now, "updated_at": now,
            "version": 1}
    placer = Placer([], lambda c: c, lambda c: False)
    quotes: list[tuple[ClaimRow, object]] = []
    for q in sorted(p.quotes, key=lambda c: (c.start, c.end)):
        problem = quote_problem(q, len(text))
        if problem:
            _warn(outcome, p, q, problem)
            continue
        if not placer.place(q.start, q.end)[0]:
            continue
        speaker = speakers.resolve(session, q.speaker) if q.speaker else None
        row = ClaimRow({**base, **_span_values(text, q.start, q.end), "kind": "quote", "qualifier": "exact",
                        "speaker_as_written": q.speaker, "speaker_start": q.speaker_start,
                        "speaker_end": q.speaker_end, "attribution_confidence": q.confidence if q.speaker else None})
        quotes.append((row, speaker))
    if any(isinstance(s, Speaker) for _, s in quotes):
        session.flush()   # the article's new speakers, all at once
    for row, speaker in quotes:
        sid = speaker.id if isinstance(speaker, Speaker) else speaker
        row.speaker_id = row.values["speaker_id"] = sid
        if isinstance(speaker, Speaker):
            speakers.names.setdefault(sid, speaker.name)
    quote_index = IntervalIndex([r for r, _ in quotes], lambda r: (r.start, r.end))
    numbers: list[tuple[ClaimRow, ClaimRow | None]] = []
    placer = Placer([], lambda c: c, lambda c: False)
    for n in sorted(p.numbers, key=lambda c: (c.start, c.end)):
        problem = numeric_problem(n, len(text))
        if problem:
            _warn(outcome, p, n, problem)
            continue
        if not placer.place(n.start, n.end)[0]:
            continue
        inside = quote_index.innermost_containing(n.start, n.end)
        row = ClaimRow({**base, **_span_values(text, n.start, n.end), "kind": "numeric", "value": n.value,
                        "low": n.low, "high": n.high, "qualifier": n.qualifier, "numeric_kind": n.kind,
                        "unit": n.unit, "period_start": n.period_start, "period_end": n.period_end,
                        "metric": n.metric, "attributed_to_id": inside.speaker_id if inside else None})
        row.terms = p.numeric_terms.get((n.start, n.end))
        numbers.append((row, inside))
    names = speakers.names
    for row in [r for r, _ in quotes] + [r for r, _ in numbers]:
        row.values["search_text"] = claim_search_text(row.exact, row.metric, row.speaker_as_written,
                                                      names.get(row.speaker_id), names.get(row.attributed_to_id))
    return [r for r, _ in quotes], numbers


def _insert_rows(session: Session, rows, outcome: StoreOutcome, p: PreparedArticle) -> list[ClaimRow]:
    """Quotes, then numeric claims (which point at their quote), each kind in one multi-row INSERT,
    both under one savepoint; if the database refuses anything, row by row, dropping the refused."""
    quotes, numbers = rows
    numeric_rows = [r for r, _ in numbers]
    try:
        with session.begin_nested():
            _insert_many(session, quotes)
            _link_quotes(numbers)
            _insert_many(session, numeric_rows)
        return quotes + numeric_rows
    except _REFUSED:
        for row in quotes + numeric_rows:
            row.id = None
    stored = _insert_one_by_one(session, quotes, outcome, p)
    _link_quotes(numbers)
    return stored + _insert_one_by_one(session, numeric_rows, outcome, p)


_INSERT = insert(CLAIMS).returning(CLAIMS.c.id, sort_by_parameter_order=True)


def _link_quotes(numbers) -> None:
    for row, inside in numbers:
        row.values["quote_id"] = inside.id if inside is not None else None


def _insert_many(session: Session, rows: list[ClaimRow]) -> None:
    if rows:
        for row, claim_id in zip(rows, session.execute(_INSERT, [r.values for r in rows]).scalars().all()):
            row.id = claim_id


def _insert_one_by_one(session: Session, rows: list[ClaimRow], outcome: StoreOutcome,
                       p: PreparedArticle) -> list[ClaimRow]:
    stored = []
    for row in rows:
        try:
            with session.begin_nested():
                row.id = session.execute(_INSERT, [row.values]).scalar_one()
            stored.append(row)
        except _REFUSED as exc:
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200]
            outcome.warnings.append(f"{p.item.source}: candidate {row.exact[:60]!r} at {row.start}..{row.end} "
                                    f"dropped: the database refused it ({reason})")
    return stored
