"""Each linking rule, on pairs that must link and pairs that must not."""
from __future__ import annotations

from decimal import Decimal

import pytest

from claims_app.links.features import numeric_features
from claims_app.links.rules import NumericView, QuoteView, compare_numeric, compare_quotes, numbers_in

_ids = iter(range(1, 10_000))


def figure(value=None, *, qualifier="exact", kind="percent", topics=("arms",), aspects=("imports",),
           entities=("israel", "azerbaijan"), period=None, low=None, high=None, unit=None, article=None,
           words=()):
    cid = next(_ids)
    period = period or (None, None)
    return NumericView(cid, article or cid, Decimal(value) if value is not None else None,
                       Decimal(low) if low else None, Decimal(high) if high else None, qualifier, kind, unit,
                       period[0], period[1], frozenset(topics), frozenset(aspects), frozenset(entities),
                       frozenset(words))


def relation(a, b):
    s = compare_numeric(a, b)
    return (s.relation, s.rule) if s else None


def test_same_value_same_metric_is_the_same_claim():
    s = compare_numeric(figure("69", period=(2016, 2020)), figure("69", period=(2016, 2020)))
    assert (s.relation, s.rule) == ("same_claim", "same_claim.value") and s.score > 0.9


def test_same_value_different_metric_does_not_link():
    assert relation(figure("69"), figure("69", topics=("oil",))) is None
    assert relation(figure("69"), figure("69", aspects=("exports",))) is None
    assert relation(figure("69"), figure("69", entities=("russia", "armenia"))) is None


def test_a_level_and_its_change_are_different_figures():
    assert relation(figure("50", topics=("trade",), aspects=()),
                    figure("50", topics=("trade",), aspects=("change",))) is None


def test_same_metric_different_period_does_not_link():
    assert relation(figure("69", period=(2016, 2020)), figure("69", period=(2011, 2015))) is None
    assert relation(figure("69", period=(2016, 2020)), figure("60", period=(2011, 2015))) is None


def test_a_missing_period_links_with_a_lower_score():
    full = compare_numeric(figure("69", period=(2016, 2020)), figure("69", period=(2016, 2020)))
    partial = compare_numeric(figure("69", period=(2016, 2020)), figure("69"))
    assert partial.relation == "same_claim" and partial.score < full.score


def test_about_fifty_and_fifty_two_do_not_conflict():
    assert relation(figure("50", qualifier="approx"), figure("52")) == ("same_claim", "same_claim.approx")


def test_rounded_figure_matches_its_precise_form():
    assert relation(figure("69"), figure("69.3")) == ("same_claim", "same_claim.approx")


def test_a_third_and_forty_percent_conflict():
    oil = dict(topics=("oil",), aspects=(), entities=("israel", "azerbaijan"))
    assert relation(figure("33.33", qualifier="approx", **oil), figure("40", **oil)) == (
        "contradicts", "conflict.values")
    assert relation(figure("33.33", qualifier="approx", **oil),
                    figure(None, qualifier="range", low="40", high="45", **oil)) == ("contradicts", "conflict.values")


def test_over_thirty_and_forty_needs_a_look_with_a_low_score():
    oil = dict(topics=("oil",), aspects=(), entities=("israel", "azerbaijan"))
    s = compare_numeric(figure("30", qualifier="at_least", **oil), figure("40", **oil))
    assert (s.relation, s.rule) == ("contradicts", "conflict.bound") and s.score <= 0.4
    near = compare_numeric(figure("30", qualifier="at_least", **oil), figure("33.33", qualifier="approx", **oil))
    assert (near.relation, near.rule) == ("same_claim", "same_claim.bound")


def test_over_thirty_and_twenty_conflict():
    assert relation(figure("30", qualifier="at_least"), figure("20"))[0] == "contradicts"


def test_different_kinds_units_or_same_article_never_link():
    assert relation(figure("69"), figure("69", kind="count")) is None
    assert relation(figure("360000000", kind="currency", unit="USD"),
                    figure("360000000", kind="currency", unit="EUR")) is None
    assert relation(figure("69", article=7), figure("69", article=7)) is None


def test_words_link_figures_when_no_concept_is_known():
    a = figure("12", topics=(), aspects=(), words=("hospitals", "built"))
    b = figure("12", topics=(), aspects=(), words=("hospitals", "built", "new"))
    c = figure("12", topics=(), aspects=(), words=("schools", "built"))
    assert relation(a, b) == ("same_claim", "same_claim.value")
    assert relation(a, c) is None


def test_small_counts_without_a_known_metric_do_not_link():
    two = dict(kind="count", topics=(), aspects=(), words=("countries", "two"))
    assert relation(figure("2", **two), figure("2", **two)) is None
    assert relation(figure("47", **two), figure("47", **two))[0] == "same_claim"


@pytest.mark.parametrize("text, exact, topics, entities", [
    ("According to SIPRI, Israel supplied 69% of Azerbaijan's arms imports in 2016-2020.", "69%",
     {"arms"}, {"israel", "azerbaijan"}),
    ("وشكلت إسرائيل 69٪ من واردات باكو الرئيسية من الأسلحة في 2016-2020", "69٪", {"arms"}, {"israel", "azerbaijan"}),
    ("ישראל סיפקה 69% מיבוא הנשק של אזרבייג'ן בשנים 2016-2020", "69%", {"arms"}, {"israel", "azerbaijan"}),
    ("Azerbaijan supplies about 40% of Israel's oil.", "40%", {"oil"}, {"israel", "azerbaijan"}),
    ("وتزود أذربيجان إسرائيل بنحو ثلث احتياجاتها من النفط", "ثلث", {"oil"}, {"israel", "azerbaijan"}),
])
def test_metric_and_entities_are_read_in_three_languages(text, exact, topics, entities):
    start = text.index(exact)
    f = numeric_features(text, start, start + len(exact), None)
    assert f.topics == topics and f.entities == entities


def test_nearest_topic_wins_in_a_sentence_with_two_figures():
    text = "Trade reached 360 million dollars, while oil accounts for 40% of Israel's imports from Azerbaijan."
    trade = numeric_features(text, text.index("360"), text.index("360") + 19, None)
    oil = numeric_features(text, text.index("40%"), text.index("40%") + 3, None)
    assert trade.topics == {"trade"} and oil.topics == {"oil"}


def quote(text, *, speaker="Ilham Aliyev", keys=("aliyev",), language="en", entities=()):
    cid = next(_ids)
    return QuoteView(cid, cid, language, text, speaker, frozenset(keys), frozenset(entities))


def test_same_quote_tolerates_punctuation_and_spelling():
    a = quote("Israel is a strategic partner of Azerbaijan, and our relations are developing.")
    b = quote("Israel is a strategic partner of Azerbaijan and our relations are developing")
    assert compare_quotes(a, b).relation == "same_quote"
    ar1 = quote("إسرائيل شريك استراتيجي لأذربيجان", language="ar", speaker="علييف")
    ar2 = quote("اسرائيل شريك إستراتيجي لاذربيجان.", language="ar", speaker="إلهام علييف")
    assert compare_quotes(ar1, ar2).relation == "same_quote"


def test_same_words_from_another_speaker_are_not_the_same_quote():
    a = quote("Israel is a strategic partner of Azerbaijan.")
    b = quote("Israel is a strategic partner of Azerbaijan.", speaker="Isaac Herzog", keys=("herzog",))
    assert compare_quotes(a, b) is None


def test_different_words_from_one_speaker_are_not_the_same_quote():
    a = quote("Israel is a strategic partner of Azerbaijan.")
    b = quote("We will open an embassy in Tel Aviv next year.")
    assert compare_quotes(a, b) is None


def test_translation_needs_speaker_numbers_and_entities_to_line_up():
    en = quote("Trade with Israel reached 360 million dollars in 2023, and Azerbaijan wants more.",
               entities=("israel", "azerbaijan"))
    ar = quote("بلغت التجارة مع إسرائيل 360 مليون دولار في 2023 وأذربيجان تريد المزيد",
               language="ar", speaker="علييف", entities=("israel", "azerbaijan"))
    s = compare_quotes(en, ar)
    assert s.relation == "translation_of" and s.score >= 0.8
    other_year = quote("بلغت التجارة مع إسرائيل 360 مليون دولار في 2021 وأذربيجان تريد المزيد",
                       language="ar", speaker="علييف", entities=("israel", "azerbaijan"))
    assert compare_quotes(en, other_year) is None
    one_entity = quote("لقد ناقشنا الوضع الإقليمي وكذلك التهديدات القادمة من إيران", language="ar",
                       speaker="علييف", entities=("iran",))
    assert compare_quotes(quote("We talked about Iran and about the weather in the region today.",
                                entities=("iran",)), one_entity) is None


def test_numbers_in_reads_eastern_digits():
    assert numbers_in("بلغت ٣٦٠ مليون في 2023") == ["2023", "360"]


def test_neighbouring_whole_numbers_are_not_the_same_figure():
    assert relation(figure("69"), figure("70")) == ("contradicts", "conflict.values")
