"""Login, the article list and the reader."""
from __future__ import annotations

import re
from html import unescape

from claims_app.articles.reading import paragraphs


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_login_with_wrong_password_fails_and_right_one_works(client, make_user):
    make_user("alice", "researcher")
    bad = client.post("/login", data={"username": "alice", "password": "wrong password!"})
    assert bad.status_code == 200 and "Wrong username or password" in bad.get_data(as_text=True)
    good = client.post("/login", data={"username": "alice", "password": "correct horse battery"})
    assert good.status_code == 302
    assert "alice" in client.get("/").get_data(as_text=True)


def test_login_does_not_redirect_off_site(client, make_user):
    make_user("bob", "researcher")
    response = client.post("/login?next=https://evil.example/x",
                           data={"username": "bob", "password": "correct horse battery"})
    assert response.headers["Location"] == "/"


def test_article_list_shows_the_seeds_with_claim_counts(client, login, seed_articles):
    login("researcher")
    page = client.get("/").get_data(as_text=True)
    for article in seed_articles:
        assert f"/articles/{article.id}" in page
    counts = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', page)]
    assert len(counts) == 5 and sum(counts) > 0


def test_reader_shows_text_verbatim_in_its_own_direction(client, login, seed_articles):
    login("researcher")
    for article in seed_articles:
        page = client.get(f"/articles/{article.id}").get_data(as_text=True)
        assert f'lang="{article.language}" dir="rtl"' in page
        paras = re.findall(r'<p dir="auto" data-start="(\d+)" data-end="(\d+)">(.*?)</p>', page, re.S)
        assert paras, "no paragraphs rendered"
        for start, end, inner in paras:
            shown = unescape(re.sub(r"<[^>]+>", "", inner))
            assert shown == article.text[int(start):int(end)]
        assert sum(1 for line in article.text.split("\n") if line.strip()) == len(paras)


def test_paragraph_segments_cover_nested_claims():
    text = "one\nsaid «more than 60 thousand» today"
    quote = (1, text.index("«"), text.index("»") + 1)
    number = (2, text.index("more"), text.index(" thousand") + len(" thousand"))
    (first, second) = paragraphs(text, [quote, number])
    assert [s.text for s in first.segments] == ["one"]
    assert "".join(s.text for s in second.segments) == text[second.start:second.end]
    covered = {s.text: s.claim_ids for s in second.segments}
    assert covered["more than 60 thousand"] == (1, 2)
    assert covered["«"] == (1,) and covered["said "] == ()
