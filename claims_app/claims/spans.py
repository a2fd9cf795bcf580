"""Spans: the characters a claim is tied to. Offsets are code points into the stored text."""
from __future__ import annotations

from dataclasses import dataclass

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
