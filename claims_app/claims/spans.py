"""Spans: the characters a claim is tied to. Offsets are code points into the stored text."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..errors import InvalidSpan
from .models import CONTEXT_CHARS


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def make_span(text: str, start: int, end: int, exact: str | None = None) -> Span:
    """A checked span of ``text``. ``exact``, when given, must equal ``text[start:end]``."""
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        raise InvalidSpan(f"span {start}..{end} is outside the article (0..{len(text)}); select text inside it")
    found = text[start:end]
    if exact is not None and exact != found:
        raise InvalidSpan(f"span {start}..{end} does not match the article text there "
                          f"(expected {exact[:40]!r}, found {found[:40]!r}); reload the article and select again")
    return Span(start, end, found, text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS])


_WORD = regex.compile(r"[\w\p{M}]")
_GRAPHEME = regex.compile(r"\X", regex.DOTALL)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection widened to whole words and whole grapheme clusters.

    A selection that slips by a character ("عام 202" out of "عام 2025", "ousand" of "thousand")
    takes the rest of the word; an edge inside an emoji sequence or a letter with combining
    marks moves out to the cluster's edge. Outer blanks are dropped. Offsets are code points.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end

    def word(i: int) -> bool:
        return 0 <= i < len(text) and _WORD.match(text, i) is not None

    while start > 0 and word(start) and word(start - 1):
        start -= 1
    while end < len(text) and word(end - 1) and word(end):
        end += 1
    # Cluster edges, looked for in a window around each edge (clusters are short).
    for m in _GRAPHEME.finditer(text, max(0, start - 16), min(len(text), start + 16)):
        if m.start() < start < m.end():
            start = m.start()
            break
    for m in _GRAPHEME.finditer(text, max(0, end - 16), min(len(text), end + 16)):
        if m.start() < end < m.end():
            end = m.end()
            break
    return start, end


def utf16_to_codepoints(text: str, offset: int) -> int:
    """Convert a browser (UTF-16 code unit) offset into a code point offset of ``text``.

    Characters outside the Basic Multilingual Plane (emoji) are two UTF-16 units but one code
    point; an offset that falls between the two halves is rejected.
    """
    if offset < 0:
        raise InvalidSpan(f"offset {offset} is negative; select text inside the article")
    units = 0
    for index, ch in enumerate(text):
        if units == offset:
            return index
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > offset:
            raise InvalidSpan(f"offset {offset} splits a character in two; select whole characters")
    if units == offset:
        return len(text)
    raise InvalidSpan(f"offset {offset} is past the end of the article; select text inside it")
