"""Writing one prepared article: the article row, its candidates in batches, derived data, links.

Everything happens in the caller's transaction; the caller commits once per article. Nothing is
flushed row by row: the article is one INSERT … ON CONFLICT (sha256) DO NOTHING, quotes one
multi-row INSERT, numeric claims another, link terms one more. A candidate the database refuses
is dropped with a warning and the rest of the article is stored.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm import Session

from ..articles.models import Article, Outlet
from ..bulk import insert_many
from ..claims.candidates import extractor_origin
from ..claims.models import CONTEXT_CHARS, Claim
from ..claims.placement import IntervalIndex, Placer
from ..search.indexing import claim_search_text, reindex_claims
from ..speakers.models import Speaker
from ..types import utcnow
from .checks import numeric_problem, quote_problem
from .prepare import PreparedArticle
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
                 "high", "speaker_id", "speaker_as_written", "attributed_to_id", "version", "values", "terms",
                 "text_terms")

    def __init__(self, values: dict):
        self.values = values
        self.id = None
        self.version = 1
        self.terms = None   # link look-up terms when already made (numeric claims, in prepare)
        self.text_terms = None   # a quote's terms but its speaker row's, made in prepare
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


def _article_values(p: PreparedArticle, session: Session, outlets: Outlets, now) -> dict:
    item = p.item
    return {"sha256": p.sha256, "text": item.text, "search_text": p.search_text, "char_count": len(item.text),
            "title": p.title, "language": p.language, "url": item.url, "published": item.published,
            "source": item.source, "outlet_id": outlets.id_for(session, item.outlet) if item.outlet else None,
            "ingested_at": now}


def insert_articles(session: Session, batch: list[PreparedArticle], outlets: Outlets) -> dict[str, int]:
    """sha256 -> id of the articles this statement created (one multi-row INSERT … ON CONFLICT
    (sha256) DO NOTHING): a text stored already, by anyone, is not among them."""
    now = utcnow()
    rows = [_article_values(p, session, outlets, now) for p in batch]
    stmt = (_dialect_insert(session, ARTICLES).on_conflict_do_nothing(index_elements=["sha256"])
            .returning(ARTICLES.c.id, ARTICLES.c.sha256))
    return {sha: aid for aid, sha in session.connection().execute(stmt, rows)}


def insert_article(session: Session, p: PreparedArticle, outlets: Outlets) -> int | None:
    """The new article's id, or None when the same text is stored already (by anyone)."""
    return insert_articles(session, [p], outlets).get(p.sha256)


def store_prepared(session: Session, p: PreparedArticle, *, speakers: SpeakerCache, outlets: Outlets,
                   suggest_links: bool = True) -> StoreOutcome:
    """Store one prepared article and its candidates (in the caller's transaction)."""
    return store_batch(session, [p], speakers=speakers, outlets=outlets, suggest_links=suggest_links)[0]


def store_batch(session: Session, batch: list[PreparedArticle], *, speakers: SpeakerCache, outlets: Outlets,
                suggest_links: bool = True, views: dict | None = None) -> list[StoreOutcome]:
    """Store prepared articles and their candidates in the caller's transaction, each kind of
    row in one multi-row INSERT for the whole batch, then suggest their links in one pass.

    Decides for each article what storing it alone would: a text met before (stored, or earlier
    in the batch) is skipped; a candidate the checks or the database refuse is dropped with a
    warning; links are suggested as if each article had been stored in turn.
    """
    first: dict[str, PreparedArticle] = {}
    for p in batch:
        first.setdefault(p.sha256, p)
    created = insert_articles(session, list(first.values()), outlets)
    outcomes: list[StoreOutcome] = []
    missing = [sha for sha in first if sha not in created]
    existing = {sha: aid for sha, aid in session.connection().execute(
        select(ARTICLES.c.sha256, ARTICLES.c.id).where(ARTICLES.c.sha256.in_(missing)))} if missing else {}
    stored_now: list[tuple[PreparedArticle, StoreOutcome]] = []
    for p in batch:
        aid = created.get(p.sha256)
        if aid is not None and first[p.sha256] is p:
            outcome = StoreOutcome(aid, created=True)
            stored_now.append((p, outcome))
        else:
            outcome = StoreOutcome(aid if aid is not None else existing.get(p.sha256), created=False)
        outcomes.append(outcome)
    extracted = [(p, o) for p, o in stored_now if p.extracted]
    if not extracted:
        return outcomes
    pending = [(p, o, _quote_rows(session, p, o.article_id, speakers, o)) for p, o in extracted]
    if any(isinstance(s, Speaker) for _, _, quotes in pending for _, s in quotes):
        session.flush()   # the batch's new speakers, all at once
    rows = [(p, o, _candidate_rows(p, o, quotes, speakers)) for p, o, quotes in pending]
    stored = _insert_batch(session, rows)
    # the search text went in with the rows; the link terms follow them
    reindex_claims(session, stored, texts={o.article_id: p.item.text for p, o in extracted}, names=speakers.names,
                   search=False, new=True)
    if suggest_links and stored:
        from ..links.suggest import suggest_links_for_articles

        with_claims = [o.article_id for p, o in extracted if o.claims_added]
        results = suggest_links_for_articles(session, with_claims, fresh=True, view_cache=views)
        for p, o in extracted:
            if o.article_id in results:
                o.links_suggested = results[o.article_id].suggested
    return outcomes


def _warn(outcome: StoreOutcome, p: PreparedArticle, c, reason: str) -> None:
    message = f"{p.item.source}: candidate {c.text[:60]!r} at {c.start}..{c.end} dropped: {reason}"
    outcome.warnings.append(message)


def _span_values(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT_CHARS):start], "suffix": text[end:end + CONTEXT_CHARS]}


def _base(article_id: int) -> dict:
    now = utcnow()
    return {"article_id": article_id, "status": "suggested", "origin": extractor_origin(), "created_at": now,
            "updated_at": now, "version": 1}


def _quote_rows(session: Session, p: PreparedArticle, article_id: int, speakers: SpeakerCache,
                outcome: StoreOutcome) -> list[tuple[ClaimRow, Speaker | int | None]]:
    """The article's quotes as rows, each with its speaker (an id, or a Speaker not yet flushed)."""
    text, base = p.item.text, _base(article_id)
    quotes: list[tuple[ClaimRow, object]] = []
    for q in _placed(p, p.quotes, quote_problem, outcome):
        speaker = speakers.resolve(session, q.speaker) if q.speaker else None
        row = ClaimRow({**base, **_span_values(text, q.start, q.end), "kind": "quote", "qualifier": "exact",
                        "speaker_as_written": q.speaker, "speaker_start": q.speaker_start,
                        "speaker_end": q.speaker_end, "attribution_confidence": q.confidence if q.speaker else None,
                        "attribution_rule": q.speaker_rule if q.speaker else None})
        row.text_terms = p.quote_terms.get((q.start, q.end))
        quotes.append((row, speaker))
    return quotes


def _placed(p: PreparedArticle, candidates, problem_of, outcome: StoreOutcome):
    """The candidates in text order that pass their checks (the others dropped with a warning)
    and do not overlap one placed before them."""
    placer = Placer([], lambda c: c, lambda c: False)
    for c in sorted(candidates, key=lambda c: (c.start, c.end)):
        problem = problem_of(c, len(p.item.text))
        if problem:
            _warn(outcome, p, c, problem)
        elif placer.place(c.start, c.end)[0]:
            yield c


def _candidate_rows(p: PreparedArticle, outcome: StoreOutcome, quotes, speakers: SpeakerCache
                    ) -> tuple[list[ClaimRow], list[tuple[ClaimRow, ClaimRow | None]]]:
    """(quote rows, [(numeric row, the quote it sits in)]) once the speakers have ids."""
    text = p.item.text
    for row, speaker in quotes:
        sid = speaker.id if isinstance(speaker, Speaker) else speaker
        row.speaker_id = row.values["speaker_id"] = sid
        if isinstance(speaker, Speaker):
            speakers.names.setdefault(sid, speaker.name)
    base = _base(outcome.article_id)
    quote_index = IntervalIndex([r for r, _ in quotes], lambda r: (r.start, r.end))
    numbers: list[tuple[ClaimRow, ClaimRow | None]] = []
    for n in _placed(p, p.numbers, numeric_problem, outcome):
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


def _insert_batch(session: Session, rows) -> list[ClaimRow]:
    """Every claim of the batch in one multi-row INSERT, article by article (its quotes, then its
    figures: the ids come out as if each article had been stored alone), then the figures that
    sit in a quote are pointed at it; all under one savepoint. If the database refuses anything,
    article by article (and there row by row), dropping only the refused rows."""
    ordered = [r for _, _, (qs, ns) in rows for r in qs + [n for n, _ in ns]]
    numbers = [pair for _, _, (_, ns) in rows for pair in ns]
    if not ordered:
        return []
    keys = {k for r in ordered for k in r.values}
    try:
        with session.begin_nested():
            conn = session.connection()
            ids = insert_many(conn, CLAIMS, [{k: r.values.get(k) for k in keys} for r in ordered])
            for row, claim_id in zip(ordered, ids):
                row.id = claim_id
            _link_quotes(numbers)
            inside = [{"cid": r.id, "qid": r.values["quote_id"]} for r, _ in numbers if r.values["quote_id"]]
            if inside:
                conn.execute(_SET_QUOTE, inside)
        for p, outcome, (qs, ns) in rows:
            outcome.claims_added = len(qs) + len(ns)
        return ordered
    except _REFUSED:
        for row in ordered:
            row.id = None
    stored = []
    for p, outcome, article_rows in rows:
        mine = _insert_rows(session, article_rows, outcome, p)
        outcome.claims_added = len(mine)
        stored.extend(mine)
    return stored


_SET_QUOTE = (update(CLAIMS).where(CLAIMS.c.id == bindparam("cid"))
              .values(quote_id=bindparam("qid"), updated_at=CLAIMS.c.updated_at))


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
    for row, claim_id in zip(rows, insert_many(session.connection(), CLAIMS, [r.values for r in rows])):
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
