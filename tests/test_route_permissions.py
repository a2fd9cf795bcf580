"""Every route for every role: allowed, 403, or a redirect to the login page; never a 500.

The table is the app's own URL map (Flask-Admin's routes included), so a new route cannot be
forgotten: each view must be wrapped by ``role_required`` (which records the least role on it)
or be listed as public here. Every POST is sent twice, with CSRF protection on: without a
token (refused with 400 whoever sends it) and with a valid one. Every answer, whatever its
status, carries the security headers.
"""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from claims_app import create_app
from claims_app.accounts.models import ROLE_RANK
from claims_app.config import Config
from claims_app.security import HEADERS

from .conftest import _session

PUBLIC = {"static", "accounts.login", "health.healthz"}
ROLES = ("anonymous", "researcher", "editor", "admin")
ARTICLE_TEXT = "Intro line.\nThe minister said «trade grew by more than 360 million dollars» on Monday."


def _collect_routes():
    app = create_app(Config(DATABASE_URL="sqlite://", SECRET_KEY="x", WTF_CSRF_ENABLED=False))
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC or rule.endpoint.endswith(".static"):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((rule.endpoint, rule.rule, method))
    return app, routes


APP, ROUTES = _collect_routes()


def test_every_route_is_public_or_declares_its_least_role():
    missing = [e for e, _, _ in ROUTES if getattr(APP.view_functions[e], "least_role", None) not in ROLE_RANK]
    assert not missing, f"views without role_required: {sorted(set(missing))}"


@pytest.fixture
def objects(db, make_user):
    """One of everything a URL can name, so every route can be called with real ids."""
    from claims_app.articles.models import Article, Outlet
    from claims_app.claims.models import Claim, Tag
    from claims_app.history.models import HistoryEntry
    from claims_app.links.models import ClaimLink
    from claims_app.speakers.models import Speaker

    outlet = Outlet(name="Matrix Outlet")
    article = Article(sha256="m" * 64, text=ARTICLE_TEXT, search_text=ARTICLE_TEXT.lower(),
                      char_count=len(ARTICLE_TEXT), title="Matrix", language="en", outlet=outlet, source="matrix.txt")
    speaker = Speaker(name="The Minister", kind="person")
    start = ARTICLE_TEXT.index("trade")
    end = ARTICLE_TEXT.index("»")
    quote = Claim(article=article, kind="quote", start=start, end=end, exact=ARTICLE_TEXT[start:end],
                  speaker=speaker, origin="test")
    n_start = ARTICLE_TEXT.index("more")
    n_end = ARTICLE_TEXT.index(" dollars") + len(" dollars")
    number = Claim(article=article, kind="numeric", start=n_start, end=n_end, exact=ARTICLE_TEXT[n_start:n_end],
                   value=Decimal(360000000), qualifier="at_least", numeric_kind="currency", unit="USD",
                   origin="test")
    tag = Tag(name="matrix")
    db.add_all([outlet, article, speaker, quote, number, tag])
    db.flush()
    link = ClaimLink(source_id=quote.id, target_id=number.id, relation="supports", status="suggested")
    db.add(link)
    db.flush()
    entry = HistoryEntry(entity_type="claim", entity_id=number.id, action="update", before={"unit": "EUR"},
                         after={"unit": "USD"})
    db.add(entry)
    user = make_user("matrix-target", "researcher")
    db.commit()
    return {"article_id": article.id, "claim_id": number.id, "speaker_id": speaker.id, "tag_id": tag.id,
            "link_id": link.id, "entry_id": entry.id, "user_id": user.id, "outlet_id": outlet.id, "query_id": 1,
            "export_type": "csv",
            # the row each admin view's edit and details pages open
            "admin_speakers": speaker.id, "admin_tags": tag.id, "admin_outlets": outlet.id, "admin_users": user.id}


def _url(endpoint: str, rule: str, ids: dict) -> str:
    def fill(match):
        name = match.group(1).split(":")[-1]
        assert name in ids, f"route {rule} names an unknown parameter {name!r}"
        return str(ids[name])

    url = re.sub(r"<([^>]+)>", fill, rule)
    view, _, name = endpoint.partition(".")
    if name in ("edit_view", "details_view") and view in ids:
        url += f"?id={ids[view]}"
    return url


@pytest.fixture
def csrf_app(app_config, connection):
    application = create_app(dataclasses.replace(app_config, WTF_CSRF_ENABLED=True),
                             session_factory=lambda: _session(connection))
    application.config["TESTING"] = True
    return application


def _token(client) -> str:
    page = client.get("/no-such-page").get_data(as_text=True)   # any page built on base.html
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def _client_for(app, make_user, role: str):
    client = app.test_client()
    if role != "anonymous":
        make_user(f"matrix-{role}", role)
        signed_in = client.post("/login", data={"username": f"matrix-{role}", "password": "correct horse battery",
                                                "csrf_token": _token(client)})
        assert signed_in.status_code == 302
    return client


def _assert_headers(response, what) -> None:
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (what, name, response.headers.get(name))


@pytest.mark.parametrize("endpoint, rule, method", ROUTES, ids=[f"{m} {r}" for _, r, m in ROUTES])
def test_route_answers_each_role_as_its_least_role_says(csrf_app, make_user, objects, endpoint, rule, method):
    least = APP.view_functions[endpoint].least_role
    url = _url(endpoint, rule, objects)
    for role in ROLES:
        client = _client_for(csrf_app, make_user, role)
        if method == "POST":
            refused = client.post(url, data={})
            assert refused.status_code == 400, (role, "no CSRF token", refused.status_code)
            _assert_headers(refused, (role, url, "no token"))
            response = client.post(url, data={"csrf_token": _token(client)})
        else:
            # A page answered to GET runs in a read-only session (on SQLite a deferred
            # transaction, which must never write): nothing may be flushed.
            writes = []

            def spy(session, _context, _instances):
                if session.new or session.dirty or session.deleted:
                    writes.append([repr(o) for o in (*session.new, *session.dirty, *session.deleted)])

            event.listen(Session, "before_flush", spy)
            try:
                response = client.open(url, method=method)
            finally:
                event.remove(Session, "before_flush", spy)
            assert not writes, (role, url, writes)
        what = (role, method, url, response.status_code)
        _assert_headers(response, what)
        assert response.status_code < 500, what
        location = response.headers.get("Location", "")
        if role == "anonymous":
            assert response.status_code == 302 and "/login?next=" in location, what
        elif ROLE_RANK[role] < ROLE_RANK[least]:
            assert response.status_code == 403, what
        else:
            assert response.status_code not in (401, 403), what
            assert "/login?next=" not in location, what


@pytest.mark.parametrize("path", ["/login", "/static/app.css", "/no-such-page"])
def test_public_answers_carry_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    _assert_headers(response, path)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
