"""Language detection from scripts, letters and stopwords, for texts ingested without a language.

The dominant script decides among the language packs written in it; within a script, a pack's
stopwords and its distinctive letters (Persian پ, Azerbaijani ə, Turkish ı) decide. What each
language looks like is pack data (``stopword`` and ``distinctive_letter`` rows of ``text.tsv``).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from .. import lang

_SAMPLE = 60_000   # characters looked at: enough to decide, bounded for megabyte inputs

# The scripts news comes in, as Unicode ranges (ISO 15924 codes as the packs name them).
_SCRIPTS = {
    "Hebr": regex.compile(r"[\u05d0-\u05ea\ufb1d-\ufb4f]"),
    "Arab": regex.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"),
    "Latn": regex.compile(r"[A-Za-z\u00c0-\u024f\u0259\u018f]"),
    "Cyrl": regex.compile(r"[\u0400-\u04ff]"),
    "Grek": regex.compile(r"[\u0370-\u03ff]"),
    "Armn": regex.compile(r"[\u0531-\u058f]"),
    "Geor": regex.compile(r"[\u10a0-\u10ff]"),
}
_WORD = regex.compile(r"[\p{L}\p{M}']+")


@lru_cache(maxsize=1)
def _candidates() -> dict[str, list[tuple[str, frozenset[str], regex.Pattern | None, bool]]]:
    """script → [(code, stopwords, distinctive letters, default for the script)]."""
    out: dict[str, list] = {}
    for p in lang.packs():
        stop = frozenset(r[0].lower() for r in p.rows("stopword"))
        letters = "".join(r[0] for r in p.rows("distinctive_letter"))
        pattern = regex.compile("[" + regex.escape(letters) + "]") if letters else None
        if stop or pattern is not None or p.default_for_script:
            out.setdefault(p.script, []).append((p.code, stop, pattern, p.default_for_script))
    return out


def _count(pattern: regex.Pattern, text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def detect_language(text: str) -> str:
    """The code of the language pack ``text`` is written in, or 'und'.

    Decided by the dominant script, then by stopwords (three points each) and distinctive
    letters (one point each). 'und' when the text has too few letters, no script dominates,
    or nothing in a script without a default language speaks for one (a Latin caption
    "Haim Zach / GPO").
    """
    if not text:
        return "und"
    sample = text[:_SAMPLE]
    counts = {script: _count(pattern, sample) for script, pattern in _SCRIPTS.items()}
    total = sum(counts.values())
    if total < 3:
        return "und"
    script = max(counts, key=counts.get)
    if counts[script] * 2 <= total:
        return "und"
    candidates = _candidates().get(script, [])
    if not candidates:
        return "und"
    if len(candidates) == 1 and candidates[0][3]:
        return candidates[0][0]
    # counted once: each language then looks up its dozen stopwords, not every word
    words = Counter(w.lower() for w in _WORD.findall(sample))
    scores = {
        code: 3 * sum(words[w] for w in stop) + (_count(letters, sample) if letters else 0)
        for code, stop, letters, _ in candidates
    }
    best = max(candidates, key=lambda c: (scores[c[0]], c[3]))
    if scores[best[0]] == 0 and not best[3]:
        return "und"
    return best[0]
