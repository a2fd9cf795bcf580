"""Candidates the database would refuse, found before writing: one bad candidate is dropped
with a warning, never the whole article."""
from __future__ import annotations

from decimal import Decimal

from ..extraction import NumericCandidate, QuoteCandidate

# claims.value/low/high are NUMERIC(38, 10): 28 digits before the point.
MAX_QUANTITY = Decimal("1e28")
LIMITS = {"unit": 100, "metric": 500}
SPEAKER_LIMIT = 300


def numeric_problem(c: NumericCandidate, text_length: int) -> str | None:
    """Why ``c`` cannot be stored, or None."""
    if not 0 <= c.start < c.end <= text_length:
        return f"span {c.start}..{c.end} lies outside the article"
    for name in ("value", "low", "high"):
        v = getattr(c, name)
        if v is None:
            continue
        if not isinstance(v, Decimal) or not v.is_finite():
            return f"{name} {v} is not a finite number"
        if abs(v) >= MAX_QUANTITY:
            return f"{name} {v:.3E} is beyond the storable range (under 1E+28)"
    if c.period_start is not None and c.period_end is not None and c.period_start > c.period_end:
        return f"period {c.period_start}–{c.period_end} runs backwards"
    for name, limit in LIMITS.items():
        v = getattr(c, name)
        if v is not None and len(v) > limit:
            return f"{name} is longer than {limit} characters"
    return None


def quote_problem(c: QuoteCandidate, text_length: int) -> str | None:
    if not 0 <= c.start < c.end <= text_length:
        return f"span {c.start}..{c.end} lies outside the article"
    if c.speaker is not None and len(c.speaker) > SPEAKER_LIMIT:
        return f"speaker name is longer than {SPEAKER_LIMIT} characters"
    if c.speaker_start is not None and not (c.speaker_end is not None and 0 <= c.speaker_start < c.speaker_end):
        return f"speaker span {c.speaker_start}..{c.speaker_end} is not a span"
    return None
