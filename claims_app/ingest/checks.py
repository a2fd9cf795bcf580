"""Candidates the database would refuse, found before writing: one bad candidate is dropped
with a warning, never the whole article."""
from __future__ import annotations

import dataclasses
from decimal import ROUND_HALF_EVEN, Decimal

from ..extraction import NumericCandidate, QuoteCandidate
from ..values import QUANTITY_INTEGER_DIGITS, QUANTITY_PLACES, QUANTITY_SIGNIFICANT_DIGITS, NumberError, check_quantity

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
        try:
            check_quantity(v, name)
        except NumberError as exc:
            return f"{exc} (value {v:.3E})"
    if c.period_start is not None and c.period_end is not None and c.period_start > c.period_end:
        return f"period {c.period_start}–{c.period_end} runs backwards"
    for name, limit in LIMITS.items():
        v = getattr(c, name)
        if v is not None and len(v) > limit:
            return f"{name} is longer than {limit} characters"
    return None


def fit_quantity(value: Decimal | None) -> Decimal | None:
    """A value the extractor computed with more precision than the columns keep (a third as
    0.333…), rounded to what they keep: 15 significant digits, 10 places. Values too large or
    not finite are left for ``numeric_problem`` to refuse."""
    if value is None or not value.is_finite() or value.is_zero():
        return value
    if value.adjusted() + 1 > QUANTITY_INTEGER_DIGITS:
        return value
    exponent = max(value.adjusted() - (QUANTITY_SIGNIFICANT_DIGITS - 1), -QUANTITY_PLACES)
    if value.as_tuple().exponent >= exponent:
        return value
    fitted = value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)
    return Decimal(0) if fitted.is_zero() else fitted


def fit_candidate(c: NumericCandidate) -> NumericCandidate:
    fitted = {name: fit_quantity(getattr(c, name)) for name in ("value", "low", "high")}
    if all(fitted[name] is getattr(c, name) for name in fitted):
        return c
    return dataclasses.replace(c, **fitted)


def quote_problem(c: QuoteCandidate, text_length: int) -> str | None:
    if not 0 <= c.start < c.end <= text_length:
        return f"span {c.start}..{c.end} lies outside the article"
    if c.speaker is not None and len(c.speaker) > SPEAKER_LIMIT:
        return f"speaker name is longer than {SPEAKER_LIMIT} characters"
    if c.speaker_start is not None and not (c.speaker_end is not None and 0 <= c.speaker_start < c.speaker_end):
        return f"speaker span {c.speaker_start}..{c.speaker_end} is not a span"
    return None
