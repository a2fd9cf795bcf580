"""The metric view: every figure on one metric across sources, in time order, conflicts marked.

A metric is a topic concept of the lexicon (oil, arms, trade...), narrowed by the entity the
figures are about and their kind (percent, currency...): the same parts as a claim's ``k:``
look-up term, so listing one is an index look-up.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from ..articles.models import Article
from ..claims.models import NUMERIC_KINDS, Claim
from .features import metric_roles
from .lexicon import entity_lexicon
from .models import ClaimLink, ClaimTerm

TIMELINE_LIMIT = 500


@dataclass(frozen=True)
class MetricKey:
    kind: str
    topic: str
    entity: str   # an entity id, two joined by "+", or "*" for figures that name no entity

    @property
    def term(self) -> str:
        return f"k:{self.kind}:{self.topic}:{self.entity}"

    @classmethod
    def parse(cls, kind: str | None, topic: str | None, entity: str | None) -> "MetricKey | None":
        topics = metric_roles()
        entities = {e.id for e in entity_lexicon().values()} | {"*"}
        named = (entity or "*").split("+")
        if kind in NUMERIC_KINDS and topics.get(topic or "") == "topic" and len(named) <= 2 and set(named) <= entities:
            return cls(kind, topic, entity or "*")
        return None


@dataclass
class MetricRow:
    key: MetricKey
    claims: int


@dataclass
class TimelineEntry:
    claim: Claim
    conflicts_with: list[int] = field(default_factory=list)
    same_as: list[int] = field(default_factory=list)


def metric_index(session: Session, *, min_claims: int = 1) -> list[MetricRow]:
    """Every metric that has figures, most first.

    Counted on the term index alone (a range scan of the ``k:`` keys: under a second for a
    million claims), so the counts include claims an editor rejected; the timeline leaves them out.
    """
    stmt = (select(ClaimTerm.term, func.count(ClaimTerm.claim_id))
            .where(ClaimTerm.term >= "k:", ClaimTerm.term < "k;")
            .group_by(ClaimTerm.term))
    rows = []
    for term, claims in session.execute(stmt):
        if not term.startswith("k:"):   # a collation that ignores punctuation widens the range
            continue
        _, kind, topic, entity = term.split(":", 3)
        if claims >= min_claims:
            rows.append(MetricRow(MetricKey(kind, topic, entity), claims))
    rows.sort(key=lambda r: (-r.claims, r.key.topic, r.key.entity, r.key.kind))
    return rows


def metric_timeline(session: Session, key: MetricKey) -> list[TimelineEntry]:
    """Figures on ``key`` by the period they describe, then publication date; links between them."""
    stmt = (select(Claim).join(ClaimTerm, ClaimTerm.claim_id == Claim.id)
            .join(Article, Article.id == Claim.article_id)
            .where(ClaimTerm.term == key.term, Claim.status != "rejected")
            .options(joinedload(Claim.article).joinedload(Article.outlet))
            .order_by(Claim.period_start.is_(None), Claim.period_start, Claim.period_end,
                      Article.published.is_(None), Article.published, Claim.id)
            .limit(TIMELINE_LIMIT))
    entries = [TimelineEntry(c) for c in session.scalars(stmt).unique()]
    by_id = {e.claim.id: e for e in entries}
    if by_id:
        ids = list(by_id)
        links = session.execute(
            select(ClaimLink.source_id, ClaimLink.target_id, ClaimLink.relation)
            .where(ClaimLink.status != "dismissed", ClaimLink.relation.in_(("contradicts", "same_claim")),
                   or_(ClaimLink.source_id.in_(ids), ClaimLink.target_id.in_(ids))))
        for source, target, relation in links:
            if source in by_id and target in by_id:
                attr = "conflicts_with" if relation == "contradicts" else "same_as"
                getattr(by_id[source], attr).append(target)
                getattr(by_id[target], attr).append(source)
    return entries
