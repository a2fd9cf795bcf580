"""The search fold drops exactly the nonspacing marks (Unicode category Mn) after decomposition,
whatever the script, as the definition it was written from does."""
from __future__ import annotations

import random
import unicodedata

from claims_app.extraction.text.fold import _strip_latin_accents, normalize_for_search


def _by_definition(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))


def test_marks_are_stripped_as_the_definition_says():
    samples = ["Café crème", "e\u0301te\u0301", "Ångström", "Erdoğan", "Kılıçdaroğlu", "Ёлка",
               "مُحَمَّد", "שָׁלוֹם", "ﬁnance", "plain ascii"]
    rnd = random.Random(3)
    samples += ["".join(chr(rnd.randrange(0x20, 0x30000)) for _ in range(rnd.randrange(1, 30)))
                for _ in range(3000)]
    for text in samples:
        assert _strip_latin_accents(text) == _by_definition(text), repr(text)


def test_search_fold_removes_accents_and_keeps_letters():
    assert normalize_for_search("  Café  Ångström ") == "cafe angstrom"
    assert normalize_for_search("Erdoğan") == "erdogan"
