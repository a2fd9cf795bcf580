"""The story page and the 'also reported by' panel in a real browser, for Arabic and Hebrew articles."""
from __future__ import annotations

import datetime as dt

import pytest

from claims_app.articles.models import Outlet
from claims_app.links.services import add_link

AR = 'قال الرئيس إسحاق هرتسوغ: "سنواصل العمل معا من أجل السلام". وبلغ عدد الزوار 60 ألفا.'
HE = 'הנשיא יצחק הרצוג אמר: "נמשיך לעבוד יחד למען השלום". מספר המבקרים הגיע ל-65 אלף.'


@pytest.fixture(scope="module")
def story_articles(live_db):
    from tests.links.helpers import article, numeric, quote

    _, factory = live_db
    with factory() as db:
        day = dt.date(2025, 3, 1)
        ar = article(db, AR, language="ar", published=day)
        he = article(db, HE, language="he", published=day)
        ar.outlet, he.outlet = Outlet(name="صحيفة الاختبار"), Outlet(name="עיתון הבדיקה")
        q_ar = quote(db, ar, "سنواصل العمل معا من أجل السلام", "إسحاق هرتسوغ")
        q_he = quote(db, he, "נמשיך לעבוד יחד למען השלום", "יצחק הרצוג")
        f_ar, f_he = numeric(db, ar, "60 ألفا", "60000", kind="count"), numeric(db, he, "65 אלף", "65000", kind="count")
        add_link(db, q_he.id, q_ar.id, "translation_of", actor=None)
        add_link(db, f_ar.id, f_he.id, "contradicts", actor=None)
        db.commit()
        return ar.id, he.id


def _from_panel_to_story(page, articles, side, screenshot=None) -> tuple[int, int]:
    """Open the ``side`` article of the pair, check its "also reported by" panel names the other
    one, and follow the panel to the story page; returns (this article, the other)."""
    ar_id, he_id = articles
    mine, other = (ar_id, he_id) if side == "ar" else (he_id, ar_id)
    page.goto(f"/articles/{mine}")
    panel = page.locator("#story-panel")
    assert panel.is_visible()
    assert "Also reported by 1 source in 2 languages" in panel.inner_text()
    assert panel.locator(f'a[href="/articles/{other}"]').count() == 1
    if screenshot is not None:
        screenshot(page, f"story-panel-{side}")
    panel.locator("a", has_text="the story").click()
    page.wait_for_url(f"**/links/stories/{mine}")
    return mine, other


@pytest.mark.parametrize("side", ["ar", "he"])
def test_reader_panel_and_story_page(page, story_articles, screenshot, side):
    mine, other = _from_panel_to_story(page, story_articles, side, screenshot)
    assert "2 articles in 2 languages (ar, he)" in page.inner_text("main")
    quotes = page.locator(".story-quotes blockquote")
    assert quotes.count() == 2
    texts = {quotes.nth(i).inner_text(): quotes.nth(i).get_attribute("dir") for i in range(2)}
    assert texts == {"سنواصل العمل معا من أجل السلام": "rtl", "נמשיך לעבוד יחד למען השלום": "rtl"}
    conflict = page.locator(".story-conflicts tr.conflict")
    assert conflict.count() == 1 and "60 ألفا" in conflict.inner_text() and "65 אלף" in conflict.inner_text()
    screenshot(page, f"story-page-{side}")


AR_VOTE = "قالت بامفيلوفا إن بوتين حصل على 76 مليون صوت في روسيا."
HE_VOTE = 'יו"ר ועדת הבחירות אלה פמפילובה: פוטין קיבל 87% מהקולות ברוסיה.'


@pytest.fixture(scope="module")
def anchored_articles(live_db):
    """An Arabic and a Hebrew report of one vote with no link between them: the people they name
    make the story."""
    from claims_app.links.terms import index_claims
    from tests.links.helpers import article, numeric

    _, factory = live_db
    with factory() as db:
        day = dt.date(2024, 3, 18)
        ar = article(db, AR_VOTE, language="ar", published=day)
        he = article(db, HE_VOTE, language="he", published=day)
        ar.outlet, he.outlet = Outlet(name="وكالة الاختبار"), Outlet(name="אתר הבדיקה")
        index_claims(db, [numeric(db, ar, "76 مليون", "76000000", kind="count"), numeric(db, he, "87%", "87")])
        db.commit()
        return ar.id, he.id


@pytest.mark.parametrize("side", ["ar", "he"])
def test_a_story_of_shared_people_in_the_panel_and_the_story_page(page, anchored_articles, screenshot, side):
    mine, other = _from_panel_to_story(page, anchored_articles, side)
    row = page.locator(".story-articles tbody tr", has=page.locator(f'a[href="/articles/{other}"]'))
    assert row.locator(".story-anchors").inner_text() == "pamfilova, putin, russia"
    screenshot(page, f"story-anchors-{side}")
