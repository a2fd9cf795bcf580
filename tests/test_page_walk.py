"""Every page a user can reach by following links, as each role, answers below 500.

A crawler starts at the front page and follows every same-site link (``<a href>``) it finds, as
an anonymous visitor, a researcher, an editor and an admin, with the seed articles ingested. It
must reach the page of every seed article, claim and speaker, and each claim's edit form as an
editor. Nothing here names a page: a new page is walked the day a link to it appears.
"""
from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from sqlalchemy import select

from claims_app.claims.models import Claim
from claims_app.speakers.models import Speaker

# Links that leave the page walk: static files, and downloads that are tested by their own suites.
SKIP_PREFIXES = ("/static/", "/admin/static/", "/research/export?", "/admin/users/export/", "/admin/tags/export/",
                 "/admin/outlets/export/", "/admin/speakers/export/")
MAX_PAGES = 1500


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _same_site_links(base: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    out = []
    for href in parser.hrefs:
        url = urljoin(base, href)
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost") or parts.scheme not in ("", "http"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(SKIP_PREFIXES):
            out.append(path)
    return out


def crawl(client, start: str = "/") -> tuple[dict[str, int], list[str]]:
    seen: dict[str, int] = {}
    errors: list[str] = []
    queue = [start]
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code >= 500:
            errors.append(f"{url} answered {response.status_code}")
            continue
        if response.mimetype == "text/html" and response.status_code == 200:
            queue.extend(u for u in _same_site_links(url, response.get_data(as_text=True)) if u not in seen)
    return seen, errors


@pytest.mark.parametrize("role", [None, "researcher", "editor", "admin"])
def test_every_linked_page_answers_below_500_for_each_role(app, make_user, seed_articles, db, role):
    client = app.test_client()
    if role is not None:
        make_user(f"walk-{role}", role)
        assert client.post("/login", data={"username": f"walk-{role}",
                                           "password": "correct horse battery"}).status_code == 302
    seen, errors = crawl(client)
    assert not errors, "\n".join(errors[:30])
    if role is None:
        assert all(code in (200, 302) for code in seen.values()), seen
        return
    assert len(seen) < MAX_PAGES, "the walk did not finish; raise MAX_PAGES or find the link loop"
    visited = {urlsplit(u).path for u, code in seen.items() if code == 200}
    claims = db.scalars(select(Claim.id).where(Claim.status != "rejected")).all()
    speakers = db.scalars(select(Speaker.id).where(Speaker.merged_into_id.is_(None))).all()
    expected = {f"/articles/{a.id}" for a in seed_articles} | {f"/claims/{i}" for i in claims}
    expected |= {f"/speakers/{i}" for i in speakers}
    if role in ("editor", "admin"):
        expected |= {f"/claims/{i}/edit" for i in claims}
    missing = sorted(expected - visited)
    assert not missing, f"pages no link reaches as {role}: {missing[:20]} ({len(missing)} in all)"
