"""Stored URLs become links only when they are http(s); everything else is shown as text."""
from __future__ import annotations

import pytest

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.security import external_link, http_url

HOSTILE = ["javascript:alert(document.cookie)", "JavaScript:alert(1)", " javascript:alert(1)",
           "java\tscript:alert(1)", "java\nscript:alert(1)", "data:text/html,<script>alert(1)</script>",
           "vbscript:msgbox(1)", "//evil.example/x", "/relative/path", "http:alert(1)", "https://", "",
           "file:///etc/passwd", "\x01javascript:alert(1)"]


@pytest.mark.parametrize("url", HOSTILE)
def test_only_absolute_http_urls_are_links(url):
    assert http_url(url) is None
    assert "<a " not in external_link(url)


@pytest.mark.parametrize("url", ["https://www.aljazeera.net/news/2024/1/1/x", "http://example.org/a?b=1&c=2",
                                 "HTTPS://EXAMPLE.ORG/"])
def test_http_urls_are_links_and_escaped(url):
    assert http_url(url) == url
    html = str(external_link(url, "source"))
    assert html.startswith('<a href="') and 'rel="noopener noreferrer nofollow"' in html
    assert "&c=2" not in html or "&amp;c=2" in html


def test_quotes_in_a_url_cannot_break_out_of_the_attribute():
    html = str(external_link('https://example.org/"onmouseover="alert(1)'))
    assert '"onmouseover' not in html and "&#34;onmouseover" in html


ARTICLE_TEXT = "The minister said «trade grew by 10 percent» on Monday."


def _article(db, url):
    article = Article(sha256=("j" * 63) + str(len(url) % 10), text=ARTICLE_TEXT, search_text=ARTICLE_TEXT.lower(),
                      char_count=len(ARTICLE_TEXT), title="Hostile source", language="en", source="hostile.txt",
                      url=url)
    db.add(article)
    db.flush()
    return article


def test_a_javascript_article_url_is_not_rendered_as_a_link(client, db, login):
    login("researcher")
    article = _article(db, "javascript:alert(document.domain)")
    db.commit()
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert 'href="javascript:' not in page.lower()
    assert "javascript:alert(document.domain)" in page          # shown, as text
    safe = _article(db, "https://example.org/story")
    db.commit()
    page = client.get(f"/articles/{safe.id}").get_data(as_text=True)
    assert '<a href="https://example.org/story" rel="noopener noreferrer nofollow">source</a>' in page


def test_evidence_urls_that_are_not_http_are_not_links(client, db, login):
    login("researcher")
    article = _article(db, "https://example.org/e")
    start = ARTICLE_TEXT.index("10")
    claim = Claim(article=article, kind="quote", start=start, end=start + 2, exact="10", origin="test",
                  status="verified", verdict="verified",
                  evidence_urls=["javascript:alert(1)", "https://example.org/proof"])
    db.add(claim)
    db.commit()
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert 'href="javascript:' not in page.lower()
    assert 'href="https://example.org/proof"' in page
