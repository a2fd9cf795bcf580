"""Numeric claims. The scanner runs named stages over the number tokens of a text:
bounds (where a phrase starts and ends) → filters (what is not a quantity) → unit → context
(qualifiers, ranges, percent, currency) → meta (period and metric)."""
from .scanner import find_numeric_claims

__all__ = ["find_numeric_claims"]
