"""The tables of the language packs the numeric-claim extractor matches against.

Every entry is written in its ordinary spelling in ``lang/<code>/numbers.tsv`` and stored here
under ``key()``, the same lookup key
the tokenizer computes for each word, so spelling noise (hamza forms, tanween, niqqud, ta
marbuta, invisible direction marks, case) never decides whether a word is recognised.
"""
from __future__ import annotations

from functools import lru_cache

from .. import lang
from ..text.fold import fold_token

# The lookup key of a word is the one fold of the extractor (text.fold), cached: the tokenizer
# asks for the same few thousand words again and again.
key = lru_cache(maxsize=65536)(fold_token)


class PhraseSet:
    """Multi-word phrases indexed by their first and last word, each bucket longest first.

    The index keeps matching at a number cheap: only the phrases that can end (or start) at the
    word next to it are compared, whatever the size of the lists.
    """

    def __init__(self, tagged) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.by_last: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for tag, phrase in tagged:
            words = tuple(key(w) for w in phrase.split())
            for index, k in ((self.by_first, words[0]), (self.by_last, words[-1])):
                bucket = index.setdefault(k, [])
                if (words, tag) not in bucket:
                    bucket.append((words, tag))
        for index in (self.by_first, self.by_last):
            for bucket in index.values():
                bucket.sort(key=lambda item: len(item[0]), reverse=True)


def _words(table: str) -> frozenset[str]:
    return frozenset(key(w) for w in lang.entries(table))


def _tagged_table(table: str) -> PhraseSet:
    return PhraseSet((row[1], row[0]) for row in lang.rows(table))


def _phrase_table(table: str) -> PhraseSet:
    return PhraseSet((row[0], row[0]) for row in lang.rows(table))


# Proclitics that may sit on a qualifier or a number word ("بنحو", "وعشرين"), longest first.
# the dual of a counted noun ("حالتين"): its folded form → the unit it counts
DUAL_NOUNS = {key(w): unit for w, unit in lang.mapping("dual_noun").items()}
AR_PROCLITICS = tuple(sorted(dict.fromkeys(lang.entries("number_proclitic")), key=len, reverse=True))
# One-letter prefixes (and, in, to, from, as, the, that), which stack ("וכש", "ומה").
HE_PREFIX_LETTERS = frozenset(lang.entries("prefix_letter"))

QUALIFIERS_BEFORE = _tagged_table("qualifier_before")
# After the number: "100 or more", "تقريبا", "לפחות".
QUALIFIERS_AFTER = _tagged_table("qualifier_after")

# Openers that make "X and Y" / "X to Y" a range, and the joiners they pair with.
RANGE_OPENERS = _words("range_opener")
RANGE_JOINERS = _words("range_joiner")

PERCENT_SIGNS = frozenset(lang.entries("percent_sign"))
PERCENT_WORDS = _words("percent_word")
# Percent phrases of two or more words, tagged with their unit ("percentage point" or percent).
PERCENT_PHRASES = PhraseSet(((row[1] if len(row) > 1 and row[1] else "percent"), row[0])
                            for row in lang.rows("percent_phrase"))

CURRENCY_SIGNS = lang.mapping("currency_sign")
# A name of several words is written with '_' and keyed by its first word.
CURRENCY_WORDS: dict[str, str] = {key(w.replace("_", " ").split()[0]): code
                                  for w, code in lang.mapping("currency_word").items()}
CURRENCY_CODES_BEFORE = _words("currency_code_before")
# an abbreviation that is a scale and a currency at once ('מלש"ח'): key → (scale, currency)
SCALED_CURRENCY_WORDS = {key(r[0]): (int(r[1]), r[2]) for r in lang.rows("scaled_currency_word") if " " not in r[0]}
# one letter glued before digits that is a currency only when a scale follows ("N22 billion")
CURRENCY_LETTERS_BEFORE = {key(w): code for w, code in lang.mapping("currency_letter_before").items()}

DURATION_WORDS: dict[str, tuple[str, int | None]] = {
    key(row[0]): (row[1], int(row[2]) if len(row) > 2 and row[2] else None)
    for row in lang.rows("duration_word")}

# "per day" after a count: "20 رحلة جوية أسبوعيًا", "10-15 ניתוחים ביום".
RATE_PHRASES = _phrase_table("rate_phrase")

MONTHS = _words("month")
# Nouns for a person: "one" before them is a count ("один человек погиб").
PERSON_NOUNS = _words("person_noun")
# Words after which a four-digit number is a year ("in 2020", "since 1991").
YEAR_CUES = _words("year_cue")
# Words that make the next number a label, not a quantity ("Resolution 242").
DESIGNATORS = _words("designator")
# Words before "at N o'clock" that make the number a time of day, and words after it.
TIME_CUES = _words("time_cue")
TIME_AFTER = _words("time_after")
ORDINAL_SUFFIXES = _words("ordinal_suffix")
# Ordinal endings written after a hyphen ("64-й", "3-го").
HYPHEN_ORDINAL_SUFFIXES = _words("hyphen_ordinal_suffix")
# Scale words that can be glued to digits in money ("$5bn", "€3m").
GLUED_SCALES = {w: int(v) for w, v in lang.mapping("glued_scale").items()}
AGE_CUES = _words("age_cue")
# Anaphoric "of them" after a number word: "خمسة منها".
OF_THEM = _words("of_them")
