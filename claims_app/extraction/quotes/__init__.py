"""Quotes: quote marks paired into spans (marks), spans filtered and attributed (spans)."""
from .spans import find_quotes

__all__ = ["find_quotes"]
