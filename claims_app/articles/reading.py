"""Cutting an article into paragraphs and highlight segments for the reader. Pure functions."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str
    claim_ids: tuple[int, ...] = ()


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    segments: list[Segment] = field(default_factory=list)


def paragraphs(text: str, spans: list[tuple[int, int, int]] = ()) -> list[Paragraph]:
    """Paragraphs (split at line breaks) cut into segments at every span boundary.

    ``spans`` are ``(claim_id, start, end)``; a segment lists every claim covering it, so
    nested and overlapping claims (a figure inside a quote) both stay visible. Offsets are
    code points into ``text``, which the page carries as data attributes so that a selection
    in the browser maps back to the stored text exactly.
    """
    result = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if line.strip():
            result.append(_cut(text, start, end, spans))
    return result


def _cut(text: str, start: int, end: int, spans) -> Paragraph:
    inside = [(cid, max(s, start), min(e, end)) for cid, s, e in spans if s < end and e > start]
    bounds = sorted({start, end, *(s for _, s, _ in inside), *(e for _, _, e in inside)})
    para = Paragraph(start, end)
    for a, b in zip(bounds, bounds[1:]):
        ids = tuple(sorted(cid for cid, s, e in inside if s <= a and b <= e))
        para.segments.append(Segment(a, b, text[a:b], ids))
    return para
