"""Whole-extractor robustness: any text, mutated seeds, adversarial megabytes."""
import pathlib
import random

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims_app.extraction import extract
from claims_app.extraction.quotes import find_quotes

SEEDS = sorted((pathlib.Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]

# Characters the extractor treats specially, over-represented so that random texts exercise
# quote pairing, acronyms, number separators and paragraph logic.
SPECIAL = list('"“”„‟«»‹›‘’׳״\'.,،؛:;!?؟%٪٫٬-–—/()\n \u00a0\u200f\u061c0123456789٠١٢٣٤٥٦٧٨٩')
LETTERS = list("אבגדהוזחטיכלמנסעפצקרשתםןץףךابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةىؤئ") + list(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
WORDS = ["قال", "وقال", "وأضاف", "بحسب", "אמר", "לדברי", "said", "according", "to", "ארה\"ב",
         "צה\"ל", "ש\"ח", "ש\"", "و\"", "الرئيس", "השר", "President", "مليون", "ألف", "بالمئة",
         "אלף", "million", "percent", "أكثر من", "כ-", "نحو", "between", "2016-2020"]

text_strategy = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(SPECIAL), st.sampled_from(LETTERS), st.sampled_from(WORDS)),
             max_size=300).map("".join),
)


def check(text, result):
    for q in result.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
        assert 0.0 <= q.confidence <= 1.0
    for n in result.numeric_claims:
        assert 0 <= n.start < n.end <= len(text)
        assert text[n.start:n.end] == n.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy, st.sampled_from([None, "ar", "he", "en", "und"]))
def test_extract_never_raises_and_offsets_are_valid(text, language):
    check(text, extract(text, language))


@st.composite
def mutated_seed(draw):
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(1, 12))):
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "cut"]))
        piece = draw(st.text(alphabet=SPECIAL + LETTERS, min_size=1, max_size=5))
        if op == "insert":
            text = text[:pos] + piece + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + len(piece):]
        elif op == "replace":
            text = text[:pos] + piece + text[pos + len(piece):]
        else:
            text = text[:pos]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed())
def test_mutated_seeds_keep_valid_offsets(text):
    check(text, extract(text))


def test_seeds_extract_cleanly():
    for text in SEED_TEXTS:
        check(text, extract(text))


def _adversarial_megabyte() -> str:
    """Seed prose broken by thousands of unmatched quote marks, digit runs and separators."""
    rng = random.Random(7)
    prose = "\n".join(SEED_TEXTS).split()
    noise = ['"', "“", "”", "«", "»", "„", "״", "׳", 'ש"', 'ארה"ב', 'و"', "\n", "1", "23",
             "٤٥", "٫", "٬", "%", "-", "–", "/", "000", "12,5", "3.14", "1-2", ":", "20162020",
             "أكثر من", "כ-", "مليون", "ألف", "בין", "10-15"]
    out, size = [], 0
    while size < 1_000_000:
        piece = rng.choice(noise) if rng.random() < 0.25 else rng.choice(prose)
        out.append(piece)
        size += len(piece) + 1
    return " ".join(out)[:1_000_000]


def _mark_storm(size: int) -> str:
    rng = random.Random(11)
    pieces = ['"', "“", "”", "«", "»", "„", "׳", "״", 'ש"', 'ארה"ב', " ", "\n", ".", ",", "،",
              "1", "٤٥", "قال", "אמר", "said", "وأضاف", "الرئيس", ":"]
    return "".join(rng.choice(pieces) for _ in range(size // 3))[:size]


# Speed on these texts is measured by bench/bench_extraction.py (adversarial section), which
# prints CPU seconds; the tests here check only that the results are right.
def test_one_megabyte_of_adversarial_text_gives_valid_results():
    text = _adversarial_megabyte()
    check(text, extract(text))


def test_quotes_on_one_megabyte_of_adversarial_text():
    text = _adversarial_megabyte()
    quotes = find_quotes(text, "ar")
    assert quotes
    assert all(text[q.start:q.end] == q.text for q in quotes)


def test_quote_marks_everywhere_give_valid_results():
    large = _mark_storm(200_000)
    check(large, extract(large, "ar"))


@pytest.mark.parametrize("text, expected", [
    # nested openers: the outermost pair is the quote, the inner ones are dropped
    ("«" * 3000 + "نص طويل هنا" + "»" * 3000, ["نص طويل هنا"]),
    ("“" * 3000 + "some words here" + "”" * 3000, ["some words here"]),
    # two words inside any number of pairs are a scare quote, not a quote
    ("«" * 3000 + "نص طويل" + "»" * 3000, []),
    # words separated by long runs of openers are counted as words all the same
    (("«" * 500 + "كلمة ") * 8 + "»" * 500, None),
])
def test_nested_openers_are_judged_by_their_words(text, expected):
    result = extract(text, "ar")
    check(text, result)
    if expected is not None:
        assert [q.text.strip("«»“” ") for q in result.quotes] == expected
    else:
        assert len(result.quotes) == 1


def test_one_megabyte_of_unmatched_openers_is_bounded():
    text = ("قال الرئيس: «بداية بلا نهاية " * 20 + "\n") * 1700
    text += ' "' * 20000 + "“" * 20000
    result = extract(text)
    check(text, result)
    assert all(q.end - q.start <= 6000 for q in result.quotes)
