"""The article review mode's endpoints through the test client: decisions, in-place edits, undo,
conflicts, the speaker autocomplete and the queue's context."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from claims_app.claims.context import sentence_around
from claims_app.claims.models import Claim
from claims_app.speakers.services import resolve_speaker


def _state(response):
    assert response.is_json, response.get_data(as_text=True)[:300]
    return response.get_json()


def test_review_mode_lists_every_candidate_in_text_order_with_progress(client, login, make_claim, article):
    login("editor")
    late = make_claim("40 million dollars")
    early = make_claim("50 percent", status="accepted")
    rejected = make_claim("12 new firms", status="rejected")
    page = client.get(f"/claims/review/article/{article.id}").get_data(as_text=True)
    order = [page.index(f'id="cand-{c.id}"') for c in (early, rejected, late)]
    assert order == sorted(order)
    assert '<span id="reviewed-count">2</span>' in page
    assert 'id="candidate-states"' in page and "<script>" not in page


def test_review_mode_is_for_editors(client, login, article):
    login("researcher")
    assert client.get(f"/claims/review/article/{article.id}").status_code == 403
    assert client.get("/claims/review/article/999999").status_code == 403


def test_decide_answers_the_new_state_and_undo_takes_it_back(client, login, make_claim, db):
    login("editor")
    claim = make_claim("50 percent")
    answer = _state(client.post(f"/claims/{claim.id}/decide", data={"action": "reject", "version": claim.version}))
    assert answer["claim"]["status"] == "rejected" and answer["claim"]["version"] == claim.version + 1
    db.expire_all()
    assert db.get(Claim, claim.id).status == "rejected"
    undone = _state(client.post(f"/claims/{claim.id}/undo", data={"history_id": answer["history_id"]}))
    assert undone["claim"]["status"] == "suggested"
    db.expire_all()
    assert db.get(Claim, claim.id).status == "suggested"


def test_a_stale_decision_is_a_409_with_both_versions(client, login, make_claim, db):
    login("editor")
    claim = make_claim("50 percent")
    client.post(f"/claims/{claim.id}/decide", data={"action": "accept", "version": claim.version})
    stale = client.post(f"/claims/{claim.id}/decide", data={"action": "reject", "version": claim.version})
    assert stale.status_code == 409
    body = stale.get_json()
    assert body["conflict"] and body["current"]["status"] == "accepted" and body["attempted"] == {"status": "rejected"}
    db.expire_all()
    assert db.get(Claim, claim.id).status == "accepted"


def test_bad_decisions_are_json_errors_not_pages(client, login, make_claim):
    login("editor")
    claim = make_claim("50 percent")
    assert client.post(f"/claims/{claim.id}/decide", data={"action": "delete", "version": 1}).status_code == 400
    assert client.post("/claims/999999/decide", data={"action": "accept", "version": 1}).status_code == 404
    bad_undo = client.post(f"/claims/{claim.id}/undo", data={"history_id": "²"})
    assert bad_undo.status_code == 400 and bad_undo.is_json


def test_quick_edit_saves_accepts_and_is_undone_as_one(client, login, make_claim, db):
    login("editor")
    claim = make_claim("360 million", status="rejected", value=Decimal("360000000"), unit="USD")
    fields = {"version": claim.version, "value": "370000000", "qualifier": "approx", "unit": "USD",
              "numeric_kind": "currency", "low": "", "high": "", "period_start": "", "period_end": "",
              "metric": "", "speaker": ""}
    answer = _state(client.post(f"/claims/{claim.id}/quick-edit", data=fields))
    assert answer["claim"]["status"] == "accepted" and answer["claim"]["qualifier"] == "approx"
    db.expire_all()
    stored = db.get(Claim, claim.id)
    assert (stored.value, stored.qualifier, stored.status) == (Decimal("370000000"), "approx", "accepted")
    client.post(f"/claims/{claim.id}/undo", data={"history_id": answer["history_id"]})
    db.expire_all()
    stored = db.get(Claim, claim.id)
    assert (stored.value, stored.qualifier, stored.status) == (Decimal("360000000"), "exact", "rejected")


def test_quick_edit_field_errors_come_back_by_field(client, login, make_claim, db):
    login("editor")
    claim = make_claim("50 percent")
    bad = client.post(f"/claims/{claim.id}/quick-edit", data={"version": claim.version, "value": "lots",
                                                               "qualifier": "exact"})
    assert bad.status_code == 400 and "value" in bad.get_json()["fields"]
    db.expire_all()
    assert db.get(Claim, claim.id).status == "suggested"


def test_quick_edit_of_a_quote_sets_its_speaker(client, login, make_claim, db):
    login("editor")
    quote = make_claim("trade grew by 50 percent in 2025", kind="quote")
    answer = _state(client.post(f"/claims/{quote.id}/quick-edit", data={"version": quote.version,
                                                                         "speaker": "Jane Minister"}))
    assert answer["claim"]["speaker"] == "Jane Minister" and answer["claim"]["status"] == "accepted"


def test_speaker_suggestions_match_names_and_aliases_in_any_script(client, login, db):
    login("researcher")
    herzog = resolve_speaker(db, "Isaac Herzog")
    from claims_app.speakers.services import add_alias

    add_alias(db, herzog, "הרצוג")
    resolve_speaker(db, "Isaac Newton")
    db.flush()
    names = client.get("/speakers/suggest?q=isaac").get_json()
    assert [n["name"] for n in names] == ["Isaac Herzog", "Isaac Newton"]
    by_alias = client.get("/speakers/suggest?q=הרצ").get_json()
    assert by_alias == [{"id": herzog.id, "name": "Isaac Herzog", "alias": "הרצוג"}]
    assert client.get("/speakers/suggest?q=").get_json() == []


def test_queue_rows_show_the_sentence_and_a_short_title(client, login, make_claim):
    login("editor")
    make_claim("12 new firms")
    page = client.get("/claims/review").get_data(as_text=True)
    assert "Exports reached more than 360 million dollars 🌟 last year, and " in page
    assert "Imports fell" not in page   # the next sentence is not shown


def test_queue_filters_by_article(client, login, make_claim, db, article):
    from claims_app.articles.readers import ArticleInput
    from claims_app.articles.services import ingest_article

    login("editor")
    other = ingest_article(db, ArticleInput(text="Another text with 7 figures.", source="b.txt", title="B",
                                            language="en"), run_extraction=False).article
    mine = make_claim("50 percent")
    theirs = make_claim("7 figures", on=other)
    page = client.get(f"/claims/review?article_id={article.id}").get_data(as_text=True)
    assert f'data-claim-id="{mine.id}"' in page and f'data-claim-id="{theirs.id}"' not in page


def test_sentence_around_cuts_at_sentence_ends_in_every_script():
    text = "أولاً. قال الوزير إن النمو بلغ 5 في المئة؟ ثم غادر."
    start = text.index("5 في المئة")
    before, claim, after = sentence_around(text, start, start + len("5 في المئة"))
    assert (before, claim, after) == ("قال الوزير إن النمو بلغ ", "5 في المئة", "؟")
    para = "First line\nSecond 12 here and on"
    s = para.index("12")
    assert sentence_around(para, s, s + 2) == ("Second ", "12", " here and on")


def test_short_title_keeps_the_first_line_cut_at_a_word(app):
    short = app.jinja_env.filters["short_title"]
    assert short("One line\nsecond line") == "One line"
    long = "word " * 40
    cut = short(long, 30)
    assert cut.endswith("…") and len(cut) <= 31 and not cut[:-1].endswith(" ")


def test_a_selection_snaps_to_whole_words_and_grapheme_clusters():
    from claims_app.claims.spans import snap_to_words

    text = "في عام 2025 بلغت الصادرات 👩‍👩‍👧 نحو e\u0301te thousand "

    def snapped(start, end):
        return text[slice(*snap_to_words(text, start, end))]

    year = text.index("2025")
    assert snapped(year - 4, year + 3) == "عام 2025"         # slipped by one character
    family = text.index("👩")
    assert snapped(family + 1, family + 3) == "👩\u200d👩\u200d👧"   # never half an emoji sequence
    accent = text.index("\u0301")
    assert snapped(accent - 1, accent) == "e\u0301te"          # never a letter without its mark
    word = text.index("thousand")
    assert snapped(word + 1, word + 9) == "thousand"          # outer blank dropped, word completed
    assert snapped(year, year + 4) == "2025"                   # an exact selection is kept


def test_new_claim_from_a_slipped_selection_stores_the_whole_number(client, login, db):
    from claims_app.articles.readers import ArticleInput
    from claims_app.articles.services import ingest_article

    login("editor")
    text = "قالت الوزارة إن النمو في عام 2025 بلغ 5%."
    article = ingest_article(db, ArticleInput(text=text, source="s.txt", title="t", language="ar"),
                             run_extraction=False).article
    db.commit()
    start = text.index("عام")
    end = text.index("2025") + 3                              # "عام 202": one digit short
    page = client.get("/claims/new", query_string={"article_id": article.id, "kind": "numeric", "start": start,
                                                   "end": end, "exact": text[start:end]})
    assert page.status_code == 200 and "عام 2025" in page.get_data(as_text=True)
    saved = client.post("/claims/new", data={"article_id": article.id, "kind": "numeric", "start": start, "end": end,
                                            "exact": text[start:end], "value": "2025", "qualifier": "exact"})
    assert saved.status_code == 302
    claim = db.scalars(select(Claim).where(Claim.article_id == article.id)).one()
    assert claim.exact == "عام 2025" and (claim.start, claim.end) == (start, end + 1)
