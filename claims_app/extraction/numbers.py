"""Numeric claims (placeholder until the extraction work fills it in)."""
from .types import NumericCandidate


def find_numeric_claims(text: str, language: str) -> list[NumericCandidate]:
    return []
