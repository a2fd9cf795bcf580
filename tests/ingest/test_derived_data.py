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


# --- every write path reindexes explicitly (there is no flush hook) -------------------------------

def _stored(db, claim) -> tuple[str, set[str]]:
    db.expire(claim)
    terms = set(db.scalars(select(ClaimTerm.term).where(ClaimTerm.claim_id == claim.id)))
    return db.scalar(select(Claim.search_text).where(Claim.id == claim.id)), terms


def _expected(claim) -> tuple[str, set[str]]:
    speaker = claim.speaker.name if claim.speaker else None
    attributed = claim.attributed_to.name if claim.attributed_to else None
    return (claim_search_text(claim.exact, claim.metric, claim.speaker_as_written, speaker, attributed),
            claim_terms(claim, claim.article.text))


def _a_numeric_claim(db, seed_articles) -> Claim:
    return db.scalars(select(Claim).where(Claim.article_id.in_([a.id for a in seed_articles]),
                                          Claim.kind == "numeric").order_by(Claim.id)).first()


def test_an_editor_edit_leaves_search_text_and_terms_current(db, seed_articles, make_user):
    from claims_app.claims.services import edit_claim

    claim = _a_numeric_claim(db, seed_articles)
    before = _stored(db, claim)
    edit_claim(db, claim.id, {"metric": "wheat harvest tonnage"}, actor=make_user("ed", "editor"),
               version=claim.version)
    db.flush()
    stored = _stored(db, claim)
    assert stored == _expected(claim) and stored != before
    assert "wheat" in stored[0] and f"u:{claim.version}" in stored[1]


def test_a_history_restore_leaves_search_text_and_terms_current(db, seed_articles, make_user):
    from claims_app.claims.services import edit_claim
    from claims_app.history.models import HistoryEntry
    from claims_app.history.services import revert_entry

    editor = make_user("ed", "editor")
    claim = _a_numeric_claim(db, seed_articles)
    original = _stored(db, claim)
    edit_claim(db, claim.id, {"metric": "wheat harvest tonnage"}, actor=editor, version=claim.version)
    db.flush()
    entry = db.scalars(select(HistoryEntry).where(HistoryEntry.entity_type == "claim",
                                                  HistoryEntry.entity_id == claim.id,
                                                  HistoryEntry.action == "update")).one()
    revert_entry(db, entry.id, actor=editor)
    db.flush()
    stored = _stored(db, claim)
    assert stored == _expected(claim)
    assert "wheat" not in stored[0] and stored[0] == original[0]


def test_a_speaker_rename_leaves_search_text_and_terms_current(db, seed_articles):
    from claims_app.speakers.models import Speaker
    from claims_app.speakers.services import update_speaker

    quote = db.scalars(select(Claim).where(Claim.article_id.in_([a.id for a in seed_articles]),
                                           Claim.kind == "quote", Claim.speaker_id.is_not(None))
                       .order_by(Claim.id)).first()
    speaker = db.get(Speaker, quote.speaker_id)
    said = db.scalars(select(Claim).where((Claim.speaker_id == speaker.id)
                                          | (Claim.attributed_to_id == speaker.id))).all()
    update_speaker(db, speaker.id, name="Zebulon Quartermaine", kind=speaker.kind,
                   wikidata_qid=speaker.wikidata_qid, version=speaker.version)
    db.flush()
    for claim in said:
        stored = _stored(db, claim)
        assert stored == _expected(claim)
        assert "zebulon quartermaine" in stored[0]
