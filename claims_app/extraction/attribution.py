"""Who said a quote: reporting cues around it, continuations, titled mentions, a signature.

The article is read once in text order. Each quote takes the speaker named by the nearest
reporting cue before it (``وقال ساعر:``, ``X said that``) or right after it (``", אמר X``,
``"، بحسب ساعر``); a cue without a name (``وأضاف:``, ``He added``) refers to the previous
speaker. A quote with no cue at all inherits the previous speaker, else the person the text
last introduced with a title, else the signature of an opinion piece. Each fallback lowers the
confidence; when nothing applies the speaker stays None.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

import regex

from .lexicon_speech import (ANONYMOUS_SOURCES, COUNTRY_WORDS, CUE_FORMS, ENGLISH_ROLE_NOUNS, PARTICIPLES, PRONOUN_SOURCES,
                             PRONOUNS, SOURCE_PREPOSITIONS, STOP_WORDS, TITLE_HEADS,
                             is_plural_verb, is_reporting_verb, strip_clitic)
from .normalize import fold_text, fold_token
from .speakers import names_match, title_length

# Words: letters, digits and combining marks (Arabic harakat, niqqud), with inner apostrophes
# and gershayim (Sa'ar, ארה"ב) and a trailing Hebrew geresh (סמוטריץ'). Plain ``re`` is used
# because it is markedly faster than ``regex`` on this hot path.
_W = "[\\w\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
TOKEN = re.compile(
    _W + "+(?:(?:['’׳״]|(?<=[\u05d0-\u05ea])\"(?=[\u05d0-\u05ea]))" + _W + "+)*"
    "(?:(?<=[\u05d0-\u05ea])['׳](?!" + _W + "))?")

_LATIN = regex.compile(r"[A-Za-z\u00c0-\u024f]")
_ARABIC = regex.compile(r"[\u0620-\u064a]")
_HEBREW = regex.compile(r"[\u05d0-\u05ea]")
_SENTENCE_END = regex.compile(r"[.!?؟\n\u2029]")
_PREP_DEFINITE = ("بال", "لل", "وال", "فال", "كال", "وبال", "وللا")
_NAME_ENDERS = frozenset(fold_token(w) for w in "البالغ الذي التي السابق الحالي الجديد نفسه".split())
_INTRODUCERS = frozenset(fold_token(w) for w in "إن أن فإن بأن انه أنه إنه that ש כי".split())
_ARABIC_PREPOSITIONS = frozenset(fold_token(w) for w in "في مع عن على إلى الى من ل ب".split())

_RELATIONAL = frozenset(fold_token(w) for w in "نظير زميل صديق خصم منافس".split())

WINDOW_BEFORE = 300
_RECENT = 20
WINDOW_AFTER = 160


@dataclass(slots=True)
class Speaker:
    name: str
    start: int
    end: int


@dataclass(slots=True)
class Attribution:
    speaker: Speaker | None
    confidence: float


class _Found:
    """What one cue says: a named speaker, a pronoun/continuation, or an anonymous source."""
    __slots__ = ("kind", "speaker")

    def __init__(self, kind: str, speaker: Speaker | None = None):
        self.kind = kind            # named | continue | anonymous | none
        self.speaker = speaker


class Attributor:
    def __init__(self, text: str, quoted: list[tuple[int, int]]):
        self.text = text
        self.tokens = [m.span() for m in TOKEN.finditer(text)]
        self.starts = [s for s, _ in self.tokens]
        # Folding the whole text at once and re-tokenizing is much faster than folding each
        # token; when folding changed the token boundaries, fold token by token instead.
        folded = TOKEN.findall(fold_text(text))
        if len(folded) != len(self.tokens):
            folded = [fold_token(text[a:b]) for a, b in self.tokens]
        self.folded = folded
        self.cue_idx = [i for i, f in enumerate(folded) if f in CUE_FORMS]
        self.quoted = sorted(quoted)
        self.quoted_starts = [a for a, _ in self.quoted]
        self.speakers: list[Speaker] = []      # distinct recent speakers, latest last
        self.last: tuple[int, Speaker] | None = None
        self.head_idx = [i for i, f in enumerate(folded) if f in TITLE_HEADS]
        self._mention_cache: dict[int, tuple[str, Speaker] | None] = {}
        self._signature_found: tuple[Speaker | None] | None = None

    def mention_before(self, pos: int, head: str | None = None) -> Speaker | None:
        """The latest person introduced with a title (``head`` if given) before ``pos``.

        Looked up backwards over at most _RECENT title words, so the cost per quote is bounded.
        """
        k = bisect_left(self.head_idx, bisect_left(self.starts, pos))
        for i in reversed(self.head_idx[max(0, k - _RECENT):k]):
            if i not in self._mention_cache:
                self._mention_cache[i] = None      # guards the recursion through name_after
                self._mention_cache[i] = self._titled_mention(i)
            mention = self._mention_cache[i]
            if mention and mention[1].end <= pos and (head is None or mention[0] == head):
                return mention[1]
        return None

    @property
    def signature(self) -> Speaker | None:
        if self._signature_found is None:
            self._signature_found = (self._signature(),)
        return self._signature_found[0]

    # -- tokens -------------------------------------------------------------------------
    def fold(self, i: int) -> str:
        return self.folded[i]

    def cues_between(self, lo: int, hi: int) -> list[int]:
        """Indices of cue tokens among tokens lo..hi-1."""
        return self.cue_idx[bisect_left(self.cue_idx, lo):bisect_left(self.cue_idx, hi)]

    def raw(self, i: int) -> str:
        return self.text[self.tokens[i][0]:self.tokens[i][1]]

    def joined(self, i: int, j: int) -> bool:
        """Tokens i and j=i+1 are in the same phrase (only spaces or a hyphen between)."""
        gap = self.text[self.tokens[i][1]:self.tokens[j][0]]
        return len(gap) <= 3 and all(ch.isspace() or ch in "-־\u0640" for ch in gap)

    def in_quote(self, pos: int) -> bool:
        k = bisect_left(self.quoted_starts, pos + 1) - 1
        return k >= 0 and self.quoted[k][0] <= pos < self.quoted[k][1]

    def token_range(self, start: int, end: int) -> range:
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))

    # -- names ----------------------------------------------------------------------------
    def _stops_name(self, i: int) -> bool:
        folded = self.fold(i)
        return (folded in STOP_WORDS or is_reporting_verb(folded) or folded in PARTICIPLES
                or folded.startswith(_PREP_DEFINITE) or self.in_quote(self.tokens[i][0])
                or self.in_quote(self.tokens[i][1] - 1))

    def _make_speaker(self, idx: list[int]) -> _Found:
        if not idx:
            return _Found("none")
        first = self.fold(idx[0])
        if first in PRONOUNS:
            return _Found("continue")
        if first in ANONYMOUS_SOURCES or (len(idx) > 1 and first in ("a", "an")
                                          and self.fold(idx[1]) in ANONYMOUS_SOURCES):
            return _Found("anonymous")
        raws = [self.raw(i) for i in idx]
        # a placeholder name lets every title word be counted, so a bare role is recognised
        cut = min(title_length(raws + ["_"]), len(idx))
        if cut == len(idx):
            if len(idx) == 1:
                resolved = self._resolve_role(self.fold(idx[0]))
                if resolved:
                    return _Found("named", resolved)
            name_idx = idx
        else:
            name_idx = self._trim_name(idx[cut:]) if cut else idx
        if len(name_idx) > 3:
            return _Found("none")
        start, end = self.tokens[name_idx[0]][0], self.tokens[name_idx[-1]][1]
        return _Found("named", Speaker(self.text[start:end], start, end))

    def _trim_name(self, idx: list[int]) -> list[int]:
        out: list[int] = []
        for i in idx[:3]:
            folded = self.fold(i)
            if out and folded in _NAME_ENDERS:
                break
            out.append(i)
        return out

    def _resolve_role(self, head: str) -> Speaker | None:
        head = head[2:] if head.startswith("ال") else head[1:] if head.startswith("ה") else head
        return self.mention_before(self._cursor, head)

    def name_after(self, i: int, limit: int) -> _Found:
        idx: list[int] = []
        j = i + 1
        if j >= len(self.tokens):
            return _Found("none")
        english = bool(_LATIN.match(self.raw(max(i, 0))))
        while j < limit and len(idx) < 8 and self.joined(j - 1, j):
            raw = self.raw(j)
            folded = self.fold(j)
            if english:
                if folded in PRONOUNS and not idx:
                    return _Found("continue")
                if folded in ("the", "a", "an") and not idx:
                    idx.append(j)
                elif raw[:1].isupper() or folded in ("of", "'s") or (idx and folded in ENGLISH_ROLE_NOUNS):
                    idx.append(j)
                else:
                    break
            else:
                if self._stops_name(j):
                    break
                idx.append(j)
            j += 1
        if english and idx and self.fold(idx[0]) in ("the", "a", "an"):
            if len(idx) < 2:
                return _Found("none")
        return self._make_speaker(idx)

    def name_before(self, i: int, floor: int) -> _Found:
        idx: list[int] = []
        j = i - 1
        english = bool(_LATIN.match(self.raw(i)))
        while j >= floor and len(idx) < 6 and self.joined(j, j + 1):
            raw = self.raw(j)
            folded = self.fold(j)
            if english:
                if folded in PRONOUNS and not idx:
                    return _Found("continue")
                if raw[:1].isupper() or folded in ENGLISH_ROLE_NOUNS or folded in ("of", "the"):
                    idx.append(j)
                else:
                    break
            else:
                if self._stops_name(j):
                    break
                idx.append(j)
            j -= 1
        idx.reverse()
        while idx and self.fold(idx[0]) in ("of", "the") and len(idx) > 1 and \
                self.fold(idx[0]) == "of":
            idx = idx[1:]
        if english and idx and self.fold(idx[-1]) in ("of", "the"):
            return _Found("none")
        if not english and idx and j >= floor and not self._clause_start(j):
            return _Found("none")
        return self._make_speaker(idx)

    def _clause_start(self, j: int) -> bool:
        """Token j ends what comes before a subject: a stop word or punctuation after it."""
        return self.fold(j) in STOP_WORDS or not self.joined(j, j + 1)

    def _remember(self, speaker: Speaker) -> None:
        # bounded and deduplicated, so that long texts with many quotes stay linear
        self.speakers = [s for s in self.speakers if s.name != speaker.name][-(_RECENT - 1):]
        self.speakers.append(speaker)

    def known_in(self, lo: int, hi: int) -> Speaker | None:
        """The first earlier speaker whose surname appears among tokens lo..hi."""
        for i in range(lo, hi):
            raw = self.raw(i)
            folded = self.fold(i)
            if len(raw) < 3 or folded in COUNTRY_WORDS or folded in STOP_WORDS:
                continue
            for speaker in reversed(self.speakers):
                surname = TOKEN.findall(speaker.name)[-1:]
                if surname and fold_token(surname[0]) not in COUNTRY_WORDS and names_match(raw, surname[0]):
                    start, end = self.tokens[i]
                    return Speaker(raw, start, end)
        return None

    # -- cues -------------------------------------------------------------------------------
    def cue_at(self, i: int, lo: int, hi: int, strict: bool = False) -> _Found | None:
        folded = self.fold(i)
        if folded in PRONOUN_SOURCES:
            return _Found("continue")
        if strip_clitic(folded, SOURCE_PREPOSITIONS) or (
                folded == "according" and i + 1 < hi and self.fold(i + 1) == "to"):
            start = i + 1 if folded != "according" else i + 2
            if start < hi and self.fold(start) in ("ل", "to"):
                start += 1
            return self._after_preposition(start, hi)
        if strip_clitic(folded, PARTICIPLES):
            return self._participle(i, lo)
        if is_plural_verb(folded):
            return _Found("anonymous")
        if is_reporting_verb(folded):
            english = bool(_LATIN.match(self.raw(i)))
            found = self.name_before(i, lo) if english else self.name_after(i, hi)
            if found.kind == "none" and not strict:
                found = self.name_after(i, hi) if english else self.name_before(i, lo)
            if found.kind == "none":
                return _Found("continue")
            return found
        return None

    def _after_preposition(self, start: int, hi: int) -> _Found:
        if start >= hi:
            return _Found("none")
        folded = self.fold(start)
        if _ARABIC.match(folded) and folded.startswith("ل") and len(folded) > 3:
            # وفقا لمكتب هرتسوغ: the ل belongs to the preposition
            shifted = self.name_after(start - 1, hi)
            if shifted.kind == "named" and shifted.speaker.start == self.tokens[start][0]:
                sp = shifted.speaker
                cut = 2 if folded.startswith("لل") else 1
                name = sp.name[cut:]
                if cut == 2:
                    return _Found("named", Speaker(name, sp.start + cut, sp.end)) \
                        if title_length([name]) == 0 else _Found("none")
                return _Found("named", Speaker(name, sp.start + cut, sp.end))
            return shifted
        return self.name_after(start - 1, hi)

    def _participle(self, i: int, lo: int) -> _Found:
        for j in range(i - 1, lo - 1, -1):
            if is_reporting_verb(self.fold(j)):
                found = self.cue_at(j, lo, i)
                if found and found.kind == "named":
                    return found
                break
        known = self.known_in(lo, i)
        if known:
            return _Found("named", known)
        subject = self._clause_subject(lo, i)
        if subject is not None:
            return subject
        # the words just before a participle end the clause, they are not its subject
        return _Found("continue")

    # -- context ------------------------------------------------------------------------
    def _clause_subject(self, lo: int, hi: int) -> _Found | None:
        """The subject after a clause-initial verb: وانتقد أبو مازن القرار قائلا -> أبو مازن."""
        if hi - lo < 2:
            return None
        first = self.fold(lo)
        if _ARABIC.match(first) and first[0] in "وف" and len(first) > 3 and first not in STOP_WORDS:
            idx = []
            for j in range(lo + 1, min(hi, lo + 6)):
                folded = self.fold(j)
                if not self.joined(j - 1, j) or self._stops_name(j) or folded.endswith(("ه", "ها")) \
                        and folded not in TITLE_HEADS and len(idx) == 0 and folded[:-1] in _RELATIONAL:
                    break
                if folded.startswith("ال") and not (idx and self.fold(idx[-1]) in TITLE_HEADS) \
                        and folded not in TITLE_HEADS:
                    break
                idx.append(j)
            found = self._make_speaker(idx)
            return found if found.kind == "named" else None
        if _LATIN.match(first) and self.raw(lo)[:1].isupper() and first not in STOP_WORDS:
            idx = [lo]
            for j in range(lo + 1, min(hi, lo + 5)):
                if not self.joined(j - 1, j) or not self.raw(j)[:1].isupper():
                    break
                idx.append(j)
            found = self._make_speaker(idx)
            return found if found.kind == "named" else None
        return None

    def _titled_mention(self, i: int) -> tuple[str, Speaker] | None:
        """(title head, person) for the title word at token i, when a name follows it."""
        folded = self.fold(i)
        if not _ARABIC.match(folded) and not _HEBREW.match(folded):
            return None
        if i > 0 and self.joined(i - 1, i) and self.fold(i - 1) in _ARABIC_PREPOSITIONS:
            return None    # "لرئيس الوزراء X": an oblique mention, not the topic of the text
        n = len(self.tokens)
        found = self.name_after(i - 1, min(n, i + 9))
        if found.kind == "named" and found.speaker.start > self.tokens[i][0]:
            head = folded[2:] if folded.startswith("ال") else folded[1:] \
                if folded.startswith("ה") else folded
            return head, found.speaker
        return None

    def _signature(self) -> Speaker | None:
        lines = [m for m in regex.finditer(r"[^\n]+", self.text[-1500:]) if m.group().strip()]
        offset = max(0, len(self.text) - 1500)
        for k in range(len(lines) - 1, max(-1, len(lines) - 5), -1):
            line = lines[k].group().strip()
            words = TOKEN.findall(line)
            if not 2 <= len(words) <= 4 or regex.search(r"[.:!?؟\"“”«»]", line):
                continue
            following = lines[k + 1].group() if k + 1 < len(lines) else ""
            titled = any(fold_token(w) in TITLE_HEADS for w in TOKEN.findall(following)[:4])
            if line.endswith(",") or line.endswith("،") or titled:
                core = line.rstrip(",، ")
                start = offset + lines[k].start() + lines[k].group().index(core)
                return Speaker(core, start, start + len(core))
        return None

    # -- one quote ------------------------------------------------------------------------
    def attribute(self, open_pos: int, close_end: int, para_start: int, para_end: int,
                  prev_quote_end: int) -> Attribution:
        self._cursor = open_pos
        text = self.text
        lo_char = max(para_start, prev_quote_end, open_pos - WINDOW_BEFORE)
        before = self.token_range(lo_char, open_pos)
        hi_char = min(para_end, close_end + WINDOW_AFTER)
        m = _SENTENCE_END.search(text, close_end, hi_char)
        if m:
            hi_char = m.start()
        nxt = bisect_left(self.quoted_starts, close_end)
        if nxt < len(self.quoted) and self.quoted[nxt][0] < hi_char:
            hi_char = self.quoted[nxt][0]
        after = self.token_range(close_end, hi_char)

        introduced = self._introduced(open_pos, before)
        found_before = self._scan_before(before)
        found_after = self._scan_after(after)
        chosen = None
        for found in ((found_before, found_after) if introduced else (found_after, found_before)):
            if found and found.kind in ("named", "anonymous"):
                chosen = found
                break
        if chosen is None:
            chosen = next((f for f in (found_before, found_after) if f and f.kind == "continue"), None)
        return self._settle(chosen, open_pos)

    def _introduced(self, open_pos: int, before: range) -> bool:
        tail = self.text[max(0, open_pos - 3):open_pos].strip()
        if tail.endswith((":", "،", ",")):
            return True
        if before:
            last = before[-1]
            folded = self.fold(last)
            return (folded in _INTRODUCERS or is_reporting_verb(folded)
                    or strip_clitic(folded, PARTICIPLES) is not None)
        return False

    def _scan_before(self, before: range) -> _Found | None:
        if not before:
            return None
        lo, hi = before.start, before.stop
        fallback = None
        for i in reversed(self.cues_between(lo, hi)):
            found = self.cue_at(i, lo, hi)
            if found is None:
                continue
            if found.kind in ("named", "anonymous"):
                return found
            fallback = fallback or found
        return fallback

    def _scan_after(self, after: range) -> _Found | None:
        lo, hi = after.start, after.stop
        for i in range(lo, min(hi, lo + 5)):
            found = self.cue_at(i, lo, hi)
            if found is not None:
                return found
        return None

    def _settle(self, chosen: _Found | None, open_pos: int) -> Attribution:
        if chosen is not None and chosen.kind == "named":
            self._remember(chosen.speaker)
            self.last = (open_pos, chosen.speaker)
            return Attribution(chosen.speaker, 0.9)
        if chosen is not None and chosen.kind == "anonymous":
            return Attribution(None, 0.6)
        if self.last is not None:
            return Attribution(self.last[1], 0.7 if chosen is not None else 0.45)
        mention = self.mention_before(open_pos)
        if mention is not None:
            self.last = (open_pos, mention)
            self._remember(mention)
            return Attribution(mention, 0.4)
        if self.signature is not None:
            return Attribution(self.signature, 0.35)
        return Attribution(None, 0.0)

    def note_narrative_cues(self, upto: int) -> None:
        """Let the latest reporting verb outside quotes, before ``upto``, set the previous speaker.

        Only the nearest _RECENT cues since the last call are examined, newest first.
        """
        start = self._narrative_pos
        span = self.token_range(start, upto)
        for i in reversed(self.cues_between(span.start, span.stop)[-_RECENT:]):
            if self.in_quote(self.tokens[i][0]):
                continue
            folded = self.fold(i)
            if not is_reporting_verb(folded) and not strip_clitic(folded, SOURCE_PREPOSITIONS):
                continue
            lo = self._sentence_start(i)
            hi = self._sentence_end(i)
            found = self.cue_at(i, lo, hi, strict=True)
            if found is not None and found.kind == "named" and len(TOKEN.findall(found.speaker.name)) <= 3:
                self._remember(found.speaker)
                self.last = (self.tokens[i][0], found.speaker)
                break
        self._narrative_pos = max(start, upto)

    _narrative_pos = 0
    _cursor = 0

    def _sentence_start(self, i: int) -> int:
        lo = i
        while lo > 0 and i - lo < 40 and self.joined_loose(lo - 1, lo):
            lo -= 1
        return lo

    def _sentence_end(self, i: int) -> int:
        hi = i + 1
        while hi < len(self.tokens) and hi - i < 40 and self.joined_loose(hi - 1, hi):
            hi += 1
        return hi

    def joined_loose(self, i: int, j: int) -> bool:
        gap = self.text[self.tokens[i][1]:self.tokens[j][0]]
        return not _SENTENCE_END.search(gap) and not any(ch in gap for ch in "\"“”«»„")
