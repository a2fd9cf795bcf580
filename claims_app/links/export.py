"""Links as plain records for researchers and for measuring the suggestion rules."""
from __future__ import annotations

from typing import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ..articles.models import Article
from ..claims.models import Claim
from .models import ClaimLink

_BATCH = 1000


def iter_link_records(session: Session, *, status: str | None = None) -> Iterator[dict]:
    """One dict per link, oldest first: relation, status, score, rule and both claims' spans.

    ``article_source`` is the path or URL the article was ingested from.
    """
    ca, cb = aliased(Claim), aliased(Claim)
    aa, ab = aliased(Article), aliased(Article)
    stmt = (select(ClaimLink.id, ClaimLink.relation, ClaimLink.status, ClaimLink.score, ClaimLink.rule,
                   aa.source, ca.start, ca.end, ca.exact, ab.source, cb.start, cb.end, cb.exact)
            .join(ca, ca.id == ClaimLink.source_id).join(aa, aa.id == ca.article_id)
            .join(cb, cb.id == ClaimLink.target_id).join(ab, ab.id == cb.article_id)
            .order_by(ClaimLink.id))
    if status:
        stmt = stmt.where(ClaimLink.status == status)
    last = 0
    while True:
        rows = session.execute(stmt.where(ClaimLink.id > last).limit(_BATCH)).all()
        if not rows:
            return
        for row in rows:
            yield {
                "relation": row[1], "status": row[2], "score": row[3], "rule": row[4],
                "a": {"article_source": row[5], "start": row[6], "end": row[7], "text": row[8]},
                "b": {"article_source": row[9], "start": row[10], "end": row[11], "text": row[12]},
            }
        last = rows[-1][0]
