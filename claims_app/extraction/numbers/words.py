"""Number words in Arabic, Hebrew, English (and a few Persian ones) and how they combine.

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

from .lexicon import AR_PROCLITICS, HE_PREFIX_LETTERS, key

ADD, HUNDRED, SCALE, PLURAL, HALF, DOZEN = "add", "hundred", "scale", "plural", "half", "dozen"

_WORDS: dict[str, tuple[str, Decimal]] = {}
_PERSIAN: dict[str, tuple[str, Decimal]] = {}


def _add(table: dict, kind: str, value, words: str) -> None:
    for w in words.split():
        table[key(w)] = (kind, Decimal(value))


# Arabic: masculine and feminine forms, case endings (-ون/-ين, -ان/-ين).
_add(_WORDS, ADD, 1, "واحد واحدة أحد إحدى")
_add(_WORDS, ADD, 2, "اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي")
_add(_WORDS, ADD, 3, "ثلاث ثلاثة")
_add(_WORDS, ADD, 4, "أربع أربعة")
_add(_WORDS, ADD, 5, "خمس خمسة")
_add(_WORDS, ADD, 6, "ست ستة")
_add(_WORDS, ADD, 7, "سبع سبعة")
_add(_WORDS, ADD, 8, "ثمان ثماني ثمانية")
_add(_WORDS, ADD, 9, "تسع تسعة")
_add(_WORDS, ADD, 10, "عشر عشرة")
for _v, _w in ((20, "عشرون عشرين"), (30, "ثلاثون ثلاثين"), (40, "أربعون أربعين"), (50, "خمسون خمسين"),
               (60, "ستون ستين"), (70, "سبعون سبعين"), (80, "ثمانون ثمانين"), (90, "تسعون تسعين")):
    _add(_WORDS, ADD, _v, _w)
_add(_WORDS, HUNDRED, 100, "مئة مائة مئه")
_add(_WORDS, ADD, 200, "مئتان مئتين مائتان مائتين مئتا مائتا مئتي مائتي")
for _v, _stem in ((3, "ثلاث"), (4, "أربع"), (5, "خمس"), (6, "ست"), (7, "سبع"), (8, "ثمان"), (9, "تسع")):
    _add(_WORDS, ADD, _v * 100, f"{_stem}مئة {_stem}مائة")
_add(_WORDS, ADD, 800, "ثمانمئة ثمانمائة ثمانيمئة ثمانيمائة")
_add(_WORDS, SCALE, 1000, "ألف ألفا")
_add(_WORDS, PLURAL, 1000, "آلاف الاف")
_add(_WORDS, ADD, 2000, "ألفان ألفين ألفا")
_add(_WORDS, SCALE, 10**6, "مليون مليونا")
_add(_WORDS, PLURAL, 10**6, "ملايين")
_add(_WORDS, ADD, 2 * 10**6, "مليونان مليونين")
_add(_WORDS, SCALE, 10**9, "مليار مليارا بليون")
_add(_WORDS, PLURAL, 10**9, "مليارات بلايين")
_add(_WORDS, ADD, 2 * 10**9, "ملياران مليارين ملياري")
_add(_WORDS, SCALE, 10**12, "تريليون ترليون")
_add(_WORDS, HALF, "0.5", "نصف")
_add(_WORDS, HALF, "0.25", "ربع")
_add(_WORDS, HALF, Decimal(1) / 3, "ثلث")
_add(_WORDS, HALF, Decimal(2) / 3, "ثلثي ثلثا")
_add(_WORDS, ADD, 2000, "ألفي")
_add(_WORDS, ADD, 2 * 10**6, "مليوني")
# "ألفا" is both the accusative of ألف and the construct dual; the scale reading is far more common.
_add(_WORDS, SCALE, 1000, "ألفا")

# Hebrew: absolute and construct forms, both genders, with and without the mater lectionis.
_add(_WORDS, ADD, 1, "אחד אחת")
_add(_WORDS, ADD, 2, "שניים שתיים שני שתי שנים שתים")
_add(_WORDS, ADD, 3, "שלושה שלוש שלושת שלשה שלש")
_add(_WORDS, ADD, 4, "ארבעה ארבע ארבעת")
_add(_WORDS, ADD, 5, "חמישה חמש חמשת חמשה")
_add(_WORDS, ADD, 6, "שישה שש ששת ששה")
_add(_WORDS, ADD, 7, "שבעה שבע שבעת")
_add(_WORDS, ADD, 8, "שמונה שמונת")
_add(_WORDS, ADD, 9, "תשעה תשע תשעת")
_add(_WORDS, ADD, 10, "עשרה עשר עשרת")
for _v, _w in ((20, "עשרים"), (30, "שלושים שלשים"), (40, "ארבעים"), (50, "חמישים"), (60, "שישים ששים"),
               (70, "שבעים"), (80, "שמונים"), (90, "תשעים")):
    _add(_WORDS, ADD, _v, _w)
_add(_WORDS, HUNDRED, 100, "מאה מאות")
_add(_WORDS, ADD, 200, "מאתיים")
_add(_WORDS, SCALE, 1000, "אלף")
_add(_WORDS, PLURAL, 1000, "אלפים")
_add(_WORDS, ADD, 2000, "אלפיים")
_add(_WORDS, SCALE, 10**6, "מיליון מליון")
_add(_WORDS, PLURAL, 10**6, "מיליונים מליונים")
_add(_WORDS, SCALE, 10**9, "מיליארד מליארד")
_add(_WORDS, PLURAL, 10**9, "מיליארדים מליארדים")
_add(_WORDS, SCALE, 10**12, "טריליון")
_add(_WORDS, HALF, "0.5", "חצי")
_add(_WORDS, HALF, "0.25", "רבע")
_add(_WORDS, HALF, "0.5", "מחצית")
_add(_WORDS, HALF, Decimal(1) / 3, "שליש")

# English.
for _v, _w in enumerate("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                        "fifteen sixteen seventeen eighteen nineteen".split(), start=1):
    _add(_WORDS, ADD, _v, _w)
for _v, _w in ((20, "twenty"), (30, "thirty"), (40, "forty fourty"), (50, "fifty"), (60, "sixty"),
               (70, "seventy"), (80, "eighty"), (90, "ninety")):
    _add(_WORDS, ADD, _v, _w)
_add(_WORDS, HUNDRED, 100, "hundred")
_add(_WORDS, SCALE, 1000, "thousand")
_add(_WORDS, SCALE, 10**6, "million mn mln")
_add(_WORDS, SCALE, 10**9, "billion bn bln")
_add(_WORDS, SCALE, 10**12, "trillion tn")
_add(_WORDS, HALF, "0.5", "half")
_add(_WORDS, HALF, "0.25", "quarter")
_add(_WORDS, DOZEN, 12, "dozen")

# Persian, looked up only for Persian text: several of these are ordinary Arabic words.
_add(_PERSIAN, ADD, 2, "دو")
_add(_PERSIAN, ADD, 3, "سه")
_add(_PERSIAN, ADD, 4, "چهار")
_add(_PERSIAN, ADD, 5, "پنج")
_add(_PERSIAN, ADD, 6, "شش")
_add(_PERSIAN, ADD, 7, "هفت")
_add(_PERSIAN, ADD, 8, "هشت")
_add(_PERSIAN, ADD, 10, "ده")
for _v, _w in ((20, "بیست"), (30, "سی"), (40, "چهل"), (50, "پنجاه"), (60, "شصت"), (70, "هفتاد"),
               (80, "هشتاد"), (90, "نود")):
    _add(_PERSIAN, ADD, _v, _w)
_add(_PERSIAN, HUNDRED, 100, "صد")
_add(_PERSIAN, SCALE, 1000, "هزار")
_add(_PERSIAN, SCALE, 10**6, "میلیون")
_add(_PERSIAN, SCALE, 10**9, "میلیارد")

# Forms that must not start a number on their own: "one of", Monday ("الاثنين" is not in the
# table at all), "the second" (השני) and the Hebrew "years" spelling of two (שנים).
LONE_EXCLUDED = frozenset(key(w) for w in "واحد واحدة أحد إحدى אחד אחת one שנים שתים اثنا اثني اثنتا اثنتي".split())
# Hebrew "ה" + these is an ordinal or "the other", not "the two".
_NO_HE_ARTICLE = frozenset(key(w) for w in "שני שתי שנים שתים".split())
ORDINAL_FRACTIONS = {key("third"): Decimal(1) / 3, key("thirds"): Decimal(1) / 3,
                     key("quarters"): Decimal("0.25"), key("halves"): Decimal("0.5")}


def _number_keys() -> frozenset[str]:
    """Every key ``lookup`` can answer, prefixes included: a cheap first test for each word."""
    keys = set(_WORDS) | set(_PERSIAN)
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
    if hit is None and language == "fa":
        hit = _PERSIAN.get(word_key)
    if hit is not None:
        return hit[0], hit[1], ""
    first = word_key[:1]
    if first in "وفبلك":
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
                if prefix.endswith("ה") and rest in _NO_HE_ARTICLE:
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
