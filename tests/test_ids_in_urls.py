"""Ids no row can have, in any route, query string or form field: a 404 or a form error, never a 500.

The routes are taken from ``app.url_map``, so a new route with an id in its path is covered the
day it is added.
"""
from __future__ import annotations

from urllib.parse import quote

import pytest

from werkzeug.routing import IntegerConverter

BAD_IDS = [str(2**63 + 1), str(2**64), str(2**31), "9" * 40, "0", "00", "²", "٦", "۶", "1²", "-1", "+1", "1.0",
           "1e3", " 1", "x"]


def _routes_with_ids(app):
    for rule in app.url_map.iter_rules():
        ids = [name for name, conv in rule._converters.items() if isinstance(conv, IntegerConverter)]
        if ids:
            yield rule, ids


def test_every_route_with_a_number_in_its_path_uses_the_bounded_id_converter(app):
    from claims_app.fields import IdConverter

    loose = [rule.rule for rule in app.url_map.iter_rules()
             for conv in rule._converters.values()
             if "Integer" in type(conv).__name__ or "Number" in type(conv).__name__
             if not isinstance(conv, IdConverter)]
    assert loose == []
    assert len(list(_routes_with_ids(app))) >= 20


def test_bad_ids_in_every_route_are_not_found(client, login, app, seed_articles):
    login("admin")
    checked = 0
    for rule, names in _routes_with_ids(app):
        for bad in BAD_IDS:
            for name in names:
                values = {n: "1" for n in names} | {name: quote(bad, safe="")}
                path = rule.rule
                for n, v in values.items():
                    path = path.replace(f"<int:{n}>", v)
                for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                    response = client.open(path, method=method)
                    assert response.status_code == 404, (method, path, response.status_code)
                    checked += 1
    assert checked > 300


@pytest.mark.parametrize("url", [
    "/claims/?after={}", "/claims/review?after={}", "/claims/?tag_id={}", "/claims/?outlet_id={}",
    "/claims/?speaker_id={}", "/claims/review?tag_id={}&speaker_id={}&outlet_id={}", "/search/?q=trade&before={}",
    "/search/?q=trade&scope=articles&before={}", "/articles/1?claim={}", "/claims/new?article_id={}&start=0&end=3",
    "/claims/new?article_id=1&start={}&end={}&kind=numeric",
])
def test_bad_ids_in_query_strings_are_ignored_or_reported(client, login, seed_articles, url):
    login("editor")
    for bad in BAD_IDS:
        response = client.get(url.replace("{}", quote(bad, safe="")))
        assert response.status_code < 500, (url, bad)


def test_bad_ids_in_form_fields_are_form_errors(client, login, seed_articles, db):
    from sqlalchemy import select

    from claims_app.claims.models import Claim
    from claims_app.speakers.models import Speaker

    login("editor")
    claim = db.scalars(select(Claim).order_by(Claim.id)).first()
    speaker = db.scalars(select(Speaker).order_by(Speaker.id)).first()
    posts = [
        (f"/claims/{claim.id}/links", lambda bad: {"target_id": bad, "relation": "same_claim"}),
        (f"/speakers/{speaker.id}/merge", lambda bad: {"into": bad}),
        (f"/speakers/{speaker.id}/aliases/remove", lambda bad: {"alias_id": bad}),
        ("/claims/review/bulk", lambda bad: {"decision": "accept", "scope": "selected", "claim_id": [bad, bad]}),
        ("/claims/review/bulk", lambda bad: {"decision": "accept", "scope": "filter", "max_id": bad}),
        (f"/claims/{claim.id}/accept", lambda bad: {"version": bad}),
        (f"/claims/{claim.id}/edit", lambda bad: {"version": bad}),
        (f"/claims/{claim.id}/verify", lambda bad: {"version": bad, "verdict": "false", "note": "n"}),
        (f"/speakers/{speaker.id}/edit", lambda bad: {"version": bad, "name": speaker.name, "kind": speaker.kind}),
        ("/claims/new", lambda bad: {"article_id": bad, "start": "0", "end": "3", "exact": "x", "kind": "quote"}),
    ]
    for url, data in posts:
        for bad in BAD_IDS:
            response = client.post(url, data=data(bad))
            assert response.status_code < 500, (url, bad, response.status_code)
    for bad in BAD_IDS:
        response = client.post(f"/claims/{claim.id}/links", data={"target_id": bad, "relation": "same_claim"})
        assert response.status_code == 400, bad


@pytest.mark.parametrize("raw, expected", [
    ("1", 1), (str(2**31 - 1), 2**31 - 1), (str(2**31), None), ("0", None), ("²", None), ("٦", None),
    ("", None), (None, None), ("01", 1), ("1" * 11, None),
])
def test_parse_id(raw, expected):
    from claims_app.values import parse_id

    assert parse_id(raw) == expected
