"""Numeric claims on short texts, one behaviour per case, from the per-language case files.

Each case lists every claim the extractor must propose, in text order, as
(span text, value, low, high, kind, qualifier, unit); ``ANY`` leaves the unit unchecked where
the noun as written is all that matters. A text with an empty list must yield no claim at all.
"""
from decimal import Decimal

import pytest

from claims_app.extraction.numbers import find_numeric_claims

from .case_files import load_cases

ANY = "*"     # in a case file: the unit is not checked


def D(x):
    return None if x is None else Decimal(str(x))


# The cases live beside the language packs' tests, one file per language:
# tests/extraction/cases/<lang>_numbers.tsv
CASES = load_cases("numbers")
LANGUAGES = sorted({c[1] for c in CASES})


@pytest.mark.parametrize("name,language,text,expected", CASES, ids=[c[0] for c in CASES])
def test_numeric_claims(name, language, text, expected):
    got = find_numeric_claims(text, language)
    for c in got:
        assert 0 <= c.start < c.end <= len(text) and text[c.start:c.end] == c.text
    assert [c.text for c in got] == [e[0] for e in expected]
    for c, (span, value, low, high, kind, qualifier, unit) in zip(got, expected):
        assert c.value == D(value), span
        assert (c.low, c.high) == (D(low), D(high)), span
        assert c.kind == kind, span
        assert c.qualifier == qualifier, span
        if unit != ANY:
            assert c.unit == unit, span
        assert c.value is None or isinstance(c.value, Decimal)


def test_period_from_glued_year_range():
    text = "قدمت إسرائيل 69٪ من واردات باكو الرئيسية من الأسلحة في 20162020."
    (claim,) = find_numeric_claims(text, "ar")
    assert (claim.period_start, claim.period_end) == (2016, 2020)
    assert claim.metric == "واردات باكو الرئيسية من الأسلحة"


def test_period_from_between_years():
    text = "ارتفع حجم التبادل التجاري بنحو 50 بالمئة بين عامي 2024 و2025."
    (claim,) = find_numeric_claims(text, "ar")
    assert (claim.period_start, claim.period_end) == (2024, 2025)


def test_period_from_fi_aam():
    text = "وقعت الحكومة 20 اتفاقية في عام 2016."
    (claim,) = find_numeric_claims(text, "ar")
    assert (claim.period_start, claim.period_end) == (2016, 2016)


def test_period_from_english_range():
    text = "Israel supplied 69% of Baku's major arms imports in 2016-2020."
    (claim,) = find_numeric_claims(text, "en")
    assert (claim.period_start, claim.period_end) == (2016, 2020)


def test_metric_is_the_counted_noun():
    (claim,) = find_numeric_claims("زار 60 ألف سائح إسرائيلي هذا البلد.", "ar")
    assert claim.metric.startswith("سائح")


def test_case_table_is_large_enough():
    assert len(CASES) >= 110
    assert {"ar", "he", "en", "fr", "ru"} <= set(LANGUAGES)
