"""One entry point that runs every extractor over a text."""
from __future__ import annotations

from .text.detect import detect_language
from .numbers.scanner import find_numeric_claims
from .quotes.spans import find_quotes
from .types import Extraction

# Bump when a change to the rules changes what is proposed: stored candidates record it as
# their origin ("extractor:<version>"), so re-extraction can tell old proposals from new ones.
EXTRACTOR_VERSION = "1"


def extract(text: str, language: str | None = None) -> Extraction:
    """Propose quotes and numeric claims for ``text``; never raises on any str input."""
    lang = language or detect_language(text)
    return Extraction(
        language=lang,
        quotes=find_quotes(text, lang),
        numeric_claims=find_numeric_claims(text, lang),
    )
