"""Quotes and speakers (placeholder until the extraction work fills it in)."""
from .types import QuoteCandidate


def find_quotes(text: str, language: str) -> list[QuoteCandidate]:
    return []
