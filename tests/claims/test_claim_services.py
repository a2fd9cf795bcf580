"""Claim services: every change is recorded, stale versions are refused, spans are checked."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from claims_app.claims import services
from claims_app.claims.models import Claim, Tag
from claims_app.claims.queries import ClaimFilter, claim_page, count_matching
from claims_app.errors import ClaimConflict, DomainError, InvalidSpan
from claims_app.history.models import HistoryEntry


def entries(db, claim):
    return list(db.scalars(select(HistoryEntry).where(HistoryEntry.entity_type == "claim",
                                                      HistoryEntry.entity_id == claim.id).order_by(HistoryEntry.id)))


def test_accept_and_reject_record_reviewer_and_history(db, make_claim, editor):
    claim = make_claim("50 percent")
    services.accept_claim(db, claim.id, actor=editor, version=claim.version)
    assert claim.status == "accepted" and claim.reviewed_by_id == editor.id and claim.reviewed_at is not None
    services.reject_claim(db, claim.id, actor=editor)
    assert claim.status == "rejected"
    (first, second) = entries(db, claim)
    assert (first.action, first.before["status"], first.after["status"]) == ("accept", "suggested", "accepted")
    assert (second.action, second.after["status"], second.actor_id) == ("reject", "rejected", editor.id)


def test_edit_on_a_stale_version_changes_nothing(db, make_claim, editor):
    claim = make_claim("50 percent", value=Decimal("50"))
    seen = claim.version
    services.edit_claim(db, claim.id, {"unit": "percent"}, actor=editor, version=seen)
    with pytest.raises(ClaimConflict) as info:
        services.edit_claim(db, claim.id, {"value": Decimal("51")}, actor=editor, version=seen)
    db.refresh(claim)
    assert claim.value == Decimal("50") and claim.unit == "percent"
    assert info.value.current["unit"] == "percent" and info.value.attempted == {"value": "51"}
    assert [e.action for e in entries(db, claim)] == ["update"]


def test_edit_checks_numbers_and_accepts_a_suggestion(db, make_claim, editor):
    claim = make_claim("50 percent")
    with pytest.raises(DomainError, match="low 5 is above high 3"):
        services.edit_claim(db, claim.id, {"low": Decimal(5), "high": Decimal(3)}, actor=editor,
                            version=claim.version)
    with pytest.raises(DomainError, match="cannot be edited"):
        services.edit_claim(db, claim.id, {"exact": "x"}, actor=editor, version=claim.version)
    services.edit_claim(db, claim.id, {"value": Decimal("50"), "numeric_kind": "percent", "period_start": 2025,
                                       "period_end": 2025}, actor=editor, version=claim.version)
    assert (claim.status, claim.value, claim.numeric_kind) == ("accepted", Decimal("50"), "percent")


def test_create_from_span_checks_the_text(db, article, editor):
    start = article.text.index("12 new firms")
    claim = services.create_claim_from_span(db, article.id, "numeric", start, start + 12, "12 new firms",
                                            actor=editor, fields={"value": Decimal(12), "numeric_kind": "count"})
    assert (claim.exact, claim.status, claim.origin, claim.created_by_id) == ("12 new firms", "accepted",
                                                                               "editor:ed", editor.id)
    assert claim.prefix.endswith("and ") and claim.suffix.startswith(" opened")
    with pytest.raises(InvalidSpan, match="does not match"):
        services.create_claim_from_span(db, article.id, "numeric", start, start + 12, "13 new firms", actor=editor)
    with pytest.raises(InvalidSpan, match="outside"):
        services.create_claim_from_span(db, article.id, "quote", 5, 10_000, "x", actor=editor)


def test_verify_needs_a_note_when_the_verdict_changes(db, make_claim, editor):
    claim = make_claim("40 million dollars")
    with pytest.raises(DomainError, match="note is required"):
        services.verify_claim(db, claim.id, "verified", actor=editor, version=claim.version, note="  ")
    services.verify_claim(db, claim.id, "verified", actor=editor, version=claim.version, note="customs data",
                          evidence_urls=["https://example.org/customs", ""])
    assert (claim.status, claim.verdict, claim.verdict_note) == ("verified", "verified", "customs data")
    assert claim.evidence_urls == ["https://example.org/customs"] and claim.reviewed_by_id == editor.id
    # same verdict again: evidence may change without a new note
    services.verify_claim(db, claim.id, "verified", actor=editor, version=claim.version, note=None,
                          evidence_urls=["https://example.org/b"])
    assert claim.verdict_note == "customs data"
    with pytest.raises(DomainError):
        services.verify_claim(db, claim.id, "disputed", actor=editor, version=claim.version)
    with pytest.raises(DomainError, match="unknown"):
        services.verify_claim(db, claim.id, "true", actor=editor, version=claim.version, note="x")
    with pytest.raises(DomainError, match="not an http"):
        services.verify_claim(db, claim.id, "false", actor=editor, version=claim.version, note="x",
                              evidence_urls=["javascript:alert(1)"])
    assert [e.action for e in entries(db, claim)] == ["verify", "verify"]


def test_tags_are_created_on_the_fly_added_and_removed(db, make_claim, editor):
    claim = make_claim("50 percent")
    tag = services.tag_claim(db, claim.id, "  trade   figures ", actor=editor)
    assert tag.name == "trade figures" and claim.tags == [tag]
    with pytest.raises(DomainError, match="already has"):
        services.tag_claim(db, claim.id, "trade figures", actor=editor)
    other = make_claim("12 new firms")
    assert services.tag_claim(db, other.id, "trade figures", actor=editor) is tag
    assert db.scalar(select(Tag).where(Tag.name == "trade figures")) is tag
    services.untag_claim(db, claim.id, tag.id, actor=editor)
    assert claim.tags == [] and other.tags == [tag]
    with pytest.raises(DomainError, match="exists already"):
        services.create_tag(db, "trade figures", actor=editor)
    assert [e.action for e in entries(db, claim)] == ["tag", "untag"]


def test_bulk_review_is_one_change_group_and_leaves_verdicts_alone(db, make_claim, editor):
    a, b = make_claim("50 percent"), make_claim("12 new firms")
    verified = make_claim("40 million dollars", status="verified")
    assert services.bulk_review(db, [a.id, b.id, verified.id], "reject", actor=editor) == 2
    assert (a.status, b.status, verified.status) == ("rejected", "rejected", "verified")
    groups = {e.change_group for e in entries(db, a) + entries(db, b)}
    assert len(groups) == 1 and None not in groups


def test_keyset_pages_continue_after_the_last_id(db, make_claim):
    made = [make_claim(f) for f in ("50 percent", "2025", "360 million", "12 new", "40 million", "Imports")]
    flt = ClaimFilter(status="suggested")
    first, after = claim_page(db, flt, limit=4)
    second, end = claim_page(db, flt, after=after, limit=4)
    assert after == first[-1].id and end is None
    ids = [c.id for c in first + second]
    assert ids == sorted(c.id for c in made) and len(set(ids)) == len(ids)
    assert count_matching(db, ClaimFilter(status="suggested", q="million")) == 2
    assert count_matching(db, ClaimFilter(language="en", kind="numeric", outlet_id=made[0].article.outlet_id)) == 6
    assert count_matching(db, ClaimFilter(language="ar")) == 0
    db.get(Claim, made[0].id)


@pytest.mark.parametrize("few", [200, 0])
def test_a_language_or_outlet_page_is_the_same_read_by_article_or_in_id_order(db, make_claim, article, few,
                                                                              monkeypatch):
    from claims_app.articles.readers import ArticleInput
    from claims_app.articles.services import ingest_article
    from claims_app.claims import queries

    monkeypatch.setattr(queries, "FEW_ARTICLES", few)   # 0: every article filter walks the ids
    other = ingest_article(db, ArticleInput(text="Imports fell to 40 million dollars. Also 12 new firms.",
                                            source="o.txt", title="Other", language="ar", outlet="Elsewhere"),
                           run_extraction=False).article
    mine = [make_claim(f) for f in ("50 percent", "2025", "360 million")]
    theirs = [make_claim(f, on=other) for f in ("40 million", "12 new")]
    mine.append(make_claim("12 new firms"))
    assert queries._many_articles(db, ClaimFilter(language="en")) is (few == 0)
    pages, after = [], None
    while True:
        rows, after = claim_page(db, ClaimFilter(language="en", status="suggested"), after=after, limit=2)
        pages.append([c.id for c in rows])
        if after is None:
            break
    assert [i for page in pages for i in page] == [c.id for c in mine] and len(pages) == 2
    rows, _ = claim_page(db, ClaimFilter(outlet_id=other.outlet_id), limit=10)
    assert [c.id for c in rows] == [c.id for c in theirs]


def test_the_language_filter_offers_each_article_language_once_in_order(db, article):
    from claims_app.articles.readers import ArticleInput
    from claims_app.articles.services import ingest_article
    from claims_app.claims.queries import article_languages, filter_choices

    assert article_languages(db) == ["en"]
    for i, language in enumerate(["he", "ar", "he", "fr", "ar", "en"]):
        ingest_article(db, ArticleInput(text=f"Article {i} in {language}.", source=f"{i}.txt", title=f"A{i}",
                                        language=language), run_extraction=False)
    assert article_languages(db) == ["ar", "en", "fr", "he"]
    assert filter_choices(db)["languages"] == ["ar", "en", "fr", "he"]
