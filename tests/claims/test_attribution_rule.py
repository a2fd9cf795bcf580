"""The rule that chose a quote's speaker is stored with the claim and shown to the editor beside
the speaker and its confidence; a quote without a speaker says "speaker unknown"."""
from __future__ import annotations

from html import unescape

from sqlalchemy import select

from claims_app.articles.readers import ArticleInput
from claims_app.articles.services import ingest_article
from claims_app.claims.models import Claim
from claims_app.claims.services import edit_claim
from claims_app.extraction import extract
from claims_app.extraction.attribution.attributor import RULES
from claims_app.ingest.prepare import prepare_article
from claims_app.ingest.speakers import SpeakerCache
from claims_app.ingest.store import Outlets, store_prepared
from claims_app.speakers.models import Speaker

# one quote with a speaker before it, one continuing it, one nobody can be given
TEXT = ('Mayor Laura Green opened the new harbour on Monday. Green said: "The harbour will double '
        'its traffic by next spring."\n\n"We have already hired forty new workers for it," she added.\n\n'
        'A notice on the gate read: "Closed to visitors until further notice, by order of the port."\n')


def _quotes(db, article_id):
    return list(db.scalars(select(Claim).where(Claim.article_id == article_id, Claim.kind == "quote")
                           .order_by(Claim.start)))


def _expected():
    return [(q.speaker, q.speaker_rule) for q in extract(TEXT, "en").quotes]


def test_the_extractor_names_a_rule_for_every_speaker_and_none_without_one():
    quotes = extract(TEXT, "en").quotes
    assert [(q.speaker, q.speaker_rule) for q in quotes] == [("Green", "cue_before"), ("Green", "continuation"),
                                                            (None, None)]
    for q in quotes:
        assert (q.speaker is None) == (q.speaker_rule is None)
        assert q.speaker_rule is None or q.speaker_rule in RULES


def test_ingest_with_extraction_stores_the_rule(db):
    article = ingest_article(db, ArticleInput(text=TEXT, source="rule.txt", title="Harbour", language="en"),
                             run_extraction=True).article
    db.flush()
    stored = [(c.speaker_as_written, c.attribution_rule) for c in _quotes(db, article.id)]
    assert stored == _expected()
    assert stored[0] == ("Green", "cue_before")


def test_batch_ingest_stores_the_rule(db):
    prepared = prepare_article(ArticleInput(text=TEXT, source="rule2.txt", title="Harbour", language="en"),
                               run_extraction=True)
    outcome = store_prepared(db, prepared, speakers=SpeakerCache(), outlets=Outlets())
    db.flush()
    stored = [(c.speaker_as_written, c.attribution_rule) for c in _quotes(db, outcome.article_id)]
    assert stored == _expected()


def test_an_editor_choosing_the_speaker_replaces_the_rule(db, editor):
    article = ingest_article(db, ArticleInput(text=TEXT, source="rule3.txt", title="Harbour", language="en"),
                             run_extraction=True).article
    db.flush()
    claim = _quotes(db, article.id)[0]
    other = Speaker(name="Tom Black", kind="person")
    db.add(other)
    db.flush()
    edit_claim(db, claim.id, {"speaker_id": other.id}, actor=editor, version=claim.version)
    assert claim.attribution_rule == "editor"


def test_claim_page_shows_rule_and_confidence_or_speaker_unknown(client, login, db):
    login("editor")
    article = ingest_article(db, ArticleInput(text=TEXT, source="rule4.txt", title="Harbour", language="en"),
                             run_extraction=True).article
    db.commit()
    first, *_, last = _quotes(db, article.id)
    page = unescape(client.get(f"/claims/{first.id}").get_data(as_text=True))
    assert "rule cue_before" in " ".join(page.replace("<code>", "").replace("</code>", "").split())
    assert f"confidence {first.attribution_confidence:.2f}" in page
    page = unescape(client.get(f"/claims/{last.id}").get_data(as_text=True))
    assert last.speaker_id is None and "speaker unknown" in page
    queue = unescape(client.get(f"/claims/review?article_id={article.id}&kind=quote").get_data(as_text=True))
    assert "speaker unknown" in queue and "cue_before" in queue
