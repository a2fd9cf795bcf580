"""Rules for the words around a number: qualifier, range, unit, counted noun, currency."""
from __future__ import annotations

from .. import lang
from . import lexicon as lx
from .words import HALF, HUNDRED, PLURAL, SCALE, lookup
from .shared import (_AR_GLUE, _CURRENCY_TAIL, _DASHES, _HYPHENS, _is_prefixed_unit, _lemma,
                        _LENGTH_WORDS, Phrase, _proclitic_of, _STOP, _variants)

_WEAK_JOINERS = frozenset(lx.key(w) for w in lang.entries("weak_range_joiner"))
_OPENER_JOINERS = frozenset(lx.key(w) for w in lang.entries("opener_range_joiner"))
_JOINER_PREFIXES = frozenset(lang.entries("range_joiner_prefix"))
_YEAR_PAIR = frozenset(lx.key(w) for w in lang.entries("year_pair"))
_OPENER_PREFIXES = tuple(lang.entries("range_opener_prefix"))
_BETWEEN = frozenset(lx.key(w) for w in lang.entries("between"))
_AR_DEFINITE = lang.script_entries("article", "Arab") + lang.script_entries("prefixed_article", "Arab")
_INDEFINITE = frozenset(lang.entries("indefinite_article"))
_APPROX_PREFIXES = frozenset(lang.entries("approx_prefix"))
_WHAT = frozenset(lx.key(w) for w in lang.entries("what_pronoun"))
_QUALIFIER_GLUE = frozenset(lang.entries("qualifier_glue_letter"))
# Words between a number and its unit ("de", "d'"): word → whether an apostrophe ends it.
_UNIT_LINKS = {lx.key(w.rstrip("'’")): w.endswith(("'", "’")) for w in lang.entries("unit_link")}
_APOSTROPHES = frozenset("'’")
_TARGET_PREPOSITIONS = frozenset(lx.key(w) for w in lang.entries("target_preposition"))
_CHANGE_STEMS = tuple(lx.key(w) for w in lang.entries("change_stem"))
_CHANGE_REACH = 8       # words back from a target preposition in which its verb of change stands


class ContextRules:
    """Mixed into the scanner; works on its ``toks`` list."""

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
        elif k in lx.CURRENCY_CODES_BEFORE and not hyphen:
            pass                                # "Rs600", "USD50": a currency, read by left_context
        elif k in lx.CURRENCY_LETTERS_BEFORE and not hyphen and self.scale_follows(ph):
            pass                                # "N22 billion": a currency letter before a scaled sum
        else:
            ph.prefix_tok = -2

    def range_end(self, ph: Phrase) -> tuple[Phrase, int] | None:
        toks, n = self.toks, self.n
        j = ph.last
        if j >= n or toks[j].nl:
            return None
        # the unit written on both bounds: "1%–3%" (and, below, "between $58 and $62")
        percent_both = toks[j].kind == "p" and toks[j].text in lx.PERCENT_SIGNS and self.glued(j) \
            and j + 1 < n and toks[j + 1].kind == "p" and toks[j + 1].text in _DASHES
        if percent_both:
            j += 1
        tj = toks[j]
        k = None
        if tj.kind == "p" and tj.text in _DASHES:
            k = j + 1
        elif tj.kind == "w" and tj.key in lx.RANGE_JOINERS:
            if tj.key in _WEAK_JOINERS and not self.has_opener(ph):
                return None
            k = j + 1
            if k < n and toks[k].kind == "p" and toks[k].text in _HYPHENS | {"\u05be"} and self.glued(k + 1):
                k += 1
        elif tj.kind == "w" and tj.key in _OPENER_JOINERS and self.has_opener(ph):
            k = j + 1
        elif tj.kind == "w" and (hit := self.numword(j)) is not None and hit[2] in _JOINER_PREFIXES \
                and self.has_opener(ph) and hit[0] not in (PLURAL, HALF):
            k = j                               # "בין שלושה לחמישה", "بين خمسة وعشرة"
        else:
            return None
        if k >= n or toks[k].nl:
            return None
        if toks[k].kind == "p" and toks[k].text in lx.CURRENCY_SIGNS and k + 1 < n and toks[k + 1].kind == "n" \
                and self.glued(k + 1) and self.currency_before(ph) == lx.CURRENCY_SIGNS[toks[k].text] \
                and self.has_opener(ph):        # not "fell $2.09 to $63.12": a change and a level
            k += 1
        tk = toks[k]
        if tk.kind == "w" and self.numword(k) is not None:
            hit = self.numword(k)
            if hit[2] and hit[2] not in _JOINER_PREFIXES:
                return None
        elif tk.kind != "n" or tk.flags and set(tk.flags) & set("/:."):
            return None
        if (tk.kind == "n") != (toks[ph.first].kind == "n") and not ph.scaled:
            return None
        ph2 = self.phrase(k)
        if ph2 is None:
            return None
        if percent_both and not (ph2.last < n and toks[ph2.last].kind == "p" and toks[ph2.last].text in lx.PERCENT_SIGNS):
            return None
        # "2023-05-30": a third part makes it a date
        if ph2.last < n and toks[ph2.last].kind == "p" and toks[ph2.last].text in _DASHES \
                and ph2.last + 1 < n and toks[ph2.last + 1].kind == "n" and self.glued(ph2.last + 1):
            return None
        return ph2, ph2.last

    def has_opener(self, ph: Phrase) -> bool:
        j = ph.prefix_tok if ph.prefix_tok >= 0 else ph.first
        if self.currency_before(ph):
            j -= 1                              # "between $58 and $62"
        w = self.word(j - 1)
        if w is not None and (w.key in lx.RANGE_OPENERS or w.key in _YEAR_PAIR):
            return True
        if ph.prefix and ph.prefix.endswith(_OPENER_PREFIXES):
            return True
        w2 = self.word(j - 2)
        return w2 is not None and w2.key in _BETWEEN and w is not None

    def unit_after(self, ph: Phrase, j: int) -> tuple[int, str, str | None, str]:
        """(end token, kind, unit, qualifier written after the number) for the words after it."""
        toks, n = self.toks, self.n
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
        end += self.unit_link(end, ph)
        if end < n and not toks[end].nl:
            t = toks[end]
            pct = self.match_phrase(end, lx.PERCENT_PHRASES)[0] if t.kind == "w" else 0
            if t.kind == "p" and t.text in lx.PERCENT_SIGNS:
                kind, unit, end = "percent", "percent", end + 1
            elif pct:
                kind, end = "percent", end + pct
                unit = self.match_phrase(end - pct, lx.PERCENT_PHRASES)[1]
            elif t.kind == "w" and t.key in lx.PERCENT_WORDS:
                kind, unit, end = "percent", "percent", end + 1
            elif t.kind == "p" and t.text in lx.CURRENCY_SIGNS and not (
                    end + 1 < n and toks[end + 1].kind == "n" and self.glued(end + 1)):
                kind, unit, end = "currency", lx.CURRENCY_SIGNS[t.text], end + 1
            elif t.kind == "w" and t.key in lx.SCALED_CURRENCY_WORDS and not ph.scaled:
                scale, unit = lx.SCALED_CURRENCY_WORDS[t.key]      # '40 מלש"ח': 40 million shekels
                ph.value *= scale
                ph.scaled = True
                kind, end = "currency", end + 1
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
        elif end + 1 < n and toks[end].kind == "p" and toks[end].text in _HYPHENS and self.glued(end) \
                and self.glued(end + 1):
            # a qualifier written after a case ending glued with a hyphen: "50%-dən çox"
            m, q = self.match_phrase(end + 1, lx.QUALIFIERS_AFTER)
            if m:
                extra_q, end = q, end + 1 + m
        if not extra_q and end < n and toks[end].kind == "p" and toks[end].text == "+" and self.glued(end) \
                and (end == j or toks[end - 1].kind != "w" or toks[end - 1].key in lx.GLUED_SCALES):
            extra_q, end = "at_least", end + 1  # "100+", "$5bn+"; not a name's plus ("OPEC+")
        return end, kind, unit, extra_q

    def unit_link(self, i: int, ph: Phrase) -> int:
        """Tokens of a word that links a number to its unit ("millions de personnes", "d'euros"),
        when a unit follows it; 0 otherwise."""
        toks, n = self.toks, self.n
        if i >= n or toks[i].kind != "w" or toks[i].nl or toks[i].key not in _UNIT_LINKS:
            return 0
        width = 1
        if _UNIT_LINKS[toks[i].key] and i + 1 < n and toks[i + 1].text in _APOSTROPHES and self.glued(i + 1):
            width = 2
        elif _UNIT_LINKS[toks[i].key]:
            return 0
        k = i + width
        if k >= n or toks[k].kind != "w":
            return 0
        t = toks[k]
        if t.key in lx.CURRENCY_WORDS or t.key in lx.DURATION_WORDS or t.key in lx.PERCENT_WORDS \
                or (ph.scaled and self.countable(k, ph)):
            return width
        return 0

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
            if k.startswith(_AR_DEFINITE) or k in lx.YEAR_CUES:
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
        if p.kind == "w" and p.key in lx.CURRENCY_LETTERS_BEFORE and self.glued(j) and self.scale_follows(ph):
            return lx.CURRENCY_LETTERS_BEFORE[p.key]
        return None

    def scale_follows(self, ph: Phrase) -> bool:
        """A scale word or a glued scale ends the number ("22 billion", "22bn")."""
        if ph.scaled:
            return True
        t = self.toks[ph.last] if ph.last < self.n else None
        return t is not None and t.kind == "w" and (
            (t.key in lx.GLUED_SCALES and self.glued(ph.last) and t.key not in ("m", "k", "b"))
            or (self.numword(ph.last) or (None,))[0] == SCALE)

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
            if w is not None and w.key in _INDEFINITE and (self.numword(ph.first) or (None,))[0] in (
                    HUNDRED, SCALE, HALF, "dozen", None):
                start -= 1                      # "a million", "a dozen", "a third"
        qualifier = "exact"
        pre = ph.prefix
        if pre and any(c in pre for c in _APPROX_PREFIXES):
            qualifier = "approx"
        if is_range:
            w = self.word(start - 1)
            if w is not None and w.key in lx.RANGE_OPENERS:
                start -= 1
                w2 = self.word(start - 1)
                if w2 is not None and w2.key in _WHAT:
                    start -= 1
            elif w is not None and w.key in _YEAR_PAIR and self.word(start - 2) and self.word(start - 2).key in _BETWEEN:
                start -= 2
            return start, "range", currency
        m, q = self.match_before(start, lx.QUALIFIERS_BEFORE, pre)
        if m and not (q == "at_most" and self.toks[ph.first].kind == "n" and self.is_year(ph)):
            if q == "at_most" and m == 1 and toks[start - 1].key in _TARGET_PREPOSITIONS \
                    and self.after_change(start - 1):
                return start - m, "exact", currency    # "снизил ставку до 7,5%": the level reached
            return start - m, q, currency
        return start, qualifier, currency

    def after_change(self, j: int) -> bool:
        """A verb or noun of change stands in the clause before token j."""
        for k in range(j - 1, max(-1, j - 1 - _CHANGE_REACH), -1):
            t = self.toks[k]
            if t.kind == "p" and t.text in ".!?;:":
                return False
            if t.kind == "w" and t.key.startswith(_CHANGE_STEMS):
                return True
            if t.nl:
                return False
        return False

    def match_before(self, start: int, pset: lx.PhraseSet, prefix: str) -> tuple[int, str]:
        """(tokens used, tag) for a phrase of ``pset`` written just before token ``start``."""
        toks = self.toks
        if start <= 0:
            return 0, ""
        candidates = []
        if prefix and prefix[-1] in _QUALIFIER_GLUE:
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
        toks, n = self.toks, self.n
        if i >= n or toks[i].kind != "w":
            return 0, ""
        for p, tag in pset.by_first.get(toks[i].key, ()):
            if i + len(p) > n:
                continue
            if all(toks[i + k].kind == "w" and toks[i + k].key == p[k] and not (k and toks[i + k].nl)
                   for k in range(len(p))):
                return len(p), tag
        return 0, ""
