"""Full-text search folds Arabic and Hebrew spelling variants, on both engines."""
from __future__ import annotations

import pytest

from claims_app.search.services import query_terms, search, snippet
from claims_app.speakers.models import Speaker

ARABIC = "وقّع الوزيرُ اتفاقيةً جديدةً مع أذربيجان وأَعْلَنَ عن مَشروعٍ مشترك."
ARABIC_PLAIN = "قال السفير إن العلاقات مع اذربيجان تتطور."
HEBREW_POINTED = "הַשָּׂר אָמַר שָׁלוֹם לַכֹּל בַּטֶּקֶס."
HEBREW_PLAIN = "השר אמר שלום לכולם בארה\"ב."


def _ids(page):
    return [row.id for row, _snip in page.items]


@pytest.fixture
def corpus(db, add_article):
    articles = {
        "ar": add_article(ARABIC, "ar", "ar1"),
        "ar_plain": add_article(ARABIC_PLAIN, "ar", "ar2"),
        "he_pointed": add_article(HEBREW_POINTED, "he", "he1"),
        "he_plain": add_article(HEBREW_PLAIN, "he", "he2"),
    }
    db.commit()
    return articles


@pytest.mark.parametrize("query", ["أذربيجان", "اذربيجان", "أَذْرَبِيجَان", "آذربيجان"])
def test_arabic_hamza_and_harakat_do_not_matter(db, corpus, query):
    assert set(_ids(search(db, query, scope="articles"))) == {corpus["ar"].id, corpus["ar_plain"].id}


@pytest.mark.parametrize("query", ["اعلن مشروع", "أعلن", "أَعْلَنَ مَشْرُوع", "اتفاقية", "اتفاقيه"])
def test_arabic_words_with_marks_in_the_text_are_found_without(db, corpus, query):
    assert _ids(search(db, query, scope="articles")) == [corpus["ar"].id]


@pytest.mark.parametrize("query", ["שלום", "שָׁלוֹם", "השר אמר", "הַשָּׂר"])
def test_hebrew_niqqud_does_not_matter(db, corpus, query):
    assert set(_ids(search(db, query, scope="articles"))) == {corpus["he_pointed"].id, corpus["he_plain"].id}


@pytest.mark.parametrize("query", ['ארה"ב', "ארה״ב", "ארהב"])
def test_hebrew_gershayim_variants(db, corpus, query):
    assert _ids(search(db, query, scope="articles")) == [corpus["he_plain"].id]


def test_every_word_must_occur(db, corpus):
    assert _ids(search(db, "اذربيجان مشروع", scope="articles")) == [corpus["ar"].id]
    assert _ids(search(db, "اذربيجان שלום", scope="articles")) == []


def test_claims_are_found_by_text_speaker_and_metric(db, corpus, add_claim):
    speaker = Speaker(name="موشياشفيلي", kind="person")
    db.add(speaker)
    quote = add_claim(corpus["ar_plain"], "العلاقات مع اذربيجان تتطور", speaker=speaker)
    figure = add_claim(corpus["ar"], "مَشروعٍ مشترك", kind="numeric", metric="joint projects")
    add_claim(corpus["he_plain"], "שלום לכולם", status="rejected")
    db.commit()
    assert _ids(search(db, "أذربيجان", scope="claims")) == [quote.id]
    assert _ids(search(db, "موشياشفيلى", scope="claims")) == [quote.id]     # ى for ي
    assert _ids(search(db, "joint PROJECTS", scope="claims")) == [figure.id]
    assert _ids(search(db, "שלום", scope="claims")) == []                   # rejected claims are hidden


def test_renaming_a_speaker_reindexes_their_claims(db, corpus, add_claim):
    from claims_app.speakers.services import update_speaker

    speaker = Speaker(name="Gidon Saar", kind="person")
    db.add(speaker)
    claim = add_claim(corpus["ar_plain"], "تتطور", speaker=speaker)
    db.commit()
    version = claim.version
    update_speaker(db, speaker.id, name="Gideon Sa'ar", kind="person", wikidata_qid=None, version=speaker.version)
    db.commit()
    assert _ids(search(db, "gideon", scope="claims")) == [claim.id]
    assert _ids(search(db, "gidon", scope="claims")) == []
    db.refresh(claim)
    assert claim.version == version   # the claim itself did not change


def test_pages_by_key_without_gaps_or_repeats(db, add_article):
    ids = [add_article(f"تقرير رقم {n} عن الإقتصاد", "ar", f"r{n}").id for n in range(7)]
    db.commit()
    seen, before = [], None
    while True:
        page = search(db, "الاقتصاد", scope="articles", before=before, limit=3)
        seen += _ids(page)
        if page.next_before is None:
            break
        before = page.next_before
    assert seen == sorted(ids, reverse=True)


# Each text holds some of the words the queries below use; read as plain words, a query finds the
# texts holding all of its words. Read as search syntax (OR, NOT, NEAR, prefix*, column:), it would
# find others, or fail.
SYNTAX_TEXTS = ["aa OR bb NEAR xx yy col value start AND NOT", "aa bb", "xx", "bb value", "start", "xx yy AND"]


@pytest.mark.parametrize("query", ['"', 'aa OR bb*', 'NEAR(xx yy)', "col:value", "^start", "xx AND NOT yy", "-", "'",
                                   'bb*', '"aa bb"', "value OR start", "NOT xx"])
def test_search_syntax_in_queries_is_plain_text(db, add_article, query):
    texts = {add_article(text, "en", f"syntax{n}").id: text for n, text in enumerate(SYNTAX_TEXTS)}
    db.commit()
    terms = query_terms(query)
    expected = {i for i, text in texts.items() if terms and set(terms) <= set(query_terms(text))}
    assert set(_ids(search(db, query, scope="articles"))) == expected
    assert _ids(search(db, query, scope="claims")) == []


def test_bare_words_find_words_with_proclitics(db, add_article):
    ar = add_article("ووقّعت بالاتفاقية للاتفاقية", "ar", "clitics-ar")
    he = add_article("והשר הגיע לבית הספר", "he", "clitics-he")
    db.commit()
    assert _ids(search(db, "الاتفاقية", scope="articles")) == [ar.id]
    assert _ids(search(db, "الشر", scope="articles")) == []
    assert _ids(search(db, "השר הבית", scope="articles")) == [he.id]


def test_query_terms_fold_and_drop_punctuation():
    assert query_terms("  أَعْلَنَ، «الوزير»  أعلن ") == ["اعلن", "الوزير"]
    assert query_terms("") == []


def test_snippet_marks_the_word_as_written():
    snip = snippet(ARABIC, query_terms("اعلن"))
    assert snip.match == "وأَعْلَنَ"
    assert (snip.before + snip.match + snip.after).replace("…", "") in ARABIC
