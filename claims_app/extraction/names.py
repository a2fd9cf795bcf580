"""Kept for callers outside the extractor: speaker kinds live in ``attribution.kinds``."""
from .attribution.kinds import guess_speaker_kind, script_of

__all__ = ["guess_speaker_kind", "script_of"]
