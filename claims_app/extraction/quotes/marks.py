"""Pairing of quote marks into spans, paragraph by paragraph, in one linear pass.

Each mark is classified from its neighbours (an opener is followed by text and preceded by
space or punctuation, a closer the reverse), so reversed curly pairs and ASCII marks work the
same way as typographic ones. A double quote between Hebrew letters is an acronym mark unless
the letters before it are only clitic prefixes (ש"אנחנו). Marks left open at the end of a
paragraph either continue into the next paragraph (which re-opens, or starts by closing) or
end there as an unterminated quote; a closer with no opener yields an orphan span back to the
last boundary. Every span is bounded by its paragraph(s), so unmatched marks cannot produce
runaway output.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..attribution.forms import HE_PLURAL_SUFFIXES
from ..attribution.lexicon import ARABIC_PROCLITICS, HEBREW_ACRONYMS, HEBREW_PREFIX_LETTERS, is_reporting_verb
from ..text.fold import fold_token

# Plain ``re`` throughout: these patterns run over every character of every text.
_MARK = re.compile("[\"“”„‟«»‹›‘’＂]")
_LINE = re.compile(r"[^\n\r\u2029]+")

OPEN, CLOSE, AMBIG, OPEN_WEAK, CLOSE_WEAK, NONE = range(6)
_FAMILY = {'"': "D", "＂": "D", "“": "D", "”": "D", "„": "D", "‟": "D",
           "«": "G", "»": "G", "‹": "S", "›": "S", "‘": "S", "’": "S"}
_OPEN_CONTEXT = set("([{<—–-:;,،؛/|*…") | set(_FAMILY)
_CLOSE_CONTEXT = set(".,;:!?،؛…)]}>—–-/|*؟") | set(_FAMILY)
# After a space, a mark followed by one of these closes ("والعالمي ".): it cannot open.
_CLOSE_ONLY = set(".,;!?،؛؟)]}>")

_HEBREW = re.compile(r"[\u05d0-\u05ea]")
_ARABIC = re.compile(r"[\u0620-\u064a\u0640]")
_HEBREW_RUN_BEFORE = re.compile(r"[\u05d0-\u05ea]{1,8}$")
_HEBREW_RUN_AFTER = re.compile(r"[\u05d0-\u05ea]+")
_ARABIC_RUN_BEFORE = re.compile(
    r"(?<![^\W\d_])(?<![\u064b-\u065f])[\u0620-\u064a\u0640\u064b-\u065f]{1,4}$")
_HEBREW_PLURALS = HE_PLURAL_SUFFIXES

_SENTENCE_END = re.compile(r"[.!?\u061f](?=\s)")

_MIN_QUOTE_WORDS = 4
_WORDS_SLICE = 200          # characters read to count those words: the cost per quote stays fixed
_ATTRIBUTION_WORDS = 5      # words of ", Chad replied." that may close an unterminated quote's sentence

MAX_CARRY_CHARS = 6000      # a quote may run over paragraphs, within this many characters
MAX_UNTERMINATED = 1500     # an opener never closed yields at most this much text


@dataclass(slots=True)
class RawQuote:
    open_pos: int | None     # index of the opening mark, None for an orphan closer
    close_pos: int | None    # index of the closing mark, None when never closed
    start: int               # content span, before trimming
    end: int
    status: str              # closed | unterminated | orphan
    depth: int = 0           # nesting level of a closed pair inside another open quote


def _hebrew_intraword(text: str, pos: int) -> int:
    before = _HEBREW_RUN_BEFORE.search(text, max(0, pos - 8), pos)
    after = _HEBREW_RUN_AFTER.match(text, pos + 1, pos + 40)
    left = before.group() if before else ""
    right = after.group() if after else ""
    word = f'{left}"{right}'
    for cut in range(0, min(3, len(left))):
        candidate = word[cut:]
        if candidate in HEBREW_ACRONYMS:
            return NONE
        for suffix in _HEBREW_PLURALS:
            if candidate.endswith(suffix) and candidate[: -len(suffix)] in HEBREW_ACRONYMS:
                return NONE
    if len(right) == 1:
        # acronyms and Hebrew numerals put the gershayim before the last letter
        return NONE
    if len(left) <= 3 and all(ch in HEBREW_PREFIX_LETTERS for ch in left):
        return OPEN_WEAK
    return NONE


def classify(text: str, pos: int) -> int:
    """How the mark at ``pos`` can act: OPEN, CLOSE, AMBIG, OPEN_WEAK, CLOSE_WEAK or NONE."""
    mark = text[pos]
    prev = text[pos - 1] if pos > 0 else " "
    nxt = text[pos + 1] if pos + 1 < len(text) else " "
    prev_space, next_space = prev.isspace(), nxt.isspace()
    left_flanking = not next_space and nxt not in _CLOSE_ONLY and (prev_space or prev in _OPEN_CONTEXT)
    right_flanking = not prev_space and (next_space or nxt in _CLOSE_CONTEXT)
    family = _FAMILY[mark]
    if left_flanking and not right_flanking:
        return OPEN if family != "S" else OPEN_WEAK
    if right_flanking and not left_flanking:
        return CLOSE if family != "S" else CLOSE_WEAK
    if family == "S":
        return NONE     # apostrophes: Sa’ar, don’t, the students’ books
    if mark == "„":
        return OPEN
    if not prev_space and not next_space and prev not in _CLOSE_CONTEXT and nxt not in _OPEN_CONTEXT:
        return _intraword(text, pos, prev, nxt)
    if mark == "«":
        return OPEN
    if mark == "»":
        return CLOSE
    return AMBIG


def _intraword(text: str, pos: int, prev: str, nxt: str) -> int:
    if _HEBREW.match(prev) and _HEBREW.match(nxt):
        return _hebrew_intraword(text, pos)
    if _ARABIC.match(prev):
        run = _ARABIC_RUN_BEFORE.search(text, max(0, pos - 4), pos)
        if run and fold_token(run.group()) in ARABIC_PROCLITICS:
            return OPEN_WEAK     # و"إسرائيل": a clitic glued to the opening mark
        return CLOSE_WEAK        # "إسرائيل"وأذربيجان: a closer with the space lost
    if prev.isalnum() and nxt.isalnum():
        return NONE
    return AMBIG


class _Pairer:
    def __init__(self, text: str):
        self.text = text
        self.out: list[RawQuote] = []

    def run(self) -> list[RawQuote]:
        text = self.text
        lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
        marks = [(m.start(), m.group()) for m in _MARK.finditer(text)]
        per_line: list[list[tuple[int, int, str]]] = []
        k = 0
        for start, end in lines:
            row = []
            while k < len(marks) and marks[k][0] < end:
                pos, mark = marks[k]
                if pos >= start:
                    kind = classify(text, pos)
                    if kind != NONE:
                        row.append((pos, kind, _FAMILY[mark]))
                k += 1
            per_line.append(row)

        carried: tuple[int, str, int] | None = None   # (open_pos, family, first line end)
        for i, (start, end) in enumerate(lines):
            row = per_line[i]
            if carried and row and row[0][0] == self._first_visible(start, end) \
                    and row[0][1] in (OPEN, AMBIG) and self._compatible(carried[1], row[0][2]):
                row = row[1:]     # the opening mark repeated at a continued paragraph
            line_quotes = len(self.out)
            leftover = self._pair_line(row, start, carried)
            carried = None
            if leftover is None:
                continue
            open_pos, family, first_end = leftover
            first_end = first_end if first_end is not None else end
            nxt = per_line[i + 1] if i + 1 < len(lines) else []
            continues = (
                i + 1 < len(lines)
                and nxt
                and lines[i + 1][1] - open_pos <= MAX_CARRY_CHARS
                and self._compatible(family, nxt[0][2])
                and (nxt[0][1] in (CLOSE, CLOSE_WEAK, AMBIG)
                     or (nxt[0][1] == OPEN and nxt[0][0] == self._first_visible(*lines[i + 1])))
            )
            if continues:
                carried = (open_pos, family, first_end)
            else:
                stop = end if end - open_pos <= MAX_UNTERMINATED else first_end
                stop = self._before_next_quote(open_pos, stop, line_quotes)
                self.out.append(RawQuote(open_pos, None, open_pos + 1, stop, "unterminated"))
        return self.out

    def _before_next_quote(self, open_pos: int, stop: int, first: int) -> int:
        """Where a quote never closed ends when the paragraph opens and closes another quote
        after it ('أكد أن "… يومياً. وتوقع أن "…"', '"No, I don't…, Chad replied. "I think…"'):
        the writer forgot a closing mark, so the first quote ends with its first sentence, or
        before the next quote when no sentence ends in between."""
        # (a quote proper, not a word or a name in scare quotes inside it: و"إسرائيل")
        following = [q.open_pos for q in self.out[first:]
                     if q.status == "closed" and q.open_pos is not None and open_pos < q.open_pos < stop
                     and len(self.text[q.start:min(q.end, q.start + _WORDS_SLICE)].split()) >= _MIN_QUOTE_WORDS]
        if not following:
            return stop
        nxt = min(following)
        m = _SENTENCE_END.search(self.text, open_pos + 1, nxt)
        if m is None:
            return nxt
        # '…in conflict, Chad replied.': the sentence ends with its attribution, not the words
        comma = max(self.text.rfind(c, open_pos + 1, m.start()) for c in ",\u060c")
        if comma > open_pos:
            tail = self.text[comma + 1:m.start()].split()
            if 0 < len(tail) <= _ATTRIBUTION_WORDS and any(is_reporting_verb(fold_token(w)) for w in tail):
                return comma + 1
        return m.end()

    def _first_visible(self, start: int, end: int) -> int:
        pos = start
        while pos < end and self.text[pos].isspace():
            pos += 1
        return pos

    @staticmethod
    def _compatible(a: str, b: str) -> bool:
        return a == b or {a, b} == {"D", "G"}

    def _pair_line(self, row, line_start, carried):
        """Pair the marks of one line; return the outermost opener left open, if any."""
        stack: list[tuple[int, str, bool, int | None]] = []
        counts = {"D": 0, "G": 0, "S": 0}
        if carried:
            stack.append((carried[0], carried[1], False, carried[2]))
            counts[carried[1]] += 1
        boundary = line_start
        for pos, kind, family in row:
            closing = kind in (CLOSE, CLOSE_WEAK) or (kind == AMBIG and counts[family] > 0)
            if not closing:
                stack.append((pos, family, kind == OPEN_WEAK, None))
                counts[family] += 1
                continue
            target = family if counts[family] else next(
                (f for f in ("D", "G") if family in ("D", "G") and counts[f]), None)
            if target is None:
                if kind == CLOSE and not stack:
                    self.out.append(RawQuote(None, pos, boundary, pos, "orphan"))
                    boundary = pos + 1
                continue
            while True:
                open_pos, open_family, _, _ = stack.pop()
                counts[open_family] -= 1
                if open_family == target:
                    break
            self.out.append(RawQuote(open_pos, pos, open_pos + 1, pos, "closed", depth=len(stack)))
            boundary = pos + 1
        strong = [entry for entry in stack if not entry[2] and entry[1] != "S"]
        if not strong:
            return None
        open_pos, family, _, first_end = strong[0]
        return open_pos, family, first_end


def pair_quote_marks(text: str) -> list[RawQuote]:
    """All candidate quote spans in ``text`` from its quote marks, in no particular order."""
    return _Pairer(text).run()
