"""Kept for callers outside the extractor: detection lives in ``text.detect``."""
from .text.detect import detect_language

__all__ = ["detect_language"]
