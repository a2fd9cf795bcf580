"""Tokens for the numeric-claim extractor: words, numerals and single punctuation marks.

Whitespace and invisible direction marks are not tokens; a token only records whether a space or
a line break stood before it. Digit runs split by thousands separators, a decimal mark or an
invisible mark are merged into one numeral with a ``Decimal`` value. Everything here is one
left-to-right pass, so run time stays linear on any input.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from .lexicon import key

_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_HEB = "\u05d0-\u05ea\ufb1d-\ufb4f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
# Marks the rules look at one by one; any other run of symbols (quote marks, brackets, emoji) is one
# token, so a long run of stray marks costs one token, not one per character.
_SIGNIFICANT = "%\u066a\uff05\ufe6a$\u20ac\u00a3\u20aa\u20bc\u00a5\u20ba\u20bd\u20b9\ufdfc\\-\u2013\u2014\u2012\u2212\u05be\u2010.!?\u061f\u061b;,\u060c:/+#\u2116~"
_MARK = "\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u00ad"
_SEP = ",\u066c.\u066b'\u2019/:\\-\u2013"
_SPACE = " \u00a0\u2009\u202f\u2007\u2008\u200a"
# Each row is (gap, numeral, word, mark): the whitespace and invisible marks before a token and
# the token in its group. The gap is possessive and every other character starts a token, so
# nothing is ever retried; the text's trailing gap comes as a row without a token. A numeral is
# digits with everything that can sit inside one written number, matched in one go (possessive,
# so a long run of digits and marks costs one pass); _numeral then splits it where it must.
_TOKEN = regex.compile(
    rf"([\s\p{{Cf}}]*+)(?:(?P<n>[{_DIGIT}]++(?:[{_MARK}]*+[{_SEP}][{_MARK}]*+[{_DIGIT}]++|[{_MARK}]++[{_DIGIT}]++"
    rf"|[{_SPACE}][{_DIGIT}]{{3}}(?![{_DIGIT}]))*+)"
    rf"|(?P<w>[{_HEB}]+(?:[\"\u05f4\u05f3'][{_HEB}]+)*[\u05f3']?"
    r"|[\p{L}\p{M}][\p{L}\p{M}\u200c\u200d]*)"
    rf"|(?P<p>[{_SIGNIFICANT}]|[^\s\p{{Cf}}\p{{L}}\p{{M}}{_DIGIT}{_SIGNIFICANT}]+)|\Z)"
)
_INNER = regex.compile(rf"(?P<n>[{_DIGIT}]+)|(?P<p>[^\s\p{{Cf}}])")
_DIGIT_RUN = regex.compile(rf"[{_DIGIT}]+")
# More digit runs than this in one chain is a table row, a serial or junk, never one quantity.
_MAX_RUNS = 8
_MAX_CHARS = 40
_TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                       "\u2066\u2067\u2068\u2069\ufeff\u00ad")
_SPACE_SEPARATORS = frozenset(" \u00a0\u2009\u202f\u2007\u2008\u200a")
_GROUP_MARKS = frozenset(",٬'’")
_DECIMAL_MARKS = frozenset(".٫")
# No real quantity has more digit groups than this; stopping here keeps long digit runs linear.
_MAX_GROUPS = 8


class Tok:
    __slots__ = ("kind", "start", "end", "text", "key", "value", "flags", "sp", "nl")

    def __init__(self, kind: str, start: int, end: int, text: str, key: str, value: Decimal | None,
                 flags: str, sp: bool, nl: bool) -> None:
        self.kind = kind            # "n" numeral, "w" word, "p" punctuation mark
        self.start = start
        self.end = end
        self.text = text
        self.key = key              # lookup key of a word (see lexicon_numbers.key); the text otherwise
        self.value = value          # numerals only
        self.flags = flags          # numerals: "s" separators, "d" decimal, "/" slashed, ":" clock, "." dotted
        self.sp = sp                # whitespace (or an invisible mark) before it
        self.nl = nl                # a line break before it

    def __repr__(self) -> str:
        return f"Tok({self.kind}:{self.text!r}@{self.start})"


def _numtok(start: int, end: int, text: str, sp: bool, nl: bool, value=None, flags: str = "") -> Tok:
    return Tok("n", start, end, text, text, value, flags, sp, nl)


def _only_invisible(gap: str) -> bool:
    return all(c in _INVISIBLE for c in gap)


def _one_space(gap: str) -> bool:
    seen = 0
    for c in gap:
        if c in _SPACE_SEPARATORS:
            seen += 1
        elif c not in _INVISIBLE:
            return False
    return seen == 1


def tokenize(text: str, decimal_comma: bool = False) -> list[Tok]:
    """The tokens of ``text``; ``decimal_comma`` for languages that write "2,5" for 2.5 and
    group digits with dots ("100.000"). Elsewhere a comma before one or two digits is a
    decimal comma too ("2,5 %"): a thousands separator is always followed by three."""
    out: list[Tok] = []
    append = out.append
    new = object.__new__
    at = 0
    for gap, num, word, mark in _TOKEN.findall(text):
        if gap:
            s = at + len(gap)
            sp = True
            nl = gap != " " and ("\n" in gap or "\r" in gap or "\u2029" in gap)
        else:
            s = at
            sp = nl = False
        if word or mark:
            tok = new(Tok)
            if word:
                at = s + len(word)
                tok.kind, tok.text, tok.key = "w", word, key(word)
            else:
                at = s + len(mark)
                tok.kind, tok.text, tok.key = "p", mark, mark
            tok.start, tok.end, tok.value, tok.flags, tok.sp, tok.nl = s, at, None, "", sp, nl
            append(tok)
        elif num:
            at = s + len(num)
            _numerals(text, num, s, at, sp, nl, out, decimal_comma)
    return out


def _numerals(text: str, chunk: str, s: int, e: int, sp: bool, nl: bool, out: list[Tok],
              decimal_comma: bool = False) -> None:
    """Split one chain of digits and marks into numerals and marks (see _numeral)."""
    if len(chunk) > _MAX_CHARS:
        out.append(_numtok(s, e, chunk, sp, nl, flags="x"))   # junk: no quantity has this many digits
        return
    if chunk.isdigit() and chunk.isascii():
        out.append(_numtok(s, e, chunk, sp, nl, value=Decimal(chunk)))
        return
    runs = _DIGIT_RUN.findall(chunk)
    if len(runs) > _MAX_RUNS:
        out.append(_numtok(s, e, chunk, sp, nl, flags="x"))   # junk: never a claim
        return
    inner = [(m.lastgroup, s + m.start(), s + m.end()) for m in _INNER.finditer(chunk)]
    prev_end = s
    j = 0
    while j < len(inner):
        k, s2, e2 = inner[j]
        isp, inl = (sp, nl) if j == 0 else (s2 != prev_end, False)
        if k == "n":
            j, tok = _numeral(text, inner, j, isp, inl, decimal_comma)
        else:
            tok = Tok("p", s2, e2, text[s2:e2], text[s2:e2], None, "", isp, inl)
            j += 1
        out.append(tok)
        prev_end = tok.end


def _numeral(text: str, raw: list, i: int, sp: bool, nl: bool,
             decimal_comma: bool = False) -> tuple[int, Tok]:
    """Merge a digit run with what follows it into one numeral; returns (next raw index, token)."""
    _, s, e = raw[i]
    int_part = text[s:e].translate(_TO_ASCII)
    frac = ""
    flags = ""
    group_mark = None
    end = e
    i += 1
    n = len(raw)
    groups = 0
    while i < n and groups < _MAX_GROUPS:
        groups += 1
        kind, s2, e2 = raw[i]
        gap = text[end:s2]
        if kind == "n" and gap and _only_invisible(gap):
            digits = text[s2:e2].translate(_TO_ASCII)
            if frac:
                frac += digits
            else:
                int_part += digits
            end, i = e2, i + 1
            continue
        if kind == "n" and _one_space(gap) and not frac and e2 - s2 == 3 and group_mark in (None, " "):
            if len(int_part) <= 3 or group_mark == " ":
                int_part += text[s2:e2].translate(_TO_ASCII)
                group_mark, end, i = " ", e2, i + 1
                flags = flags if "s" in flags else flags + "s"
                continue
            break
        if kind != "p" or not _only_invisible(gap) or i + 1 >= n:
            break
        mark = text[s2]
        nkind, s3, e3 = raw[i + 1]
        if nkind != "n" or not _only_invisible(text[e2:s3]):
            break
        digits = text[s3:e3].translate(_TO_ASCII)
        comma_decimal = mark == "," and (decimal_comma or (len(digits) <= 2 and group_mark is None))
        group = (_DECIMAL_MARKS if decimal_comma else _GROUP_MARKS) if mark in ".," else _GROUP_MARKS
        if mark in group and not frac and len(digits) == 3 and group_mark in (None, mark) \
                and (group_mark or len(int_part) <= 3) and not (decimal_comma and mark == ","):
            int_part += digits
            group_mark = mark
            flags = flags if "s" in flags else flags + "s"
        elif comma_decimal and not frac:
            frac = digits
            flags += "d"
        elif mark in _DECIMAL_MARKS and not frac and "." not in flags:
            # "7.10.2023" is a date, "1.000.000" is grouped with dots.
            after = raw[i + 2] if i + 2 < n else None
            if mark == "." and after and after[0] == "p" and text[after[1]] == "." and after[1] == e3:
                flags += "."
                frac = digits
            else:
                frac = digits
                flags += "d"
        elif mark in "/:":
            flags = flags if mark in flags else flags + mark
            int_part = int_part or "0"
        elif mark == "." and "." in flags:
            pass
        else:
            break
        end, i = e3, i + 2
    try:
        value = Decimal(int_part + ("." + frac if frac and "d" in flags else ""))
    except InvalidOperation:
        value = None
    return i, _numtok(s, end, text[s:end], sp, nl, value, flags)
