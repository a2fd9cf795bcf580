"""Properties of the numeric-claim extractor that must hold on any input.

It never raises (any exception fails these tests: nothing in the extractor swallows one), and
every span it returns is a valid slice of the text, including on a megabyte built to provoke
backtracking. How fast that megabyte goes is printed by bench/bench_extraction.py.
"""
import random
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims_app.extraction.numbers import find_numeric_claims
from claims_app.extraction.types import NUMERIC_KINDS, QUALIFIERS

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
LANGUAGES = ["ar", "he", "en", "fa", "und"]

# Pieces that sit on the extractor's decision points: digits of three scripts, separators,
# decimal marks, invisible direction marks, percent and currency signs, scale words,
# qualifiers, prefixes and quote marks.
PIECES = [
    "0", "7", "60", "2016", "20162020", "١٢", "٫", "٬", "۴۵", ",", ".", "-", "–", "/", ":", " ",
    "\u00a0", "\u2009", "\u200f", "\u200e", "\u061c", "\u05be", "%", "٪", "$", "€", "₪",
    "ألف", "آلاف", "مليون", "ملايين", "مليار", "ونصف", "أكثر من", "بنحو", "بين", "و", "عامي",
    "ثلاثة", "عشر", "عامين", "في المائة", "بالمئة", "أكتوبر", "אלף", "מיליון", "כ-", "כ", "מ",
    "ב-", "ו", "שני", "שנתיים", "אחוז", 'ש"ח', "״", "בין", "ל-", "million", "bn", "m", "and",
    "half", "a", "third", "of", "between", "to", "about", "more than", "years", "May", "\n",
    "«", "»", "“", '"', "(", ")", "+", "#",
]


def _check(text: str, language: str) -> None:
    claims = find_numeric_claims(text, language)
    for c in claims:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert c.kind in NUMERIC_KINDS
        assert c.qualifier in QUALIFIERS
        for v in (c.value, c.low, c.high):
            assert v is None or isinstance(v, Decimal)
        if c.qualifier == "range":
            assert c.low is not None and c.high is not None and c.low < c.high
        else:
            assert c.value is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from(LANGUAGES))
def test_random_unicode_never_raises_and_spans_are_slices(text, language):
    _check(text, language)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=80), st.sampled_from(LANGUAGES),
       st.lists(st.sampled_from([" ", "", "\u200f"]), min_size=1, max_size=80))
def test_number_like_soup_never_raises(pieces, language, glue):
    text = "".join(p + glue[i % len(glue)] for i, p in enumerate(pieces))
    _check(text, language)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SEED_TEXTS))),
       st.lists(st.tuples(st.floats(0, 1), st.sampled_from(["insert", "delete", "replace"]),
                          st.sampled_from(PIECES), st.integers(1, 12)), max_size=25),
       st.sampled_from(LANGUAGES))
def test_mutated_seed_texts_never_raise(index, edits, language):
    text = SEED_TEXTS[index]
    for where, op, piece, width in edits:
        at = int(where * len(text))
        if op == "insert":
            text = text[:at] + piece + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + width:]
        else:
            text = text[:at] + piece + text[at + len(piece):]
    _check(text, language)


def _adversarial_megabyte() -> str:
    rng = random.Random(20260523)
    blocks = [
        "9" * 200_000,                                  # one endless numeral
        "1," * 50_000,                                  # separators that never make a group
        "١٬" * 50_000,
        "123 " * 25_000,                                # space-grouped digits without end
        "\u200f1\u200f" * 33_000,                       # direction marks between digits
        "1-" * 50_000,                                  # dashes: ranges that never close
        "كـ-" * 20_000 + "60",                          # prefixes waiting for a number
        "ألف مليون مليار " * 6_000,                     # scale words with nothing to scale
        "״“«(\"" * 20_000,                              # unmatched marks
        "".join(rng.choice(["1", ",", ".", "٫", " ", "\u2009", "ألف", "%", "-", "מ-", "\u061c"])
                for _ in range(120_000)),
    ]
    text = "".join(blocks)
    return (text * 2)[:1_000_000]


# Speed on this text is measured by bench/bench_extraction.py (adversarial section).
def test_megabyte_of_adversarial_text_gives_valid_claims():
    text = _adversarial_megabyte()
    assert len(text) == 1_000_000
    claims = find_numeric_claims(text, "ar")
    for c in claims[:1000]:
        assert text[c.start:c.end] == c.text


def test_a_rule_that_raises_is_not_hidden_as_no_claims(monkeypatch):
    """A bug in a rule must surface: the scanner's exceptions reach the caller (and so fail every
    property test above), they are never turned into an empty result."""
    from claims_app.extraction.numbers import scanner as numbers

    def broken(self):
        raise ZeroDivisionError("injected")

    monkeypatch.setattr(numbers._Scanner, "run", broken)
    import pytest
    for exc_text in ("60 ألف", "12,500 troops"):
        with pytest.raises(ZeroDivisionError):
            find_numeric_claims(exc_text, "ar")
