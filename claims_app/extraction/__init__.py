"""Candidate extraction: pure text in, spans out.

Nothing in this package may import Flask or SQLAlchemy; it is used by the ingest service, the
``manage.py extract`` command and the benchmarks alike.
"""
from .extract import EXTRACTOR_VERSION, extract
from .types import Extraction, NumericCandidate, QuoteCandidate

__all__ = ["EXTRACTOR_VERSION", "Extraction", "NumericCandidate", "QuoteCandidate", "extract"]
