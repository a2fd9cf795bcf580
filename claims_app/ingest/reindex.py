"""Derived data of claims, kept current by one function: the folded search text and the link
look-up terms (``claim_terms``) of each claim."""
from __future__ import annotations

from typing import Iterable

from sqlalchemy import bindparam, delete, insert, update
from sqlalchemy.orm import Session

from ..claims.models import Claim
from ..links.terms import TERMS, chunks, claim_terms
from ..search.indexing import claim_search_text


def reindex_claims(session: Session, claims: Iterable, *, texts: dict[int, str], names: dict[int, str],
                   search: bool = True, new: bool = False) -> int:
    """Rewrite the search text and link terms of ``claims`` (stored, with ids).

    ``claims`` are Claim rows or any objects with the same attributes (and, optionally, ``terms``
    already made from the same fields); ``texts`` maps article id to article text, ``names``
    speaker id to name. With ``search=False`` the search text is
    taken to be written already (an insert that carried it), and only the terms are rewritten;
    ``new`` says the claims were inserted in this transaction, so they have no terms to delete.
    """
    claims = list(claims)
    if not claims:
        return 0
    conn = session.connection()
    if search:
        params = [{"cid": c.id, "st": claim_search_text(c.exact, c.metric, c.speaker_as_written,
                                                        names.get(c.speaker_id), names.get(c.attributed_to_id))}
                  for c in claims]
        table = Claim.__table__
        conn.execute(update(table).where(table.c.id == bindparam("cid")).values(search_text=bindparam("st")),
                     params)
    if not new:
        for chunk in chunks([c.id for c in claims]):
            conn.execute(delete(TERMS).where(TERMS.c.claim_id.in_(chunk)))
    rows = [{"claim_id": c.id, "term": t} for c in claims
            for t in sorted(getattr(c, "terms", None) or claim_terms(c, texts[c.article_id]))]
    if rows:
        conn.execute(insert(TERMS), rows)
    return len(claims)
