"""Every main page, ours and Flask-Admin's, runs under the strict Content-Security-Policy with no
violation: no inline script, no inline handler, no inline style, no javascript: navigation."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from claims_app.accounts.services import create_user
from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.db import transaction
from claims_app.speakers.models import Speaker

from .conftest import PASSWORD

# Records each violation the page reports (init scripts are not subject to the page's policy).
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def admin_page(browser, live_server, live_db):
    _, factory = live_db
    with transaction(factory) as session:
        if session.scalar(select(Article.id).limit(1)) is None:
            pytest.fail("the live database has no articles")
        from claims_app.accounts.models import User
        if session.scalar(select(User.id).where(User.username == "csp-admin")) is None:
            create_user(session, "csp-admin", PASSWORD, "admin")
    context = browser.new_context(base_url=live_server)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.on("pageerror", lambda exc: console.append(f"page error: {exc}"))
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto("/login")
    page.fill("input[name=username]", "csp-admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/")
    yield page, console
    context.close()


def _ids(factory):
    with factory() as session:
        article_id = session.scalar(select(Article.id).order_by(Article.id).limit(1))
        claim_id = session.scalar(select(Claim.id).where(Claim.article_id == article_id, Claim.kind == "numeric")
                                 .order_by(Claim.id).limit(1))
        speaker_id = session.scalar(select(Speaker.id).order_by(Speaker.id).limit(1))
    return article_id, claim_id, speaker_id


def test_main_pages_raise_no_csp_violation(admin_page, live_db):
    page, console = admin_page
    article_id, claim_id, speaker_id = _ids(live_db[1])
    paths = ["/", f"/articles/{article_id}", f"/articles/{article_id}?claim={claim_id}", "/claims/",
             f"/claims/review/article/{article_id}",
             "/claims/review", f"/claims/{claim_id}", f"/claims/{claim_id}/edit",
             f"/claims/new?article_id={article_id}&start=0&end=5", "/speakers/", "/speakers/duplicates",
             f"/speakers/{speaker_id}", f"/speakers/{speaker_id}/edit", "/search/?q=minister", "/links/metrics",
             "/research/console", "/research/export", "/account/password",
             "/admin/", "/admin/speakers/", "/admin/speakers/new/", f"/admin/speakers/edit/?id={speaker_id}",
             "/admin/tags/", "/admin/tags/new/", "/admin/outlets/", "/admin/users/", "/admin/users/new/"]
    seen = {}
    for path in paths:
        response = page.goto(path)
        assert response.status < 400, (path, response.status)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        seen[path] = page.evaluate("window.__csp")
    assert not any(seen.values()), {p: v for p, v in seen.items() if v}
    assert not console, console


def test_flask_admin_controls_work_under_the_policy(admin_page, live_db):
    page, console = admin_page
    _, _, speaker_id = _ids(live_db[1])
    # the users list: its actions menu (an inline handler in Flask-Admin's template) and filters
    page.goto("/admin/users/")
    page.click("text=With selected")
    page.click("a.dropdown-item:has-text('Deactivate')")     # no row selected: Flask-Admin says so
    page.goto("/admin/users/")
    assert page.locator(".filters tr").count() == 0
    page.click("text=Add Filter")
    page.click("a.dropdown-item.filter >> nth=0")
    assert page.locator(".filters tr").count() == 1
    page.click("a.nav-link.active:has-text('List')")         # a javascript:void(0) tab
    # a speaker's inline alias form: "Add" clones a template through faForm.addInlineField
    page.goto(f"/admin/speakers/edit/?id={speaker_id}")
    before = page.locator(".inline-field").count()
    page.click("a.btn:has-text('Add')")
    assert page.locator(".inline-field").count() == before + 1
    # the tags list: the delete button asks first (the dialog is dismissed, nothing deleted)
    page.goto("/admin/tags/new/")
    page.fill("input[name=name]", "csp-check")
    page.click("input[type=submit]")
    page.goto("/admin/tags/")
    page.click("tr:has-text('csp-check') button[title='Delete Record']")
    assert page.locator("tr:has-text('csp-check')").count() == 1
    assert page.evaluate("window.__csp") == []
    assert not console, console
