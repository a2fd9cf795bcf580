"""Rules that tell a written number is not a quantity: years, dates, labels, times, lists."""
from __future__ import annotations

from .. import lang
from . import lexicon as lx
from .shared import (_BEFORE_PERIOD_FRACTION, _DASHES, _ENGLISH_OK_BEFORE, _is_prefixed_unit,
                        _LENGTH_WORDS, Phrase, strip_proclitic)

_COUNTER_OF = frozenset(lx.key(w) for w in lang.entries("metric_of"))
_SHARE_OF = frozenset(lx.key(w) for w in lang.entries("share_of"))
_AR_ARTICLES = lang.script_entries("article", "Arab")
_PARTITIVE_ARTICLES = tuple(lang.entries("partitive_article"))
_DECADE_WORDS = frozenset(lx.key(w) for w in lang.entries("decade_word"))
_CAPITALISED_MONTHS = frozenset(lang.entries("capitalised_month"))
_MONTH_PREFIXES = frozenset(lang.entries("month_prefix_letter"))


_QUOTE_MARKS = frozenset("\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\uff02")


_WEAK_JOINERS = frozenset(lx.key(w) for w in lang.entries("weak_range_joiner"))

# endings of a noun counted by a number (the Arabic accusative of specification, جريحا)
_COUNTED_ENDINGS = tuple(lx.key(w) for w in lang.entries("counted_noun_ending")) or ("\x00",)

# month names that shorten a longer one ("nov" of "november"), written with a period
_MONTH_ABBREVIATIONS = frozenset(k for k in lx.MONTHS if any(m != k and m.startswith(k) for m in lx.MONTHS))


class NotQuantityRules:
    """Mixed into the scanner; works on its ``toks`` list."""

    def quoted_title(self, start: int, end: int) -> bool:
        """The claim is all a short title in quote marks (the magazine «7 ימים», "60 Minutes"):
        a number inside a name."""
        text = self.text
        if start == 0 or end >= len(text) or text[start - 1] not in _QUOTE_MARKS \
                or text[end] not in _QUOTE_MARKS:
            return False
        return text.count(" ", start, end) <= 2

    def padded_count(self, ph: Phrase) -> bool:
        """Two zero-padded digits before a word, as tallies write them ("02 décédés, 01 évacué"):
        a count, not a code."""
        toks = self.toks
        if len(toks[ph.first].text) != 2 or ph.last != ph.first + 1 or ph.last >= self.n:
            return False
        nxt = toks[ph.last]
        return nxt.kind == "w" and not self.glued(ph.last) and not self.is_month(ph.last)

    def crowded(self, i: int) -> bool:
        """Numbers on both sides with only a mark between: "1, 2, 3", "4-4-2", a table row."""
        toks, n = self.toks, self.n
        left = i - 1 if i > 0 and toks[i - 1].kind == "n" else i - 2
        if left < 0 or toks[left].kind != "n" or (left == i - 2 and toks[i - 1].kind != "p"):
            return False
        right = i + 1 if i + 1 < n and toks[i + 1].kind == "n" else i + 2
        return right < n and toks[right].kind == "n" and (right == i + 1 or toks[i + 1].kind == "p")

    def counted_year(self, ph: Phrase, unit: str | None) -> bool:
        """A year-like number that counts a noun ("2000 جندي", "1900 soldiers"), with no time cue before."""
        if unit is None or self.lang == "en" and not unit.isascii():
            return False
        t = self.toks[ph.last] if ph.last < self.n else None
        if t is None or t.kind != "w" or (t.text.isascii() and not t.key.endswith("s")):
            return False
        if ph.prefix:
            return False                        # "ב-2020", "מ-2016"
        j = (ph.prefix_tok if ph.prefix_tok >= 0 else ph.first) - 1
        pw = self.word(j)
        if not t.text.isascii():
            # without a way to tell a noun from a verb, only a figure opening its clause counts,
            # or one whose noun carries the ending of a counted noun ("1835 جريحا")
            if pw is not None and pw.key not in lx.YEAR_CUES and not self.is_month(j) \
                    and len(t.key) > 3 and t.key.endswith(_COUNTED_ENDINGS) \
                    and t.key not in lx.QUALIFIERS_AFTER.by_first and t.key not in lx.QUALIFIERS_BEFORE.by_first:
                return True
            return j < 0 or self.toks[j].kind == "p" or self.toks[j + 1].nl
        return pw is None or not (pw.key in lx.YEAR_CUES or self.is_month(j)
                                  or pw.key in ("the", "a", "an", "its", "their", "his", "her", "of"))

    def skip_dashed(self, j: int) -> int:
        """Past the rest of a dash-joined digit group ("03-123-4567")."""
        toks, n = self.toks, self.n
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
        return k in _SHARE_OF or k.startswith(_AR_ARTICLES) or (k.startswith(_PARTITIVE_ARTICLES) and len(k) > 3)

    def is_year(self, ph: Phrase) -> bool:
        t = self.toks[ph.first]
        return (t.kind == "n" and not t.flags and not ph.scaled and ph.last == ph.first + 1
                and len(t.text) == 4 and 1800 <= ph.value <= 2100)

    def digits_verdict(self, ph: Phrase) -> str:
        """Why these digits are not a quantity ("year", "date", "label"...), or "" when they may be one."""
        toks, n = self.toks, self.n
        t = toks[ph.first]
        txt = str(int(t.value)) if t.value == t.value.to_integral_value() else ""
        if not t.flags and len(t.text) == 8 and txt and 1800 <= int(txt[:4]) < int(txt[4:]) <= 2100:
            return "years"                      # "20162020": a range whose dash was lost
        prev = toks[ph.first - 1] if ph.first > 0 else None
        nxt = toks[ph.last] if ph.last < n else None
        after_num = toks[ph.first + 1] if ph.first + 1 < n else None
        if prev is not None and prev.kind == "p" and prev.text in "+#№*" and self.glued(ph.first):
            return "label"
        if not t.flags and len(t.text) >= 2 and t.text[0] in "0٠۰" and t.value != 0 \
                and not self.padded_count(ph):
            return "phone"
        if not t.flags and (len(t.text) >= 9 or (len(t.text) >= 7 and prev is not None and prev.kind == "n")):
            return "label"                      # serials and phone numbers: "+972 3 1234567"
        # "64-й", "3-го": an ordinal ending after a hyphen
        if after_num is not None and after_num.kind == "p" and after_num.text in "-\u2010\u2011" \
                and self.glued(ph.first + 1) and ph.first + 2 < n and self.glued(ph.first + 2):
            w = self.word(ph.first + 2)
            if w is not None and w.key in lx.HYPHEN_ORDINAL_SUFFIXES:
                return "ordinal"
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
            if nxt is not None and nxt.kind == "w" and (nxt.key in lx.RANGE_JOINERS or nxt.key in _WEAK_JOINERS) \
                    and ph.last + 2 < n and toks[ph.last + 1].kind == "n" and self.is_month(ph.last + 2):
                return "date"                   # "les 15 et 22 mars", "on 3 and 5 May"
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
        if pw is not None and not ph.scaled and pw.key in _COUNTER_OF and ph.first >= 3 \
                and toks[ph.first - 2].kind == "n" and self.word(ph.first - 3) is not None \
                and self.word(ph.first - 3).key in lx.DESIGNATORS:
            return "label"                      # "page 3 of 12": a counter, not a quantity
        if pw is not None and not ph.scaled:
            pk = strip_proclitic(pw.key)
            if pk in _DECADE_WORDS:
                return "year"                   # "בשנות ה-90": a decade
            if (pw.key in lx.TIME_CUES or pk in lx.TIME_CUES) and pw.key != "at":
                return "time"
            if pw.key in lx.DESIGNATORS or pw.key.rstrip(".") in lx.DESIGNATORS or pk in lx.DESIGNATORS:
                return "label"
            if pw.text[:1].isupper() and pw.text.isalpha() and pw.text.isascii() \
                    and not self.sentence_start(ph.first - 1) and pw.key not in _ENGLISH_OK_BEFORE \
                    and not self.unit_follows(ph.last) and not self.currency_before(ph):
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
            # "Nov. 7": the period of an abbreviated month stands between it and the day
            if 0 < i < self.n and self.toks[i].kind == "p" and self.toks[i].text == "." \
                    and not self.toks[i].nl:
                m = self.word(i - 1)
                return m is not None and m.key in _MONTH_ABBREVIATIONS
            return False
        k = w.key
        if k in lx.MONTHS or w.text in _CAPITALISED_MONTHS:
            return True
        return len(k) > 3 and k[0] in _MONTH_PREFIXES and k[1:] in lx.MONTHS

    def sentence_start(self, i: int) -> bool:
        prev = self.toks[i - 1] if i > 0 else None
        return prev is None or self.toks[i].nl or (prev.kind == "p" and prev.text[-1] in '.!?؟؛;:"“«(')

    def line_start(self, i: int) -> bool:
        return i <= 0 or self.toks[i].nl

    def unit_follows(self, j: int) -> bool:
        t = self.toks[j] if j < self.n else None
        if t is None:
            return False
        if t.kind == "p":
            return t.text in lx.PERCENT_SIGNS
        return t.key in lx.PERCENT_WORDS or t.key in lx.CURRENCY_WORDS or t.key in lx.DURATION_WORDS

    def note_year(self, first: int, last: int, y1: int, y2: int) -> None:
        self.years.append((first, last, y1, y2))
