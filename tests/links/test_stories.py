"""Stories: articles grouped by the links between their claims; the 'also reported by' panel and
the story page."""
from __future__ import annotations

import datetime as dt

from claims_app.articles.models import Outlet
from claims_app.links.services import add_link, dismiss_link
from claims_app.links.stories import story_article_ids, story_for_article

from .helpers import article, numeric, quote

DAY = dt.date(2023, 2, 9)


def _story(db):
    en = article(db, 'Erdogan said: "No one will be left homeless." The toll in Turkey rose to 12,391.',
                 published=DAY)
    ar = article(db, 'وقال أردوغان: "لن يبقى أحد بلا مأوى". وارتفعت الحصيلة في تركيا إلى 12391 قتيلا.',
                 language="ar", published=DAY)
    he = article(db, 'ארדואן אמר: "אף אחד לא יישאר ללא קורת גג". מספר ההרוגים בטורקיה הגיע ל-12,500.',
                 language="he", published=DAY + dt.timedelta(days=1))
    for a, name in ((en, "Reuters"), (ar, "الجزيرة"), (he, "וואלה")):
        a.outlet = Outlet(name=name)
    alone = article(db, "Unrelated: the central bank kept its rate at 4.5%.", published=DAY)
    late = article(db, 'Erdogan said: "No one will be left homeless." (a month later)',
                   published=DAY + dt.timedelta(days=40))
    q = {a.id: quote(db, a, text, name) for a, text, name in (
        (en, "No one will be left homeless.", "Erdogan"), (ar, "لن يبقى أحد بلا مأوى", "أردوغان"),
        (he, "אף אחד לא יישאר ללא קורת גג", "ארדואן"), (late, "No one will be left homeless.", "Erdogan"))}
    f_en = numeric(db, en, "12,391", "12391", kind="count")
    f_ar = numeric(db, ar, "12391", "12391", kind="count")
    f_he = numeric(db, he, "12,500", "12500", kind="count")
    add_link(db, q[ar.id].id, q[en.id].id, "translation_of", actor=None)
    add_link(db, q[he.id].id, q[ar.id].id, "translation_of", actor=None)
    add_link(db, f_en.id, f_ar.id, "same_claim", actor=None)
    add_link(db, f_ar.id, f_he.id, "contradicts", actor=None)
    add_link(db, q[late.id].id, q[en.id].id, "same_quote", actor=None)
    db.commit()
    return en, ar, he, alone, late


def test_a_story_is_the_articles_linked_within_a_week(db):
    en, ar, he, alone, late = _story(db)
    assert story_article_ids(db, ar) == [ar.id, *sorted((en.id, he.id))]
    assert alone.id not in story_article_ids(db, en) and late.id not in story_article_ids(db, en)
    story = story_for_article(db, he)
    assert story.languages == ["ar", "en", "he"] and story.sources == 2
    assert len(story.quotes) == 2 and len(story.conflicts) == 1 and len(story.figures) == 1
    assert story_article_ids(db, alone) == [alone.id]


def test_a_dismissed_link_does_not_join_a_story(db):
    en, ar, he, alone, late = _story(db)
    story = story_for_article(db, he)
    for pair in story.quotes + story.conflicts:
        if he.id in (pair.a.article_id, pair.b.article_id):
            dismiss_link(db, pair.link.id, actor=None)
    db.commit()
    assert story_article_ids(db, he) == [he.id]


def test_reader_and_claim_page_say_who_else_reported_it(db, client, login):
    en, ar, he, alone, late = _story(db)
    login("researcher")
    html = client.get(f"/articles/{ar.id}").get_data(as_text=True)
    assert "Also reported by 2 sources in 3 languages" in html
    assert f'/articles/{en.id}"' in html and f'/articles/{he.id}"' in html and f"/links/stories/{ar.id}" in html
    claim_id = story_for_article(db, en).figures[0].a.id
    html = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    assert "Also reported by 2 sources in 3 languages" in html
    assert "Also reported by" not in client.get(f"/articles/{alone.id}").get_data(as_text=True)


def test_story_page_sets_quotes_side_by_side_and_lists_conflicts(db, client, login):
    en, ar, he, alone, late = _story(db)
    login("researcher")
    page = client.get(f"/links/stories/{en.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "3 articles in 3 languages (ar, en, he)" in html
    assert "لن يبقى أحد بلا مأوى" in html and "אף אחד לא יישאר ללא קורת גג" in html
    assert "translation of" in html and 'class="conflict"' in html and "12,500" in html
    assert "<script" not in html.split("</main>")[0].split("<main")[-1]   # no inline script in the page body
    assert client.get("/links/stories/999999").status_code == 404


# --- articles grouped by the people and places they share ---------------------------------------

def _indexed(db, *claims):
    from claims_app.links.terms import index_claims

    index_claims(db, list(claims))
    db.commit()


def _anchored(db):
    """Three reports of one vote naming Putin and Pamfilova (en, he, ar: no figure or quote in
    common), one on Putin and Russia only, one on the same two people a month later."""
    en = article(db, "Election chief Ella Pamfilova said Vladimir Putin won 87.28 percent of the vote in Russia.",
                 published=DAY)
    he = article(db, "יו\"ר ועדת הבחירות אלה פמפילובה: פוטין קיבל 87% מהקולות ברוסיה.", language="he",
                 published=DAY + dt.timedelta(days=1))
    ar = article(db, "قالت بامفيلوفا إن بوتين حصل على 76 مليون صوت في روسيا.", language="ar", published=DAY)
    thin = article(db, "Putin visited a factory in Russia where 300 workers were hired.", published=DAY)
    late = article(db, "Pamfilova said Putin's inauguration drew 2,500 guests in Russia.",
                   published=DAY + dt.timedelta(days=40))
    claims = [numeric(db, en, "87.28 percent", "87.28"), numeric(db, he, "87%", "87"),
              numeric(db, ar, "76 مليون", "76000000", kind="count"), numeric(db, thin, "300 workers", "300", kind="count"),
              numeric(db, late, "2,500 guests", "2500", kind="count")]
    _indexed(db, *claims)
    return en, he, ar, thin, late


def test_articles_sharing_two_people_form_a_story_without_any_link(db):
    en, he, ar, thin, late = _anchored(db)
    ids = story_article_ids(db, en)
    assert set(ids) == {en.id, he.id, ar.id}, ids
    story = story_for_article(db, he)
    assert story.anchors_of(en.id) == ["pamfilova", "putin", "russia"]
    assert story.languages == ["ar", "en", "he"]


def test_a_leader_and_his_country_or_a_late_report_make_no_story(db):
    en, he, ar, thin, late = _anchored(db)
    assert story_article_ids(db, thin) == [thin.id]      # Putin and Russia only
    assert late.id not in story_article_ids(db, en)      # the same people, forty days later
    assert story_article_ids(db, en, anchors=False) == [en.id]   # no link: the anchors made it


def test_the_story_page_says_what_the_articles_share(db, client, login):
    en, he, ar, thin, late = _anchored(db)
    login("researcher")
    html = client.get(f"/links/stories/{he.id}").get_data(as_text=True)
    assert "3 articles in 3 languages (ar, en, he)" in html and "pamfilova, putin, russia" in html
    panel = client.get(f"/articles/{ar.id}").get_data(as_text=True)
    assert "Also reported by 2 sources in 3 languages" in panel
