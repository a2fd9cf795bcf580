"""Link suggestion: keep each claim's look-up terms, find candidates by indexed look-up, apply the
rules, and store new suggestions (status 'suggested', with rule and score).

A pair that already has a link for the relation, in either direction and whatever its status
(suggested, confirmed, dismissed), is never proposed again.
"""
from __future__ import annotations

import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import Integer, any_, bindparam, func, insert, or_, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from ..articles.models import Article
from ..bulk import copy_rows, insert_many
from ..claims.models import Claim
from ..history.models import HistoryEntry
from ..history.services import new_change_group
from ..types import utcnow
from .features import HOLDER_TOPICS, ClaimFeatures, buckets_between, from_terms, in_points
from .models import SYMMETRIC_RELATIONS, ClaimLink
from .terms import (TERMS, chunks, ensure_terms, index_claim_terms, index_claims, index_missing_terms,  # noqa: F401
                    is_current)
from .rules import (APPROX, BOUND_NEAR, NumericView, QuoteView, Suggestion, compare_numeric, compare_quotes,
                    interval)

RECENT_PER_KEY = 25        # newest claims per key, for conflicts (any value) and translations
# Claims under precise keys (metric, place and value bucket): the newest MATCHING_PER_KEY under
# each, MATCHING_TOTAL for all of one article's. Read oldest first and 2,000 a key, these lists
# grew with the database, and so did every article's time (from 8 to 12 ms of the writer's CPU
# between the first and the last 1,000 of 10,000 generated articles); the candidates kept are
# those under most of a claim's keys, the newest first, so the newest of each key are those kept.
MATCHING_PER_KEY = 100
MATCHING_TOTAL = 2000
# Candidates compared with one claim, at most: those filed under most of its keys, then the
# newest. Without it the candidates grow with the database until every key holds RECENT_PER_KEY
# claims (about 25 a key, 900 an article), and so does the time per article.
CANDIDATES_PER_CLAIM = 50
MAX_PER_CLAIM = {"contradicts": 5}   # suggestions per claim and relation, best first: the metric
MAX_PER_CLAIM_DEFAULT = 10            # view shows every figure on a metric anyway
_TERMS = TERMS
_VIEWS_KEPT = 300_000   # candidate views kept across calls, at most
log = logging.getLogger("claims_app.links")


@dataclass
class SuggestResult:
    claims: int = 0
    candidates: int = 0
    suggested: int = 0
    by_rule: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)   # links stored before, by relation (suggest_links)

    def add(self, other: "SuggestResult") -> None:
        self.claims += other.claims
        self.candidates += other.candidates
        self.suggested += other.suggested
        self.by_rule.update(other.by_rule)


# What the rules read of a claim's terms (features.from_terms) and its index version: the look-up
# keys (k:, v..:, q:, c:) are most of the rows and are not needed once a claim is a candidate.
_VIEW_PREFIXES = ("#", "u:", "m:", "e:", "w:", "s:")


def _among(conn, column, ids: list[int]):
    """``column`` in ``ids``, as few conditions as the engine takes: PostgreSQL one array
    parameter (one statement for thousands of candidates), SQLite an IN list per chunk."""
    if conn.dialect.name == "postgresql":
        if ids:
            yield column == any_(bindparam("among", list(ids), type_=postgresql.ARRAY(Integer)))
        return
    for chunk in chunks(ids):
        yield column.in_(chunk)


def _terms_of(session: Session, ids: list[int], *, view_only: bool = False) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    conn = session.connection()
    for among in _among(conn, _TERMS.c.claim_id, ids):
        stmt = select(_TERMS.c.claim_id, _TERMS.c.term).where(among)
        if view_only:
            stmt = stmt.where(or_(*(_TERMS.c.term.startswith(p) for p in _VIEW_PREFIXES)))
        for cid, term in conn.execute(stmt):
            out.setdefault(cid, set()).add(term)
    return out


def _numeric_view(row, terms: set[str]) -> NumericView:
    f = from_terms(terms)
    # a figure written in words ("a third", "ثلث", "שליש") is a round share: about, not to the hundredth
    qualifier = "approx" if row.qualifier == "exact" and not any(ch.isdigit() for ch in row.exact) else row.qualifier
    kind, value, low, high = in_points(row.numeric_kind, row.value, row.low, row.high, f.scale, row.exact)
    return NumericView(row.id, row.article_id, value, low, high, qualifier, kind,
                       row.unit, row.period_start, row.period_end, frozenset(f.topics), frozenset(f.aspects),
                       frozenset(f.entities), frozenset(f.words), row.published)


def _quote_view(row, terms: set[str]) -> QuoteView:
    f = from_terms(terms)
    return QuoteView(row.id, row.article_id, row.language, row.exact, row.speaker_as_written,
                     frozenset(f.speaker_keys), frozenset(f.entities), published=row.published)


_COLUMNS = (Claim.id, Claim.article_id, Claim.kind, Claim.exact, Claim.value, Claim.low, Claim.high,
            Claim.qualifier, Claim.numeric_kind, Claim.unit, Claim.period_start, Claim.period_end,
            Claim.speaker_as_written, Claim.version)


class _Row(NamedTuple):
    id: int
    article_id: int
    kind: str
    exact: str
    value: object
    low: object
    high: object
    qualifier: str
    numeric_kind: str | None
    unit: str | None
    period_start: int | None
    period_end: int | None
    speaker_as_written: str | None
    version: int
    language: str | None
    published: object


def _rows(session: Session, ids: list[int], *, exclude_article: int | None = None) -> list[_Row]:
    """The candidates' fields with their article's language and publication date."""
    conn = session.connection()
    found = []
    for among in _among(conn, Claim.id, ids):
        stmt = select(*_COLUMNS).where(among, Claim.status != "rejected")
        if exclude_article is not None:
            stmt = stmt.where(Claim.article_id != exclude_article)
        found.extend(conn.execute(stmt))
    articles = {}
    quote_articles = sorted({r.article_id for r in found})
    for among in _among(conn, Article.id, quote_articles):
        for aid, language, published in conn.execute(select(Article.id, Article.language, Article.published)
                                                     .where(among)):
            articles[aid] = (language, published)
    return [_Row(*r, *articles.get(r.article_id, (None, None))) for r in found]


def _near_buckets(view: NumericView) -> set[str]:
    """The value buckets in which another claim could state the same figure as ``view``."""
    span = interval(view)
    if span is None:
        return set()
    lo, hi = span
    if math.isinf(lo) or math.isinf(hi):
        edge = float(view.value)
        lo, hi = edge - abs(edge) * BOUND_NEAR, edge + abs(edge) * BOUND_NEAR
    widen = APPROX + 0.02   # room for the other side's own "about" or rounding
    return buckets_between(lo - abs(lo) * widen, hi + abs(hi) * widen)


def _lookup_keys(row, view, terms: set[str]) -> tuple[set[str], set[str]]:
    """(keys whose newest claims are wanted, keys whose every claim is wanted) for one claim."""
    if row.kind == "numeric":
        kind = view.numeric_kind   # the claim's kind, or points for a rate change (features.in_points)
        features = ClaimFeatures(topics=set(view.topics), entities=set(view.entities), words=set(view.words))
        probes = features.probe_keys(kind) if kind else set()
        near = _near_buckets(view)
        if not kind:
            wide = set()
        elif view.entities and not view.topics & HOLDER_TOPICS:   # the figures on this topic that name no place
            wide = {f"k:{kind}:{t}:*" for t in view.topics}
        else:   # no place, or a share held by a person: every figure on its topic near its value
            wide = {f"vt:{kind}:{t}:{b}" for t in view.topics for b in near}
        return probes | wide, {f"v{key}:{b}" for key in probes for b in near}
    # a fingerprint made of common words can be in thousands of quotes: sampled like a speaker
    return {t for t in terms if t.startswith(("s:", "q:", "c:"))}, set()


def _blocked_pairs(session: Session, own_ids: list[int]) -> set[tuple[int, int, str]]:
    """Every pair that has a link already (any status), in both orders."""
    blocked: set[tuple[int, int, str]] = set()
    for chunk in chunks(own_ids):
        stmt = select(ClaimLink.source_id, ClaimLink.target_id, ClaimLink.relation).where(
            or_(ClaimLink.source_id.in_(chunk), ClaimLink.target_id.in_(chunk)))
        for s, t, relation in session.execute(stmt):
            blocked.add((s, t, relation))
            blocked.add((t, s, relation))
    return blocked


def _order(relation: str, a, b) -> tuple[int, int]:
    """(source, target): lower id first for symmetric relations; the later article translates the earlier."""
    if relation in SYMMETRIC_RELATIONS:
        return (a.id, b.id) if a.id < b.id else (b.id, a.id)
    if a.published and b.published and a.published != b.published:
        a_later = a.published > b.published
    else:
        a_later = a.article_id > b.article_id
    return (a.id, b.id) if a_later else (b.id, a.id)


def _one_slot_each(found_by_claim: dict[int, list], views: dict) -> dict[int, dict[str, list]]:
    """The suggestions by claim and relation, conflicts thinned to those that can be one figure
    stated twice: an article that lists several tolls (Turkey, Syria, the total) is not in
    conflict with another one's list. A figure that already has its same figure in the other
    article conflicts with nothing there, and each figure keeps only the nearest value of the
    other article (and each of those, the nearest of ours)."""
    same_in = {(cid, row.article_id) for cid, found in found_by_claim.items()
               for s, row in found if s.relation == "same_claim"}
    same_of = {row.id for found in found_by_claim.values() for s, row in found if s.relation == "same_claim"}
    conflicts = [(cid, s, row) for cid, found in found_by_claim.items() for s, row in found
                 if s.relation == "contradicts" and (cid, row.article_id) not in same_in and row.id not in same_of]

    def gap(cid, row) -> float:
        mine = views[cid].value if views[cid].value is not None else views[cid].low
        theirs = row.value if row.value is not None else row.low
        if mine is None or theirs is None:
            return math.inf
        return abs(math.log(max(abs(float(mine)), 1e-9)) - math.log(max(abs(float(theirs)), 1e-9)))

    nearest_other: dict[tuple[int, int], tuple[float, int]] = {}
    nearest_own: dict[int, tuple[float, int]] = {}
    for cid, s, row in conflicts:
        g = gap(cid, row)
        key = (cid, row.article_id)
        if g < nearest_other.get(key, (math.inf, 0))[0]:
            nearest_other[key] = (g, row.id)
        if g < nearest_own.get(row.id, (math.inf, 0))[0]:
            nearest_own[row.id] = (g, cid)
    kept = {(cid, row.id) for cid, s, row in conflicts
            if nearest_other[(cid, row.article_id)][1] == row.id and nearest_own[row.id][1] == cid}
    out: dict[int, dict[str, list]] = {}
    for cid, found in found_by_claim.items():
        for s, row in found:
            if s.relation != "contradicts" or (cid, row.id) in kept:
                out.setdefault(cid, {}).setdefault(s.relation, []).append((s, row))
    return out


# Newest claims under each key, for many keys in one statement: one index range per key, so
# the cost is bounded by the keys and their limits, not by how many claims share a key. SQLite
# caps a compound SELECT at 500 terms; PostgreSQL takes the keys as arrays, so its statement and
# plan are the same whatever the keys.
_KEYS_PER_STATEMENT = 200
_PER_KEY_POSTGRESQL = (
    "SELECT k.term, t.claim_id FROM unnest(%s::text[], %s::int[]) WITH ORDINALITY AS k(term, lim, n) "
    "CROSS JOIN LATERAL (SELECT claim_id FROM claim_terms WHERE term = k.term "
    "ORDER BY claim_id DESC LIMIT k.lim) AS t ORDER BY k.n, t.claim_id DESC")


def _per_key(session: Session, limits: dict[str, int]) -> dict[str, list[int]]:
    """key -> claim ids filed under it, at most ``limits[key]``, newest first."""
    conn = session.connection()
    out: dict[str, list[int]] = {}
    keys = sorted(limits)
    if not keys:
        return out
    cursor = conn.connection.cursor()   # the driver's own rows: hundreds of thousands per run
    try:
        if conn.dialect.name == "postgresql":
            cursor.execute(_PER_KEY_POSTGRESQL, (keys, [limits[k] for k in keys]))
            rows = cursor.fetchall()
        else:
            one = ("SELECT * FROM (SELECT term, claim_id FROM claim_terms WHERE term = ? "
                   "ORDER BY claim_id DESC LIMIT ?) AS k{}")
            rows = []
            for chunk in chunks(keys, _KEYS_PER_STATEMENT):
                sql = " UNION ALL ".join(one.format(i) for i in range(len(chunk)))
                cursor.execute(sql, tuple(p for key in chunk for p in (key, limits[key])))
                rows.extend(cursor.fetchall())
        for term, cid in rows:
            out.setdefault(term, []).append(cid)
    finally:
        cursor.close()
    return out


def _versions(session: Session, ids: list[int]) -> dict[int, int]:
    """id -> version of those of ``ids`` that are not rejected."""
    conn = session.connection()
    out: dict[int, int] = {}
    for among in _among(conn, Claim.id, ids):
        out.update(conn.execute(select(Claim.id, Claim.version).where(among, Claim.status != "rejected")).all())
    return out


def _rows_of_articles(session: Session, article_ids: list[int]) -> list[_Row]:
    conn = session.connection()
    ids = []
    for chunk in chunks(article_ids):
        ids.extend(conn.scalars(select(Claim.id).where(Claim.article_id.in_(chunk), Claim.status != "rejected")))
    return _rows(session, sorted(ids))


def suggest_links_for_article(session: Session, article: Article, *, change_group: str | None = None
                              ) -> SuggestResult:
    """Propose links from the claims of ``article`` to claims in other articles."""
    return suggest_links_for_articles(session, [article.id], change_group=change_group)[article.id]


def suggest_links_for_articles(session: Session, article_ids: list[int], *, fresh: bool = False,
                               change_group: str | None = None, view_cache: dict | None = None
                               ) -> dict[int, SuggestResult]:
    """Propose links from the claims of each article to claims in other articles, for many
    articles at once, deciding for each what it would decide alone.

    The articles are taken in the order given: each compares with the claims of the other
    articles, and a pair an earlier one proposed is not proposed again by a later one. With
    ``fresh`` the articles were just stored in that order (ingest): an article does not see the
    claims of those after it, as if it had been suggested for the moment it was stored.
    The look-ups are set-based, for the whole list: one statement per few hundred keys, each key
    read through the index up to its limit, so the cost per article stays flat as claims pile up.
    ``view_cache`` (claim id -> (version, view, row)) keeps the candidates' views from one call to the next
    (ingest's writer passes the same dict to every batch, and drops it when a batch rolls back:
    SQLite may give a rolled-back claim's id to the next one).
    """
    article_ids = list(dict.fromkeys(article_ids))
    results = {aid: SuggestResult() for aid in article_ids}
    session.flush()   # claims edited in this session are compared as they are now
    own_rows = {r.id: r for r in _rows_of_articles(session, list(results))}
    if not own_rows:
        return results
    own_ids = list(own_rows)
    terms = _terms_of(session, own_ids)
    stale = [cid for cid, row in own_rows.items() if not is_current(terms.get(cid, set()), row.version)]
    if stale:   # from older rules or an older version of the claim
        terms.update(index_claims(session, list(session.scalars(select(Claim).where(Claim.id.in_(stale))))))
    position = {aid: i for i, aid in enumerate(article_ids)}
    views, keys_of, by_article = {}, {}, {aid: [] for aid in article_ids}
    per_key: Counter = Counter()   # the listed articles' own claims under each key
    for cid, row in own_rows.items():
        t = terms.get(cid, set())
        per_key.update(t)
        views[cid] = _numeric_view(row, t) if row.kind == "numeric" else _quote_view(row, t)
        keys_of[cid] = _lookup_keys(row, views[cid], t)
        by_article[row.article_id].append(cid)
    # own claims fill up to per_key[key] of a key's rows; that many more are read, and dropped below
    # (the two kinds of key are read in one pass: a key wanted by both is read to the larger limit,
    # and each use takes as many of its newest as it wants)
    limits: dict[str, int] = {}
    for r, e in keys_of.values():
        for k in r:
            limits[k] = max(limits.get(k, 0), RECENT_PER_KEY + per_key[k])
        for k in e:
            limits[k] = max(limits.get(k, 0), MATCHING_PER_KEY + per_key[k])
    recent = every = _per_key(session, limits)

    claim_position = {cid: position[row.article_id] for cid, row in own_rows.items()}

    def visible_from(aid: int):
        """Those of a list of claim ids that ``aid`` sees: not its own, and with ``fresh`` none of
        the articles after it (one filter per list: this runs for every id read)."""
        at = position[aid]
        if fresh:
            return lambda ids: [o for o in ids if o not in claim_position or claim_position[o] < at]
        return lambda ids: [o for o in ids if o not in claim_position or claim_position[o] != at]

    wanted_by_article: dict[int, dict[int, set[int]]] = {}
    for aid, cids in by_article.items():
        visible = visible_from(aid)
        wanted: dict[int, set[int]] = {cid: set() for cid in cids}
        owners: dict[str, list[int]] = {}
        own_every: set[str] = set()
        for cid in cids:
            r, e = keys_of[cid]
            own_every |= e
            for key in r | e:
                owners.setdefault(key, []).append(cid)
        # (the order in which candidates are met decides ties between equal scores: kept as when
        # each article was looked up alone, keys in order, newest first)
        found = [(other, key) for key in sorted({k for cid in cids for k in keys_of[cid][0]})
                 for other in visible(recent.get(key, ()))[:RECENT_PER_KEY]]
        room = MATCHING_TOTAL   # precise keys: every claim under them, up to this many for the article
        for key in sorted(own_every):
            if room == 0:
                break
            taken = visible(every.get(key, ()))[:min(room, MATCHING_PER_KEY)]
            found.extend((other, key) for other in taken)
            room -= len(taken)
        shared: dict[int, Counter] = {cid: Counter() for cid in cids}
        for other, key in found:
            for cid in owners.get(key, ()):
                shared[cid][other] += 1
        for cid, counts in shared.items():
            # at most CANDIDATES_PER_CLAIM: those under most of the claim's keys, then the newest
            keep = (set(sorted(counts, key=lambda o: (-counts[o], -o))[:CANDIDATES_PER_CLAIM])
                    if len(counts) > CANDIDATES_PER_CLAIM else counts)
            wanted[cid].update(o for o in counts if o in keep)   # (in the order met: ties break alike)
        wanted_by_article[aid] = wanted
    all_ids = sorted(set().union(*(w for wanted in wanted_by_article.values() for w in wanted.values())))
    other_views: dict[int, tuple] = {} if view_cache is None else view_cache
    if len(other_views) > _VIEWS_KEPT:
        other_views.clear()
    # a candidate's row and view made before (by the same writer) stand while its version does
    current = _versions(session, all_ids)
    unknown = [cid for cid, version in current.items()
               if (cached := other_views.get(cid)) is None or cached[0] != version]
    fetched = {r.id: r for r in _rows(session, unknown)}
    cand_terms = _terms_of(session, list(fetched), view_only=True)
    stale = [cid for cid, row in fetched.items() if not is_current(cand_terms.get(cid, set()), row.version)]
    if stale:   # edited since they were indexed: compare them as they are now
        cand_terms.update(index_claims(session, list(session.scalars(select(Claim).where(Claim.id.in_(stale))))))
    rows = {}
    for cid, version in current.items():
        cached = other_views.get(cid)
        row = cached[2] if cached is not None and cached[0] == version else fetched.get(cid)
        if row is not None:
            rows[cid] = row
    blocked = _blocked_pairs(session, own_ids)
    batches: list[tuple[int, dict]] = []
    for aid in article_ids:
        wanted, result = wanted_by_article.get(aid, {}), results[aid]
        result.claims = len(by_article[aid])
        result.candidates = len(set().union(*wanted.values())) if wanted else 0
        found_by_claim: dict[int, list] = {}
        for cid, found in wanted.items():
            mine = views[cid]
            for other_id in found:
                row = rows.get(other_id)
                if row is None or row.article_id == aid or row.kind != own_rows[cid].kind:
                    continue
                cached = other_views.get(other_id)
                if cached is not None and cached[0] == row.version:
                    other = cached[1]
                else:
                    make = _numeric_view if row.kind == "numeric" else _quote_view
                    other = make(row, cand_terms.get(other_id, set()))
                    other_views[other_id] = (row.version, other, row)
                s = compare_numeric(mine, other) if row.kind == "numeric" else compare_quotes(mine, other)
                if s is not None:
                    found_by_claim.setdefault(cid, []).append((s, row))
        proposals: dict[tuple[int, int, str], Suggestion] = {}
        for cid, per_relation in _one_slot_each(found_by_claim, views).items():
            for relation, found_links in per_relation.items():
                found_links.sort(key=lambda pair: -pair[0].score)
                for s, row in found_links[:MAX_PER_CLAIM.get(relation, MAX_PER_CLAIM_DEFAULT)]:
                    source, target = _order(relation, own_rows[cid], row)
                    if (source, target, relation) not in blocked:
                        proposals.setdefault((source, target, relation), s)
        for source, target, relation in proposals:   # a later article does not propose them again
            blocked.add((source, target, relation))
            blocked.add((target, source, relation))
        batches.append((aid, proposals))
    _store(session, batches, change_group, results)
    return results


_HISTORY = HistoryEntry.__table__
_LINKS = ClaimLink.__table__


def _store(session: Session, batches: list[tuple[int, dict]], change_group: str | None,
           results: dict[int, SuggestResult]) -> None:
    """Insert the suggestions of every article in one statement, and their history rows in another
    (one change group per article unless one is given)."""
    now = utcnow()
    rows, groups, owners = [], [], []
    for aid, proposals in batches:
        if not proposals:
            continue
        group = change_group or new_change_group()
        for (s, t, rel), sug in sorted(proposals.items()):
            rows.append({"source_id": s, "target_id": t, "relation": rel, "status": "suggested", "rule": sug.rule,
                         "score": sug.score, "note": None, "created_by_id": None, "created_at": now,
                         "decided_by_id": None, "decided_at": None})
            groups.append(group)
            owners.append(aid)
    if not rows:
        return
    conn = session.connection()
    ids = insert_many(conn, _LINKS, rows)
    history = []
    for link_id, row, group, aid in zip(ids, rows, groups, owners):
        history.append({"entity_type": "link", "entity_id": link_id, "action": "create", "actor_id": None, "at": now,
                        "before": None, "after": {"id": link_id, **row, "created_at": now.isoformat()},
                        "reason": f"suggested by rule {row['rule']} (score {row['score']})", "change_group": group})
        results[aid].by_rule[row["rule"]] += 1
        results[aid].suggested += 1
    columns = tuple(history[0])
    copy_rows(conn, _HISTORY, columns, [tuple(h[c] for c in columns) for h in history])
    log.info("%d links suggested", len(rows), extra={"action": "create", "entity": "link", "user_id": None})


def suggest_links(session: Session, article_ids: list[int] | None = None, *, batch: int = 100) -> SuggestResult:
    """Suggestions for the given articles, or for every article (oldest first) when None."""
    index_missing_terms(session)
    if article_ids is None:
        article_ids = list(session.scalars(select(Article.id).order_by(Article.id)))
    article_ids = list(dict.fromkeys(article_ids))
    total, group = SuggestResult(), new_change_group()
    for relation, count in session.execute(select(ClaimLink.relation, func.count()).group_by(ClaimLink.relation)):
        total.existing[relation] = count
    for chunk in chunks(article_ids, batch):
        for result in suggest_links_for_articles(session, chunk, change_group=group).values():
            total.add(result)
    return total
