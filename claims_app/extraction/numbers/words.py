"""Number words of the language packs (``number_word`` rows) and how they combine.

A word is one of:
  ADD      a value added in place ("three", "عشرين", "מאתיים", "ألفين")
  HUNDRED  multiplies the small number before it by 100 ("three hundred", "ثلاث مئة")
  SCALE    thousand and up, closes a group ("60 ألف", "שלושת אלפים")
  PLURAL   plural scale ("آلاف", "אלפים", "ملايين"): a scale only with a multiplicand
  HALF     a fraction that can follow a scale ("ثلاثة ملايين ونصف", "three and a half")
  DOZEN    twelve, and a multiplier ("two dozen")
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from .. import lang
from .lexicon import AR_PROCLITICS, HE_PREFIX_LETTERS, key

ADD, HUNDRED, SCALE, PLURAL, HALF, DOZEN = "add", "hundred", "scale", "plural", "half", "dozen"



def _value(cell: str) -> Decimal:
    num, _, den = cell.partition("/")
    return Decimal(num) / Decimal(den) if den else Decimal(num)


def _table(rows) -> dict[str, tuple[str, Decimal]]:
    return {key(row[0]): (row[1], _value(row[2])) for row in rows}


# Number words of every pack; a pack whose number words would misread other languages keeps
# them for its own text (Persian سه, ده, سی are ordinary Arabic words).
_WORDS = _table(lang.rows("number_word"))
_OWN: dict[str, dict[str, tuple[str, Decimal]]] = {
    p.code: _table(lang.own_rows("number_word", p.code)) for p in lang.packs()
    if "number_word" in p.own_tables}

# Forms that must not start a number on their own: "one of", "the second" (השני).
LONE_EXCLUDED = frozenset(key(w) for w in lang.entries("lone_excluded"))
# A prefix that turns a number word into an ordinal or "the other" (ה + שני), not "the two".
_NOT_AFTER_PREFIX = {key(w): p for w, p in lang.mapping("not_after_prefix").items()}
ORDINAL_FRACTIONS = {key(w): _value(v) for w, v in lang.mapping("ordinal_fraction").items()}


_PROCLITIC_FIRSTS = frozenset(p[0] for p in AR_PROCLITICS)


def _number_keys() -> frozenset[str]:
    """Every key ``lookup`` can answer, prefixes included: a cheap first test for each word."""
    keys = set(_WORDS).union(*_OWN.values())
    for k in _WORDS:
        if "\u0600" <= k[:1] <= "\u06ff":
            keys.update(p + k for p in AR_PROCLITICS)
        elif "\u05d0" <= k[:1] <= "\u05ea":
            heads = [""]
            for _ in range(3):
                heads = [h + c for h in heads for c in HE_PREFIX_LETTERS]
                keys.update(h + k for h in heads)
    return frozenset(keys)


NUMBER_KEYS = _number_keys()


@lru_cache(maxsize=32768)
def lookup(word_key: str, language: str) -> tuple[str, Decimal, str] | None:
    """(kind, value, stripped prefix) for a number word, allowing Arabic proclitics and Hebrew prefixes."""
    hit = _WORDS.get(word_key)
    if hit is None and language in _OWN:
        hit = _OWN[language].get(word_key)
    if hit is not None:
        return hit[0], hit[1], ""
    first = word_key[:1]
    if first in _PROCLITIC_FIRSTS:
        for p in AR_PROCLITICS:
            if word_key.startswith(p) and len(word_key) > len(p) + 1:
                hit = _WORDS.get(word_key[len(p):])
                if hit is not None:
                    return hit[0], hit[1], p
    if first in HE_PREFIX_LETTERS:
        for n in (1, 2, 3):
            prefix, rest = word_key[:n], word_key[n:]
            if len(rest) < 2 or not all(c in HE_PREFIX_LETTERS for c in prefix):
                break
            hit = _WORDS.get(rest)
            if hit is not None and "\u05d0" <= rest[0] <= "\u05ea":
                if rest in _NOT_AFTER_PREFIX and prefix.endswith(_NOT_AFTER_PREFIX[rest]):
                    return None
                return hit[0], hit[1], prefix
    return None


def lowest_place(value: Decimal) -> int:
    """The largest power of ten dividing an integer value (1 for anything else)."""
    if value != value.to_integral_value() or value == 0:
        return 1
    v, place = int(value), 1
    while v % (place * 10) == 0:
        place *= 10
    return place


class Composer:
    """Accumulates number words and digits into one value, refusing combinations that do not parse."""

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.current = Decimal(0)
        self.last_scale = 0
        self.last_kind = ""
        self.items = 0
        self.has_scale = False

    @property
    def value(self) -> Decimal:
        return self.total + self.current

    def push(self, kind: str, value: Decimal, joined: bool, arabic: bool = False) -> bool:
        """Take one more item; ``joined`` means an "and"/و/ו stands before it."""
        cur = self.current
        if kind == "digits":
            if self.items and not (joined and self.last_kind in (SCALE, PLURAL) and value < self.last_scale):
                return False
            self.current = value
        elif kind == ADD:
            if self.items and self.last_kind == HALF:
                return False
            if cur == 0:
                if self.items and not joined and self.last_kind in (SCALE, PLURAL):
                    return False
                if self.last_scale and value >= self.last_scale:
                    return False
                self.current = value
            elif value == 10 and 1 <= cur <= 9 and not joined:
                self.current = cur + 10          # teens: "ثلاثة عشر", "שלוש עשרה"
            elif value < lowest_place(cur) and value < 1000:
                self.current = cur + value
            elif arabic and joined and 1 <= cur <= 9 and 20 <= value <= 90 and value % 10 == 0:
                self.current = cur + value       # Arabic puts units first: "خمسة وعشرين"
            elif joined and cur % 100 == 0 and cur >= 100 and value < cur and lowest_place(value) < 100:
                self.current = cur + value
            else:
                return False
        elif kind == HUNDRED:
            if joined or cur >= 10 or self.last_kind == HUNDRED:
                if not (cur == 0 and self.items == 0):
                    return False
            self.current = (cur or Decimal(1)) * 100
        elif kind in (SCALE, PLURAL):
            if joined or (self.last_scale and value >= self.last_scale) or (cur == 0 and self.items):
                return False                    # "مليار ألف" has no multiplicand for ألف
            if kind == PLURAL and cur == 0:
                return False
            self.total += (cur or Decimal(1)) * value
            self.current = Decimal(0)
            self.last_scale = int(value)
            self.has_scale = True
        elif kind == HALF:
            if self.last_kind in (SCALE, PLURAL) and joined:
                self.total += Decimal(self.last_scale) * value
            elif cur and joined:
                self.current = cur + value
            elif self.items == 0:
                self.current = value
            else:
                return False
        elif kind == DOZEN:
            if joined or (cur >= 10):
                return False
            self.current = (cur or Decimal(1)) * 12
        else:
            return False
        self.items += 1
        self.last_kind = kind
        return True
