"""Pure reading helpers: titles and spans."""
from __future__ import annotations

import pytest

from claims_app.articles.readers import guess_title
from claims_app.claims.spans import make_span, utf16_to_codepoints
from claims_app.errors import InvalidSpan


def test_title_is_the_first_line_shortened_at_a_word():
    assert guess_title("\n\n  Short headline  \nBody", "f.txt") == "Short headline"
    long = "word " * 60
    title = guess_title(long, "f.txt", limit=20)
    assert title.endswith("…") and len(title) <= 21 and not title[:-1].endswith(" ")
    assert guess_title("   \n ", "f.txt") == "f.txt"


def test_span_must_match_the_stored_text():
    text = "abc «quoted words» def"
    span = make_span(text, 5, 17, "quoted words")
    assert (span.exact, span.prefix, span.suffix) == ("quoted words", "abc «", "» def")
    with pytest.raises(InvalidSpan, match="does not match"):
        make_span(text, 5, 17, "quoted wordz")
    for start, end in ((-1, 3), (3, 3), (5, 4), (0, len(text) + 1)):
        with pytest.raises(InvalidSpan):
            make_span(text, start, end)


def test_utf16_offsets_after_an_emoji_become_code_points():
    text = "a🌟b שלום"
    # In UTF-16 the star is two units: 'b' is at unit 3 but code point 2.
    assert utf16_to_codepoints(text, 3) == 2
    assert utf16_to_codepoints(text, 0) == 0
    assert utf16_to_codepoints(text, len(text.encode("utf-16-le")) // 2) == len(text)
    with pytest.raises(InvalidSpan, match="splits a character"):
        utf16_to_codepoints(text, 2)
    with pytest.raises(InvalidSpan, match="past the end"):
        utf16_to_codepoints(text, 99)
