"""The one folding of text, for search and for comparing words (letter variants from the packs).

Two levels: ``fold_token`` is a cheap ``str.translate`` used on every token the extractor looks
at (it must stay fast enough for megabytes of text), and ``normalize_for_search`` is the full
folding stored in the search column, where the same function is applied to the query.
"""
from __future__ import annotations

import re
import unicodedata

from .. import lang

# Arabic harakat, Quranic marks, superscript alef and tatweel carry no lexical difference in
# news text; writers use them inconsistently, so they must not split one word into two.
_ARABIC_MARKS = (
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
)
# Niqqud and cantillation; maqaf (U+05BE) and sof pasuq (U+05C3) are punctuation, kept apart.
_HEBREW_MARKS = [chr(c) for c in range(0x0591, 0x05C8) if c not in (0x05BE, 0x05C0, 0x05C3, 0x05C6)]
# Bidi controls and joiners appear inside words copied from web pages.
_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u2066",
              "\u2067", "\u2068", "\u2069", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u00ad"]

# Letter variants unified (أ إ آ → ا, ى → ي, ة → ه, Persian ی ک, geresh and typographic marks):
# the ``fold_letter`` rows of the packs' text.tsv.
_LETTER_MAP = lang.mapping("fold_letter")

_TOKEN_TABLE = str.maketrans({**{m: None for m in _ARABIC_MARKS + _HEBREW_MARKS + _INVISIBLE},
                              **_LETTER_MAP})

_HEBREW_LETTER = "\u05d0-\u05ea"
# A geresh or gershayim inside or at the end of a Hebrew word (ארה"ב, ג'ורג', חג'ב) is part of
# the word: search tokenizers would split on it, so it is dropped from the search form.
_HEBREW_INNER_MARK = re.compile(rf"(?<=[{_HEBREW_LETTER}])['\"](?=[{_HEBREW_LETTER}]|\b|$)")
_SPACES = re.compile(r"\s+")


def fold_token(token: str) -> str:
    """Cheap folding of one word: diacritics and niqqud removed, letter variants unified, lower case.

    Keeps Latin accents; used for lexicon look-ups on the hot path of extraction.
    """
    return token.translate(_TOKEN_TABLE).lower()


_TATWEEL = "\u0640"
_ALIGNED_TABLE = str.maketrans({**{m: _TATWEEL for m in _ARABIC_MARKS + _HEBREW_MARKS},
                                **_LETTER_MAP})


def fold_text_aligned(text: str) -> str | None:
    """``fold_token`` over a whole text with every offset kept: diacritics become tatweel.

    Callers drop the tatweel from the words they look up. Returns None in the rare case where
    lower-casing changed the length (as 'İ' does), so offsets would no longer line up.
    """
    folded = text.translate(_ALIGNED_TABLE).lower()
    return folded if len(folded) == len(text) else None


class _Marks(dict):
    """code point -> None for a nonspacing mark (deleted by ``str.translate``), else itself; each
    character's category is looked up once, so a text is stripped at ``translate``'s speed."""

    def __missing__(self, code: int):
        value = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = value
        return value


_MARKS = _Marks()


def _strip_latin_accents(text: str) -> str:
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_MARKS))


def normalize_for_search(text: str) -> str:
    """Fold ``text`` for full-text search; apply the same function to the query.

    NFKC; Arabic diacritics, tatweel and Hebrew niqqud/cantillation removed; Arabic letter
    variants unified (أإآٱ→ا, ى→ي, ة→ه, ؤ→و, ئ→ي, Persian ی/ک to ي/ك); geresh and gershayim
    variants (׳ ״ ' " ’) unified and, inside a Hebrew word, dropped so that ארה"ב, ארה״ב and
    ארהב fold alike; Latin case and accents folded; whitespace collapsed.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_TOKEN_TABLE)
    text = _HEBREW_INNER_MARK.sub("", text)
    text = _strip_latin_accents(text).casefold()
    return _SPACES.sub(" ", text).strip()
