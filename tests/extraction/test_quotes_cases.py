"""Quote spans and speakers on short texts, one behaviour per case, from the per-language case files.

Each case lists every quote the extractor must propose, as (quoted words, speaker as written or
None); a text with an empty list must yield no quote at all.
"""
import pytest

from claims_app.extraction.quotes import find_quotes

from .case_files import load_cases

# One file per language: tests/extraction/cases/<lang>_quotes.tsv
CASES = load_cases("quotes")


@pytest.mark.parametrize("language,text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_quote_case(language, text, expected):
    quotes = find_quotes(text, language)
    assert [[q.text, q.speaker] for q in quotes] == expected
    for q in quotes:
        assert text[q.start:q.end] == q.text
        assert 0.0 <= q.confidence <= 1.0
        if q.speaker is None:
            assert q.speaker_start is None and q.speaker_end is None
        else:
            assert text[q.speaker_start:q.speaker_end] == q.speaker


def test_case_table_is_large_enough():
    assert len(CASES) >= 50
    assert {"ar", "he", "en", "fr", "ru"} <= {c[1] for c in CASES}


def test_a_speaker_below_the_threshold_is_left_empty(monkeypatch):
    """The confidence threshold decides: raised above every confidence, no speaker is kept."""
    from claims_app.extraction.quotes import spans
    text = 'وقال نتنياهو: "سنواصل العمل بكل قوة حتى النهاية".'
    assert find_quotes(text, "ar")[0].speaker == "نتنياهو"
    monkeypatch.setattr(spans, "SPEAKER_THRESHOLD", 1.01)
    (quote,) = find_quotes(text, "ar")
    assert quote.speaker is None and quote.speaker_start is None
