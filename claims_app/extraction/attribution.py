"""Who said a quote: reporting cues around it, continuations, titled mentions, a signature.

The article is read once in text order. Each quote takes the speaker named by the nearest
reporting cue before it (``وقال ساعر:``, ``X said that``) or right after it (``", אמר X``,
``"، بحسب ساعر``); a cue without a name (``وأضاف:``, ``He added``) refers to the previous
speaker. A quote with no cue at all inherits the previous speaker, else the person the text
last introduced with a title, else the signature of an opinion piece. Each fallback lowers the
confidence; when nothing applies the speaker stays None.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import regex

from .attribution_names import (_ABBREVIATED_TITLES, _ARABIC, _HEBREW, _LATIN, _RECENT,
                                _SENTENCE_END, TOKEN, WINDOW_AFTER, WINDOW_BEFORE, NameReader,
                                Speaker, _Found)
from .lexicon_speech import (ANONYMOUS_SOURCES, CUE_FORMS, OBJECT_VERBS, PARTICIPLES, PRONOUN_SOURCES, SAYING_NOUNS,
                             SOURCE_PREPOSITIONS, TITLE_HEADS, is_plural_verb, is_reporting_verb,
                             strip_clitic)
from .normalize import fold_text_aligned, fold_token
from .speakers import title_length

_INTRODUCERS = frozenset(fold_token(w) for w in "إن أن فإن بأن انه أنه إنه that ש כי".split())
_ARABIC_PREPOSITIONS = frozenset(fold_token(w) for w in "في مع عن على إلى الى من ل ب".split())

_FAR = 3000     # characters after which an inherited speaker loses confidence

__all__ = ["TOKEN", "Attribution", "Attributor", "Speaker"]


@dataclass(slots=True)
class Attribution:
    speaker: Speaker | None
    confidence: float


class Attributor(NameReader):
    def __init__(self, text: str, quoted: list[tuple[int, int]]):
        self.text = text
        # Text after the last quote's context is never looked at.
        limit = min(len(text), max((b for _, b in quoted), default=0) + WINDOW_AFTER + 400)
        # One pass over a length-preserving folded copy gives both the offsets and the folded
        # words: far cheaper than folding word by word.
        aligned = fold_text_aligned(text)
        if aligned is not None:
            matches = list(TOKEN.finditer(aligned, 0, limit))
            self.tokens = [m.span() for m in matches]
            folded = [m.group() for m in matches]
            folded = [f.replace("\u0640", "") if "\u0640" in f else f for f in folded]
        else:
            self.tokens = [m.span() for m in TOKEN.finditer(text, 0, limit)]
            folded = [fold_token(text[a:b]) for a, b in self.tokens]
        self.starts = [s for s, _ in self.tokens]
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
        if strip_clitic(folded, SAYING_NOUNS):
            return self._reported_from(i, lo)
        if is_reporting_verb(folded):
            english = bool(_LATIN.match(self.raw(i)))
            # subject-first order is the norm in English and common in Hebrew ("נתניהו אמר");
            # Arabic puts the verb first ("وقال ساعر")
            subject_first = english or _HEBREW.match(folded) is not None
            found = self.name_before(i, lo) if subject_first else self.name_after(i, hi)
            if english and folded in OBJECT_VERBS:
                # "X told Reuters": what follows is the listener, never the speaker
                return found if found.kind != "none" else _Found("continue")
            if found.kind == "none" and not strict:
                found = self.name_after(i, hi) if subject_first else self.name_before(i, lo)
            if found.kind == "none":
                return _Found("continue")
            return found
        return None

    def _reported_from(self, i: int, lo: int) -> _Found:
        """"نقلت عن مسؤول إسرائيلي قوله": the speaker sits between عن and قوله."""
        for j in range(i - 1, max(lo, i - 6) - 1, -1):
            if self.fold(j) in ("عن", "from"):
                return self._make_speaker(list(range(j + 1, i)))
        return _Found("continue")

    def _after_preposition(self, start: int, hi: int) -> _Found:
        if start >= hi:
            return _Found("none")
        if any(self.fold(j) in ANONYMOUS_SOURCES for j in range(start, min(hi, start + 3))):
            return _Found("anonymous")    # "according to a senior official"
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
    def _titled_mention(self, i: int) -> tuple[str, Speaker] | None:
        """(title head, person) for the title word at token i, when a name follows it."""
        folded = self.fold(i)
        if not _ARABIC.match(folded) and not _HEBREW.match(folded):
            return None
        if i > 0 and self.joined(i - 1, i) and self.fold(i - 1) in _ARABIC_PREPOSITIONS:
            return None    # "لرئيس الوزراء X": an oblique mention, not the topic of the text
        n = len(self.tokens)
        found = self.name_from(i, min(n, i + 9))
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
        while m and m.group() == "." and text[max(0, m.start() - 4):m.start()].lower().rsplit(
                " ", 1)[-1] in _ABBREVIATED_TITLES:
            m = _SENTENCE_END.search(text, m.end(), hi_char)    # "said Mr. Smith."
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
        if chosen is None and self.text[max(0, open_pos - 3):open_pos].rstrip().endswith(":"):
            # "ח"כ יאיר גולן תקף:" with a verb we do not know: the person introduced in this
            # sentence speaks; if there is none, guessing the previous speaker would be wrong
            mention = self.mention_before(open_pos)
            if mention is not None and mention.start >= lo_char:
                words = list(TOKEN.finditer(self.text, mention.start, mention.end))
                if len(words) >= 3 and not self.text[mention.end:open_pos].strip(" :\u00a0"):
                    # the word before the colon is the unknown verb, not part of the name
                    mention = Speaker(self.text[mention.start:words[-2].end()], mention.start,
                                      words[-2].end())
                chosen = _Found("named", mention)
            else:
                return Attribution(None, 0.0)
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
            # a continuation far from the last attribution is less certain
            far = open_pos - self.last[0] > _FAR
            return Attribution(self.last[1], (0.7 if chosen is not None else 0.45) - (0.15 if far else 0))
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
