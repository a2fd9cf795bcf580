"""Link suggestion: keep each claim's look-up terms, find candidates by indexed look-up, apply the
rules, and store new suggestions (status 'suggested', with rule and score).

A pair that already has a link for the relation, in either direction and whatever its status
(suggested, confirmed, dismissed), is never proposed again.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.orm import Session

from ..articles.models import Article
from ..claims.models import Claim
from ..history.services import new_change_group, record, snapshot
from .features import INDEXED, from_terms, numeric_features, quote_features, quote_shingles
from .models import SYMMETRIC_RELATIONS, ClaimLink, ClaimTerm
from .rules import (BOUND_NEAR, NumericView, QuoteView, Suggestion, compare_numeric, compare_quotes,
                    interval)

RECENT_PER_KEY = 60        # newest claims per key, for conflicts (any value) and translations
MATCHING_PER_KEY = 300     # claims per key whose value is near, for same-figure links
MAX_PER_CLAIM = 20         # suggestions per claim and relation, best first
_CHUNK = 500


@dataclass
class SuggestResult:
    claims: int = 0
    candidates: int = 0
    suggested: int = 0
    by_rule: Counter = field(default_factory=Counter)

    def add(self, other: "SuggestResult") -> None:
        self.claims += other.claims
        self.candidates += other.candidates
        self.suggested += other.suggested
        self.by_rule.update(other.by_rule)


def claim_terms(claim: Claim, text: str) -> set[str]:
    """The look-up terms of ``claim``; ``text`` is its article's text."""
    if claim.kind == "numeric":
        return numeric_features(text, claim.start, claim.end, claim.metric).terms(claim.numeric_kind)
    features = quote_features(claim.exact, claim.speaker_id, claim.speaker_as_written)
    return features.terms() | quote_shingles(claim.exact)


def index_claim_terms(session: Session, claim: Claim) -> set[str]:
    """Rewrite the look-up terms of ``claim``; call after creating or editing a claim."""
    if claim.id is None:
        session.flush()
    terms = claim_terms(claim, claim.article.text)
    session.execute(delete(ClaimTerm).where(ClaimTerm.claim_id == claim.id))
    session.execute(insert(ClaimTerm), [{"claim_id": claim.id, "term": t} for t in sorted(terms)])
    return terms


def _chunks(items: list, size: int = _CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def ensure_terms(session: Session, claims: list[Claim]) -> int:
    """Index those of ``claims`` that have no terms from the current rules; returns how many."""
    ids = [c.id for c in claims]
    done: set[int] = set()
    for chunk in _chunks(ids):
        done |= set(session.scalars(select(ClaimTerm.claim_id)
                                    .where(ClaimTerm.term == INDEXED, ClaimTerm.claim_id.in_(chunk))))
    missing = [c for c in claims if c.id not in done]
    for claim in missing:
        index_claim_terms(session, claim)
    return len(missing)


def _terms_of(session: Session, ids: list[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for chunk in _chunks(ids):
        for cid, term in session.execute(select(ClaimTerm.claim_id, ClaimTerm.term)
                                         .where(ClaimTerm.claim_id.in_(chunk))):
            out.setdefault(cid, set()).add(term)
    return out


def _numeric_view(row, terms: set[str]) -> NumericView:
    f = from_terms(terms)
    return NumericView(row.id, row.article_id, row.value, row.low, row.high, row.qualifier, row.numeric_kind,
                       row.unit, row.period_start, row.period_end, frozenset(f.topics), frozenset(f.aspects),
                       frozenset(f.entities), frozenset(f.words))


def _quote_view(row, terms: set[str]) -> QuoteView:
    f = from_terms(terms)
    return QuoteView(row.id, row.article_id, row.language, row.exact, row.speaker_as_written,
                     frozenset(f.speaker_keys), frozenset(f.entities))


_COLUMNS = (Claim.id, Claim.article_id, Claim.kind, Claim.exact, Claim.value, Claim.low, Claim.high,
            Claim.qualifier, Claim.numeric_kind, Claim.unit, Claim.period_start, Claim.period_end,
            Claim.speaker_as_written, Article.language, Article.published)


def _rows(session: Session, ids: list[int], *, exclude_article: int | None = None) -> list:
    rows = []
    for chunk in _chunks(ids):
        stmt = (select(*_COLUMNS).join(Article, Article.id == Claim.article_id)
                .where(Claim.id.in_(chunk), Claim.status != "rejected"))
        if exclude_article is not None:
            stmt = stmt.where(Claim.article_id != exclude_article)
        rows.extend(session.execute(stmt))
    return rows


def _near_values(view: NumericView) -> tuple[Decimal, Decimal] | None:
    """The value range in which another claim could state the same figure as ``view``."""
    span = interval(view)
    if span is None:
        return None
    lo, hi = span
    if math.isinf(lo) or math.isinf(hi):
        edge = float(view.value)
        lo, hi = edge - abs(edge) * BOUND_NEAR, edge + abs(edge) * BOUND_NEAR
    widen = 0.25   # room for the other side's own "about" or rounding
    lo, hi = lo - abs(lo) * widen, hi + abs(hi) * widen
    return Decimal(repr(lo)), Decimal(repr(hi))


def _candidate_ids(session: Session, own_ids: list[int], key: str, near=None) -> set[int]:
    base = select(ClaimTerm.claim_id).where(ClaimTerm.term == key, ClaimTerm.claim_id.not_in(own_ids))
    found = set(session.scalars(base.order_by(ClaimTerm.claim_id.desc()).limit(RECENT_PER_KEY)))
    if near is not None:
        lo, hi = near
        in_range = or_(Claim.value.between(lo, hi),
                       and_(Claim.value.is_(None), Claim.low <= hi, Claim.high >= lo))
        stmt = base.join(Claim, Claim.id == ClaimTerm.claim_id).where(in_range).limit(MATCHING_PER_KEY)
        found |= set(session.scalars(stmt))
    return found


def _blocked_pairs(session: Session, own_ids: list[int]) -> set[tuple[int, int, str]]:
    """Every pair that has a link already (any status), in both orders."""
    blocked: set[tuple[int, int, str]] = set()
    for chunk in _chunks(own_ids):
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
    wanted: dict[int, set[int]] = {}
    for cid, row in own_rows.items():
        t = terms.get(cid, set())
        if row.kind == "numeric":
            views[cid] = _numeric_view(row, t)
            keys = [k for k in t if k.startswith("k:")]
            near = _near_values(views[cid])
        else:
            views[cid] = _quote_view(row, t)
            keys = [k for k in t if k.startswith(("s:", "q:"))]
            near = None
        found: set[int] = set()
        for key in keys:
            found |= _candidate_ids(session, own_ids, key, near)
        wanted[cid] = found
    all_ids = sorted(set().union(*wanted.values()))
    result.claims, result.candidates = len(own), len(all_ids)
    rows = {r.id: r for r in _rows(session, all_ids, exclude_article=article.id)}
    cand_terms = _terms_of(session, list(rows))
    blocked = _blocked_pairs(session, own_ids)
    proposals: dict[tuple[int, int, str], Suggestion] = {}
    for cid, found in wanted.items():
        mine, per_relation = views[cid], {}
        for other_id in found:
            row = rows.get(other_id)
            if row is None or row.kind != own_rows[cid].kind:
                continue
            if row.kind == "numeric":
                s = compare_numeric(mine, _numeric_view(row, cand_terms.get(other_id, set())))
            else:
                s = compare_quotes(mine, _quote_view(row, cand_terms.get(other_id, set())))
            if s is not None:
                per_relation.setdefault(s.relation, []).append((s, row))
        for relation, found_links in per_relation.items():
            found_links.sort(key=lambda pair: -pair[0].score)
            for s, row in found_links[:MAX_PER_CLAIM]:
                source, target = _order(relation, own_rows[cid], row)
                if (source, target, relation) not in blocked:
                    proposals.setdefault((source, target, relation), s)
    _store(session, proposals, change_group or new_change_group(), result)
    return result


def _store(session: Session, proposals: dict, group: str, result: SuggestResult) -> None:
    links = [ClaimLink(source_id=s, target_id=t, relation=rel, status="suggested", rule=sug.rule, score=sug.score)
             for (s, t, rel), sug in sorted(proposals.items())]
    if not links:
        return
    session.add_all(links)
    session.flush()
    for link in links:
        record(session, entity_type="link", entity_id=link.id, action="create", actor_id=None,
               after=snapshot(link), reason=f"suggested by rule {link.rule} (score {link.score})",
               change_group=group)
        result.by_rule[link.rule] += 1
    result.suggested += len(links)


def index_missing_terms(session: Session, *, batch: int = 2000) -> int:
    """Index every claim that has no terms from the current rules (after an upgrade or a bulk load)."""
    total = 0
    while True:
        indexed = select(ClaimTerm.claim_id).where(ClaimTerm.term == INDEXED)
        claims = list(session.scalars(select(Claim).where(Claim.id.not_in(indexed)).order_by(Claim.id).limit(batch)))
        if not claims:
            return total
        for claim in claims:
            index_claim_terms(session, claim)
        total += len(claims)
        session.flush()


def suggest_links(session: Session, article_ids: list[int] | None = None) -> SuggestResult:
    """Suggestions for the given articles, or for every article (oldest first) when None."""
    index_missing_terms(session)
    if article_ids is None:
        article_ids = list(session.scalars(select(Article.id).order_by(Article.id)))
    total, group = SuggestResult(), new_change_group()
    for aid in article_ids:
        article = session.get(Article, aid)
        if article is not None:
            total.add(suggest_links_for_article(session, article, change_group=group))
    return total
