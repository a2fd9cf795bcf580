"""What a numeric claim measures (``metric``) and the years it refers to (``period_*``).

Both are best effort: they feed cross-source linking and the editor's form, never the decision
whether something is a claim.
"""
from __future__ import annotations

import bisect
from dataclasses import replace

from .. import lang
from . import lexicon as lx

_CLAUSE_END = frozenset(".!?؟؛;,،:()[]«»\"“”„")
_OF = frozenset(lx.key(w) for w in lang.entries("metric_of"))
_METRIC_STOP = frozenset(lx.key(w) for w in lang.entries("metric_stop"))
_LEAD_STOP = frozenset(lx.key(w) for w in lang.entries("metric_edge_stop"))
_PARTITIVE_PREFIXES = tuple(lang.entries("partitive_prefix"))
_AR_ADJECTIVE = lang.script_entries("adjective_suffix", "Arab")
_HE_ADJECTIVE = lang.script_entries("adjective_suffix", "Hebr")
_AR_ARTICLES = lang.script_entries("article", "Arab")
_HE_ARTICLES = lang.script_entries("article", "Hebr")
_MAX_WORDS = 5


def find_metric(sc, start: int, end: int, kind: str, unit: str | None) -> str | None:
    toks, n = sc.toks, len(sc.toks)
    # "69٪ من واردات باكو الرئيسية من الأسلحة", "a third of voters", "30% מהייצוא"
    if end < n and not toks[end].nl and toks[end].kind == "w":
        t = toks[end]
        words: list[str] = []
        j = end
        if t.key in _OF:
            j = end + 1
        elif kind == "percent" and t.key.startswith(_PARTITIVE_PREFIXES) and len(t.key) > 3:
            words.append(t.text[1:])
            j = end + 1
        if j > end:
            first = True
            while j < n and len(words) < _MAX_WORDS and toks[j].kind == "w" and not toks[j].nl:
                if toks[j].key in _METRIC_STOP and not (toks[j].key in _OF and not first):
                    break
                words.append(toks[j].text)
                first = False
                j += 1
            while words and lx.key(words[-1]) in _OF:
                words.pop()
            if words:
                return " ".join(words)
    if kind == "count" and unit:
        # the counted noun with the adjectives written after it ("سائح إسرائيلي")
        words = []
        j = end - 1
        while j > start and toks[j].kind == "w" and toks[j].text != unit and len(words) < 3:
            j -= 1
        j = max(j, start)
        k = j
        while k < n and len(words) < 3 and toks[k].kind == "w" and not (k > j and toks[k].nl):
            if k >= end and (toks[k].key in _METRIC_STOP or sc.numword(k) or not _adjective(toks[k].key)):
                break
            if toks[k].text == unit or words or k >= end:
                words.append(toks[k].text)
            k += 1
        return " ".join(words) if words else unit
    # otherwise the words just before the claim, within its clause
    words = []
    j = start - 1
    while j >= 0 and len(words) < 4:
        t = toks[j]
        if t.kind != "w":
            break
        words.append(t.text)
        if t.nl:
            break
        j -= 1
    words.reverse()
    while words and lx.key(words[0]) in _LEAD_STOP:
        words.pop(0)
    while words and lx.key(words[-1]) in _LEAD_STOP:
        words.pop()
    return " ".join(words) if words else None


def _adjective(k: str) -> bool:
    """Adjective-looking endings in Arabic and Hebrew ("إسرائيلي", "جوية", "ישראלים"), lower-case English."""
    if "\u0600" <= k[:1] <= "\u06ff":
        return k.endswith(_AR_ADJECTIVE) and not k.startswith(_AR_ARTICLES)
    if "\u05d0" <= k[:1] <= "\u05ea":
        return k.endswith(_HE_ADJECTIVE) and not k.startswith(_HE_ARTICLES)
    return False


def find_period(sc, c):
    """Attach the year or year range written in the same sentence, nearest first."""
    firsts = sc.year_firsts()
    starts = sc.starts()
    i = bisect.bisect_left(starts, c.start)
    e = bisect.bisect_left(starts, c.end)
    lo = bisect.bisect_left(firsts, i - 40)
    hi = bisect.bisect_right(firsts, e + 12)
    best = None
    for first, last, y1, y2 in sc.years[lo:hi]:
        if first >= e and first - e <= 12:
            d, between = first - e, range(e, first + 1)
        elif last <= i and i - last <= 10:
            d, between = (i - last) + 3, range(last, i + 1)   # a year after the figure is likelier
        else:
            continue
        if best is not None and d >= best[0]:
            continue
        if any(_ends_sentence(sc, k) for k in between):
            continue
        best = (d, y1, y2)
    if best is None:
        return c
    return replace(c, period_start=best[1], period_end=best[2])


def _ends_sentence(sc, k: int) -> bool:
    toks = sc.toks
    if k >= len(toks):
        return True
    t = toks[k]
    return t.nl or (t.kind == "p" and t.text in ".!?؟؛;" and (k + 1 >= len(toks) or toks[k + 1].sp))
