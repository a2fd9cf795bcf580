"""Kept for callers outside the extractor: speaker names live in ``attribution.speakers``."""
from .attribution.speakers import (best_match, name_skeleton, names_match, normalize_name,
                                   strip_title, title_length)

__all__ = ["best_match", "name_skeleton", "names_match", "normalize_name", "strip_title",
           "title_length"]
