"""Links across languages: figures in five languages, running counts, quotes and translations."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from claims_app.links.features import numeric_features, quote_concepts, speaker_keys
from claims_app.links.rules import NumericView, QuoteView, compare_numeric, compare_quotes
from claims_app.links.terms import is_fragment

DAY = dt.date(2023, 2, 6)
_ids = iter(range(1, 10_000))


def toll(value, *, topics=("killed",), entities=("turkey",), published=DAY, unit=None, kind="count",
         qualifier="exact"):
    cid = next(_ids)
    return NumericView(cid, cid, Decimal(value), None, None, qualifier, kind, unit, None, None, frozenset(topics),
                       frozenset(), frozenset(entities), frozenset(), published)


def said(text, language, *, speaker=None, keys=(), published=DAY, entities=()):
    cid = next(_ids)
    return QuoteView(cid, cid, language, text, speaker, frozenset(keys), frozenset(entities), published=published)


def features(text: str, figure: str):
    start = text.index(figure)
    return numeric_features(text, start, start + len(figure), None)


# --- what a figure is about, in five languages -------------------------------------------------

def test_the_same_toll_has_one_metric_in_every_language():
    found = [features("Le séisme a fait 632 morts au Maroc, selon le ministère.", "632 morts"),
             features("وأعلنت وزارة الداخلية المغربية ارتفاع الحصيلة إلى 632 وفاة.", "632 وفاة"),
             features("В Марокко землетрясение унесло жизни 632 человек.", "632 человек"),
             features("The earthquake in Morocco killed 632 people.", "632 people")]
    assert all(f.topics == {"killed"} and f.entities == {"morocco"} for f in found), found


def test_a_french_article_is_not_the_united_nations():
    f = features("Le bilan a fait un mort et 329 blessés dans la province d'Al Haouz.", "329 blessés")
    assert f.topics == {"injured"} and f.entities == {"morocco"}


def test_each_toll_belongs_to_the_nearest_country():
    text = "Officials said 12,391 people had died in Turkey and 2,992 in Syria."
    assert features(text, "12,391").entities == {"turkey"}
    assert features(text, "2,992").entities == {"syria"}


def test_a_vote_share_belongs_to_the_candidate_next_to_it():
    text = "Erdogan won 52.14 percent of the vote to Kilicdaroglu's 47.86%."
    assert "erdogan" in features(text, "52.14 percent").entities
    assert "kilicdaroglu" in features(text, "47.86%").entities


def test_rose_to_is_a_level_and_a_counted_share_is_progress():
    assert "change" not in features("The death toll in Turkey rose to 12,391 on Thursday.", "12,391").aspects
    assert "tallied" in features("Erdogan had 52.1% after 99.43 percent of ballot boxes were counted.",
                                 "99.43 percent").aspects
    assert "tallied" not in features("Erdogan had 52.1% after 99.43 percent of ballot boxes were counted.",
                                     "52.1%").aspects


def test_a_number_cut_at_its_decimal_comma_is_a_fragment():
    text = "Poutine a obtenu 87,28 % des voix; 1 832 blessés; 12,391 morts."
    for piece, cut in (("87", True), ("28 %", True), ("832", True), ("12,391", False), ("87,28 %", False)):
        start = text.index(piece)
        assert is_fragment(text, start, start + len(piece)) is cut, piece


# --- same figure and conflicts ----------------------------------------------------------------

def test_counts_in_two_languages_meet_through_their_topic():
    s = compare_numeric(toll("632", unit="morts", entities=()), toll("632", unit="وفاة", entities=("morocco",)))
    assert s is not None and s.relation == "same_claim"
    assert compare_numeric(toll("632", unit="morts"), toll("632", unit="blessés", topics=("injured",))) is None


def test_a_toll_that_grew_over_days_is_an_update_not_a_conflict():
    assert compare_numeric(toll("1498"), toll("1530", published=DAY + dt.timedelta(days=3))) is None
    s = compare_numeric(toll("810", entities=("syria",)), toll("783", entities=("syria",)))
    assert s is not None and s.relation == "contradicts"


def test_tolls_far_apart_or_of_other_places_do_not_conflict():
    assert compare_numeric(toll("12391"), toll("2992")) is None                       # two tolls, not one
    assert compare_numeric(toll("810", entities=("syria",)), toll("783", entities=("syria", "turkey"))) is None


def test_a_precise_count_and_a_round_threshold_do_not_conflict():
    share = dict(kind="percent", topics=("votes",))
    assert compare_numeric(toll("52.14", **share), toll("50", **share)) is None
    s = compare_numeric(toll("52.14", **share), toll("52.87", **share))
    assert s is not None and s.relation == "contradicts"


def test_two_candidates_shares_never_meet():
    share = dict(kind="percent", topics=("votes",))
    assert compare_numeric(toll("52.14", entities=("turkey", "erdogan"), **share),
                           toll("52.14", entities=("turkey", "kilicdaroglu"), **share)) is None
    assert compare_numeric(toll("52.14", entities=("erdogan",), **share),
                           toll("52.14", entities=("turkey",), **share)).relation == "same_claim"


# --- quotes -----------------------------------------------------------------------------------

FED_EN = "The Committee will continue to assess additional information and its implications for monetary policy"
FED_FR = ("Le FOMC continuera d'évaluer des informations supplémentaires et leurs implications pour la "
          "politique monétaire")


def test_a_translation_meets_through_the_word_lexicon_without_a_speaker():
    assert {"assess", "information", "monetary", "policy"} <= quote_concepts(FED_EN) & quote_concepts(FED_FR)
    s = compare_quotes(said(FED_EN, "en"), said(FED_FR, "fr", keys=("fed",)))
    assert s is not None and s.relation == "translation_of"


def test_no_translation_days_apart_or_between_two_known_speakers():
    later = DAY + dt.timedelta(days=10)
    assert compare_quotes(said(FED_EN, "en"), said(FED_FR, "fr", published=later)) is None
    assert compare_quotes(said(FED_EN, "en", keys=("powell",)), said(FED_FR, "fr", keys=("lagarde",))) is None


def test_unrelated_words_of_one_speaker_are_no_translation():
    a = said("We will never accept the occupation of our land", "en", keys=("erdogan",))
    b = said("Le seul gagnant aujourd'hui est la Turquie", "fr", keys=("erdogan",))
    assert compare_quotes(a, b) is None


def test_one_outlet_quotes_one_sentence_of_a_longer_statement():
    long_ = ("Turkiye is the winner. The winner is our nation itself with all its segments. "
             "The winner is our democracy.")
    short = "The winner is our nation itself with all its segments."
    s = compare_quotes(said(long_, "en", keys=("erdogan",)), said(short, "en", keys=("erdogan",)))
    assert s is not None and (s.relation, s.rule) == ("same_quote", "same_quote.partial")


def test_word_for_word_long_quotes_need_no_speaker():
    text = "des centaines de familles étant sous les décombres"
    s = compare_quotes(said(text, "fr"), said(text, "fr"))
    assert s is not None and s.relation == "same_quote"
    assert compare_quotes(said("au revoir, Kemal", "fr"), said("au revoir, Kemal", "fr")) is None


def test_a_speaker_in_any_script_gets_one_identity_key():
    keys = [speaker_keys(None, n) for n in ("Isaac Herzog", "إسحاق هرتسوغ", "יצחק הרצוג", "Ицхак Герцог")]
    assert all("x:KRSK" in k for k in keys), keys
    assert not any(k.startswith("x:") for k in speaker_keys(None, "وزارة الداخلية"))


def test_a_fraction_word_is_a_round_share_in_every_language(db):
    """'a third', 'ثلث', 'שליש' meet 33% and 35% and conflict with 40%, whatever the languages."""
    from claims_app.links.suggest import suggest_links
    from claims_app.links.models import ClaimLink
    from sqlalchemy import select

    from .helpers import article, numeric

    texts = [("en", "Azerbaijan supplies a third of Israel's oil.", "a third", "33.33"),
             ("ar", "توفر أذربيجان ثلث النفط الذي تستهلكه إسرائيل.", "ثلث", "33.33"),
             ("he", "אזרבייג'ן מספקת שליש מהנפט של ישראל.", "שליש", "33.33"),
             ("en", "Azerbaijan supplies 35% of Israel's oil.", "35%", "35"),
             ("ar", "وتوفر أذربيجان 40% من النفط الذي تستهلكه إسرائيل.", "40%", "40")]
    claims = {}
    for lang, text, exact, value in texts:
        claims[exact] = numeric(db, article(db, text, language=lang, published=DAY), exact, value)
    suggest_links(db)
    links = {(l.relation, frozenset((l.source_id, l.target_id))) for l in db.scalars(select(ClaimLink))}

    def linked(relation, a, b):
        return (relation, frozenset((claims[a].id, claims[b].id))) in links

    for word in ("a third", "ثلث", "שליש"):
        assert linked("same_claim", word, "35%") and linked("contradicts", word, "40%"), word
    assert linked("same_claim", "a third", "ثلث") and linked("same_claim", "ثلث", "שליש")


def test_a_figure_cut_to_fewer_decimals_is_the_same_figure():
    share = dict(kind="percent", topics=("votes",))
    s = compare_numeric(toll("44.8", **share), toll("44.88", **share))
    assert s is not None and s.relation == "same_claim"
    s = compare_numeric(toll("3.85", **share), toll("3.84", **share))
    assert s is not None and s.relation == "contradicts"


# --- rate changes in points, running bounds, clitics joined to numbers ---------------------------

def test_a_rate_change_in_points_is_one_figure_in_basis_points_in_every_language(db):
    """'25 نقطة أساس', '25 points de base', '0,25 процентного пункта', 'a quarter of a point' and
    '25 б.п.' are one figure; '50 basis points' is another."""
    from sqlalchemy import select

    from claims_app.links.models import ClaimLink
    from claims_app.links.suggest import suggest_links

    from .helpers import article, numeric

    texts = [("ar", "رفع الاحتياطي الفيدرالي الفائدة 25 نقطة أساس إلى 5.5 في المئة.", "25 نقطة", "25", "count"),
             ("fr", "La Réserve fédérale a relevé ses taux de 25 points de base.", "25 points", "25", "count"),
             ("ru", "ФРС повысила ключевую ставку. Диапазон увеличен на 0,25 процентного пункта.",
              "0,25 процентного", "0.25", "count"),
             ("en", "The Federal Reserve raised its benchmark interest rate by a quarter of a point.",
              "a quarter", "25", "percent"),
             ("he", "הפדרל ריזרב העלה את הריבית ב-50 נקודות בסיס.", "50", "50", "count")]
    claims = {}
    for lang, text, exact, value, kind in texts:
        claims[lang] = numeric(db, article(db, text, language=lang, published=DAY), exact, value, kind=kind)
    suggest_links(db)
    same = {frozenset((l.source_id, l.target_id)) for l in db.scalars(select(ClaimLink))
            if l.relation == "same_claim"}
    for a, b in (("ar", "fr"), ("ar", "ru"), ("fr", "en"), ("ru", "en")):
        assert frozenset((claims[a].id, claims[b].id)) in same, (a, b)
    assert not any(claims["he"].id in pair for pair in same)


def test_points_scale_counts_and_shares_of_a_point():
    from claims_app.links.features import POINT_KIND, in_points

    assert in_points("count", Decimal("0.25"), None, None, "percentage_point", "0,25")[:2] == (POINT_KIND, 25)
    assert in_points("count", Decimal("25"), None, None, "basis_point", "25")[:2] == (POINT_KIND, 25)
    assert in_points("percent", Decimal("25"), None, None, "percentage_point", "a quarter")[:2] == (POINT_KIND, 25)
    assert in_points("percent", Decimal("5.5"), None, None, None, "5.5%")[:2] == ("percent", Decimal("5.5"))
    assert features("The index rose 0.5 percentage points to 3.1%.", "0.5").scale == "percentage_point"
    assert features("Turnout rose to 77.44% from 67.5%.", "77.44%").scale is None


def test_a_precise_running_bound_is_a_count_of_its_own():
    """'at least 7,634 injured' is not '8,533 injured' (reported the same day it conflicts), while
    'more than 2,000' rounds 2,122 down; a running count far past a bound is a later count."""
    injured = dict(topics=("injured",))
    s = compare_numeric(toll("7634", qualifier="at_least", **injured), toll("8533", **injured))
    assert s is not None and s.relation == "contradicts"
    s = compare_numeric(toll("2000", qualifier="at_least"), toll("2122"))
    assert s is not None and s.relation == "same_claim"
    assert compare_numeric(toll("1498", qualifier="at_least"), toll("2921")) is None
    assert compare_numeric(toll("2300", qualifier="at_least"), toll("20000")) is None


def test_a_number_with_a_joined_clitic_ends_the_figure_before_it():
    """'לפחות 296 בני אדם נהרגו וכ-150 נפצעו': the injured are the 150's, not the 296's."""
    f = features("לפחות 296 בני אדם נהרגו וכ-150 נפצעו, כך עדכן משרד הפנים המרוקני.", "296")
    assert f.topics == {"killed"}


def test_an_abbreviation_does_not_end_the_sentence():
    f = features("ФРС повысила ключевую ставку на 25 б.п. - до 5,25 - 5,5%, это самая высокая ставка.",
                 "5,25 - 5,5%")
    assert "interest_rate" in f.topics


def test_a_candidate_in_the_next_clause_holds_the_next_share():
    text = "le président sortant a remporté la course avec 52,14 %, tandis que Kilicdaroglu a obtenu 47,86 %."
    assert "kilicdaroglu" not in features(text, "52,14 %").entities
    assert "kilicdaroglu" in features(text, "47,86 %").entities


def test_an_organisation_meets_its_country():
    """The Fed's 2% target and the United States' 2% target are one figure; the Fed's is not Russia's."""
    target = dict(kind="percent", topics=("inflation",))
    s = compare_numeric(toll("2", entities=("fed",), **target), toll("2", entities=("usa",), **target))
    assert s is not None and s.relation == "same_claim"
    assert compare_numeric(toll("2", entities=("fed",), **target), toll("2", entities=("russia",), **target)) is None
    from claims_app.links.features import ClaimFeatures

    keys = ClaimFeatures(topics={"inflation"}, entities={"fed"}).probe_keys("percent")
    assert "k:percent:inflation:usa" in keys


def test_two_shares_that_make_the_whole_are_two_candidates_not_a_conflict():
    """A run-off between candidates the lexicon does not know: 51.2% and 48.8% are two people's
    shares; 52.14% and 52.87% are two counts of one share and still conflict."""
    share = dict(kind="percent", topics=("votes",), entities=("france",))
    assert compare_numeric(toll("51.2", **share), toll("48.8", **share)) is None
    s = compare_numeric(toll("51.2", **share), toll("51.2", **share))
    assert s is not None and s.relation == "same_claim"
    s = compare_numeric(toll("52.14", **share), toll("52.87", **share))
    assert s is not None and s.relation == "contradicts"


def test_a_toll_of_places_named_together_is_theirs_jointly_and_crossing_a_level_is_no_change():
    joint = features("The death toll from earthquakes that struck Turkey and Syria has passed 15,000 amid anger.",
                     "15,000")
    assert joint.entities == {"turkey", "syria"}
    headline = features("Death toll rises above 15,000 in Turkey, Syria quake", "above 15,000")
    assert headline.entities == {"turkey", "syria"} and "change" not in headline.aspects
    each = "Officials said 12,391 people had died in Turkey and 2,992 in Syria."
    assert features(each, "12,391").entities == {"turkey"} and features(each, "2,992").entities == {"syria"}
    assert "change" in features("The toll in Turkey rose by 1,200 overnight.", "1,200").aspects
