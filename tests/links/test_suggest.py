"""Suggestions stored in claim_links: found by indexed look-up, never proposed twice."""
from __future__ import annotations

from sqlalchemy import select

from claims_app.history.models import HistoryEntry
from claims_app.links.models import ClaimLink, ClaimTerm
from claims_app.links.suggest import index_claim_terms, suggest_links, suggest_links_for_article

from .helpers import article, numeric, quote

EN = "According to SIPRI, Israel supplied 69% of Azerbaijan's arms imports in 2016-2020."
AR = "وبحسب معهد ستوكهولم، شكلت إسرائيل 69٪ من واردات باكو الرئيسية من الأسلحة في 2016-2020."
HE = "לפי SIPRI, ישראל סיפקה 69% מיבוא הנשק של אזרבייג'ן בשנים 2016-2020."


def links(db):
    return db.scalars(select(ClaimLink).order_by(ClaimLink.id)).all()


def test_same_figure_in_three_languages_links_each_pair_once(db):
    claims = []
    for text, lang, mark in ((EN, "en", "69%"), (AR, "ar", "69٪"), (HE, "he", "69%")):
        art = article(db, text, language=lang)
        claims.append(numeric(db, art, mark, "69", period=(2016, 2020)))
        suggest_links_for_article(db, art)
    found = links(db)
    assert {(link.source_id, link.target_id) for link in found} == {
        (claims[0].id, claims[1].id), (claims[0].id, claims[2].id), (claims[1].id, claims[2].id)}
    assert {(link.relation, link.status, link.rule) for link in found} == {
        ("same_claim", "suggested", "same_claim.value")}
    assert all(link.score > 0.8 for link in found)
    # each suggestion is recorded in the history, as made by no user
    entries = db.scalars(select(HistoryEntry).where(HistoryEntry.entity_type == "link")).all()
    assert len(entries) == 3 and {e.actor_id for e in entries} == {None}


def test_same_value_on_another_metric_or_period_is_not_linked(db):
    a = article(db, EN)
    numeric(db, a, "69%", "69", period=(2016, 2020))
    oil = article(db, "Azerbaijan supplied 69% of Israel's oil in 2016-2020.")
    numeric(db, oil, "69%", "69", period=(2016, 2020))
    older = article(db, "Israel supplied 69% of Azerbaijan's arms imports in 2011-2015, SIPRI said.")
    numeric(db, older, "69%", "69", period=(2011, 2015))
    for art in (a, oil, older):
        suggest_links_for_article(db, art)
    assert links(db) == []


def test_conflicting_values_are_suggested_as_contradicts(db):
    third = article(db, "Azerbaijan supplies a third of Israel's oil.")
    c1 = numeric(db, third, "a third", "33.33", qualifier="approx")
    forty = article(db, "Some 40% of the oil Israel consumes comes from Azerbaijan.")
    c2 = numeric(db, forty, "40%", "40")
    about = article(db, "Israel gets about 35% of its oil from Azerbaijan.")
    c3 = numeric(db, about, "about 35%", "35", qualifier="approx")
    suggest_links(db)
    got = {(link.source_id, link.target_id): (link.relation, link.rule) for link in links(db)}
    assert got[(c1.id, c2.id)] == ("contradicts", "conflict.values")
    assert got[(c1.id, c3.id)][0] == "same_claim"
    assert got[(c2.id, c3.id)] == ("contradicts", "conflict.values")


def test_dismissed_or_confirmed_links_are_never_proposed_again(db):
    a, b = article(db, EN), article(db, HE, language="he")
    ca, cb = numeric(db, a, "69%", "69"), numeric(db, b, "69%", "69")
    suggest_links(db, [b.id])   # indexes the hand-made claims of `a` first
    (link,) = links(db)
    link.status = "dismissed"
    db.flush()
    suggest_links(db)
    assert len(links(db)) == 1
    # an editor's link in the reverse direction blocks a suggestion as well
    db.delete(link)
    db.add(ClaimLink(source_id=cb.id, target_id=ca.id, relation="same_claim", status="confirmed"))
    db.flush()
    suggest_links(db)
    assert [(x.source_id, x.status) for x in links(db)] == [(cb.id, "confirmed")]


def test_rejected_claims_and_same_article_figures_are_left_out(db):
    both = article(db, EN + " Again: Israel supplied 69% of Azerbaijan's arms imports.")
    numeric(db, both, "69%", "69")
    numeric(db, both, "69%", "69", occurrence=1)
    other = article(db, HE, language="he")
    rejected = numeric(db, other, "69%", "69")
    rejected.status = "rejected"
    db.flush()
    suggest_links(db)
    assert links(db) == []


def test_same_quote_and_translation(db):
    said = "Israel is a strategic partner of Azerbaijan, and trade reached 360 million dollars in 2023."
    a = article(db, f'Aliyev said: "{said}"', published=None)
    qa = quote(db, a, said, "Ilham Aliyev")
    b = article(db, f"President Ilham Aliyev told reporters \u201c{said.replace(',', '')}\u201d")
    qb = quote(db, b, said.replace(",", ""), "President Ilham Aliyev")
    ar_said = "إسرائيل شريك استراتيجي لأذربيجان، والتجارة بلغت 360 مليون دولار في 2023"
    c = article(db, f"وقال إلهام علييف: «{ar_said}»", language="ar")
    qc = quote(db, c, ar_said, "إلهام علييف")
    suggest_links(db)
    got = {(x.source_id, x.target_id, x.relation) for x in links(db)}
    assert (qa.id, qb.id, "same_quote") in got
    assert (qc.id, qa.id, "translation_of") in got and (qc.id, qb.id, "translation_of") in got
    assert len(got) == 3


def test_terms_follow_an_edited_claim(db):
    a = article(db, EN)
    c = numeric(db, a, "69%", "69")
    index_claim_terms(db, c)
    terms = set(db.scalars(select(ClaimTerm.term).where(ClaimTerm.claim_id == c.id)))
    assert {"m:arms", "m:imports", "e:israel", "e:azerbaijan", "k:percent:arms:azerbaijan+israel", "kx:percent:arms:israel"} <= terms
    c.metric = "Azerbaijan's oil exports"
    index_claim_terms(db, c)
    terms = set(db.scalars(select(ClaimTerm.term).where(ClaimTerm.claim_id == c.id)))
    assert "m:oil" in terms and "m:arms" not in terms


def test_a_claim_edited_without_reindexing_is_compared_as_it_is_now(db):
    a, b = article(db, EN), article(db, HE, language="he")
    ca, cb = numeric(db, a, "69%", "69"), numeric(db, b, "69%", "70")
    index_claim_terms(db, ca)
    index_claim_terms(db, cb)
    cb.value = 69   # an edit through a service that forgot index_claim_terms: the version moves on
    db.flush()
    suggest_links_for_article(db, a)
    assert [(x.relation, x.rule) for x in links(db)] == [("same_claim", "same_claim.value")]
    assert f"u:{cb.version}" in set(db.scalars(select(ClaimTerm.term).where(ClaimTerm.claim_id == cb.id)))


def test_an_editors_edit_and_new_claim_are_indexed_for_link_lookups(db, make_user):
    from claims_app.claims import services

    editor = make_user("term-editor", "editor")
    a = article(db, EN)
    c = numeric(db, a, "69%", "69")
    index_claim_terms(db, c)
    services.edit_claim(db, c.id, {"metric": "Azerbaijan's oil exports"}, actor=editor, version=c.version)
    terms = set(db.scalars(select(ClaimTerm.term).where(ClaimTerm.claim_id == c.id)))
    assert "m:oil" in terms and "m:arms" not in terms and f"u:{c.version}" in terms
    from claims_app.history.services import revert_entry

    update = db.scalars(select(HistoryEntry).where(HistoryEntry.entity_id == c.id,
                                                   HistoryEntry.action == "update")).one()
    revert_entry(db, update.id, actor=editor)
    terms = set(db.scalars(select(ClaimTerm.term).where(ClaimTerm.claim_id == c.id)))
    assert "m:arms" in terms and "m:oil" not in terms
    start = a.text.index("2016-2020")
    made = services.create_claim_from_span(db, a.id, "numeric", start, start + 9, "2016-2020", actor=editor,
                                           fields={"value": 5, "numeric_kind": "count", "metric": "arms imports"})
    assert "m:arms" in set(db.scalars(select(ClaimTerm.term).where(ClaimTerm.claim_id == made.id)))
