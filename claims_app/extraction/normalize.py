"""Kept for callers outside the extractor: the fold lives in ``text.fold``."""
from .text.fold import fold_text_aligned, fold_token, normalize_for_search

__all__ = ["fold_text_aligned", "fold_token", "normalize_for_search"]
