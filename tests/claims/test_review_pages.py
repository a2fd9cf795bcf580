"""The review queue and the claims list through the test client: filters, paging, bulk actions."""
from __future__ import annotations

import re

from claims_app.claims.models import Claim
from claims_app.history.models import HistoryEntry
from sqlalchemy import func, select


def queue_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<tr class="queue-row" data-claim-id="(\d+)"', page)]


def test_queue_shows_suggestions_and_filters_them(client, login, make_claim):
    login("editor")
    a, b = make_claim("50 percent"), make_claim("12 new firms", kind="quote")
    make_claim("40 million dollars", status="accepted")
    page = client.get("/claims/review").get_data(as_text=True)
    assert queue_ids(page) == [a.id, b.id]
    assert queue_ids(client.get("/claims/review?kind=quote").get_data(as_text=True)) == [b.id]
    assert queue_ids(client.get("/claims/review?q=percent&language=en").get_data(as_text=True)) == [a.id]
    assert queue_ids(client.get("/claims/review?language=ar").get_data(as_text=True)) == []
    assert len(queue_ids(client.get("/claims/review?status=accepted").get_data(as_text=True))) == 1
    bad = client.get("/claims/review?speaker_id=abc")
    assert bad.status_code == 200 and "is not a number from 1 to" in bad.get_data(as_text=True)


def test_queue_pages_by_key_without_duplicates(client, login, make_claim, monkeypatch):
    from claims_app.claims import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    login("editor")
    made = [make_claim(f).id for f in ("50 percent", "2025", "360 million", "12 new", "40 million")]
    seen, url = [], "/claims/review"
    while url:
        page = client.get(url).get_data(as_text=True)
        ids = queue_ids(page)
        if seen:
            assert ids[0] > seen[-1]
        seen += ids
        nxt = re.search(r'<a rel="next" href="([^"]+)"', page)
        url = nxt.group(1).replace("&amp;", "&") if nxt else None
        if url:
            assert f"after={ids[-1]}" in url and "status=suggested" in url
    assert seen == made


def test_accept_and_reject_from_the_queue(client, login, make_claim, db):
    login("editor")
    a, b = make_claim("50 percent"), make_claim("12 new firms")
    r = client.post(f"/claims/{a.id}/accept", data={"version": a.version, "next": "/claims/review?kind=numeric"})
    assert r.status_code == 302 and r.headers["Location"] == "/claims/review?kind=numeric"
    r = client.post(f"/claims/{b.id}/reject", data={"version": b.version, "next": "https://evil.example/"})
    assert r.headers["Location"] == f"/claims/{b.id}"
    db.expire_all()
    assert (db.get(Claim, a.id).status, db.get(Claim, b.id).status) == ("accepted", "rejected")
    stale = client.post(f"/claims/{a.id}/reject", data={"version": "1", "next": "/claims/review"})
    assert stale.status_code == 302
    db.expire_all()
    assert db.get(Claim, a.id).status == "accepted"
    assert "was changed by someone else" in client.get("/claims/review").get_data(as_text=True)


def test_bulk_over_a_filter_shows_the_count_then_applies_to_exactly_those(client, login, make_claim, db):
    login("editor")
    percent = make_claim("50 percent")
    millions = [make_claim("360 million dollars"), make_claim("40 million dollars")]
    accepted = make_claim("12 new firms", status="accepted")
    confirm = client.post("/claims/review/bulk", data={"decision": "reject", "scope": "filter",
                                                       "q": "million", "status": "suggested"})
    page = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and '<strong id="bulk-count">2</strong>' in page
    max_id = re.search(r'name="max_id" value="(\d+)"', page).group(1)
    # a claim that arrives after the confirmation page is not part of what was confirmed
    later = make_claim("million dollars 🌟")
    done = client.post("/claims/review/bulk", data={"decision": "reject", "scope": "filter", "q": "million",
                                                    "status": "suggested", "confirm": "yes", "max_id": max_id})
    assert done.status_code == 302 and "q=million" in done.headers["Location"]
    db.expire_all()
    assert [db.get(Claim, c.id).status for c in millions] == ["rejected", "rejected"]
    assert db.get(Claim, percent.id).status == "suggested" and db.get(Claim, later.id).status == "suggested"
    assert db.get(Claim, accepted.id).status == "accepted"
    groups = db.scalars(select(func.count(func.distinct(HistoryEntry.change_group)))
                        .where(HistoryEntry.action == "reject")).one()
    assert groups == 1


def test_bulk_of_selected_rows(client, login, make_claim, db):
    login("editor")
    a, b, c = make_claim("50 percent"), make_claim("2025"), make_claim("12 new firms")
    page = client.post("/claims/review/bulk", data={"decision": "accept", "scope": "selected",
                                                    "claim_id": [a.id, c.id]}).get_data(as_text=True)
    assert '<strong id="bulk-count">2</strong>' in page
    client.post("/claims/review/bulk", data={"decision": "accept", "scope": "selected", "claim_id": [a.id, c.id],
                                             "confirm": "yes"})
    db.expire_all()
    assert [db.get(Claim, x.id).status for x in (a, b, c)] == ["accepted", "suggested", "accepted"]
    nothing = client.post("/claims/review/bulk", data={"decision": "accept", "scope": "selected"})
    assert nothing.status_code == 302


def test_claims_list_has_a_verified_view(client, login, make_claim):
    login("researcher")
    plain = make_claim("50 percent", status="accepted")
    checked = make_claim("40 million dollars", status="false", verdict="false")
    all_page = client.get("/claims/").get_data(as_text=True)
    assert f'data-claim-id="{plain.id}"' in all_page and f'data-claim-id="{checked.id}"' in all_page
    verified = client.get("/claims/?status=verdict").get_data(as_text=True)
    assert f'data-claim-id="{checked.id}"' in verified and f'data-claim-id="{plain.id}"' not in verified
    assert client.get("/claims/review").status_code == 403


def test_a_bulk_action_is_undone_from_any_claim_of_it(client, login, make_claim, db):
    login("editor")
    a, b = make_claim("50 percent"), make_claim("12 new firms")
    client.post("/claims/review/bulk", data={"decision": "reject", "scope": "selected", "claim_id": [a.id, b.id],
                                             "confirm": "yes"})
    entry = db.scalar(select(HistoryEntry).where(HistoryEntry.entity_id == a.id, HistoryEntry.action == "reject"))
    page = client.get(f"/claims/{a.id}").get_data(as_text=True)
    assert f"/claims/history/{entry.id}/revert-group" in page
    done = client.post(f"/claims/history/{entry.id}/revert-group", data={"next": f"/claims/{a.id}"})
    assert done.status_code == 302
    db.expire_all()
    assert (db.get(Claim, a.id).status, db.get(Claim, b.id).status) == ("suggested", "suggested")
    assert "2 changes reverted" in client.get(done.headers["Location"]).get_data(as_text=True)
