"""An editor in a real browser walks every seed claim: its page, its edit form, a save without change.

No response may be a 500 and the server log must hold no traceback; every claim must be stored
exactly as it was. Then the number fields are typed into as a person would, in Arabic-Indic digits:
the browser must send them (a ``type=number`` input silently drops them) and the server must store
the number.
"""
from __future__ import annotations

import logging
import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from claims_app.claims.models import Claim
from claims_app.history.services import snapshot


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def server_errors():
    """Every ERROR the app or the server logs while the test runs (Flask logs each 500's traceback)."""
    handler = _Collect()
    loggers = [logging.getLogger(name) for name in ("claims_app", "werkzeug", "flask.app")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler.records
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.fixture
def bad_responses(page):
    found: list[str] = []
    page.on("response", lambda r: found.append(f"{r.status} {r.request.method} {r.url}") if r.status >= 500 else None)
    return found


def _snapshots(factory) -> dict[int, dict]:
    with factory() as session:
        return {c.id: snapshot(c) for c in session.scalars(select(Claim).order_by(Claim.id))}


def test_every_seed_claim_opens_edits_and_saves_unchanged(page, live_db, server_errors, bad_responses):
    _, factory = live_db
    before = _snapshots(factory)
    assert len(before) >= 50
    for claim_id in before:
        response = page.goto(f"/claims/{claim_id}")
        assert response.status == 200, (claim_id, response.status)
        page.click("a:text('Edit fields')")
        page.wait_for_url(re.compile(rf"/claims/{claim_id}/edit$"))
        assert page.locator("h1").first.text_content().startswith(f"Edit claim {claim_id}")
        with page.expect_navigation() as saved:
            page.click("form.form button[type=submit]")
        assert saved.value.status == 200, (claim_id, saved.value.status)
        assert re.search(rf"/claims/{claim_id}$", page.url), (claim_id, page.url, page.content()[-1500:])
    assert not bad_responses, bad_responses
    assert not server_errors, [r.getMessage() for r in server_errors]
    after = _snapshots(factory)
    assert {i: after[i] for i in before} == before


def test_arabic_indic_digits_typed_in_the_browser_are_stored(page, live_db, server_errors, bad_responses):
    _, factory = live_db
    with factory() as session:
        claim = session.scalars(select(Claim).where(Claim.kind == "numeric").order_by(Claim.id.desc())).first()
    page.goto(f"/claims/{claim.id}/edit")
    page.fill("input[name=value]", "٦٠٠٠")
    page.fill("input[name=low]", "")
    page.fill("input[name=high]", "")
    page.select_option("select[name=qualifier]", "exact")
    page.fill("input[name=period_start]", "٢٠٢٥")
    page.fill("input[name=period_end]", "")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    assert re.search(rf"/claims/{claim.id}$", page.url), page.content()[-1500:]
    with factory() as session:
        stored = session.get(Claim, claim.id)
        assert (stored.value, stored.period_start) == (Decimal(6000), 2025)
    # a value that cannot be stored is shown as an error next to the field, and nothing changes
    page.goto(f"/claims/{claim.id}/edit")
    page.fill("input[name=value]", "-Infinity")
    with page.expect_navigation() as answer:
        page.click("form.form button[type=submit]")
    assert answer.value.status == 400
    assert "is not a number" in page.locator(".field.has-error").first.text_content()
    with factory() as session:
        assert session.get(Claim, claim.id).value == Decimal(6000)
    assert not bad_responses, bad_responses
    assert not server_errors, [r.getMessage() for r in server_errors]


def test_the_verdict_menu_waits_for_a_choice(page, live_db, bad_responses):
    _, factory = live_db
    with factory() as session:
        claim = session.scalars(select(Claim).where(Claim.verdict.is_(None)).order_by(Claim.id)).first()
    page.goto(f"/claims/{claim.id}")
    assert page.locator("select[name=verdict]").input_value() == ""
    page.fill("textarea[name=note]", "checked nothing yet")
    page.click("#verify button[type=submit]")
    # the browser itself holds the form back until a verdict is chosen (the server refuses it too)
    assert page.eval_on_selector("select[name=verdict]", "el => el.validity.valueMissing")
    assert re.search(rf"/claims/{claim.id}$", page.url)
    with factory() as session:
        assert session.get(Claim, claim.id).verdict is None
    assert not bad_responses, bad_responses
