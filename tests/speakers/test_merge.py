"""Merging speakers moves claims and aliases under one change group; undo puts back exactly that."""
from __future__ import annotations

from sqlalchemy import select

from claims_app.claims.models import Claim
from claims_app.history.models import HistoryEntry
from claims_app.speakers.models import Speaker, SpeakerAlias


def _state(db, *speaker_ids):
    db.expire_all()
    claims = db.execute(select(Claim.id, Claim.speaker_id, Claim.attributed_to_id).order_by(Claim.id)).all()
    aliases = db.execute(select(SpeakerAlias.id, SpeakerAlias.speaker_id, SpeakerAlias.name)
                         .order_by(SpeakerAlias.id)).all()
    speakers = db.execute(select(Speaker.id, Speaker.merged_into_id).where(Speaker.id.in_(speaker_ids))
                          .order_by(Speaker.id)).all()
    return [tuple(r) for r in claims], [tuple(r) for r in aliases], [tuple(r) for r in speakers]


def test_merge_moves_claims_and_aliases_and_records_one_group(client, login, db, make_speaker, make_claim):
    user = login("editor")
    keep = make_speaker("موشياشفيلي")
    drop = make_speaker("موشيشفيلي", "Moshiashvili", "موشياشفيلي")   # one alias the target has already
    said = make_claim("سنوقّع عشر اتفاقيات هذا العام", speaker=drop)
    figure = make_claim("50%", attributed_to=drop, kind="numeric")
    both = make_claim("trade grew by half", speaker=drop, attributed_to=drop)
    db.commit()
    response = client.post(f"/speakers/{drop.id}/merge", data={"into": keep.id, "reason": "same person",
                                                                    "confirm": "yes"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/speakers/{keep.id}")
    claims, aliases, speakers = _state(db, keep.id, drop.id)
    assert (said.id, keep.id, None) in claims and (figure.id, None, keep.id) in claims
    assert (both.id, keep.id, keep.id) in claims
    assert {name for _id, sid, name in aliases if sid == keep.id} == {"موشياشفيلي", "موشيشفيلي", "Moshiashvili"}
    assert not [a for a in aliases if a[1] == drop.id]
    assert speakers == [(keep.id, None), (drop.id, keep.id)]
    entries = db.scalars(select(HistoryEntry).where(HistoryEntry.change_group.is_not(None))
                         .order_by(HistoryEntry.id)).all()
    assert len({e.change_group for e in entries}) == 1
    kinds = sorted((e.entity_type, e.action) for e in entries)
    assert kinds == sorted([("claim", "merge")] * 3 + [("speaker_alias", "merge")] * 2
                           + [("speaker_alias", "delete"), ("speaker", "merge")])
    assert all(e.actor_id == user.id for e in entries)
    # the merged speaker is kept, points at the survivor, and its page says so
    page = client.get(f"/speakers/{drop.id}").get_data(as_text=True)
    assert "Merged into" in page and "Undo the merge" in page
    # and the list shows only the survivor
    listing = client.get("/speakers/").get_data(as_text=True)
    assert f"/speakers/{keep.id}\"" in listing and f"/speakers/{drop.id}\"" not in listing


def test_undo_restores_exactly_what_moved(client, login, db, make_speaker, make_claim):
    login("editor")
    keep = make_speaker("موشياشفيلي")
    drop = make_speaker("موشيشفيلي", "Moshiashvili", "موشياشفيلي")
    make_claim("سنوقّع عشر اتفاقيات هذا العام", speaker=drop)
    make_claim("50%", attributed_to=drop, kind="numeric")
    make_claim("trade grew by half", speaker=keep, attributed_to=drop)
    db.commit()
    before = _state(db, keep.id, drop.id)
    assert client.post(f"/speakers/{drop.id}/merge", data={"into": keep.id, "confirm": "yes"}).status_code == 302
    assert _state(db, keep.id, drop.id) != before
    # something attributed to the survivor by hand after the merge must stay with it
    later = make_claim("عشر اتفاقيات", speaker=keep)
    db.commit()
    assert client.post(f"/speakers/{drop.id}/unmerge").status_code == 302
    claims, aliases, speakers = _state(db, keep.id, drop.id)
    assert (claims, aliases, speakers) == (before[0] + [(later.id, keep.id, None)], before[1], before[2])
    merge_entries = db.scalars(select(HistoryEntry).where(HistoryEntry.action == "merge")).all()
    assert merge_entries and all(e.reverted_by_id is not None for e in merge_entries)
    undo = db.scalars(select(HistoryEntry).where(HistoryEntry.action == "unmerge")).all()
    # three claims, two moved aliases, the dropped duplicate alias, the speaker
    assert len({e.change_group for e in undo}) == 1 and len(undo) == 7
    # a second undo has nothing to do
    assert client.post(f"/speakers/{drop.id}/unmerge").status_code == 400


def test_merge_refuses_self_and_already_merged(client, login, db, make_speaker):
    login("editor")
    a, b, c = make_speaker("Aaa Bbb"), make_speaker("Ccc Ddd"), make_speaker("Eee Fff")
    db.commit()
    assert client.post(f"/speakers/{a.id}/merge", data={"into": a.id}).status_code == 400
    assert client.post(f"/speakers/{a.id}/merge", data={"into": b.id, "confirm": "yes"}).status_code == 302
    assert client.post(f"/speakers/{c.id}/merge", data={"into": a.id}).status_code == 400
    assert client.post(f"/speakers/{a.id}/merge", data={"into": c.id}).status_code == 400
    assert client.post(f"/speakers/{b.id}/merge", data={"into": 999999}).status_code == 404


def test_merge_keeps_claim_search_text_on_the_new_name(db, make_speaker, make_claim):
    from claims_app.search.services import search
    from claims_app.speakers.merge import merge_speakers

    keep = make_speaker("Gideon Sa'ar")
    drop = make_speaker("Gidon Saar")
    claim = make_claim("trade grew by half", speaker=drop)
    db.commit()
    assert claim.speaker.name == "Gidon Saar"   # loaded: the hook must not trust this stale object
    assert search(db, "gidon", scope="claims").items
    merge_speakers(db, drop.id, keep.id)
    db.commit()
    assert search(db, "gideon trade", scope="claims").items
    assert not search(db, "gidon", scope="claims").items


def test_chained_merges_are_undone_last_first(db, make_speaker, make_claim):
    import pytest

    from claims_app.errors import DomainError
    from claims_app.speakers.merge import merge_speakers, unmerge_speaker

    a, b, c = make_speaker("Aaa Bbb"), make_speaker("Ccc Ddd"), make_speaker("Eee Fff")
    claim = make_claim("trade grew by half", speaker=a)
    db.commit()
    merge_speakers(db, a.id, b.id)
    merge_speakers(db, b.id, c.id)
    db.commit()
    assert db.get(type(claim), claim.id).speaker_id == c.id
    with pytest.raises(DomainError, match="undo that merge first"):
        unmerge_speaker(db, a.id)
    unmerge_speaker(db, b.id)
    unmerge_speaker(db, a.id)
    db.commit()
    db.expire_all()
    assert db.get(type(claim), claim.id).speaker_id == a.id
    assert [db.get(type(a), s.id).merged_into_id for s in (a, b, c)] == [None, None, None]


def test_a_merge_asks_first_showing_both_speakers_counts_and_quotes(client, login, db, make_speaker, make_claim):
    login("editor")
    keep = make_speaker("Isaac Herzog")
    drop = make_speaker("هرتسوغ")
    make_claim("سنوقّع عشر اتفاقيات هذا العام", speaker=drop)
    make_claim("trade grew by half", speaker=keep)
    db.commit()
    before = _state(db, keep.id, drop.id)
    page = client.post(f"/speakers/{drop.id}/merge", data={"into": keep.id})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Merge two speakers?" in text
    assert "سنوقّع عشر اتفاقيات هذا العام" in text and "trade grew by half" in text
    assert 'name="confirm" type="hidden" value="yes"' in text or 'value="yes"' in text
    assert _state(db, keep.id, drop.id) == before          # nothing changed yet


def test_undo_is_offered_on_both_pages_and_in_the_claims_history(client, login, db, make_speaker, make_claim):
    login("editor")
    keep, drop = make_speaker("Isaac Herzog"), make_speaker("هرتسوغ")
    said = make_claim("سنوقّع عشر اتفاقيات هذا العام", speaker=drop)
    db.commit()
    client.post(f"/speakers/{drop.id}/merge", data={"into": keep.id, "confirm": "yes"})
    survivor = client.get(f"/speakers/{keep.id}").get_data(as_text=True)
    assert "Merged into this speaker" in survivor and f"/speakers/{drop.id}/unmerge" in survivor
    claim_page = client.get(f"/claims/{said.id}").get_data(as_text=True)
    assert f"/speakers/{drop.id}/unmerge" in claim_page and "Undo the speaker merge" in claim_page
    back = client.post(f"/speakers/{drop.id}/unmerge", data={"next": f"/claims/{said.id}#history"})
    assert back.status_code == 302 and back.headers["Location"].endswith(f"/claims/{said.id}#history")
    db.expire_all()
    assert db.get(type(said), said.id).speaker_id == drop.id
    assert "Undo the speaker merge" not in client.get(f"/claims/{said.id}").get_data(as_text=True)
