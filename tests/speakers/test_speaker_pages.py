"""Speaker list and page, editing, aliases, and who may do what."""
from __future__ import annotations

from sqlalchemy import select

from claims_app.history.models import HistoryEntry
from claims_app.speakers.models import Speaker, SpeakerAlias


def test_list_shows_alias_and_claim_counts(client, login, db, make_speaker, make_claim):
    login("researcher")
    sa = make_speaker("جدعون ساعر", "Gideon Sa'ar", "גדעון סער")
    make_claim("سنوقّع عشر اتفاقيات هذا العام", speaker=sa)
    make_claim("50%", attributed_to=sa, kind="numeric")
    db.commit()
    page = client.get("/speakers/").get_data(as_text=True)
    row = page[page.index(f"/speakers/{sa.id}"):]
    row = row[:row.index("</tr>")]
    assert '<td class="num">3</td>' in row and '<td class="num">2</td>' in row


def test_list_filter_by_name_folds_spelling(client, login, db, make_speaker):
    login("researcher")
    make_speaker("إلهام علييف")
    make_speaker("جدعون ساعر")
    db.commit()
    page = client.get("/speakers/", query_string={"name": "الهام"}).get_data(as_text=True)
    assert "علييف" in page and "ساعر" not in page


def test_speaker_page_lists_quotes_and_attributed_claims(client, login, db, make_speaker, make_claim):
    login("researcher")
    sa = make_speaker("Gideon Sa'ar")
    quote = make_claim('trade grew by half', speaker=sa)
    figure = make_claim("50%", attributed_to=sa, kind="numeric")
    db.commit()
    page = client.get(f"/speakers/{sa.id}").get_data(as_text=True)
    assert "trade grew by half" in page and "50%" in page
    for claim in (quote, figure):
        assert f'href="/claims/{claim.id}"' in page
        assert f'href="/articles/{claim.article_id}?claim={claim.id}"' in page
    assert "said" in page and "attributed" in page
    assert client.get("/speakers/999999").status_code == 404


def test_editor_adds_and_removes_an_alias_with_history(client, login, db, make_speaker):
    login("editor")
    sa = make_speaker("Gideon Sa'ar")
    db.commit()
    response = client.post(f"/speakers/{sa.id}/aliases", data={"name": "  גדעון   סער "})
    assert response.status_code == 302
    alias = db.scalar(select(SpeakerAlias).where(SpeakerAlias.name == "גדעון סער"))
    assert alias.speaker_id == sa.id and alias.script == "Hebr"
    alias_id = alias.id
    assert client.post(f"/speakers/{sa.id}/aliases", data={"name": "גדעון סער"}).status_code == 400
    response = client.post(f"/speakers/{sa.id}/aliases/remove", data={"alias_id": alias_id})
    assert response.status_code == 302
    db.expire_all()
    assert db.get(SpeakerAlias, alias_id) is None
    actions = db.execute(select(HistoryEntry.action, HistoryEntry.before, HistoryEntry.after)
                         .where(HistoryEntry.entity_type == "speaker_alias", HistoryEntry.entity_id == alias_id)
                         .order_by(HistoryEntry.id)).all()
    assert [a[0] for a in actions] == ["create", "delete"]
    assert actions[1][1]["name"] == "גדעון סער"


def test_edit_saves_name_kind_and_qid_and_records_history(client, login, db, make_speaker):
    user = login("editor")
    sa = make_speaker("Gideon Saar")
    db.commit()
    response = client.post(f"/speakers/{sa.id}/edit", data={"name": "Gideon Sa'ar", "kind": "person",
                                                             "wikidata_qid": "q2584640", "version": sa.version})
    assert response.status_code == 302
    db.expire_all()
    speaker = db.get(Speaker, sa.id)
    assert (speaker.name, speaker.wikidata_qid) == ("Gideon Sa'ar", "Q2584640")
    assert "Gideon Sa'ar" in [a.name for a in speaker.aliases]
    entry = db.scalar(select(HistoryEntry).where(HistoryEntry.entity_type == "speaker",
                                                 HistoryEntry.entity_id == sa.id))
    assert entry.action == "update" and entry.actor_id == user.id
    alias_entry = db.scalar(select(HistoryEntry).where(HistoryEntry.entity_type == "speaker_alias"))
    assert alias_entry.after["name"] == "Gideon Sa'ar" and alias_entry.change_group == entry.change_group
    assert entry.before["name"] == "Gideon Saar" and entry.after["wikidata_qid"] == "Q2584640"


def test_bad_qid_is_refused_with_a_message(client, login, db, make_speaker):
    login("editor")
    sa = make_speaker("Gideon Saar")
    db.commit()
    for bad in ("2584640", "Q", "Q12a", "P31", "Q0"):
        response = client.post(f"/speakers/{sa.id}/edit", data={"name": "X", "kind": "person",
                                                                 "wikidata_qid": bad, "version": sa.version})
        assert response.status_code == 400, bad
        assert "Q followed by digits" in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(Speaker, sa.id).name == "Gideon Saar"


def test_stale_version_is_a_conflict_not_an_overwrite(client, login, db, make_speaker):
    login("editor")
    sa = make_speaker("Gideon Saar")
    db.commit()
    seen = sa.version
    assert client.post(f"/speakers/{sa.id}/edit", data={"name": "A", "kind": "person", "version": seen}).status_code == 302
    response = client.post(f"/speakers/{sa.id}/edit", data={"name": "B", "kind": "person", "version": seen})
    assert response.status_code == 409
    db.expire_all()
    assert db.get(Speaker, sa.id).name == "A"


def test_researcher_may_read_but_not_edit(client, login, db, make_speaker):
    login("researcher")
    sa = make_speaker("Gideon Saar")
    db.commit()
    assert client.get(f"/speakers/{sa.id}").status_code == 200
    assert client.get(f"/speakers/{sa.id}/edit").status_code == 403
    assert client.post(f"/speakers/{sa.id}/aliases", data={"name": "x"}).status_code == 403
    assert client.post(f"/speakers/{sa.id}/merge", data={"into": sa.id}).status_code == 403


def test_names_with_markup_render_as_text(client, login, db, make_speaker, make_claim):
    login("editor")
    evil = '<script>alert("x")</script>'
    sa = make_speaker(f"Mr {evil}", f'<img src=x onerror="alert(1)">')
    make_claim("trade grew by half", speaker=sa)
    db.commit()
    for url in ("/speakers/", f"/speakers/{sa.id}", f"/speakers/{sa.id}/edit"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;" in page, url
