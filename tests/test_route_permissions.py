"""Every route for every role: allowed, 403, or a redirect to the login page.

The table is the app's own URL map, so a new route cannot be forgotten: each view must be
wrapped by ``role_required`` (which records the least role on it) or be listed as public here.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from claims_app import create_app
from claims_app.accounts.models import ROLE_RANK
from claims_app.config import Config

PUBLIC = {"static", "accounts.login", "health.healthz"}
ROLES = ("anonymous", "researcher", "editor", "admin")
ARTICLE_TEXT = "Intro line.\nThe minister said «trade grew by more than 360 million dollars» on Monday."


def _collect_routes():
    app = create_app(Config(DATABASE_URL="sqlite://", SECRET_KEY="x", WTF_CSRF_ENABLED=False))
    admin_endpoints = _admin_endpoints(app)
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC or rule.endpoint in admin_endpoints:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((rule.endpoint, rule.rule, method))
    return app, routes


def _admin_endpoints(app) -> set[str]:
    """Endpoints served by the admin shell, which checks roles in its views' is_accessible."""
    names = set()
    for admin in app.extensions.get("admin", []) or []:
        for view in admin._views:
            names.add(view.endpoint)
    return {e for e in app.view_functions if e.split(".")[0] in names}


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
            "link_id": link.id, "entry_id": entry.id, "user_id": user.id, "outlet_id": outlet.id, "query_id": 1}


def _url(rule: str, ids: dict) -> str:
    def fill(match):
        name = match.group(1).split(":")[-1]
        assert name in ids, f"route {rule} names an unknown parameter {name!r}"
        return str(ids[name])

    return re.sub(r"<([^>]+)>", fill, rule)


@pytest.mark.parametrize("endpoint, rule, method", ROUTES, ids=[f"{m} {r}" for _, r, m in ROUTES])
def test_route_answers_each_role_as_its_least_role_says(app, make_user, objects, endpoint, rule, method):
    least = APP.view_functions[endpoint].least_role
    url = _url(rule, objects)
    for role in ROLES:
        client = app.test_client()
        if role != "anonymous":
            make_user(f"matrix-{role}", role)
            signed_in = client.post("/login", data={"username": f"matrix-{role}", "password": "correct horse battery"})
            assert signed_in.status_code == 302
        response = client.open(url, method=method, data={})
        location = response.headers.get("Location", "")
        if role == "anonymous":
            assert response.status_code == 302 and "/login?next=" in location, (role, response.status_code)
        elif ROLE_RANK[role] < ROLE_RANK[least]:
            assert response.status_code == 403, (role, response.status_code)
        else:
            assert response.status_code not in (401, 403, 500), (role, response.status_code)
            assert "/login?next=" not in location, role
