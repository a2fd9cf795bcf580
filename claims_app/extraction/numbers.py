"""Numeric claims: counts, percentages, money and durations, with qualifier, unit and period.

The text is tokenized once (see numtokens); every numeral or number word starts a phrase that
grows rightwards over scale words, a second bound and the unit, and leftwards over qualifiers,
currency signs and glued prefixes. Dates, years, ordinals, labels ("Resolution 242", "F-35"),
times, phone numbers and list markers are recognised on the way and dropped, and the years next
to a claim become its period. Rules are written for the languages, not for particular articles.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import lexicon_numbers as lx
from .numtokens import Tok, tokenize
from .numwords import (ADD, HALF, HUNDRED, LONE_EXCLUDED, ORDINAL_FRACTIONS, PLURAL, SCALE, Composer,
                       lookup)
from .nummeta import find_metric, find_period, sentence_bounds
from .types import NumericCandidate

_DASHES = frozenset("-–—‒−")
_HYPHENS = frozenset("-־‐")
_SENTENCE_END = frozenset(".!?؟؛;")
_AR_GLUE = frozenset(("و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "فال", "كال", "وب", "ول", "وبال"))
_AND = frozenset(("and", "و", "ו"))
_ARTICLE = frozenset(("a", "an", "one"))


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


def find_numeric_claims(text: str, language: str) -> list[NumericCandidate]:
    """Propose the numeric claims in ``text``; never raises on any str input."""
    if not isinstance(text, str) or not text:
        return []
    try:
        return _Scanner(text, language or "").run()
    except (ArithmeticError, ValueError, IndexError):   # a rule's blind spot must not lose the article
        return []


class _Scanner:
    def __init__(self, text: str, language: str) -> None:
        self.text = text
        self.lang = language
        self.toks: list[Tok] = tokenize(text)
        self.years: list[tuple[int, int, int, int]] = []   # (first tok, last tok, start year, end year)
        self._starts: list[int] | None = None
        self._year_firsts: list[int] | None = None

    # -- helpers -------------------------------------------------------------------------------
    def word(self, i: int) -> Tok | None:
        if 0 <= i < len(self.toks) and self.toks[i].kind == "w":
            return self.toks[i]
        return None

    def numword(self, i: int):
        t = self.word(i)
        if t is None:
            return None
        hit = lookup(t.key, self.lang)
        if hit is None or (hit[2] and len(t.key) - len(hit[2]) < 2):
            return None
        return hit

    def glued(self, i: int) -> bool:
        """No whitespace between token i-1 and token i."""
        return 0 < i < len(self.toks) and not self.toks[i].sp

    def breaks(self, i: int) -> bool:
        """A line break or sentence mark sits at token i (so nothing joins across it)."""
        t = self.toks[i]
        return t.nl or (t.kind == "p" and t.text in _SENTENCE_END)

    # -- main loop -----------------------------------------------------------------------------
    def run(self) -> list[NumericCandidate]:
        out: list[NumericCandidate] = []
        toks, i, n = self.toks, 0, len(self.toks)
        while i < n:
            t = toks[i]
            if t.kind == "n" and self.crowded(i):
                i += 1                          # a cell of a table or list of bare numbers
                continue
            if t.kind == "n" or (t.kind == "w" and self.numword(i) is not None) or (
                    t.key in ORDINAL_FRACTIONS and i > 0 and toks[i - 1].key in ("a", "one")):
                cand, nxt = self.claim_at(i)
            elif t.kind == "w" and (dual := _dual_duration(t.key)) is not None:
                cand, nxt = self.dual_at(i, *dual)
            else:
                i += 1
                continue
            if cand is not None:
                out.append(cand)
            i = max(nxt, i + 1)
        if self.years and out:
            out = [self.with_period(c) for c in out]
        return out

    def crowded(self, i: int) -> bool:
        """Numbers on both sides with only a mark between: "1, 2, 3", "4-4-2", a table row."""
        toks, n = self.toks, len(self.toks)
        left = i - 1 if i > 0 and toks[i - 1].kind == "n" else i - 2
        if left < 0 or toks[left].kind != "n" or (left == i - 2 and toks[i - 1].kind != "p"):
            return False
        right = i + 1 if i + 1 < n and toks[i + 1].kind == "n" else i + 2
        return right < n and toks[right].kind == "n" and (right == i + 1 or toks[i + 1].kind == "p")

    # -- numbers -------------------------------------------------------------------------------
    def phrase(self, i: int) -> Phrase | None:
        toks, n = self.toks, len(self.toks)
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
            if kind == PLURAL or (kind == SCALE and prefix and prefix[0] in "وفبلك"):
                return None
            arabic = "\u0600" <= t.text[:1] <= "\u06ff"
            if prefix and prefix[0] in "וו":
                prefix = prefix   # "ועשרה": the conjunction stays in the span
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
                if not (joined or (tj.kind == "w" and tj.key == "و" and self.glued(k))) or tk.flags:
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
            glued_and = pre[:1] in ("و", "ו") and pre in ("و", "ו")
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
    def claim_at(self, i: int) -> tuple[NumericCandidate | None, int]:
        toks = self.toks
        t = toks[i]
        if t.kind == "n" and t.flags and set(t.flags) & set("/:.x"):
            return None, i + 1                  # dates, clock times, ratios like 24/7
        if t.kind == "n":
            end = self.skip_dashed(i + 1)
            if end - i >= 5:
                return None, end                # "2023-05-30", "03-123-4567": a date or a phone number
        ph = self.phrase(i)
        if ph is None:
            return None, i + 1
        self.attach_prefix(ph)
        if ph.prefix_tok == -2:                 # digits glued to a name: "F-35", "COVID-19", "i24"
            return None, ph.last
        if t.kind == "n" and not t.flags and len(t.text) >= 2 and t.text[0] in "0٠۰" and ph.value != 0:
            return None, self.skip_dashed(ph.last)   # phone numbers, codes: "03-1234567", "050"
        # a second bound: "10-15", "7,000 to 16,000", "بين 10 و15", "בין 10 ל-15"
        low = high = None
        end_tok = ph.last
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
                low, high, end_tok = a, b, after
            elif toks[ph.last].kind == "p" or not self.has_opener(ph):
                return None, after              # "3-1", "voted 61 to 59": a score or a tally
        if low is None and toks[i].kind == "n":
            verdict = self.digits_verdict(ph)
            if verdict == "year":
                self.note_year(ph.first, ph.last, int(ph.value), int(ph.value))
                return None, ph.last
            if verdict == "years":
                v = str(int(ph.value))
                self.note_year(ph.first, ph.last, int(v[:4]), int(v[4:]))
                return None, ph.last
            if verdict:
                return None, ph.last
        unit_end, kind, unit, extra_q = self.unit_after(ph, end_tok)
        start_tok, qualifier, currency_before = self.left_context(ph, low is not None)
        if currency_before and kind == "count":
            kind, unit = "currency", currency_before
        elif kind == "count" and unit is None and start_tok > 0 and toks[start_tok - 1].text in lx.PERCENT_SIGNS \
                and self.glued(start_tok) and (start_tok < 2 or toks[start_tok - 2].kind != "n"):
            kind, unit, start_tok = "percent", "percent", start_tok - 1
        if low is None and toks[i].kind == "n" and self.is_year(ph) and kind not in ("percent", "currency") \
                and not ph.scaled and qualifier not in ("approx", "at_least") and not self.counted_year(ph, unit):
            self.note_year(ph.first, ph.last, int(ph.value), int(ph.value))
            return None, ph.last
        fraction = ph.words and low is None and not ph.scaled and ph.value < 1 and self.whole_follows(end_tok) \
            and self.fraction_is_share(ph)
        if ph.words and not ph.scaled and ph.value < 1 and not fraction and kind != "duration":
            return None, end_tok
        if fraction:                            # "two-thirds of", "نصف السكان": a share, as a percentage
            kind, unit, unit_end, extra_q = "percent", "percent", end_tok, ""
            ph.value = _plain((ph.value * 100).quantize(Decimal("0.01")))
        if ph.words and low is None and not fraction:
            before = self.word(start_tok - 1)
            if before is not None and before.key == "the" and not ph.scaled and qualifier == "exact":
                return None, ph.last            # "the two leaders", "the three countries"
            if ph.items == 1 and toks[i].key[len(ph.prefix):] in LONE_EXCLUDED:
                return None, ph.last
            if ph.value == 1 and not ph.scaled and kind not in ("duration", "currency"):
                return None, ph.last
            if (not ph.scaled or ph.items == 1) and unit_end == end_tok and qualifier == "exact":
                return None, ph.last            # a bare number word ("خمسة", "ألف") is rarely a claim
        if ph.prefix and "ה" in ph.prefix and unit_end == end_tok and not ph.scaled:
            return None, ph.last                # "הכנסת ה-25": an ordinal
        if ph.prefix_tok >= 0 and self.toks[ph.prefix_tok].key.startswith("ال") and unit_end == end_tok:
            return None, ph.last                # "الذكرى الـ75"
        if extra_q and qualifier == "exact":
            qualifier = extra_q
        if low is not None:
            qualifier = "range"
        s, e = toks[start_tok].start, toks[unit_end - 1].end
        value = None if low is not None else ph.value
        metric = find_metric(self, start_tok, unit_end, kind, unit)
        return NumericCandidate(
            start=s, end=e, text=self.text[s:e], value=value, kind=kind, qualifier=qualifier,
            low=low, high=high, unit=unit, metric=metric,
        ), unit_end

    def dual_at(self, i: int, unit: str, prefix: str) -> tuple[NumericCandidate | None, int]:
        """A dual noun of time is itself a number: "عامين", "שנתיים", "שבועיים"."""
        he_prefix = prefix if prefix and "\u05d0" <= prefix[0] <= "\u05ea" else ""
        ph = Phrase(i, i + 1, Decimal(2), True, False, he_prefix)
        start, qualifier, _ = self.left_context(ph, False)
        end = i + 1
        m, q = self.match_phrase(end, lx.QUALIFIERS_AFTER)
        if m and qualifier == "exact":
            qualifier, end = q, end + m
        s, e = self.toks[start].start, self.toks[end - 1].end
        return NumericCandidate(start=s, end=e, text=self.text[s:e], value=Decimal(2), kind="duration",
                                qualifier=qualifier, unit=unit,
                                metric=find_metric(self, start, end, "duration", unit)), end

    def counted_year(self, ph: Phrase, unit: str | None) -> bool:
        """A year-like number that counts a noun ("2000 جندي", "1900 soldiers"), with no time cue before."""
        if unit is None or self.lang == "en" and not unit.isascii():
            return False
        t = self.toks[ph.last] if ph.last < len(self.toks) else None
        if t is None or t.kind != "w" or (t.text.isascii() and not t.key.endswith("s")):
            return False
        if ph.prefix:
            return False                        # "ב-2020", "מ-2016"
        j = (ph.prefix_tok if ph.prefix_tok >= 0 else ph.first) - 1
        pw = self.word(j)
        if not t.text.isascii():
            # without a way to tell a noun from a verb, only a figure opening its clause counts
            return j < 0 or self.toks[j].kind == "p" or self.toks[j + 1].nl
        return pw is None or not (pw.key in lx.YEAR_CUES or self.is_month(j)
                                  or pw.key in ("the", "a", "an", "its", "their", "his", "her", "of"))

    def skip_dashed(self, j: int) -> int:
        """Past the rest of a dash-joined digit group ("03-123-4567")."""
        toks, n = self.toks, len(self.toks)
        while j + 1 < n and toks[j].kind == "p" and toks[j].text in _DASHES and toks[j + 1].kind == "n" \
                and self.glued(j) and self.glued(j + 1):
            j += 2
        return j

    def fraction_is_share(self, ph: Phrase) -> bool:
        """"the first quarter", "the second half" are parts of a period, not shares."""
        w = self.word(ph.first - 1)
        return w is None or w.key not in _BEFORE_PERIOD_FRACTION

    def whole_follows(self, j: int) -> bool:
        """A fraction is a share when a whole follows: "half of", "نصف السكان", "חצי מהתושבים"."""
        w = self.word(j)
        if w is None or w.nl:
            return False
        k = w.key
        return k in ("of", "من", "מ", "מתוך") or k.startswith("ال") or (k.startswith("מה") and len(k) > 3)

    def attach_prefix(self, ph: Phrase) -> None:
        """Letters glued before digits: a Hebrew/Arabic prefix ("כ-60", "بـ50") or a name ("F-35")."""
        i = ph.first
        if self.toks[i].kind != "n" or not self.glued(i):
            return
        j = i - 1
        hyphen = False
        if self.toks[j].kind == "p" and self.toks[j].text in _HYPHENS | {"\u05be", "–"}:
            hyphen = True
            if not self.glued(j):
                return
            j -= 1
        w = self.word(j)
        if w is None:
            return
        k = w.key
        if k and all(c in lx.HE_PREFIX_LETTERS for c in k) and len(k) <= 3:
            ph.prefix, ph.prefix_tok = k, j
        elif k in _AR_GLUE and (not hyphen or w.text.endswith("ـ")):
            ph.prefix, ph.prefix_tok = "", j
        elif w.text.endswith("ـ") and k in _AR_GLUE:
            ph.prefix, ph.prefix_tok = "", j
        else:
            ph.prefix_tok = -2

    def range_end(self, ph: Phrase) -> tuple[Phrase, int] | None:
        toks, n = self.toks, len(self.toks)
        j = ph.last
        if j >= n or toks[j].nl:
            return None
        tj = toks[j]
        k = None
        if tj.kind == "p" and tj.text in _DASHES:
            k = j + 1
        elif tj.kind == "w" and tj.key in lx.RANGE_JOINERS:
            if tj.key in ("and", "و", "ו", "ל") and not self.has_opener(ph):
                return None
            k = j + 1
            if k < n and toks[k].kind == "p" and toks[k].text in _HYPHENS | {"\u05be"} and self.glued(k + 1):
                k += 1
        elif tj.kind == "w" and tj.key in ("و", "ו", "ל", "עד") and self.has_opener(ph):
            k = j + 1
        elif tj.kind == "w" and (hit := self.numword(j)) is not None and hit[2] in ("ל", "ו", "و") \
                and self.has_opener(ph) and hit[0] not in (PLURAL, HALF):
            k = j                               # "בין שלושה לחמישה", "بين خمسة وعشرة"
        else:
            return None
        if k >= n or toks[k].nl:
            return None
        tk = toks[k]
        if tk.kind == "w" and self.numword(k) is not None:
            hit = self.numword(k)
            if hit[2] and hit[2] not in ("ל", "و", "ו"):
                return None
        elif tk.kind != "n" or tk.flags and set(tk.flags) & set("/:."):
            return None
        if (tk.kind == "n") != (toks[ph.first].kind == "n") and not ph.scaled:
            return None
        ph2 = self.phrase(k)
        if ph2 is None:
            return None
        # "2023-05-30": a third part makes it a date
        if ph2.last < n and toks[ph2.last].kind == "p" and toks[ph2.last].text in _DASHES \
                and ph2.last + 1 < n and toks[ph2.last + 1].kind == "n" and self.glued(ph2.last + 1):
            return None
        return ph2, ph2.last

    def has_opener(self, ph: Phrase) -> bool:
        j = ph.prefix_tok if ph.prefix_tok >= 0 else ph.first
        w = self.word(j - 1)
        if w is not None and (w.key in lx.RANGE_OPENERS or w.key in ("عامي", "سنتي")):
            return True
        if ph.prefix and ph.prefix.endswith("מ"):
            return True
        w2 = self.word(j - 2)
        return w2 is not None and w2.key in ("بين", "between", "בין") and w is not None

    # -- digits that are not quantities --------------------------------------------------------
    def is_year(self, ph: Phrase) -> bool:
        t = self.toks[ph.first]
        return (t.kind == "n" and not t.flags and not ph.scaled and ph.last == ph.first + 1
                and len(t.text) == 4 and 1800 <= ph.value <= 2100)

    def digits_verdict(self, ph: Phrase) -> str:
        """Why these digits are not a quantity ("year", "date", "label"...), or "" when they may be one."""
        toks, n = self.toks, len(self.toks)
        t = toks[ph.first]
        txt = str(int(t.value)) if t.value == t.value.to_integral_value() else ""
        if not t.flags and len(t.text) == 8 and txt and 1800 <= int(txt[:4]) < int(txt[4:]) <= 2100:
            return "years"                      # "20162020": a range whose dash was lost
        prev = toks[ph.first - 1] if ph.first > 0 else None
        nxt = toks[ph.last] if ph.last < n else None
        after_num = toks[ph.first + 1] if ph.first + 1 < n else None
        if prev is not None and prev.kind == "p" and prev.text in "+#№" and self.glued(ph.first):
            return "label"
        if not t.flags and len(t.text) >= 2 and t.text[0] in "0٠۰" and t.value != 0:
            return "phone"
        if not t.flags and (len(t.text) >= 9 or (len(t.text) >= 7 and prev is not None and prev.kind == "n")):
            return "label"                      # serials and phone numbers: "+972 3 1234567"
        # glued letters after the digits: "12th", "A320" was caught by the prefix check
        if after_num is not None and after_num.kind == "w" and self.glued(ph.first + 1) and not ph.scaled:
            k = after_num.key
            if k in lx.ORDINAL_SUFFIXES:
                return "ordinal"
            if k in ("m", "k", "b") and not self.currency_before(ph):
                w = self.word(ph.first + 2)
                if w is None or w.key in _LENGTH_WORDS or not self.glued(ph.first + 1) or w.nl:
                    return "label"              # "the 100m sprint", "1.8m tall"
            if not (k in lx.GLUED_SCALES or k in lx.PERCENT_WORDS or k in lx.CURRENCY_WORDS
                    or k in lx.DURATION_WORDS or _is_prefixed_unit(k)):
                return "label"
        if t.value == t.value.to_integral_value() and 1 <= t.value <= 31 and not t.flags and not ph.scaled:
            if nxt is not None and self.is_month(ph.last):
                return "date"
            if ph.last + 1 < n and nxt.kind == "p" and nxt.text in "/." and self.is_month(ph.last + 1):
                return "date"
            if prev is not None and self.is_month(ph.first - 1 if ph.prefix_tok < 0 else ph.prefix_tok - 1):
                return "date"
        if nxt is not None and nxt.kind == "w" and nxt.key.strip(".") in lx.TIME_AFTER and not ph.scaled:
            return "time"
        if nxt is not None and nxt.key in ("a", "p") and ph.last + 2 < n and toks[ph.last + 1].text == "." \
                and toks[ph.last + 2].key == "m":
            return "time"                       # "3 a.m."
        pw = self.word((ph.prefix_tok if ph.prefix_tok >= 0 else ph.first) - 1)
        if pw is not None and not ph.scaled:
            pk = strip_proclitic(pw.key)
            if pk in ("שנות", "سنوات") and ph.prefix.endswith("ה") or pk == "שנות":
                return "year"                   # "בשנות ה-90": a decade
            if (pw.key in lx.TIME_CUES or pk in lx.TIME_CUES) and pw.key != "at":
                return "time"
            if pw.key in lx.DESIGNATORS or pw.key.rstrip(".") in lx.DESIGNATORS or pk in lx.DESIGNATORS:
                return "label"
            if pw.text[:1].isupper() and pw.text.isalpha() and pw.text.isascii() \
                    and not self.sentence_start(ph.first - 1) and pw.key not in _ENGLISH_OK_BEFORE \
                    and not self.unit_follows(ph.last):
                return "label"                  # "Boeing 737", "Windows 10"
        if prev is not None and prev.kind == "p" and prev.text[-1] in "([" and nxt is not None \
                and nxt.kind == "p" and nxt.text[0] in ")]" and self.line_start(ph.first - 1):
            return "list"
        if nxt is not None and nxt.kind == "p" and nxt.text[0] in ".)-" and self.line_start(ph.first) \
                and not t.flags and ph.last + 1 < n and not toks[ph.last + 1].nl:
            return "list"                       # "1. The ..." at the start of a line
        return ""

    def is_month(self, i: int) -> bool:
        w = self.word(i)
        if w is None:
            return False
        k = w.key
        if k in lx.MONTHS or (w.text == "May"):
            return True
        return len(k) > 3 and k[0] in "בלמו" and k[1:] in lx.MONTHS

    def sentence_start(self, i: int) -> bool:
        prev = self.toks[i - 1] if i > 0 else None
        return prev is None or self.toks[i].nl or (prev.kind == "p" and prev.text[-1] in '.!?؟؛;:"“«(')

    def line_start(self, i: int) -> bool:
        return i <= 0 or self.toks[i].nl

    def unit_follows(self, j: int) -> bool:
        t = self.toks[j] if j < len(self.toks) else None
        if t is None:
            return False
        if t.kind == "p":
            return t.text in lx.PERCENT_SIGNS
        return t.key in lx.PERCENT_WORDS or t.key in lx.CURRENCY_WORDS or t.key in lx.DURATION_WORDS

    def note_year(self, first: int, last: int, y1: int, y2: int) -> None:
        self.years.append((first, last, y1, y2))

    # -- what is counted -----------------------------------------------------------------------
    def unit_after(self, ph: Phrase, j: int) -> tuple[int, str, str | None, str]:
        """(end token, kind, unit, qualifier written after the number) for the words after it."""
        toks, n = self.toks, len(self.toks)
        kind, unit, end = "count", None, j
        # digits glued to a scale: "$5bn", "5m" (only money reads a bare "m" as million)
        if j < n and toks[j].kind == "w" and self.glued(j) and toks[j].key in lx.GLUED_SCALES \
                and toks[ph.first].kind == "n" and not ph.scaled:
            scale = lx.GLUED_SCALES[toks[j].key]
            nxt = toks[j + 1] if j + 1 < n else None
            if toks[j].key in ("bn", "bln", "mn", "mln", "tn") or self.currency_before(ph) or (
                    toks[j].key in ("m", "k") and nxt is not None and nxt.kind == "w"
                    and nxt.key not in _LENGTH_WORDS and self.countable(j + 1, ph)):
                ph.value *= scale
                ph.scaled = True
                end = j + 1
        if end < n and not toks[end].nl:
            t = toks[end]
            pct = self.match_phrase(end, lx.PERCENT_PHRASES)[0]
            if t.kind == "p" and t.text in lx.PERCENT_SIGNS:
                kind, unit, end = "percent", "percent", end + 1
            elif pct:
                kind, end = "percent", end + pct
                unit = "percentage point" if pct == 2 and toks[end - 1].key[:3] in ("poi", "مئو", "אחו", "הא") \
                    and toks[end - 2].key not in ("per",) else "percent"
            elif t.kind == "w" and t.key in lx.PERCENT_WORDS:
                kind, unit, end = "percent", "percent", end + 1
            elif t.kind == "p" and t.text in lx.CURRENCY_SIGNS and not (
                    end + 1 < n and toks[end + 1].kind == "n" and self.glued(end + 1)):
                kind, unit, end = "currency", lx.CURRENCY_SIGNS[t.text], end + 1
            elif t.kind == "w" and t.key in lx.CURRENCY_WORDS:
                kind, unit, end = "currency", lx.CURRENCY_WORDS[t.key], end + 1
            elif t.kind == "w" and t.key in ("us", "u.s") and end + 1 < n and toks[end + 1].key in lx.CURRENCY_WORDS:
                kind, unit, end = "currency", lx.CURRENCY_WORDS[toks[end + 1].key], end + 2
            elif t.kind == "w" and t.key in lx.DURATION_WORDS:
                kind, unit, end = "duration", lx.DURATION_WORDS[t.key][0], end + 1
            elif t.kind == "p" and t.text in _HYPHENS and self.glued(end) and end + 1 < n and self.glued(end + 1) \
                    and toks[end + 1].kind == "w":
                w = toks[end + 1]
                if w.key in lx.DURATION_WORDS:
                    kind, unit, end = "duration", lx.DURATION_WORDS[w.key][0], end + 2
                    if end + 1 < n and toks[end].text in _HYPHENS and toks[end + 1].key == "old":
                        end += 2
                elif w.key in lx.PERCENT_WORDS:
                    kind, unit, end = "percent", "percent", end + 2
                elif self.lang == "en" or w.text.isascii():
                    unit, end = _lemma(w.key), end + 2
            elif t.kind == "w" and t.key in lx.OF_THEM:
                end += 1
            elif t.kind == "w" and not self.currency_before(ph) and self.countable(end, ph):
                unit = t.text if not t.text.isascii() else _lemma(t.key)
                end += 1
                if t.text.isascii() and end < n and toks[end].kind == "w" and self.countable(end, ph) \
                        and toks[end].key.endswith("s") and not t.key.endswith("s"):
                    unit = _lemma(toks[end].key)   # "20 Israeli tourists"
                    end += 1
            if kind == "currency" and end < n and toks[end].kind == "w" and toks[end].key in _CURRENCY_TAIL:
                end += 1                        # "دولار أمريكي"
        if kind == "count" and unit is None and ph.prefix and ph.prefix != "" and False:
            pass
        # age without a unit: "בן 47", "aged 47", "Netanyahu, 74, said"
        if kind == "count" and unit is None:
            pw = self.word((ph.prefix_tok if ph.prefix_tok >= 0 else ph.first) - 1)
            if pw is not None and pw.key in lx.AGE_CUES:
                kind, unit = "duration", "year"
            elif self.lang == "en" and ph.first >= 2 and toks[ph.first - 1].text == "," and end < n \
                    and toks[end].text == "," and toks[ph.first - 2].text[:1].isupper() \
                    and toks[ph.first].kind == "n" and 14 <= ph.value <= 110:
                kind, unit = "duration", "year"
        # a rate after the unit: "ביום", "أسبوعيا", "a year"; one adjective may stand between
        if end > j:
            for skip in (0, 1):
                r = self.match_phrase(end + skip, lx.RATE_PHRASES)[0] if end + skip < n else 0
                if r and (skip == 0 or (toks[end].kind == "w" and self.countable(end, ph))):
                    end = end + skip + r
                    break
        extra_q = ""
        m, q = self.match_phrase(end, lx.QUALIFIERS_AFTER)
        if m and not (toks[end].key == "plus" and kind != "count"):
            extra_q, end = q, end + m
        if not extra_q and end < n and toks[end].kind == "p" and toks[end].text == "+" and self.glued(end):
            extra_q, end = "at_least", end + 1
        return end, kind, unit, extra_q

    def countable(self, i: int, ph: Phrase) -> bool:
        """Whether the word at i can be the noun being counted."""
        t = self.toks[i]
        if t.kind != "w" or t.nl or (i > 0 and self.toks[i - 1].kind == "p"):
            return False
        k = t.key
        if k in _STOP or k in lx.MONTHS or lookup(k, self.lang) is not None or len(k) < 2:
            return False
        if k[:1].isascii() and not k.isalpha():
            return False
        if "\u0600" <= k[:1] <= "\u06ff":
            if k.startswith(("ال", "وال", "بال", "لل", "فال")) or k in lx.YEAR_CUES:
                return False
        elif "\u05d0" <= k[:1] <= "\u05ea":
            if k in lx.RANGE_JOINERS:
                return False
        elif t.text[:1].isupper() and not t.text.isupper() and self.lang == "en" and not k.endswith("s"):
            pass
        return True

    def currency_before(self, ph: Phrase) -> str | None:
        j = ph.prefix_tok if ph.prefix_tok >= 0 else ph.first
        p = self.toks[j - 1] if j > 0 else None
        if p is None:
            return None
        if p.kind == "p" and p.text in lx.CURRENCY_SIGNS:
            return lx.CURRENCY_SIGNS[p.text]
        if p.kind == "w" and p.key in lx.CURRENCY_CODES_BEFORE:
            return lx.CURRENCY_WORDS.get(p.key, p.key.upper())
        return None

    # -- words before the number ---------------------------------------------------------------
    def left_context(self, ph: Phrase, is_range: bool) -> tuple[int, str, str | None]:
        """(first token of the span, qualifier, currency written before the number)."""
        toks = self.toks
        start = ph.prefix_tok if ph.prefix_tok >= 0 else ph.first
        currency = self.currency_before(ph)
        if currency:
            start -= 1
            if start > 0 and toks[start - 1].key in ("us", "u.s") and self.glued(start):
                start -= 1
        elif start > 0 and toks[start - 1].kind == "p" and toks[start - 1].text in lx.PERCENT_SIGNS \
                and self.glued(start):
            pass
        if self.toks[ph.first].kind == "w" and start == ph.first:
            w = self.word(start - 1)
            if w is not None and w.key in ("a", "an") and (self.numword(ph.first) or (None,))[0] in (
                    HUNDRED, SCALE, HALF, "dozen", None):
                start -= 1                      # "a million", "a dozen", "a third"
        qualifier = "exact"
        pre = ph.prefix
        if pre and "כ" in pre:
            qualifier = "approx"
        if is_range:
            w = self.word(start - 1)
            if w is not None and w.key in lx.RANGE_OPENERS:
                start -= 1
                w2 = self.word(start - 1)
                if w2 is not None and w2.key == "ما":
                    start -= 1
            elif w is not None and w.key in ("عامي", "سنتي") and self.word(start - 2) and self.word(start - 2).key == "بين":
                start -= 2
            return start, "range", currency
        m, q = self.match_before(start, lx.QUALIFIERS_BEFORE, pre)
        if m and not (q == "at_most" and self.toks[ph.first].kind == "n" and self.is_year(ph)):
            return start - m, q, currency
        return start, qualifier, currency

    def match_before(self, start: int, pset: lx.PhraseSet, prefix: str) -> tuple[int, str]:
        """(tokens used, tag) for a phrase of ``pset`` written just before token ``start``."""
        toks = self.toks
        if start <= 0:
            return 0, ""
        candidates = []
        if prefix and prefix[-1] in "מל":
            # "יותר מ-100", "קרוב ל-50": the phrase's last word is the prefix glued to the number
            candidates += [(p[:-1], tag) for p, tag in pset.by_last.get(prefix[-1], ()) if len(p) >= 2]
        last = toks[start - 1]
        if last.kind == "w":
            for k in _variants(last.key):
                candidates += pset.by_last.get(k, ())
        candidates.sort(key=lambda item: len(item[0]), reverse=True)
        for words, tag in candidates:
            L = len(words)
            if start - L < 0:
                continue
            for k in range(L):
                t = toks[start - L + k]
                want = words[k]
                if t.kind != "w" or (k > 0 and t.nl):
                    break
                if t.key != want and not (k == 0 and _proclitic_of(t.key, want)):
                    break
            else:
                return L, tag
        return 0, ""

    def match_phrase(self, i: int, pset: lx.PhraseSet) -> tuple[int, str]:
        toks, n = self.toks, len(self.toks)
        if i >= n or toks[i].kind != "w":
            return 0, ""
        for p, tag in pset.by_first.get(toks[i].key, ()):
            if i + len(p) > n:
                continue
            if all(toks[i + k].kind == "w" and toks[i + k].key == p[k] and not (k and toks[i + k].nl)
                   for k in range(len(p))):
                return len(p), tag
        return 0, ""

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


def _dual_duration(k: str) -> tuple[str, str] | None:
    hit = lx.DURATION_WORDS.get(k)
    if hit is not None:
        return (hit[0], "") if hit[1] == 2 else None
    if k[:1] in "وفبلك":
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
    if k[:1] in "وفبلك" and len(k) > 3:
        return k[1:]
    if k[:1] in "ובלמכהש" and len(k) > 3:
        return k[1:]
    return k


def _variants(k: str) -> tuple[str, ...]:
    """The word and the word without a proclitic/conjunction, for phrase lookup ("بنحو", "ויותר")."""
    out = [k]
    if k[:1] in "وفبلك":
        out += [k[len(p):] for p in lx.AR_PROCLITICS if k.startswith(p) and len(k) > len(p) + 1]
    elif k[:1] in "וש" and len(k) > 2:
        out.append(k[1:])
    return tuple(out)


def _proclitic_of(word_key: str, want: str) -> bool:
    if not word_key.endswith(want) or len(word_key) == len(want):
        return False
    head = word_key[: len(word_key) - len(want)]
    return head in lx.AR_PROCLITICS or (len(head) <= 2 and all(c in "וש" for c in head))


def _is_prefixed_unit(k: str) -> bool:
    return k in ("km", "kg", "mw", "gw", "kw", "t", "bbl", "mb", "gb", "tb", "cm", "mm", "ha")


def _plain(value: Decimal) -> Decimal:
    return value.to_integral_value() if value == value.to_integral_value() else value.normalize()


def _scale_of(value: Decimal) -> Decimal:
    for s in (10**12, 10**9, 10**6, 10**3):
        if value >= s:
            return Decimal(s)
    return Decimal(1)


def _lemma(k: str) -> str:
    if k.endswith("ies") and len(k) > 4:
        return k[:-3] + "y"
    if k.endswith(("ches", "shes", "sses", "xes")):
        return k[:-2]
    if k.endswith("s") and not k.endswith(("ss", "us", "is")) and len(k) > 3:
        return k[:-1]
    if k in ("people",):
        return "person"
    return k


# "1.8m tall", "the 100m sprint": a glued "m" is metres there, not millions.
_LENGTH_WORDS = frozenset("tall long high wide deep sprint race dash hurdles freestyle away".split())
_BEFORE_PERIOD_FRACTION = frozenset(
    "the first second third fourth last final this next past previous".split())
_CURRENCY_TAIL = frozenset(lx.key(w) for w in "أمريكي أميركي أمريكية الأمريكي أمريكيًا أمريكيا إسرائيلي جديد אמריקאי אמריקאים".split())
_ENGLISH_OK_BEFORE = frozenset(
    "about around nearly almost some roughly over under more less than at least up to between from "
    "and or by of in the a an its his her their our to with for on as just only all these those "
    "about some".split())
_STOP = frozenset(lx.key(w) for w in (
    "of to and or the a an in on at for by with from as is was were are be been has have had will would "
    "that which who than this these those it its their his her our per into over under about after before "
    "since during while when percent times time more less most least other another each every new "
    "last next this ago later earlier previous same such only just also "
    "million billion thousand hundred year years old people's "
    "من في على إلى الى عن مع منذ خلال قبل بعد حتى أو او و ثم لكن كما التي الذي الذين هذا هذه ذلك تلك "
    "هو هي هم كان كانت يكون قد لقد لا لم لن ما ان أن إن إذا عند لدى بين حول ضد عبر نحو أيضا فقط بينما "
    "حيث كل بعض غير اليوم أمس مرة مرات فيما وفي وقد وهو وهي وكان أي ألف مليون مليار بالمئة بالمائة "
    "של על את עם כי אשר זה זו זאת הם הן היה היו הוא היא לא גם רק כבר עוד אבל או אחרי לפני מאז עד בין "
    "כל כמה יותר פחות אלף מיליון מליון מיליארד אחוז אחוזים נוספים נוספות בלבד ב ל מ ש ו ה כ"
).split())
