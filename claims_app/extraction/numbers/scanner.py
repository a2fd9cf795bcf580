"""Numeric claims: counts, percentages, money and durations, with qualifier, unit and period.

The text is tokenized once (see numtokens) and only numerals and number words are looked at; every
numeral or number word starts a phrase that
grows rightwards over scale words, a second bound and the unit, and leftwards over qualifiers,
currency signs and glued prefixes. Dates, years, ordinals, labels ("Resolution 242", "F-35"),
times, phone numbers and list markers are recognised on the way and dropped, and the years next
to a claim become its period. Rules are written for the languages, not for particular articles.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass
from decimal import Decimal

from .. import lang
from . import lexicon as lx
from .tokens import Tok, tokenize
from .words import (HALF, HUNDRED, LONE_EXCLUDED, NUMBER_KEYS, ORDINAL_FRACTIONS, PLURAL, SCALE,
                       Composer, lookup)
from .context import ContextRules
from .filters import NotQuantityRules
from .meta import find_metric, find_period
from .shared import (_AND, _ARTICLE, DUAL_COUNT_KEYS, DUAL_KEYS, _dual_duration, _HYPHENS, Phrase, _plain, _scale_of,
                        _SENTENCE_END)
from ..types import NumericCandidate

_NOT_A_QUANTITY = frozenset("/:.x")
_HALF_VALUE = Decimal("0.5")
# "... and a half" after a duration: "3 سنوات ونصف", "שלוש שנים וחצי", "three years and a half".
_AND_HALF = tuple(tuple(lx.key(w) for w in p.split()) for p in lang.entries("and_half"))
# What makes a bare number word a count of people or things: "ثلاثة من موظفيها", "three of the
# soldiers", "שלושה מהם", "ושבעה נוספים", "وثلاثة آخرين", "three others".
_OTHERS = frozenset(lx.key(w) for w in lang.entries("others"))
_ANOTHER = frozenset(lx.key(w) for w in lang.entries("another_before"))
_OF_DETERMINERS = frozenset(lang.entries("of_determiner"))
_OF_PRONOUNS = frozenset(lang.entries("of_pronoun"))
_PARTITIVES = frozenset(lx.key(w) for w in lang.entries("partitive"))
_PARTITIVE_ARTICLES = tuple(lang.entries("partitive_article"))
# Words spelt like number words that are something else ("השבעת" the swearing-in, "השניים"
# the two of them), and words after "hundred" that make it the century.
_NOT_NUMBERS = frozenset(lx.key(w) for w in lang.entries("not_a_number"))
_CENTURY_AFTER = frozenset(lx.key(w) for w in lang.entries("century_after"))
_DEFINITE = frozenset(lx.key(w) for w in lang.entries("definite_determiner"))
_RELATIVES = frozenset(lx.key(w) for w in lang.entries("relative_pronoun"))
_LATIN_OF = frozenset(lang.script_entries("metric_of", "Latn"))
_AR_AND = frozenset(lang.script_entries("and_word", "Arab"))
_HE_ARTICLES = lang.script_entries("article", "Hebr")
_AR_ARTICLES = lang.script_entries("article", "Arab")
# Words a claim can start at; every other word is passed over without a look.
_STARTS = NUMBER_KEYS | frozenset(ORDINAL_FRACTIONS) | DUAL_KEYS | frozenset(DUAL_COUNT_KEYS)
# a unit of time standing for one of itself after a qualifier ("почти месяц", "نحو شهر")
_LONE_DURATIONS = frozenset(k for k, (_, count) in lx.DURATION_WORDS.items() if count is None)


def find_numeric_claims(text: str, language: str) -> list[NumericCandidate]:
    """Propose the numeric claims in ``text``.

    No exception is swallowed: a rule that raises is a bug to fix, and hiding it as "no claims"
    would lose the article's numbers without anybody noticing.
    """
    if not isinstance(text, str) or not text:
        return []
    language = language or ""
    # Tokens and phrases hold no reference cycles, yet creating hundreds of thousands of them
    # sets off the cycle collector again and again, which costs more than the tokenizing itself.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Scanner(text, language, tokenize(text, lang.decimal_comma(language))).run()
    finally:
        if collecting:
            gc.enable()


@dataclass(slots=True)
class _Draft:
    """A claim being built, handed from stage to stage."""
    ph: Phrase
    end_tok: int                        # token after the number (after the second bound of a range)
    low: Decimal | None = None
    high: Decimal | None = None
    unit_end: int = 0                   # token after the unit
    kind: str = "count"
    unit: str | None = None
    extra_q: str = ""                   # a qualifier written after the number
    start_tok: int = 0                  # first token of the span (qualifier, currency sign...)
    qualifier: str = "exact"
    fraction: bool = False


class _Scanner(NotQuantityRules, ContextRules):
    def __init__(self, text: str, language: str, toks: list[Tok]) -> None:
        self.text = text
        self.lang = language
        self.toks = toks
        self.n = len(toks)
        self.years: list[tuple[int, int, int, int]] = []   # (first tok, last tok, start year, end year)
        self._starts: list[int] | None = None
        self._year_firsts: list[int] | None = None

    # -- helpers -------------------------------------------------------------------------------
    def word(self, i: int) -> Tok | None:
        if 0 <= i < self.n:
            t = self.toks[i]
            if t.kind == "w":
                return t
        return None

    def numword(self, i: int):
        if not 0 <= i < self.n:
            return None
        t = self.toks[i]
        if t.kind != "w":
            return None
        hit = lookup(t.key, self.lang)
        if hit is None or (hit[2] and len(t.key) - len(hit[2]) < 2) or t.key in _NOT_NUMBERS \
                or t.key[1:] in _NOT_NUMBERS:
            return None
        if hit[0] == HUNDRED and i + 1 < self.n and self.toks[i + 1].key in _CENTURY_AFTER:
            return None     # "במאה הנוכחית": the century, not a hundred
        return hit

    def glued_word(self, i: int) -> bool:
        """Token i follows token i-1 on the same line, separated by a space at most."""
        return 0 < i < self.n and not self.toks[i].nl

    def glued(self, i: int) -> bool:
        """No whitespace between token i-1 and token i."""
        return 0 < i < self.n and not self.toks[i].sp

    def breaks(self, i: int) -> bool:
        """A line break or sentence mark sits at token i (so nothing joins across it)."""
        t = self.toks[i]
        return t.nl or (t.kind == "p" and t.text in _SENTENCE_END)

    # -- main loop -----------------------------------------------------------------------------
    def run(self) -> list[NumericCandidate]:
        out: list[NumericCandidate] = []
        toks = self.toks
        i = 0
        for at in [j for j, t in enumerate(toks) if t.kind == "n" or t.key in _STARTS
                   or t.key in _LONE_DURATIONS]:
            if at < i:
                continue
            i = at
            t = toks[i]
            if t.kind == "n" and self.crowded(i):
                i += 1                          # a cell of a table or list of bare numbers
                continue
            k = t.key
            if t.kind == "n" or (k in NUMBER_KEYS and self.numword(i) is not None) or (
                    k in ORDINAL_FRACTIONS and i > 0 and toks[i - 1].key in _ARTICLE):
                cand, nxt = self.claim_at(i)
            elif t.kind == "w" and k in DUAL_KEYS and (dual := _dual_duration(k)) is not None:
                cand, nxt = self.dual_at(i, *dual)
            elif t.kind == "w" and k in DUAL_COUNT_KEYS:
                cand, nxt = self.dual_at(i, *DUAL_COUNT_KEYS[k], kind="count")
            elif t.kind == "w" and k in _LONE_DURATIONS and (lone := self.qualified_duration(i)) is not None:
                cand, nxt = lone
            else:
                i += 1
                continue
            if cand is not None and not self.quoted_title(cand.start, cand.end):
                out.append(cand)
            i = max(nxt, i + 1)
        if self.years and out:
            out = [self.with_period(c) for c in out]
        return out

    # -- numbers -------------------------------------------------------------------------------
    def phrase(self, i: int) -> Phrase | None:
        toks, n = self.toks, self.n
        comp = Composer()
        t = toks[i]
        prefix, first = "", i
        arabic = False
        if t.kind == "n":
            if t.value is None:
                return None
            comp.push("digits", t.value, False)
            words = False
        elif t.key in ORDINAL_FRACTIONS:
            comp.push(HALF, ORDINAL_FRACTIONS[t.key], False)
            words = True
        else:
            kind, value, prefix = self.numword(i)
            if kind == PLURAL:
                return None
            arabic = "\u0600" <= t.text[:1] <= "\u06ff"
            if not comp.push(kind, value, False, arabic):
                return None
            words = True
        j = i + 1
        while j < n:
            tj = toks[j]
            if tj.nl:
                break
            joined = False
            k = j
            if tj.kind == "w" and tj.key in _AND and k + 1 < n and not toks[k + 1].nl:
                joined, k = True, k + 1
            elif tj.kind == "p" and tj.text in _HYPHENS and words and self.glued(j) and self.glued(j + 1):
                k = j + 1                       # "twenty-five", "two-thirds"
            if k < n and toks[k].kind == "w" and toks[k].key in _ARTICLE and toks[k].key != "one" \
                    and k + 1 < n and (self.numword(k + 1) or (None,))[0] in (HUNDRED, SCALE, HALF, "dozen"):
                k += 1                          # "half a million", "and a half"
            tk = toks[k] if k < n else None
            if tk is None:
                break
            if tk.kind == "n":
                if not (joined or (tj.kind == "w" and tj.key in _AR_AND and self.glued(k))) or tk.flags:
                    break
                if not comp.push("digits", tk.value, True):
                    break
                j = k + 1
                continue
            hit = self.numword(k)
            if hit is None:
                if tk.key in ORDINAL_FRACTIONS and comp.items == 1 and comp.current < 10 and not comp.has_scale:
                    comp.current = comp.current * ORDINAL_FRACTIONS[tk.key]   # "two-thirds", "a third"
                    comp.items += 1
                    j, words = k + 1, True
                    continue
                break
            kind, value, pre = hit
            glued_and = pre in _AND
            if pre and not glued_and:
                break
            if t.kind == "n" and kind not in (SCALE, PLURAL, HUNDRED, HALF) and not comp.has_scale:
                break
            if not comp.push(kind, value, joined or glued_and, arabic or "\u0600" <= tk.text[:1] <= "\u06ff"):
                break
            words = True
            j = k + 1
        if comp.items == 0:
            return None
        return Phrase(first, j, comp.value, words, comp.has_scale, prefix, items=comp.items)

    # -- one claim -----------------------------------------------------------------------------
    # -- the stages of one claim: bounds → filters → unit → context → meta ---------------------
    # Each stage either leaves the draft to the next one (returns None) or settles the claim:
    # (candidate or None, index of the token to go on from).
    def claim_at(self, i: int) -> tuple[NumericCandidate | None, int]:
        d = self.bounds(i)
        if isinstance(d, tuple):
            return d
        for stage in (self.filters, self.unit, self.context):
            settled = stage(i, d)
            if settled is not None:
                return settled
        return self.meta(d)

    def bounds(self, i: int) -> _Draft | tuple[NumericCandidate | None, int]:
        """Where the number starts and ends: its phrase, a glued prefix and a second bound."""
        toks = self.toks
        t = toks[i]
        if t.kind == "n" and t.flags and not _NOT_A_QUANTITY.isdisjoint(t.flags):
            return None, i + 1                  # dates, clock times, ratios like 24/7
        if t.kind == "n":
            end = self.skip_dashed(i + 1)
            if end - i >= 5:
                return None, end                # "2023-05-30", "03-123-4567": a date or a phone number
        ph = self.phrase(i)
        if ph is None:
            return None, i + 1
        if t.kind == "w" and ph.items == 1 and ph.prefix in _AND and ph.value == _HALF_VALUE \
                and self.word(i - 1) is not None and not t.nl:
            return self.and_a_half(i)
        self.attach_prefix(ph)
        if ph.prefix_tok == -2:                 # digits glued to a name: "F-35", "COVID-19", "i24"
            return None, ph.last
        if t.kind == "n" and not t.flags and len(t.text) >= 2 and t.text[0] in "0\u0660\u06f0" and ph.value != 0 \
                and not self.padded_count(ph):
            return None, self.skip_dashed(ph.last)   # phone numbers, codes: "03-1234567", "050"
        d = _Draft(ph, end_tok=ph.last)
        # a second bound: "10-15", "7,000 to 16,000", "بين 10 و15", "בין 10 ל-15"
        second = self.range_end(ph)
        if second is not None:
            ph2, after = second
            a, b = ph.value, ph2.value
            if ph2.scaled and not ph.scaled:
                scale = _scale_of(ph2.value)
                if a * scale <= b:
                    a = a * scale
            if self.is_year(ph) and self.is_year(ph2):
                self.note_year(ph.first, after, int(ph.value), int(ph2.value))
                return None, after
            if self.is_month(after) or self.is_month((ph.prefix_tok if ph.prefix_tok >= 0 else ph.first) - 1):
                return None, after              # "10-12 May", "May 10-12", "من 10 إلى 12 مايو"
            if a < b:
                d.low, d.high, d.end_tok = a, b, after
            elif toks[ph.last].kind == "p" or not self.has_opener(ph):
                return None, after              # "3-1", "voted 61 to 59": a score or a tally
        return d

    def filters(self, i: int, d: _Draft) -> tuple[NumericCandidate | None, int] | None:
        """Digits that are not a quantity: years, periods, labels, times, phone numbers."""
        ph = d.ph
        if d.low is not None or self.toks[i].kind != "n":
            return None
        verdict = self.digits_verdict(ph)
        if verdict == "year":
            self.note_year(ph.first, ph.last, int(ph.value), int(ph.value))
        elif verdict == "years":
            v = str(int(ph.value))
            self.note_year(ph.first, ph.last, int(v[:4]), int(v[4:]))
        return (None, ph.last) if verdict else None

    def unit(self, i: int, d: _Draft) -> tuple[NumericCandidate | None, int] | None:
        """What is counted, and what stands before the number (qualifier, currency, percent)."""
        toks, ph = self.toks, d.ph
        d.unit_end, d.kind, d.unit, d.extra_q = self.unit_after(ph, d.end_tok)
        d.start_tok, d.qualifier, currency_before = self.left_context(ph, d.low is not None)
        if currency_before and d.kind == "count":
            d.kind, d.unit = "currency", currency_before
        elif d.kind == "count" and d.unit is None and d.start_tok > 0 \
                and toks[d.start_tok - 1].text in lx.PERCENT_SIGNS and self.glued(d.start_tok) \
                and (d.start_tok < 2 or toks[d.start_tok - 2].kind != "n"):
            d.kind, d.unit, d.start_tok = "percent", "percent", d.start_tok - 1
        return None

    def context(self, i: int, d: _Draft) -> tuple[NumericCandidate | None, int] | None:
        """Whether the number is a claim in its context: a year after all, a share, a bare
        number word, an ordinal."""
        toks, ph = self.toks, d.ph
        if d.low is None and toks[i].kind == "n" and self.is_year(ph) and d.kind not in ("percent", "currency") \
                and not ph.scaled and d.qualifier not in ("approx", "at_least") \
                and not self.counted_year(ph, d.unit):
            self.note_year(ph.first, ph.last, int(ph.value), int(ph.value))
            return None, ph.last
        d.fraction = ph.words and d.low is None and not ph.scaled and ph.value < 1 \
            and self.whole_follows(d.end_tok) and self.fraction_is_share(ph)
        if ph.words and not ph.scaled and ph.value < 1 and not d.fraction and d.kind not in ("duration", "percent"):
            return None, d.end_tok
        if d.fraction:                          # "two-thirds of", "نصف السكان": a share, as a percentage
            d.kind, d.unit, d.unit_end, d.extra_q = "percent", "percent", d.end_tok, ""
            ph.value = _plain((ph.value * 100).quantize(Decimal("0.01")))
        if ph.words and d.low is None and not d.fraction:
            settled = self.bare_word(i, d)
            if settled is not None:
                return settled
        if not ph.words and d.low is None and ph.value <= 1 and d.unit_end == d.end_tok \
                and d.qualifier == "exact" and d.kind == "count":
            return None, ph.last                # a lone "1" or "0" states nothing ("1 in 5 children")
        if ph.prefix and any(a in ph.prefix for a in _HE_ARTICLES) and not ph.scaled and (
                d.unit_end == d.end_tok or d.kind == "count" and not self.definite_after(d.end_tok)):
            return None, ph.last                # "הכנסת ה-25", "ממשלת ישראל ה-35 מערכה": an ordinal;
            #                                     a definite count has a definite noun ("ה-35 החיילים")
        if ph.prefix_tok >= 0 and toks[ph.prefix_tok].key.startswith(_AR_ARTICLES) and d.unit_end == d.end_tok:
            return None, ph.last                # "الذكرى الـ75"
        return None

    def definite_after(self, j: int) -> bool:
        w = self.word(j)
        return w is not None and not w.nl and w.key.startswith(_HE_ARTICLES)

    def counted_before(self, j: int) -> bool:
        """A number stands earlier in the sentence of token j (at most twelve tokens back)."""
        for k in range(j - 1, max(-1, j - 13), -1):
            t = self.toks[k]
            if t.kind == "p" and t.text in ".!?\u061f;":
                return False
            if t.kind == "n" or self.numword(k) is not None:
                return True
            if t.nl:
                return False
        return False

    def qualified_duration(self, i: int) -> tuple[NumericCandidate, int] | None:
        """"Почти месяц", "نحو شهر": a unit of time right after a qualifier is one of it."""
        if not self.glued_word(i):
            return None
        m, q = self.match_before(i, lx.QUALIFIERS_BEFORE, "")
        if not m or q not in ("approx", "at_least", "at_most"):
            return None
        nxt = self.toks[i + 1] if i + 1 < self.n else None
        if nxt is not None and (nxt.kind == "n" or nxt.key.strip(".") in lx.TIME_AFTER):
            return None                         # "около часа ночи": a clock time
        toks = self.toks
        s, e = toks[i - m].start, toks[i].end
        return NumericCandidate(start=s, end=e, text=self.text[s:e], value=Decimal(1), kind="duration",
                                qualifier=q, unit=lx.DURATION_WORDS[toks[i].key][0]), i + 1

    def relative_after(self, j: int) -> bool:
        """A relative pronoun opens a clause at token ``j``: "the seven people who died" states a
        count, where "the two leaders" only refers back."""
        w = self.word(j)
        return w is not None and w.key in _RELATIVES

    def bare_word(self, i: int, d: _Draft) -> tuple[NumericCandidate | None, int] | None:
        """A spelt number: "the two leaders", "one of", "ساعة واحدة", a bare "خمسة"."""
        toks, ph = self.toks, d.ph
        before = self.word(d.start_tok - 1)
        if before is not None and before.key in _DEFINITE and not ph.scaled and d.qualifier == "exact" \
                and not self.relative_after(d.unit_end):
            return None, ph.last                # "the two leaders", "the three countries"
        if ph.items == 1 and toks[i].key[len(ph.prefix):] in LONE_EXCLUDED:
            noun = before
            if ph.value == 1 and d.unit_end == d.end_tok and noun is not None and self.glued_word(d.start_tok) \
                    and noun.key in lx.DURATION_WORDS and lx.DURATION_WORDS[noun.key][1] is None:
                # "ساعة واحدة": "one" after its noun, as Arabic writes it
                s, e = noun.start, toks[d.end_tok - 1].end
                return NumericCandidate(start=s, end=e, text=self.text[s:e], value=ph.value,
                                        kind="duration", unit=lx.DURATION_WORDS[noun.key][0]), d.end_tok
            if ph.value == 1 and noun is not None and noun.key in _ANOTHER and self.glued_word(d.start_tok) \
                    and self.counted_before(d.start_tok - 1):
                # "еще один получил ранения": one more of what the sentence just counted
                s, e = noun.start, toks[d.end_tok - 1].end
                return NumericCandidate(start=s, end=e, text=self.text[s:e], value=ph.value,
                                        kind="count", qualifier=d.qualifier), d.end_tok
            person = self.word(d.end_tok)
            if ph.value == 1 and person is not None and person.key in lx.PERSON_NOUNS \
                    and self.glued_word(d.end_tok):
                # "один человек погиб": one person, as casualty reports count them
                s, e = toks[d.start_tok].start, person.end
                return NumericCandidate(start=s, end=e, text=self.text[s:e], value=ph.value,
                                        kind="count", qualifier=d.qualifier, unit=person.text), d.end_tok + 1
            return None, ph.last
        if ph.value == 1 and not ph.scaled and d.kind not in ("duration", "currency"):
            return None, ph.last
        if (not ph.scaled or ph.items == 1) and d.unit_end == d.end_tok and d.qualifier == "exact":
            counted = self.counted_after(d.end_tok) if not ph.scaled and d.kind == "count" else None
            if counted is None:
                return None, ph.last            # a bare number word ("خمسة", "ألف") is rarely a claim
            d.unit_end = counted
        return None

    def meta(self, d: _Draft) -> tuple[NumericCandidate, int]:
        """The claim as proposed: its qualifier, a half after a duration, its metric."""
        toks, ph = self.toks, d.ph
        qualifier = d.qualifier
        if d.extra_q and qualifier == "exact":
            qualifier = d.extra_q
        if d.low is not None:
            qualifier = "range"
        unit_end = d.unit_end
        if d.kind == "duration" and d.low is None and unit_end > d.end_tok \
                and ph.value == ph.value.to_integral_value():
            past = self.half_after(unit_end)
            if past is not None:
                ph.value, unit_end = ph.value + _HALF_VALUE, past
        s, e = toks[d.start_tok].start, toks[unit_end - 1].end
        value = None if d.low is not None else ph.value
        metric = find_metric(self, d.start_tok, unit_end, d.kind, d.unit)
        return NumericCandidate(
            start=s, end=e, text=self.text[s:e], value=value, kind=d.kind, qualifier=qualifier,
            low=d.low, high=d.high, unit=d.unit, metric=metric,
        ), unit_end

    def half_after(self, j: int) -> int | None:
        """The token after "ونصف" / "וחצי" / "and a half" starting at ``j``, or None."""
        toks = self.toks
        for phrase in _AND_HALF:
            end = j + len(phrase)
            if end <= self.n and all(t.kind == "w" and not t.nl for t in toks[j:end]) \
                    and tuple(t.key for t in toks[j:end]) == phrase:
                return end
        return None

    def counted_after(self, j: int) -> int | None:
        """The end of what a bare number word counts: "من موظفيها", "of the soldiers", "מהם", "נוספים"."""
        toks = self.toks
        t, nxt = self.word(j), self.word(j + 1)
        if t is None or t.nl:
            return None
        if t.key in _OTHERS:
            return j + 1
        if t.key.startswith(_PARTITIVE_ARTICLES) and len(t.key) > 2:
            return j + 1                    # "שלושה מהם", "שבעה מהעובדים"
        if t.key in _PARTITIVES and nxt is not None and not nxt.nl and self.numword(j + 1) is None:
            return j + 2
        if t.key in _LATIN_OF and nxt is not None and nxt.key in _OF_DETERMINERS:
            last = j + 1 if nxt.key in _OF_PRONOUNS else j + 2
            if last < self.n and toks[last].kind == "w" and self.numword(last) is None:
                return last + 1
        return None

    def and_a_half(self, i: int) -> tuple[NumericCandidate | None, int]:
        """"ونصف"/"וחצי" after a word adds half of it, not a share: "שנה וחצי" is a year and a half."""
        toks = self.toks
        k, prefix = toks[i - 1].key, ""
        unit = lx.DURATION_WORDS.get(k)
        if unit is None and k[:1] in lx.HE_PREFIX_LETTERS:
            unit, prefix = lx.DURATION_WORDS.get(k[1:]), k[:1]   # "כשנה וחצי"
        if unit is None or unit[1] is not None or (i >= 2 and toks[i - 2].kind == "n") \
                or self.numword(i - 2) is not None:
            return None, i + 1              # "3 שנים וחצי" was read with its number; "ونصف السكان" is not a share
        ph = Phrase(i - 1, i, Decimal("1.5"), True, False, prefix)
        start, qualifier, _ = self.left_context(ph, False)
        s, e = toks[start].start, toks[i].end
        return NumericCandidate(start=s, end=e, text=self.text[s:e], value=Decimal("1.5"), kind="duration",
                                qualifier=qualifier, unit=unit[0],
                                metric=find_metric(self, start, i + 1, "duration", unit[0])), i + 1

    def dual_at(self, i: int, unit: str, prefix: str, kind: str = "duration") -> tuple[NumericCandidate | None, int]:
        """A dual noun is itself a number: of time ("عامين", "שנתיים", "שבועיים") or of a
        counted noun ("حالتين")."""
        he_prefix = prefix if prefix and "\u05d0" <= prefix[0] <= "\u05ea" else ""
        ph = Phrase(i, i + 1, Decimal(2), True, False, he_prefix)
        start, qualifier, _ = self.left_context(ph, False)
        end = i + 1
        m, q = self.match_phrase(end, lx.QUALIFIERS_AFTER)
        if m and qualifier == "exact":
            qualifier, end = q, end + m
        s, e = self.toks[start].start, self.toks[end - 1].end
        if kind == "count" and start == i and prefix:
            s += len(prefix)                    # "وحالتين": the conjunction is not part of it
        return NumericCandidate(start=s, end=e, text=self.text[s:e], value=Decimal(2), kind=kind,
                                qualifier=qualifier, unit=unit,
                                metric=find_metric(self, start, end, kind, unit)), end

    def with_period(self, c: NumericCandidate) -> NumericCandidate:
        return find_period(self, c)

    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [t.start for t in self.toks]
        return self._starts

    def year_firsts(self) -> list[int]:
        if self._year_firsts is None:
            self.years.sort()
            self._year_firsts = [y[0] for y in self.years]
        return self._year_firsts
