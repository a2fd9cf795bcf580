"""The article review mode in Chromium, and every main screen checked with axe-core (no serious or
critical violation, no sideways scrolling at 390 px), with screenshots at 1280 and 390 px."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.history.models import HistoryEntry


def _article(factory, language: str) -> int:
    with factory() as session:
        return session.scalar(select(func.min(Article.id)).where(Article.language == language))


def _open_review(page, article_id: int):
    page.goto(f"/claims/review/article/{article_id}")
    page.wait_for_selector("body[data-ready='1']")


def _current(page) -> int:
    return int(page.get_attribute("li.cand.current", "data-id"))


def _saved(page, claim_id: int, version_before: str | None):
    page.wait_for_function(
        "([id, v]) => { const li = document.getElementById('cand-' + id);"
        " return li.dataset.saved && li.dataset.saved !== v && !li.classList.contains('saving'); }",
        arg=[claim_id, version_before])


def test_review_mode_keys_decide_edit_and_undo_without_a_page_load(page, live_db, screenshot):
    _, factory = live_db
    article_id = _article(factory, "ar")
    _open_review(page, article_id)
    page.evaluate("window.__sameDocument = true")
    screenshot(page, "review-mode-ar")
    first = _current(page)
    # the current candidate's highlight is marked in the text
    assert page.locator(f"mark.hl.current[data-claims~='{first}']").count() >= 1
    page.keyboard.press("a")
    _saved(page, first, None)
    second = _current(page)
    assert second != first
    page.keyboard.press("r")
    _saved(page, second, None)
    with factory() as session:
        assert (session.get(Claim, first).status, session.get(Claim, second).status) == ("accepted", "rejected")
        before = session.get(Claim, second).version
    page.keyboard.press("u")   # undo the rejection
    # a function, not an expression: the page's CSP forbids the eval an expression string needs
    page.wait_for_function("id => document.getElementById('cand-' + id).dataset.status === 'suggested'", arg=second)
    with factory() as session:
        assert session.get(Claim, second).status == "suggested" and session.get(Claim, second).version > before
    # e opens the form in place with focus in its first field; Esc cancels and nothing is stored
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.closest('form.quick-edit') !== null")
    page.keyboard.press("Escape")
    assert page.locator("form.quick-edit").count() == 0
    page.keyboard.press("?")
    assert page.locator("#keys-help").is_visible()
    page.keyboard.press("Escape")
    assert page.evaluate("window.__sameDocument") is True
    assert page.inner_text("#reviewed-count") == "1"


def test_review_mode_edit_in_place_saves_and_accepts(page, live_db):
    _, factory = live_db
    with factory() as session:
        claim = session.scalars(select(Claim).where(Claim.kind == "numeric", Claim.status == "suggested",
                                                    Claim.value.is_not(None)).order_by(Claim.id)).first()
        article_id, claim_id = claim.article_id, claim.id
    _open_review(page, article_id)
    while _current(page) != claim_id:
        page.keyboard.press("j")
    page.keyboard.press("e")
    page.keyboard.type("٦٠٠٠" if False else "6000")
    page.keyboard.press("Enter")
    _saved(page, claim_id, None)
    with factory() as session:
        stored = session.get(Claim, claim_id)
        assert (int(stored.value), stored.status) == (6000, "accepted")
        assert session.scalar(select(func.count()).select_from(HistoryEntry).where(
            HistoryEntry.entity_id == claim_id, HistoryEntry.entity_type == "claim")) >= 1


def test_a_conflict_shows_both_versions_in_place(page, live_db):
    _, factory = live_db
    article_id = _article(factory, "he")
    _open_review(page, article_id)
    target = _current(page)
    with factory() as session:   # someone else decides first
        from claims_app.claims.services import reject_claim

        reject_claim(session, target, actor=None)
        session.commit()
    page.keyboard.press("a")
    page.wait_for_selector(f"#cand-{target}.conflict .conflict-box")
    text = page.inner_text(f"#cand-{target} .conflict-box")
    assert "rejected" in text and "accepted" in text
    with factory() as session:
        assert session.get(Claim, target).status == "rejected"


def _screens(factory) -> list[tuple[str, str]]:
    with factory() as session:
        he, ar = (session.scalar(select(func.min(Article.id)).where(Article.language == lang)) for lang in ("he", "ar"))
        claim = session.scalar(select(func.min(Claim.id)).where(Claim.article_id == ar))
    return [("review-mode-he", f"/claims/review/article/{he}"), ("review-mode-ar", f"/claims/review/article/{ar}"),
            ("queue", "/claims/review"), ("claim-page-ar", f"/claims/{claim}"), ("reader-he", f"/articles/{he}"),
            ("reader-ar", f"/articles/{ar}"), ("sql-console", "/research/console"), ("admin-speakers", "/admin/speakers/"),
            ("speakers", "/speakers/"), ("claims-list", "/claims/")]


# The outermost elements that stick out to the right of a 390 px viewport, for the failure message.
OVERFLOW_JS = """() => [...document.querySelectorAll('body *')].filter(el => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.right > 392 && el.parentElement.getBoundingClientRect().right <= 392;
}).slice(0, 3).map(el => el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))"""


def test_every_main_screen_passes_axe_and_fits_a_phone(page, live_db, screenshot):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    _, factory = live_db
    problems = []
    for name, url in _screens(factory):
        response = page.goto(url)
        assert response.status == 200, url
        results = axe.run(page)
        for v in results.response["violations"]:
            if v["impact"] in ("serious", "critical"):
                problems.append(f"{url}: {v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes']][:3]}")
        screenshot(page, f"{name}-1280")
        page.set_viewport_size({"width": 390, "height": 844})
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 392:
            problems.append(f"{url}: {width} px wide at a 390 px viewport: {page.evaluate(OVERFLOW_JS)}")
        screenshot(page, f"{name}-390")
        page.set_viewport_size({"width": 1280, "height": 900})
    assert not problems, "\n".join(problems)


def test_edit_page_starts_in_the_first_field_and_the_speaker_autocompletes(page, live_db):
    from claims_app.speakers.services import add_alias, resolve_speaker

    _, factory = live_db
    with factory() as session:
        wanted = resolve_speaker(session, "Zebulon Quillfeather")
        add_alias(session, wanted, "זבולון קווילפת'ר")
        session.commit()
        quote = session.scalars(select(Claim).where(Claim.kind == "quote").order_by(Claim.id)).first()
        numeric = session.scalar(select(func.min(Claim.id)).where(Claim.kind == "numeric"))
    page.goto(f"/claims/{numeric}/edit")
    assert page.evaluate("document.activeElement.name") == "value"
    page.goto(f"/claims/{quote.id}/edit")
    assert page.evaluate("document.activeElement.name") == "speaker"
    page.keyboard.press("Control+a")
    page.keyboard.type("זבול")                  # the Hebrew alias finds the speaker
    page.wait_for_selector("ul.suggestions li[aria-selected=true]")
    page.keyboard.press("Enter")                # takes the suggestion, does not submit
    assert page.input_value("input[name=speaker]") == "Zebulon Quillfeather"
    page.keyboard.press("Enter")                # now submits
    page.wait_for_url(f"**/claims/{quote.id}")
    with factory() as session:
        assert session.get(Claim, quote.id).speaker.name == "Zebulon Quillfeather"


def test_reader_highlights_open_from_the_keyboard(page, live_db):
    _, factory = live_db
    article_id = _article(factory, "he")
    page.goto(f"/articles/{article_id}")
    page.focus(".reader-text mark.hl")
    page.keyboard.press("Enter")
    page.wait_for_url("**/claims/*")
