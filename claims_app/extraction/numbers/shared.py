"""Shared pieces of the numeric-claim rules: the number phrase, word lists and small helpers."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal

from .. import lang
from . import lexicon as lx

_DASHES = frozenset("-–—‒−")
_HYPHENS = frozenset("-־‐")
_SENTENCE_END = frozenset(".!?؟؛;")
_AR_GLUE = frozenset(lx.key(w) for w in lang.entries("number_glue"))
_AND = frozenset(lx.key(w) for w in lang.entries("and_word"))
_ARTICLE = frozenset(lx.key(w) for w in lang.entries("indefinite"))
_CONJUNCTION_LETTERS = frozenset(lang.entries("conjunction_letter"))
_PROCLITIC_FIRSTS = frozenset(p[0] for p in lx.AR_PROCLITICS)


@dataclass(slots=True)
class Phrase:
    first: int                 # token index of the first number token
    last: int                  # token index after the last token of the number
    value: Decimal
    words: bool                # spelled out, at least in part
    scaled: bool
    prefix: str = ""           # Hebrew/Arabic letters glued before the number ("כ", "ב")
    prefix_tok: int = -1       # token index of a separate glued prefix word ("כ" in "כ-60")
    items: int = 1             # how many number words or numerals were combined


def _dual_keys() -> frozenset[str]:
    """Every spelling, prefixes included, of a dual noun of time ("عامين", "ובשנתיים")."""
    duals = [k for k, (_, count) in lx.DURATION_WORDS.items() if count == 2]
    keys = set(duals)
    for k in duals:
        if "\u0600" <= k[:1] <= "\u06ff":
            keys.update(p + k for p in lx.AR_PROCLITICS)
        else:
            heads = [""]
            for _ in range(3):
                heads = [h + c for h in heads for c in lx.HE_PREFIX_LETTERS]
                keys.update(h + k for h in heads)
    return frozenset(keys)


DUAL_KEYS = _dual_keys()
# the dual of a counted noun, bare or with a conjunction or preposition glued ("وحالتين")
DUAL_COUNT_KEYS = {p + k: (unit, p) for k, unit in lx.DUAL_NOUNS.items() for p in ("",) + lx.AR_PROCLITICS}


@lru_cache(maxsize=32768)
def _dual_duration(k: str) -> tuple[str, str] | None:
    hit = lx.DURATION_WORDS.get(k)
    if hit is not None:
        return (hit[0], "") if hit[1] == 2 else None
    if k[:1] in _PROCLITIC_FIRSTS:
        for p in lx.AR_PROCLITICS:
            if k.startswith(p) and (h := lx.DURATION_WORDS.get(k[len(p):])) is not None and h[1] == 2:
                return h[0], p
    if k[:1] in lx.HE_PREFIX_LETTERS:
        for n in (1, 2, 3):
            if not all(c in lx.HE_PREFIX_LETTERS for c in k[:n]):
                break
            h = lx.DURATION_WORDS.get(k[n:])
            if h is not None and h[1] == 2:
                return h[0], k[:n]
    return None


def strip_proclitic(k: str) -> str:
    """The word without a leading conjunction or preposition ("والمادة", "וערוץ"), for cue lists."""
    if (k[:1] in _PROCLITIC_FIRSTS or k[:1] in lx.HE_PREFIX_LETTERS) and len(k) > 3:
        return k[1:]
    return k


def _variants(k: str) -> tuple[str, ...]:
    """The word and the word without a proclitic/conjunction, for phrase lookup ("بنحو", "ויותר")."""
    out = [k]
    if k[:1] in _PROCLITIC_FIRSTS:
        out += [k[len(p):] for p in lx.AR_PROCLITICS if k.startswith(p) and len(k) > len(p) + 1]
    elif k[:1] in _CONJUNCTION_LETTERS and len(k) > 2:
        out.append(k[1:])
    return tuple(out)


def _proclitic_of(word_key: str, want: str) -> bool:
    if not word_key.endswith(want) or len(word_key) == len(want):
        return False
    head = word_key[: len(word_key) - len(want)]
    return head in lx.AR_PROCLITICS or (len(head) <= 2 and all(c in _CONJUNCTION_LETTERS for c in head))


def _is_prefixed_unit(k: str) -> bool:
    return k in _PREFIXED_UNITS


def _plain(value: Decimal) -> Decimal:
    return value.to_integral_value() if value == value.to_integral_value() else value.normalize()


def _scale_of(value: Decimal) -> Decimal:
    for s in (10**12, 10**9, 10**6, 10**3):
        if value >= s:
            return Decimal(s)
    return Decimal(1)


_IRREGULAR = lang.mapping("irregular_plural")
_PREFIXED_UNITS = frozenset(lang.entries("prefixed_unit"))


def _lemma(k: str) -> str:
    if k in _IRREGULAR:
        return _IRREGULAR[k]
    if k.endswith("ies") and len(k) > 4:
        return k[:-3] + "y"
    if k.endswith(("ches", "shes", "sses", "xes")):
        return k[:-2]
    if k.endswith("s") and not k.endswith(("ss", "us", "is")) and len(k) > 3:
        return k[:-1]
    return k


# "1.8m tall", "the 100m sprint": a glued "m" is metres there, not millions.

_LENGTH_WORDS = frozenset(lang.entries("length_word"))
_BEFORE_PERIOD_FRACTION = frozenset(lang.entries("before_period_fraction"))
_CURRENCY_TAIL = frozenset(lx.key(w) for w in lang.entries("currency_tail"))
_ENGLISH_OK_BEFORE = frozenset(lang.entries("ok_before_number"))
_STOP = frozenset(lx.key(w) for w in lang.entries("number_stop"))
