"""Language detection from scripts and a few stopwords, for texts ingested without a language."""
from __future__ import annotations

import regex

_SAMPLE = 60_000   # characters looked at: enough to decide, bounded for megabyte inputs

_HEBREW = regex.compile(r"[\u05d0-\u05ea\ufb1d-\ufb4f]")
_ARABIC = regex.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN = regex.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = regex.compile(r"[\u0400-\u04ff]")
_WORD = regex.compile(r"[\p{L}\p{M}']+")

# Letters Persian writes and Arabic does not, and the Arabic letters Persian replaces.
_PERSIAN_ONLY = regex.compile(r"[پچژگکی]")
_ARABIC_ONLY = regex.compile(r"[يكةى]")
_URDU_ONLY = regex.compile(r"[ٹڈڑںےہ]")

_STOPWORDS = {
    "ar": {"في", "من", "على", "إلى", "الى", "التي", "الذي", "أن", "ان", "عن", "مع", "هذا", "هذه",
           "قال", "وقال", "كان", "بين", "ذلك"},
    "fa": {"است", "این", "که", "را", "از", "با", "برای", "های", "می", "بود", "شد", "آن", "یک"},
    "ur": {"کے", "کی", "ہے", "میں", "اور", "کا", "کو", "سے", "نے"},
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "on", "said", "with", "was", "are"},
    "fr": {"le", "la", "les", "des", "est", "une", "dans", "pour", "que", "qui", "du", "et"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "ein", "eine", "von", "zu"},
    "es": {"el", "los", "las", "del", "que", "por", "una", "con", "para", "es", "y", "en"},
}


def _count(pattern: regex.Pattern, text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def _best_stopword_language(words: list[str], candidates: tuple[str, ...]) -> tuple[str, int]:
    scores = {lang: sum(1 for w in words if w in _STOPWORDS[lang]) for lang in candidates}
    best = max(candidates, key=lambda lang: scores[lang])
    return best, scores[best]


def detect_language(text: str) -> str:
    """Return 'ar', 'he', 'en', 'fa', 'ur', 'fr', 'de', 'es', 'ru' or 'und' for ``text``.

    Decided by the dominant script, then by letters (Persian پ چ ژ گ ک ی against Arabic ي ك ة ى)
    and stopwords; 'und' when the text has too few letters or no script dominates.
    """
    if not text:
        return "und"
    sample = text[:_SAMPLE]
    counts = {
        "he": _count(_HEBREW, sample),
        "arabic": _count(_ARABIC, sample),
        "latin": _count(_LATIN, sample),
        "cyrillic": _count(_CYRILLIC, sample),
    }
    total = sum(counts.values())
    if total < 3:
        return "und"
    script = max(counts, key=counts.get)
    if counts[script] * 2 <= total:
        return "und"
    if script == "he":
        return "he"
    if script == "cyrillic":
        return "ru"
    words = [w.lower() for w in _WORD.findall(sample)]
    if script == "arabic":
        persian = _count(_PERSIAN_ONLY, sample)
        arabic = _count(_ARABIC_ONLY, sample)
        urdu = _count(_URDU_ONLY, sample)
        scores = {
            lang: 3 * sum(1 for w in words if w in _STOPWORDS[lang]) + letters
            for lang, letters in (("ar", arabic), ("fa", persian), ("ur", urdu))
        }
        return max(("ar", "fa", "ur"), key=lambda lang: scores[lang])
    lang, hits = _best_stopword_language(words, ("en", "fr", "de", "es"))
    # a Latin snippet without a single stopword ("Haim Zach / GPO") says nothing of its language
    return lang if hits else "und"
