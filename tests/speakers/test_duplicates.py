"""Likely duplicates: spellings of one name are grouped, different people are not."""
from __future__ import annotations

import regex
from sqlalchemy import select

from claims_app.speakers.duplicates import candidate_pairs, likely_duplicates
from claims_app.speakers.models import Speaker, SpeakerAlias
from claims_app.speakers.services import find_speaker

SPELLINGS = {"موشيشفيلي", "موشيافيلي", "موشياشفيلي", "موشاشفيلي"}


def _group_names(group) -> set[str]:
    return {a.name for s in group.speakers for a in s.aliases}


def test_finds_the_four_spellings_of_moshiashvili_in_seed_002(db, seed_articles, make_speaker):
    seed = next(a for a in seed_articles if "موشياشفيلي" in a.text)
    written = set(regex.findall(r"موش\p{L}*", seed.text))
    assert written == SPELLINGS
    # every spelling as its own speaker, as if each had been entered separately
    for spelling in written:
        if db.scalar(select(SpeakerAlias.id).where(SpeakerAlias.name == spelling)) is None:
            make_speaker(spelling)
    db.commit()
    groups = likely_duplicates(db)
    (mosh,) = [g for g in groups if _group_names(g) & SPELLINGS]
    assert _group_names(mosh) >= SPELLINGS
    # every speaker holding one of the spellings (ingestion may already have merged two) is in it
    holders = set(db.scalars(select(SpeakerAlias.speaker_id).where(SpeakerAlias.name.in_(SPELLINGS))))
    assert len(holders) >= 3 and {s.id for s in mosh.speakers} >= holders
    # nobody else was pulled into that group
    assert all(regex.fullmatch(r"موش\p{L}*", name) for name in _group_names(mosh))


def test_does_not_group_different_people(db, make_speaker):
    """Father and son, two Smiths: apart. The same person in two scripts: one group, with its evidence."""
    people = ["إلهام علييف", "حيدر علييف", "جدعون ساعر", "إسحاق هرتسوغ", "Ilham Aliyev", "Heydar Aliyev",
              "John Smith", "Jane Smith", "גדעון סער", "יצחק הרצוג"]
    for name in people:
        make_speaker(name)
    db.commit()
    groups = {frozenset(s.name for s in g.speakers) for g in likely_duplicates(db)}
    assert groups == {frozenset({"إلهام علييف", "Ilham Aliyev"}), frozenset({"حيدر علييف", "Heydar Aliyev"}),
                      frozenset({"جدعون ساعر", "גדעון סער"}), frozenset({"إسحاق هرتسوغ", "יצחק הרצוג"})}


def test_cross_script_group_shows_its_evidence(db, make_speaker, client, login):
    for name in ("هرتسوغ", "הרצוג", "Herzog", "Герцог", "Netanyahu"):
        make_speaker(name)
    db.commit()
    [group] = likely_duplicates(db)
    assert {s.name for s in group.speakers} == {"هرتسوغ", "הרצוג", "Herzog", "Герцог"}
    assert all("KRSK" in why for why in group.reasons) and len(group.evidence) == 3
    login("editor")
    html = client.get("/speakers/duplicates").get_data(as_text=True)
    assert "same consonant skeleton across scripts (KRSK)" in html and "Netanyahu" not in html


def test_groups_a_surname_with_the_full_name_and_spelling_variants(db, make_speaker):
    full = make_speaker("أوريت ستروك")
    short = make_speaker("ستروك")
    variant = make_speaker("اوريت ستروك")
    other = make_speaker("جدعون ساعر")
    db.commit()
    (group,) = likely_duplicates(db)
    assert {s.id for s in group.speakers} == {full.id, short.id, variant.id}
    assert other.id not in {s.id for s in group.speakers}


def test_merged_speakers_are_not_suggested_again(db, make_speaker):
    from claims_app.speakers.merge import merge_speakers

    a, b = make_speaker("موشيشفيلي"), make_speaker("موشياشفيلي")
    db.commit()
    assert len(likely_duplicates(db)) == 1
    merge_speakers(db, b.id, a.id)
    db.commit()
    assert likely_duplicates(db) == []
    assert find_speaker(db, "موشياشفيلي").id == a.id


def test_candidates_come_from_blocks_not_from_all_pairs():
    rows = [(i, f"name{i}", f"{chr(0x0628 + i % 20)}{chr(0x0628 + i // 20)}xyz") for i in range(400)]
    pairs = candidate_pairs(rows)
    assert len(pairs) < 400 * 399 // 2 // 10


def test_duplicates_page_offers_merges_to_editors_only(client, login, db, make_speaker):
    a, b = make_speaker("موشيشفيلي"), make_speaker("موشياشفيلي")
    make_speaker("جدعون ساعر")
    db.commit()
    login("researcher")
    page = client.get("/speakers/duplicates").get_data(as_text=True)
    assert "موشيشفيلي" in page and "موشياشفيلي" in page and "ساعر" not in page
    assert "/merge" not in page
    client.post("/logout")
    login("editor")
    page = client.get("/speakers/duplicates").get_data(as_text=True)
    assert f'action="/speakers/{b.id}/merge"' in page and f'value="{a.id}"' in page
    # the duplicates page's button asks first; the confirmation's button merges
    assert "Merge two speakers?" in client.post(f"/speakers/{b.id}/merge", data={"into": a.id}).get_data(as_text=True)
    assert client.post(f"/speakers/{b.id}/merge", data={"into": a.id, "confirm": "yes"}).status_code == 302
    assert "No likely duplicates" in client.get("/speakers/duplicates").get_data(as_text=True)
