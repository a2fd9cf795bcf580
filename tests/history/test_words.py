"""History in words on the claim page: sentences with names, not field dumps with ids."""
from __future__ import annotations

import re
from decimal import Decimal

from claims_app.claims import services
from claims_app.history.models import HistoryEntry
from claims_app.history.words import Names, describe
from claims_app.speakers.services import resolve_speaker


def entry(action, before=None, after=None, entity_type="claim"):
    return HistoryEntry(entity_type=entity_type, entity_id=1, action=action, before=before, after=after)


def test_a_value_change_reads_as_a_sentence_with_grouped_digits():
    e = entry("update", {"value": "6000", "version": 2}, {"value": "60000", "version": 3})
    assert describe(e, Names()) == ["changed the value from 6,000 to 60,000"]


def test_ids_become_names():
    names = Names(users={2: "dana"}, speakers={7: "Isaac Herzog"})
    e = entry("update", {"speaker_id": None, "reviewed_by_id": None}, {"speaker_id": 7, "reviewed_by_id": 2})
    assert describe(e, names) == ["set the speaker to Isaac Herzog"]
    e = entry("update", {"attributed_to_id": 7}, {"attributed_to_id": None})
    assert describe(e, names) == ["cleared the source (was Isaac Herzog)"]


def test_review_tags_links_and_reverts():
    assert describe(entry("accept", {"status": "suggested"}, {"status": "accepted"}), Names()) == ["accepted it"]
    assert describe(entry("tag", after={"tag_id": 3, "tag": "economy"}), Names()) == ["tagged it “economy”"]
    link = entry("link", after={"source_id": 1, "target_id": 41, "relation": "same_claim"}, entity_type="link")
    assert describe(link, Names(), claim_id=1) == ["linked it to claim 41 (same figure)"]
    assert describe(link, Names(), claim_id=41) == ["linked it to claim 1 (same figure)"]
    rev = entry("revert", {"qualifier": "approx"}, {"qualifier": "exact"})
    assert describe(rev, Names()) == ["reverted a change: changed the qualifier from approx to exact"]


def test_the_claim_page_shows_who_did_what_in_words(client, login, make_claim, db):
    editor = login("editor")
    claim = make_claim("360 million", value=Decimal("6000"))
    herzog = resolve_speaker(db, "Isaac Herzog")
    services.edit_claim(db, claim.id, {"value": Decimal("60000"), "attributed_to_id": herzog.id}, actor=editor,
                        version=claim.version)
    db.flush()
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert f"{editor.username} changed the value from 6,000 to 60,000" in text
    assert "set the source to Isaac Herzog" in text
    assert "reviewed_by_id: ∅ →" not in text
