"""Link suggestion: keep each claim's look-up terms, find candidates by indexed look-up, apply the
rules, and store new suggestions (status 'suggested', with rule and score).

A pair that already has a link for the relation, in either direction and whatever its status
(suggested, confirmed, dismissed), is never proposed again.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import bindparam, func, insert, or_, select
from sqlalchemy.orm import Session

from ..articles.models import Article
from ..claims.models import Claim
from ..history.services import new_change_group, record
from ..types import utcnow
from .features import HOLDER_TOPICS, ClaimFeatures, buckets_between, from_terms, in_points
from .models import SYMMETRIC_RELATIONS, ClaimLink
from .terms import (TERMS, chunks, ensure_terms, index_claim_terms, index_claims, index_missing_terms,  # noqa: F401
                    is_current)
from .rules import (APPROX, BOUND_NEAR, NumericView, QuoteView, Suggestion, compare_numeric, compare_quotes,
                    interval)

RECENT_PER_KEY = 25        # newest claims per key, for conflicts (any value) and translations
MATCHING_TOTAL = 2000      # claims under precise keys (metric and value bucket, quote fingerprint)
MAX_PER_CLAIM = {"contradicts": 5}   # suggestions per claim and relation, best first: the metric
MAX_PER_CLAIM_DEFAULT = 10            # view shows every figure on a metric anyway
_TERMS = TERMS


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


def _terms_of(session: Session, ids: list[int], *, view_only: bool = False) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    conn = session.connection()
    for chunk in chunks(ids):
        stmt = select(_TERMS.c.claim_id, _TERMS.c.term).where(_TERMS.c.claim_id.in_(chunk))
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
    for chunk in chunks(ids):
        stmt = select(*_COLUMNS).where(Claim.id.in_(chunk), Claim.status != "rejected")
        if exclude_article is not None:
            stmt = stmt.where(Claim.article_id != exclude_article)
        found.extend(conn.execute(stmt))
    articles = {}
    quote_articles = sorted({r.article_id for r in found})
    for chunk in chunks(quote_articles):
        for aid, language, published in conn.execute(select(Article.id, Article.language, Article.published)
                                                     .where(Article.id.in_(chunk))):
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


# Fixed statements with bound parameters: compiled once, whatever the keys (compiling a statement
# built for each article's keys cost more than running it).
# The article's own claims are dropped after the look-up, not in it: a NOT IN list of every own
# claim in each key's statement made one article's work grow with (keys x claims).
_RECENT = (select(_TERMS.c.claim_id).where(_TERMS.c.term == bindparam("key"))
           .order_by(_TERMS.c.claim_id.desc()).limit(bindparam("n")))
_EVERY = (select(_TERMS.c.claim_id, _TERMS.c.term)
          .where(_TERMS.c.term.in_(bindparam("keys", expanding=True)),
                 _TERMS.c.claim_id.not_in(bindparam("own", expanding=True)))
          .limit(MATCHING_TOTAL))


def _candidates(session: Session, own_ids: list[int], recent: set[str], every: set[str],
                own_per_key: Counter) -> list[tuple[int, str]]:
    """(claim id, term) of other claims under the given keys.

    ``recent`` keys contribute their newest claims only (a bounded sample for conflicts and
    translations, whatever the value); ``every`` keys are precise (metric and value bucket, quote
    fingerprint) and contribute all their claims up to a cap. ``own_per_key`` counts the article's
    own claims filed under each key: that many more rows are read, and they are dropped here.
    """
    conn = session.connection()
    own = set(own_ids)
    found = [(cid, key) for key in sorted(recent)
             for cid in conn.scalars(_RECENT, {"key": key, "n": RECENT_PER_KEY + own_per_key[key]})
             if cid not in own]
    if every:
        found.extend(conn.execute(_EVERY, {"keys": sorted(every), "own": own_ids}))
    return found


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


def suggest_links_for_article(session: Session, article: Article, *, change_group: str | None = None
                              ) -> SuggestResult:
    """Propose links from the claims of ``article`` to claims in other articles."""
    result = SuggestResult()
    own = list(session.scalars(select(Claim).where(Claim.article_id == article.id, Claim.status != "rejected")))
    if not own:
        return result
    ensure_terms(session, own)
    own_ids = [c.id for c in own]
    own_rows = {r.id: r for r in _rows(session, own_ids)}
    terms = _terms_of(session, own_ids)
    views = {}
    owners: dict[str, list[int]] = {}
    recent: set[str] = set()
    every: set[str] = set()
    own_per_key: Counter = Counter()
    for cid, row in own_rows.items():
        t = terms.get(cid, set())
        own_per_key.update(t)
        views[cid] = _numeric_view(row, t) if row.kind == "numeric" else _quote_view(row, t)
        r, e = _lookup_keys(row, views[cid], t)
        recent |= r
        every |= e
        for key in r | e:
            owners.setdefault(key, []).append(cid)
    wanted: dict[int, set[int]] = {cid: set() for cid in own_rows}
    for other_id, key in _candidates(session, own_ids, recent, every, own_per_key):
        for cid in owners.get(key, ()):
            wanted[cid].add(other_id)
    all_ids = sorted(set().union(*wanted.values()))
    result.claims, result.candidates = len(own), len(all_ids)
    rows = {r.id: r for r in _rows(session, all_ids, exclude_article=article.id)}
    cand_terms = _terms_of(session, list(rows), view_only=True)
    stale = [cid for cid, row in rows.items() if not is_current(cand_terms.get(cid, set()), row.version)]
    if stale:   # edited since they were indexed: compare them as they are now
        cand_terms.update(index_claims(session, list(session.scalars(select(Claim).where(Claim.id.in_(stale))))))
    blocked = _blocked_pairs(session, own_ids)
    proposals: dict[tuple[int, int, str], Suggestion] = {}
    other_views: dict[int, object] = {}
    found_by_claim: dict[int, list] = {}
    for cid, found in wanted.items():
        mine = views[cid]
        for other_id in found:
            row = rows.get(other_id)
            if row is None or row.kind != own_rows[cid].kind:
                continue
            other = other_views.get(other_id)
            if other is None:
                make = _numeric_view if row.kind == "numeric" else _quote_view
                other = other_views[other_id] = make(row, cand_terms.get(other_id, set()))
            s = compare_numeric(mine, other) if row.kind == "numeric" else compare_quotes(mine, other)
            if s is not None:
                found_by_claim.setdefault(cid, []).append((s, row))
    for cid, per_relation in _one_slot_each(found_by_claim, views).items():
        for relation, found_links in per_relation.items():
            found_links.sort(key=lambda pair: -pair[0].score)
            for s, row in found_links[:MAX_PER_CLAIM.get(relation, MAX_PER_CLAIM_DEFAULT)]:
                source, target = _order(relation, own_rows[cid], row)
                if (source, target, relation) not in blocked:
                    proposals.setdefault((source, target, relation), s)
    _store(session, proposals, change_group or new_change_group(), result)
    return result


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


def _store(session: Session, proposals: dict, group: str, result: SuggestResult) -> None:
    """Insert the suggestions in one statement, and record each in the history."""
    if not proposals:
        return
    now = utcnow()
    rows = [{"source_id": s, "target_id": t, "relation": rel, "status": "suggested", "rule": sug.rule,
             "score": sug.score, "note": None, "created_by_id": None, "created_at": now, "decided_by_id": None,
             "decided_at": None} for (s, t, rel), sug in sorted(proposals.items())]
    ids = session.execute(insert(ClaimLink).returning(ClaimLink.id, sort_by_parameter_order=True), rows).scalars().all()
    for link_id, row in zip(ids, rows):
        record(session, entity_type="link", entity_id=link_id, action="create", actor_id=None,
               after={"id": link_id, **row, "created_at": now.isoformat()},
               reason=f"suggested by rule {row['rule']} (score {row['score']})", change_group=group)
        result.by_rule[row["rule"]] += 1
    session.flush()
    result.suggested += len(rows)


def suggest_links(session: Session, article_ids: list[int] | None = None) -> SuggestResult:
    """Suggestions for the given articles, or for every article (oldest first) when None."""
    index_missing_terms(session)
    if article_ids is None:
        article_ids = list(session.scalars(select(Article.id).order_by(Article.id)))
    total, group = SuggestResult(), new_change_group()
    for relation, count in session.execute(select(ClaimLink.relation, func.count()).group_by(ClaimLink.relation)):
        total.existing[relation] = count
    for aid in article_ids:
        article = session.get(Article, aid)
        if article is not None:
            total.add(suggest_links_for_article(session, article, change_group=group))
    return total
