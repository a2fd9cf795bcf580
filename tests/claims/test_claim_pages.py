"""The claim page and its forms through the test client: validation, conflicts, verdicts, tags, links,
revert, new claims from reader selections, and who may do what."""
from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import pytest
from sqlalchemy import select

from claims_app.articles.readers import read_articles
from claims_app.articles.services import ingest_article
from claims_app.claims.models import Claim, Tag
from claims_app.history.models import HistoryEntry
from claims_app.links.models import ClaimLink
from tests.conftest import SEEDS


def text_of(response) -> str:
    return unescape(response.get_data(as_text=True))


def test_edit_form_reports_each_invalid_field(client, login, make_claim):
    login("editor")
    claim = make_claim("50 percent")
    base = {"version": claim.version, "qualifier": "exact", "value": "50"}
    cases = [({"value": "fifty"}, "is not a number"),
             ({"low": "5", "high": "3"}, "High is below low"),
             ({"qualifier": "range", "low": "1"}, "A range needs both low and high"),
             ({"period_start": "2025", "period_end": "2024"}, "The period ends before it starts"),
             ({"qualifier": "roughly"}, "Not a valid choice"),
             ({"numeric_kind": "weight"}, "Not a valid choice"),
             ({"version": ""}, "the form lost its version"),
             ({"version": "x"}, "version is not a number")]
    for change, message in cases:
        response = client.post(f"/claims/{claim.id}/edit", data=base | change)
        assert response.status_code == 400 and message in text_of(response), change


def test_edit_saves_and_a_stale_edit_shows_both_versions(client, login, make_claim, db):
    login("editor")
    claim = make_claim("50 percent", value=Decimal("50"))
    seen = claim.version
    form = client.get(f"/claims/{claim.id}/edit").get_data(as_text=True)
    assert f'name="version" type="hidden" value="{seen}"' in form
    ok = client.post(f"/claims/{claim.id}/edit", data={"version": seen, "value": "50", "qualifier": "exact",
                                                       "numeric_kind": "percent", "unit": "percent",
                                                       "speaker": "Trade Ministry"})
    assert ok.status_code == 302
    db.expire_all()
    saved = db.get(Claim, claim.id)
    assert (saved.unit, saved.numeric_kind, saved.attributed_to.name) == ("percent", "percent", "Trade Ministry")
    stale = client.post(f"/claims/{claim.id}/edit", data={"version": seen, "value": "55", "qualifier": "exact",
                                                          "unit": "points"})
    page = text_of(stale)
    assert stale.status_code == 409 and "changed by someone else" in page
    row = re.search(r"<th>unit</th>\s*<td class=\"mine\" dir=\"auto\">(.*?)</td>\s*<td class=\"theirs\" "
                    r"dir=\"auto\">(.*?)</td>", page)
    assert row.groups() == ("points", "percent")
    db.expire_all()
    assert (db.get(Claim, claim.id).value, db.get(Claim, claim.id).unit) == (Decimal("50"), "percent")
    back = client.post(f"/claims/{claim.id}/edit", data={"version": db.get(Claim, claim.id).version, "value": "50",
                                                         "qualifier": "approx", "next": "/claims/review?kind=numeric"})
    assert back.status_code == 302 and back.headers["Location"] == "/claims/review?kind=numeric"
    queue = client.get("/claims/review?status=accepted").get_data(as_text=True)
    assert f"/claims/{claim.id}/edit?next=" in queue


def test_verify_form_requires_a_note_and_valid_urls(client, login, make_claim, db):
    login("editor")
    claim = make_claim("40 million dollars")
    seen = claim.version
    no_note = client.post(f"/claims/{claim.id}/verify", data={"version": claim.version, "verdict": "verified"})
    assert no_note.status_code == 400 and "A note is required" in text_of(no_note)
    bad_url = client.post(f"/claims/{claim.id}/verify", data={"version": claim.version, "verdict": "false",
                                                              "note": "x", "evidence_urls": "javascript:alert(1)"})
    assert bad_url.status_code == 400 and "is not an http(s) address" in text_of(bad_url)
    bad_verdict = client.post(f"/claims/{claim.id}/verify", data={"version": claim.version, "verdict": "true",
                                                                  "note": "x"})
    assert bad_verdict.status_code == 400
    db.expire_all()
    assert db.get(Claim, claim.id).verdict is None
    ok = client.post(f"/claims/{claim.id}/verify", data={
        "version": claim.version, "verdict": "misleading", "note": "customs says 38 million",
        "evidence_urls": "https://example.org/a\n\nhttps://example.org/b"})
    assert ok.status_code == 302
    db.expire_all()
    done = db.get(Claim, claim.id)
    assert (done.status, done.verdict, done.evidence_urls) == ("misleading", "misleading",
                                                               ["https://example.org/a", "https://example.org/b"])
    assert done.reviewed_by_id is not None and done.reviewed_at is not None
    stale = client.post(f"/claims/{claim.id}/verify", data={"version": seen, "verdict": "verified",
                                                            "note": "changed my mind"})
    assert stale.status_code == 409


def test_tags_added_created_and_removed_on_the_claim_page(client, login, make_claim, db):
    login("editor")
    claim = make_claim("50 percent")
    empty = client.post(f"/claims/{claim.id}/tags", data={"name": "   "})
    assert empty.status_code == 400 and "Type a tag name" in text_of(empty)
    assert client.post(f"/claims/{claim.id}/tags", data={"name": "trade"}).status_code == 302
    again = client.post(f"/claims/{claim.id}/tags", data={"name": "trade"})
    assert again.status_code == 400 and "already has tag" in text_of(again)
    tag = db.scalar(select(Tag).where(Tag.name == "trade"))
    assert "trade" in text_of(client.get(f"/claims/{claim.id}"))
    assert client.post(f"/claims/{claim.id}/tags/{tag.id}/remove").status_code == 302
    db.expire_all()
    assert db.get(Claim, claim.id).tags == []
    assert client.post(f"/claims/{claim.id}/tags/{tag.id}/remove").status_code == 404


def test_links_added_confirmed_and_dismissed(client, login, make_claim, db):
    login("editor")
    a, b, c = make_claim("50 percent"), make_claim("12 new firms"), make_claim("40 million dollars")
    found = client.get(f"/claims/{a.id}?link_q=firms").get_data(as_text=True)
    assert f'data-target="{b.id}"' in found and f'data-target="{a.id}"' not in found
    assert f'data-target="{c.id}"' in client.get(f"/claims/{a.id}?link_q=%23{c.id}").get_data(as_text=True)
    bad = client.post(f"/claims/{a.id}/links", data={"target_id": a.id, "relation": "supports"})
    assert bad.status_code == 400 and "cannot be linked to itself" in text_of(bad)
    missing = client.post(f"/claims/{a.id}/links", data={"relation": "supports"})
    assert missing.status_code == 400 and "Choose the claim to link to" in text_of(missing)
    assert client.post(f"/claims/{b.id}/links", data={"target_id": a.id, "relation": "same_claim"}).status_code == 302
    made = db.scalar(select(ClaimLink).where(ClaimLink.relation == "same_claim"))
    assert (made.source_id, made.target_id, made.status) == (a.id, b.id, "confirmed")
    suggestion = ClaimLink(source_id=a.id, target_id=c.id, relation="contradicts", rule="value_differs", score=0.87)
    dismissable = ClaimLink(source_id=b.id, target_id=c.id, relation="supports", rule="same_metric", score=0.4)
    db.add_all([suggestion, dismissable])
    db.commit()
    page = text_of(client.get(f"/claims/{a.id}"))
    assert "value_differs" in page and "score 0.87" in page
    assert client.post(f"/claims/{a.id}/links/{suggestion.id}/confirm").status_code == 302
    assert client.post(f"/claims/{c.id}/links/{dismissable.id}/dismiss").status_code == 302
    assert client.post(f"/claims/{a.id}/links/{dismissable.id}/dismiss").status_code == 404
    db.expire_all()
    assert (db.get(ClaimLink, suggestion.id).status, db.get(ClaimLink, dismissable.id).status) == (
        "confirmed", "dismissed")
    made_id = made.id
    assert client.post(f"/claims/{a.id}/links/{made_id}/remove").status_code == 302
    db.expire_all()
    assert db.get(ClaimLink, made_id) is None


def test_revert_from_the_history_list(client, login, make_claim, db):
    login("editor")
    claim = make_claim("50 percent", value=Decimal("50"))
    client.post(f"/claims/{claim.id}/edit", data={"version": claim.version, "value": "5", "qualifier": "exact"})
    entry = db.scalar(select(HistoryEntry).where(HistoryEntry.entity_id == claim.id))
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert f'/claims/history/{entry.id}/revert' in page
    r = client.post(f"/claims/history/{entry.id}/revert", data={"next": f"/claims/{claim.id}"})
    assert r.status_code == 302 and r.headers["Location"] == f"/claims/{claim.id}"
    db.expire_all()
    assert (db.get(Claim, claim.id).value, db.get(Claim, claim.id).status) == (Decimal("50"), "suggested")
    twice = client.post(f"/claims/history/{entry.id}/revert", data={"next": f"/claims/{claim.id}"})
    assert "reverted already" in text_of(client.get(twice.headers["Location"]))
    assert client.post("/claims/history/999999/revert").status_code == 404


@pytest.fixture
def hebrew(db):
    (item,) = read_articles(SEEDS / "000_5c9a7cae5ac697e4.txt")
    return ingest_article(db, item, run_extraction=False).article


def utf16(text: str, codepoints: int) -> int:
    return len(text[:codepoints].encode("utf-16-le")) // 2


def test_new_claim_after_the_emoji_converts_browser_offsets(client, login, hebrew, db):
    login("editor")
    text = hebrew.text
    emoji = text.index("🌟")
    word = "אורבייג'ן"
    start = text.index(word, emoji)
    s16, e16 = utf16(text, start), utf16(text, start + len(word))
    assert s16 == start + 1  # one emoji before it: a UTF-16 offset is one unit further on
    params = {"article_id": hebrew.id, "kind": "quote", "start": s16, "end": e16, "exact": word}
    form = client.get("/claims/new", query_string=params)
    assert form.status_code == 200 and f"code points {start}–{start + len(word)}" in text_of(form)
    created = client.post("/claims/new", data=params)
    assert created.status_code == 302
    claim = db.scalar(select(Claim).where(Claim.article_id == hebrew.id))
    assert (claim.start, claim.end, claim.exact) == (start, start + len(word), word)
    assert claim.exact == text[claim.start:claim.end] and claim.status == "accepted"
    # the same offsets read as code points would be one character off: refused, nothing stored
    shifted = client.post("/claims/new", data=params | {"start": start, "end": start + len(word)})
    assert shifted.status_code == 422 and "does not match the article text" in text_of(shifted)
    split = client.post("/claims/new", data=params | {"start": utf16(text, emoji) + 1})
    assert split.status_code == 422 and "splits a character" in text_of(split)
    assert len(db.scalars(select(Claim).where(Claim.article_id == hebrew.id)).all()) == 1


def test_new_numeric_claim_validates_its_fields(client, login, article, db):
    login("editor")
    phrase = "more than 360 million dollars"
    start = article.text.index(phrase)
    params = {"article_id": article.id, "kind": "numeric", "start": start, "end": start + len(phrase),
              "exact": phrase}
    bad = client.post("/claims/new", data=params | {"qualifier": "range", "low": "10"})
    assert bad.status_code == 400 and "A range needs both low and high" in text_of(bad)
    wrong = client.post("/claims/new", data=params | {"exact": "more than 361 million dollars"})
    assert wrong.status_code == 422
    assert client.get("/claims/new", query_string=params | {"start": "x"}).status_code == 422
    assert client.get("/claims/new", query_string=params | {"article_id": "999999"}).status_code == 404
    ok = client.post("/claims/new", data=params | {"value": "360000000", "qualifier": "at_least",
                                                   "numeric_kind": "currency", "unit": "USD"})
    assert ok.status_code == 302
    claim = db.scalar(select(Claim).where(Claim.exact == phrase))
    assert (claim.value, claim.qualifier, claim.unit, claim.kind) == (Decimal(360000000), "at_least", "USD",
                                                                      "numeric")


def write_routes(app):
    """Every claims route that changes something, with ids filled in."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("claims.") and ("POST" in rule.methods):
            yield rule.endpoint, re.sub(r"<int:\w+>", "1", rule.rule)


def test_researchers_get_403_on_every_write_route(client, login, app, make_claim):
    login("researcher")
    claim = make_claim("50 percent")
    routes = list(write_routes(app))
    assert len(routes) >= 12
    for endpoint, url in routes:
        assert client.post(url, data={"version": "1"}).status_code == 403, endpoint
    for url in ("/claims/review", f"/claims/{claim.id}/edit",
                f"/claims/new?article_id={claim.article_id}&start=0&end=1&exact=T"):
        assert client.get(url).status_code == 403, url
    assert client.get(f"/claims/{claim.id}").status_code == 200 and client.get("/claims/").status_code == 200
    reader = client.get(f"/articles/{claim.article_id}").get_data(as_text=True)
    assert "data-new-url" not in reader and "Select text to add" not in reader


def test_forms_refuse_a_post_without_the_csrf_token(app, client, login, make_claim):
    login("editor")
    claim = make_claim("50 percent")
    app.config["WTF_CSRF_ENABLED"] = True
    for url in (f"/claims/{claim.id}/accept", f"/claims/{claim.id}/verify", f"/claims/{claim.id}/tags",
                "/claims/review/bulk", f"/claims/{claim.id}/edit"):
        response = client.post(url, data={"version": claim.version, "verdict": "verified", "note": "n",
                                          "name": "t", "decision": "accept", "scope": "filter"})
        assert response.status_code == 400, url
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert page.count('name="csrf_token"') >= 5
