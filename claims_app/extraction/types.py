"""The candidates the extractor proposes. Offsets are code points into the text, end exclusive."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal

NUMERIC_KINDS = ("percent", "currency", "duration", "count")
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True, slots=True)
class QuoteCandidate:
    start: int
    end: int
    text: str
    speaker: str | None = None          # the name as the article writes it, or None
    speaker_start: int | None = None    # span of the speaker mention, when there is one
    speaker_end: int | None = None
    confidence: float = 0.5             # attribution confidence, 0..1
    speaker_rule: str | None = None     # the rule that chose the speaker (attribution.RULES), None without one

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class NumericCandidate:
    start: int
    end: int
    text: str
    value: Decimal | None               # full quantity after scale words; None for a bare range
    kind: str                           # one of NUMERIC_KINDS
    qualifier: str = "exact"            # one of QUALIFIERS
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None             # USD, year, soldier, ...
    period_start: int | None = None     # year the figure refers to, when stated next to it
    period_end: int | None = None
    metric: str | None = None           # what is measured, as words taken from the context

    def to_json(self) -> dict:
        data = asdict(self)
        for key in ("value", "low", "high"):
            data[key] = _number(data[key])
        return data


@dataclass(slots=True)
class Extraction:
    language: str
    quotes: list[QuoteCandidate] = field(default_factory=list)
    numeric_claims: list[NumericCandidate] = field(default_factory=list)

    def to_json(self, path: str | None = None) -> dict:
        return {
            "path": path,
            "language": self.language,
            "quotes": [q.to_json() for q in self.quotes],
            "numeric_claims": [n.to_json() for n in self.numeric_claims],
        }
