"""Every field of every form an editor can reach, fed the values people and copy-paste produce.

The forms are not listed here by hand: they are read from the pages an editor opens (the claim
page of a quote and of a figure, the edit forms, a new claim from a selection, the speaker pages,
the review queue and filters, the admin shell), and submitted the way a browser would, with one
field replaced by a bad value. No answer may be a 500. After every post that was accepted (below
400, so something may have been stored) the page holding the form is visited again, and after
each form every page that shows what the forms change: a stored value must not break them either. A last check compares the forms found with the POST routes of
``app.url_map``, so a new form that no page shows is noticed.
"""
from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from sqlalchemy import select
from wtforms.fields.core import UnboundField

from claims_app.articles.models import Outlet
from claims_app.claims.forms import EditClaimForm
from claims_app.claims.models import Claim, Tag
from claims_app.links.models import ClaimLink
from claims_app.speakers.models import Speaker
from tests.webforms import Form, forms

BAD_VALUES = ["", " ", "x" * 20_000, "9" * 5_000, "NaN", "Infinity", "-Infinity", "1e400", "9" * 40, "-1", "0",
              "٦٠٠٠", "۶٬۰۰۰", "²", str(2**63 + 1), "1,5", "\u202e٦\u202c", "' OR 1=1 --"]

# Endpoints the review mode's script posts to (no <form> in a page names them): their fields.
SCRIPT_FORMS = {
    "claims.quick_edit": ("/claims/{id}/quick-edit", sorted(n for n in dir(EditClaimForm)
                                                           if isinstance(getattr(EditClaimForm, n), UnboundField))),
    "claims.decide": ("/claims/{id}/decide", ["action", "version"]),
    "claims.undo": ("/claims/{id}/undo", ["history_id", "version"]),
}

# POST routes no editor form needs to reach, and why.
NOT_EDITOR_FORMS = {
    "accounts.login": "the login form, before there is an editor",
    "accounts.logout": "ends the session the walk runs in",
    "research.console": "the SQL console has its own adversarial suite (tests/research/test_sql_safety*.py)",
}


def _setup(db, client, seed_articles):
    """Objects that make every kind of form appear: links of each status, a tag, history, a merge."""
    claims = db.scalars(select(Claim).order_by(Claim.id)).all()
    quote = next(c for c in claims if c.kind == "quote" and c.speaker_id is not None)
    figure = next(c for c in claims if c.kind == "numeric" and c.value is not None)
    others = [c for c in claims if c.id not in (quote.id, figure.id)]
    db.add(ClaimLink(source_id=figure.id, target_id=others[0].id, relation="same_claim", status="suggested",
                     rule="test", score=0.5))
    db.add(ClaimLink(source_id=figure.id, target_id=others[1].id, relation="supports", status="dismissed",
                     rule="test", score=0.5))
    db.commit()
    assert client.post(f"/claims/{figure.id}/links", data={"target_id": others[2].id, "relation": "contradicts"}
                       ).status_code == 302
    assert client.post(f"/claims/{figure.id}/tags", data={"name": "fuzz"}).status_code == 302
    assert client.post(f"/claims/{figure.id}/edit", data={"version": figure.version, "value": str(figure.value),
                                                          "qualifier": figure.qualifier, "unit": "units"}
                       ).status_code == 302
    # a bulk accept is one change group: its history rows offer "revert the whole action"
    assert client.post("/claims/review/bulk", data={"decision": "accept", "scope": "selected",
                                                    "claim_id": [str(quote.id)], "confirm": "yes"}).status_code == 302
    speakers = db.scalars(select(Speaker).where(Speaker.merged_into_id.is_(None)).order_by(Speaker.id)).all()
    keep, merged = speakers[0], speakers[1]
    assert client.post(f"/speakers/{merged.id}/merge", data={"into": keep.id, "confirm": "yes"}).status_code == 302
    assert client.post(f"/speakers/{keep.id}/aliases", data={"name": "Fuzz Alias"}).status_code == 302
    db.expire_all()
    return quote, figure, keep, merged, quote.article


def _sources(quote, figure, keep, merged, article, tag_id, outlet_id) -> list[str]:
    at = len(article.text) - len(article.text.lstrip())
    selection = article.text[at:at + 40].split("\n")[0]

    def utf16(n: int) -> int:
        return len(article.text[:n].encode("utf-16-le")) // 2

    new_claim = {"article_id": article.id, "start": utf16(at), "end": utf16(at + len(selection)),
                 "exact": selection}
    return [
        f"/claims/{quote.id}", f"/claims/{figure.id}", f"/claims/{quote.id}/edit", f"/claims/{figure.id}/edit",
        "/claims/new?" + urlencode(new_claim | {"kind": "quote"}),
        "/claims/new?" + urlencode(new_claim | {"kind": "numeric"}),
        f"/speakers/{keep.id}", f"/speakers/{merged.id}", f"/speakers/{keep.id}/edit",
        "/claims/review", "/claims/", "/speakers/", "/search/?q=the", "/research/export", "/account/password",
        "/admin/tags/new/", "/admin/outlets/new/", "/admin/speakers/new/", f"/admin/speakers/edit/?id={keep.id}",
        f"/admin/tags/edit/?id={tag_id}", f"/admin/outlets/edit/?id={outlet_id}",
        # last: their delete buttons, posted with a bad value in another field, do delete
        "/admin/tags/", "/admin/outlets/", "/admin/speakers/",
    ]


def _pages(quote, figure, keep, article, seed_articles) -> list[str]:
    return ([f"/articles/{quote.article_id}", f"/articles/{figure.article_id}", f"/claims/{quote.id}", f"/claims/{figure.id}", f"/claims/{figure.id}/edit", "/claims/",
             "/claims/review", "/claims/review?status=accepted", "/claims/?kind=numeric", f"/speakers/{keep.id}",
             "/speakers/", "/speakers/duplicates", "/links/metrics", "/search/?q=fuzz", "/admin/tags/",
             "/admin/outlets/", "/admin/speakers/"])


def _script_endpoints_survive_bad_values(client, claim, failures: list[str], revisit_urls: list[str]) -> None:
    """The review mode's endpoints take their fields from the page's script, not from a <form>."""
    for endpoint, (path, names) in SCRIPT_FORMS.items():
        for name in names:
            for bad in BAD_VALUES:
                state = client.get(f"/claims/{claim.id}/edit").get_data(as_text=True)
                base = {"version": _field_value(state, "version"), "action": "accept", "history_id": "1",
                        "qualifier": "exact", "speaker": _field_value(state, "speaker")}
                response = client.post(path.format(id=claim.id), data=base | {name: bad})
                if response.status_code >= 500:
                    failures.append(f"POST {path} {name}={bad[:30]!r} answered {response.status_code}")
                elif response.status_code < 400:
                    for url in revisit_urls:
                        if client.get(url).status_code >= 500:
                            failures.append(f"GET {url} answered 500 after POST {path} {name}={bad[:30]!r}")


def _field_value(html: str, name: str) -> str:
    form = next(f for f in forms(html) if f.value(name) is not None)
    return form.value(name)


def _submit(client, form: Form, data: dict):
    if form.method == "post":
        return client.post(form.action, data=data)
    query = urlencode([(k, v) for k, vs in data.items() for v in vs])
    return client.get(form.action.split("?")[0] + ("?" + query if query else ""))


def _endpoint(app, form: Form) -> str | None:
    adapter = app.url_map.bind("localhost")
    try:
        endpoint, _ = adapter.match(urlsplit(form.action).path, method=form.method.upper())
    except Exception:  # noqa: BLE001 - an action no route matches is reported by the coverage check
        return None
    return endpoint


def test_every_field_of_every_editor_form_survives_bad_values(client, login, app, db, seed_articles):
    login("editor")
    quote, figure, keep, merged, article = _setup(db, client, seed_articles)
    tag_id = db.scalar(select(Tag.id).where(Tag.name == "fuzz"))
    outlet = Outlet(name="Fuzz Outlet")
    db.add(outlet)
    db.commit()
    outlet_id = outlet.id
    sources = _sources(quote, figure, keep, merged, article, tag_id, outlet_id)
    pages = _pages(quote, figure, keep, article, seed_articles)
    failures: list[str] = []
    covered: set[str] = set()
    done: set[tuple] = set()
    fields_tried = 0

    def revisit(urls, after: str) -> None:
        for url in urls:
            response = client.get(url)
            if response.status_code >= 500:
                failures.append(f"GET {url} answered {response.status_code} after {after}")

    for source in sources:
        page = client.get(source)
        assert page.status_code == 200, (source, page.status_code)
        for index, form in enumerate(forms(page.get_data(as_text=True), base=source)):
            endpoint = _endpoint(app, form)
            if endpoint in NOT_EDITOR_FORMS or endpoint is None:
                continue
            covered.add(endpoint)
            # a form repeated on every row (accept, reject, delete) is fuzzed once
            key = (endpoint, form.method, tuple(sorted(set(form.names))))
            if key in done:
                continue
            done.add(key)
            near = list(dict.fromkeys([source, form.action.split("?")[0]] if form.method == "get" else [source]))
            stored = False
            for name in dict.fromkeys(form.names):
                if name == "csrf_token":
                    continue
                fields_tried += 1
                current = form
                for bad in BAD_VALUES:
                    response = _submit(client, current, current.data(**{name: bad}))
                    what = f"{form.method.upper()} {form.action} {name}={bad[:30]!r} (from {source})"
                    if response.status_code >= 500:
                        failures.append(f"{what} answered {response.status_code}")
                    elif response.status_code < 400 and form.method == "post":
                        # something may have been stored: the pages that show it must still work, and
                        # the next post uses the form as the page shows it now (its version is current)
                        stored = True
                        revisit(near[1:], what)
                        again = client.get(source)
                        if again.status_code >= 500:
                            failures.append(f"GET {source} answered {again.status_code} after {what}")
                            continue
                        fresh = forms(again.get_data(as_text=True), base=source)
                        if index < len(fresh) and fresh[index].action == form.action:
                            current = fresh[index]
            if stored:
                revisit(pages, f"the fields of {form.method.upper()} {form.action}")
    _script_endpoints_survive_bad_values(client, figure, failures, pages[:4])
    assert not failures, "\n".join(failures[:40])
    assert fields_tried >= 60, fields_tried

    editor_posts = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods
                    and getattr(app.view_functions[rule.endpoint], "least_role", "editor") != "admin"
                    and not rule.endpoint.startswith("admin_users.")
                    and not rule.endpoint.endswith((".ajax_update", ".delete_view"))}
    covered |= set(SCRIPT_FORMS)
    missing = editor_posts - covered - set(NOT_EDITOR_FORMS)
    assert not missing, f"POST routes no page's form reached: {sorted(missing)}"
