"""What ingest writes for each claim in batches (search text, link look-up terms made partly in
worker processes) is exactly what the claim's own fields give."""
from __future__ import annotations

from sqlalchemy import select

from claims_app.claims.models import Claim
from claims_app.links.models import ClaimTerm
from claims_app.links.terms import claim_terms
from claims_app.search.indexing import claim_search_text


def test_ingested_claims_have_the_search_text_and_terms_of_their_fields(db, seed_articles):
    claims = list(db.scalars(select(Claim).where(Claim.article_id.in_([a.id for a in seed_articles]))))
    assert len(claims) > 40 and {c.kind for c in claims} == {"quote", "numeric"}
    stored: dict[int, set[str]] = {}
    for cid, term in db.execute(select(ClaimTerm.claim_id, ClaimTerm.term)):
        stored.setdefault(cid, set()).add(term)
    for claim in claims:
        speaker = claim.speaker.name if claim.speaker else None
        attributed = claim.attributed_to.name if claim.attributed_to else None
        assert claim.search_text == claim_search_text(claim.exact, claim.metric, claim.speaker_as_written,
                                                      speaker, attributed), claim
        assert stored[claim.id] == claim_terms(claim, claim.article.text), claim
    quotes = [c for c in claims if c.kind == "quote" and c.speaker_as_written]
    assert quotes and all(c.speaker_id is not None for c in quotes)
    inside = [c for c in claims if c.kind == "numeric" and c.quote_id is not None]
    assert inside and all(c.attributed_to_id == c.quote.speaker_id for c in inside)
