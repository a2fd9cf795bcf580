"""Who said a quote: reporting cues around it, continuations, titled mentions, a signature.

The article is read once in text order. Each quote takes the speaker named by the nearest
reporting cue before it (``وقال ساعر:``, ``X said that``) or right after it (``", אמר X``,
``"، بحسب ساعر``); a cue without a name (``وأضاف:``, ``He added``) refers to the previous
speaker. A quote with no cue inherits the previous speaker only when it continues it (it
follows an attributed quote in its paragraph, or a sentence that goes on about that speaker);
else it takes a person introduced with a title just before it, or the signature of an opinion
piece. A cue whose subject names nobody ("a person familiar with the talks said") gives None:
a wrong speaker is worse than none.
"""
from __future__ import annotations

import re

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from itertools import compress, count
from operator import itemgetter

from .context import SENTENCE_BACK, ContextReader
from .interview import Interview
from .names import (_ABBREVIATED_TITLES, _ARABIC, _HEBREW, _LATIN, _SENTENCE_END,
                                TOKEN, WINDOW_AFTER, WINDOW_BEFORE, Speaker, _Found)
from .forms import (AR_ARTICLES, AUXILIARIES, HE_ARTICLES, HE_CONJUNCTIONS, HE_PREPOSITION_LETTERS, AR_CONJUNCTIONS, AR_FUSED_ARTICLES, AR_OBJECT_PREFIXES, COMPLEMENTIZERS,
                    DATIVE_PREFIXES, DETERMINERS, LOCATIVE_PREFIXES, PAST_AUXILIARIES, PERFECT_PARTICLES, POSSESSIVE_DETERMINERS,
                    REPORTED_FROM)
from .lexicon import (ORGANISATION_HEADS, PRONOUNS, TITLE_COMPLEMENTS, STOP_WORDS, SOURCE_PARTICLES, SOURCE_PHRASES, ANONYMOUS_SOURCES, CUE_FORMS, ENGLISH_GROUP_NOUNS, OBJECT_VERBS,
                             PARTICIPLES, SAYING_NOUNS, TITLE_HEADS, cue_kind, is_reporting_verb, strip_clitic)
from ..text.fold import fold_text_aligned, fold_token
from .speakers import is_role, title_length

_INTRODUCERS = COMPLEMENTIZERS

# after a quote: its closing punctuation, a dash, then the name signing it
_DASH_SIGNATURE = re.compile("[,.]?[ \u00a0]*(?:\n[ \u00a0]*)?[\u2014\u2013:-][ \u00a0]*")

_CYRILLIC = re.compile("[\u0400-\u04ff]")

# a name word: capital then small letters (not a headline in capitals)
_TITLE_CASE = re.compile(r"[^\W\d_](?:[^\W\d_]*[a-z\u00df-\u024f\u0430-\u045f][^\W\d_]*)?$")

# a headline quoting its speaker: "Name: «…»" at the very start of the article
_HEADLINE = re.compile("\\s*(?:[^:\n\"“”«»„ ]{2,20}[ \u00a0]*:[ \u00a0]*)?([^:\n\"“”«»„]{2,60}?)[ \u00a0]*:[ \u00a0]*[\"“”«„]")
# (an optional one-word rubric first: "بالفيديو: X معلقا على …: «…»", "Vidéo : X : «…»")

_RUBRIC = re.compile("[ \u00a0][-\u2013\u2014|][ \u00a0]|[ \u00a0]?\\|[ \u00a0]?")

_LEDE_REACH = 600  # characters from the start in which an interview introduces its interviewee

_FAR = 3000     # characters after which an inherited speaker loses confidence

_NEAR_CONTINUATION = 600    # characters within which a lead-in naming nobody continues a speaker

_HEAD_FORMS = TITLE_HEADS | frozenset(c + h for c in AR_CONJUNCTIONS for h in TITLE_HEADS if _ARABIC.match(h))

__all__ = ["TOKEN", "Attribution", "Attributor", "Speaker"]


# The rules that can choose a speaker; each attribution names the one that chose it, so an
# editor sees why a name was proposed and the rules' errors can be counted one by one.
RULES = ("cue_before", "cue_after", "clause_subject", "colon_mention", "headline_colon",
         "layout_colon", "layout_dash", "layout_caption", "headline_lead", "interview_answer", "pronoun_subject", "continuation",
         "sentence_before", "title_mention", "role_coreference", "signature")


@dataclass(slots=True)
class Attribution:
    speaker: Speaker | None
    confidence: float
    rule: str | None = None     # one of RULES when there is a speaker


class Attributor(ContextReader):
    def __init__(self, text: str, quoted: list[tuple[int, int]]):
        self.text = text
        # Text after the last quote's context is never looked at.
        limit = min(len(text), max((b for _, b in quoted), default=0) + WINDOW_AFTER + 400)
        # One pass over a length-preserving folded copy gives both the offsets and the folded
        # words: far cheaper than folding word by word.
        aligned = fold_text_aligned(text)
        if aligned is not None:
            # spans straight from the iterator and words by slicing: about half the cost of
            # keeping the match objects around
            self.tokens = [m.span() for m in TOKEN.finditer(aligned, 0, limit)]
            folded = [aligned[a:b] for a, b in self.tokens]
            if "\u0640" in aligned:
                folded = [f.replace("\u0640", "") if "\u0640" in f else f for f in folded]
        else:
            self.tokens = [m.span() for m in TOKEN.finditer(text, 0, limit)]
            folded = [fold_token(text[a:b]) for a, b in self.tokens]
        # map/compress keep these passes over every token in C
        self.starts = list(map(itemgetter(0), self.tokens))
        self.folded = folded
        self.cue_idx = list(compress(count(), map(CUE_FORMS.__contains__, folded)))
        self.quoted = sorted(quoted)
        self.quoted_starts = [a for a, _ in self.quoted]
        self.speakers: list[Speaker] = []      # distinct recent speakers, latest last
        self.remembered_at: dict[str, int] = {}
        self.last: tuple[int, Speaker] | None = None
        # title words, also joined to a conjunction ("ووزير النقل" in a chain of titles)
        self.head_idx = list(compress(count(), map(_HEAD_FORMS.__contains__, folded)))
        self._mention_cache: dict[int, tuple[str, Speaker] | None] = {}
        self._signature_found: tuple[Speaker | None] | None = None
        self._counts: Counter | None = None
        self._headline: tuple[Speaker | None] | None = None
        self._interview: Interview | None = None
        self._interviewee_found: tuple[Speaker | None] | None = None
        self._anonymous_at = -1     # where the latest quote given to an anonymous source opens

    # -- tokens -------------------------------------------------------------------------
    def cue_at(self, i: int, lo: int, hi: int, strict: bool = False) -> _Found | None:
        folded = self.fold(i)
        kind = cue_kind(folded)
        if kind is None:
            return None
        if kind == "pronoun":
            return _Found("continue")
        if kind == "preposition":
            if i + 1 < hi and self.fold(i + 1) in POSSESSIVE_DETERMINERS:
                return None     # "a pour sa part souligné X": an idiom, the verb follows
            rest = SOURCE_PHRASES.get(folded, ())
            if rest and tuple(self.fold(j) for j in range(i + 1, min(hi, i + 1 + len(rest)))) != rest:
                return None     # "according" without its "to"
            start = i + 1 + len(rest)
            if start < hi and self.fold(start) in SOURCE_PARTICLES:
                start += 1
            if start < hi and strip_clitic(self.fold(start), SAYING_NOUNS) is not None:
                return _Found("continue")   # "بحسب قوله": by his own saying, the subject's
            found = self._after_preposition(start, hi)
            return _Found("unknown") if found.kind == "rejected" else found
        if kind == "participle":
            return self._participle(i, lo)
        if kind == "plural":
            # "במשרד הבריאות אמרו", "הוסיפו בבנק ישראל": people at an organisation spoke for it
            place = self._organisation_at(i, lo, hi)
            return _Found("named", place) if place is not None else _Found("anonymous")
        if kind == "saying":
            return self._reported_from(i, lo)
        if kind == "verb":
            english = bool(_LATIN.match(self.raw(i)))
            if english and self.raw(i)[:1].isupper() and i > 0 and self.joined(i - 1, i):
                return None     # "The United States": a capitalised word inside a name
            # subject-first order is the norm in English and common in Hebrew ("נתניהו אמר");
            # Arabic puts the verb first ("وقال ساعر")
            subject_first = english or _HEBREW.match(folded) is not None
            pluperfect = self._pluperfect_subject(i, lo)
            if pluperfect is not None:
                return pluperfect
            before = i
            while before - 1 >= lo and self.fold(before - 1) in AUXILIARIES:
                before -= 1     # "Macron a déclaré", "Netanyahu has said"
            found = None
            if subject_first and not english:
                # "בפתיחת הישיבה אמר ראש הממשלה כי", "אומר פרץ,": a verb before its subject,
                # told by a title right after the verb or by the name's own punctuation
                after = self.name_after(i, hi)
                if after.kind == "named" and self._subject_after(i, after.speaker) \
                        and not self._listener(after.speaker):
                    found = after
            if found is None:
                found = self.name_before(before, lo) if subject_first else self.name_after(i, hi)
                if not subject_first and _CYRILLIC.match(folded) and (
                        found.kind != "named" or self._uncased_in_cased(found.speaker)):
                    # "— сказала на пресс-конференции председатель ЦБ X": after a verb that
                    # follows its quote, the subject may come after adverbial phrases
                    later = self._subject_later_in_clause(i, hi) if self.in_quote_before(i) else None
                    if later is not None:
                        return _Found("named", later)
                if not subject_first and found.kind == "named" and self._uncased_in_cased(found.speaker):
                    # "написал пост со словами": in a cased script, small words after the
                    # verb are its object; the subject stands before it
                    found = _Found("none")
            if english and folded in OBJECT_VERBS:
                # "X told Reuters": what follows is the listener, never the speaker
                if found.kind == "rejected":
                    return _Found("unknown")
                if found.kind == "none" and self.in_quote_before(before):
                    # '"…?" asked a reporter': right after its quote the verb comes before its
                    # subject
                    after = self.name_after(i, hi)
                    if after.kind in ("named", "anonymous"):
                        return after
                return found if found.kind != "none" else _Found("continue")
            if found.kind in ("none", "rejected") and (english or _CYRILLIC.match(folded)) \
                    and self.in_quote_before(before):
                # '"…", détaille, face à la caméra, le capitaine X': after a verb that follows
                # its quote, a phrase set off by commas may come before the subject
                interposed = self._subject_after_interposed(i, hi)
                if interposed is not None:
                    return interposed
            rejected = found.kind == "rejected"
            if found.kind in ("none", "rejected") and not strict and not subject_first \
                    and _ARABIC.match(folded) and (folded.startswith(AR_CONJUNCTIONS) or (
                        found.kind == "none" and i + 1 < hi and self.fold(i + 1) in STOP_WORDS
                        and i - self._sentence_start(i) > 3)):
                # (also "وجه المدرب رسالة قال فيها:": a verb followed by a small word, deep in
                # its sentence, is in a clause hanging on it, whose subject speaks; a verb
                # near the sentence's start has its subject before it: "ساعر قال عقب")
                # "خرج الوزير X ليتحدث عن ... وقال عبر قنوات:": a joined verb with nobody after
                # it shares the subject of its sentence; the words before the و end the
                # previous clause and are never its subject
                lo_sentence = self._sentence_start(i)
                if any(self.fold(j) in ANONYMOUS_SOURCES for j in range(lo_sentence, min(i, lo_sentence + 4))):
                    return _Found("anonymous")  # "وكان مصدر مسؤول في الوزارة، قال إنه"
                shared = self._shared_subject(i) or self._sentence_mention(i)
                if shared is not None:
                    return shared
                return _Found("unknown" if rejected else "continue")
            if not strict and _HEBREW.match(folded) and folded.startswith(HE_CONJUNCTIONS) and len(folded) > 3 \
                    and self.name_after(i, hi).kind != "named" and (
                        found.kind in ("none", "rejected") or (found.kind == "named" and before == i
                                                               and found.speaker.end == self.tokens[i - 1][1])):
                # "שר התקשורת X התייחס הערב למלחמה ואמר:": a joined verb with nobody after it
                # shares the subject of its sentence; the words just before the ו end the
                # previous clause and are never its subject
                shared = self._shared_subject(i) or self._sentence_mention(i)
                if shared is not None:
                    return shared
            if found.kind in ("none", "rejected") and not strict:
                found = self.name_after(i, hi) if subject_first else self.name_before(i, lo)
                rejected = rejected or found.kind == "rejected"
                if subject_first and found.kind == "named" and self._listener(found.speaker):
                    # '"…", אמר לקרן מרציאנו': the one spoken to; the subject is the person
                    # the text is about
                    return _Found("continue")
            if found.kind == "none" and english and self.in_quote_before(before) and (
                    i + 1 >= hi or self.fold(i + 1) not in PRONOUNS):
                # '« … », a déclaré lundi la gouverneure X': a time word or an adverb between
                # the verb and its subject
                later = self._subject_later_in_clause(i, hi)
                if later is not None:
                    return _Found("named", later)
            if found.kind in ("none", "rejected"):
                if not subject_first and folded.startswith(AR_CONJUNCTIONS):
                    # "نفت قوات الدعم السريع ... وقالت في بيان": the joined verb shares the subject
                    shared = self._shared_subject(i)
                    if shared is not None:
                        return shared
                # words stood where the subject goes but named nobody: say so, do not guess
                return _Found("unknown" if rejected else "continue")
            return found
        return None

    def _subject_after_interposed(self, i: int, hi: int) -> _Found | None:
        """The subject after a phrase set off by commas right after the verb at i ("détaille,
        devant les caméras, le capitaine X", "сказал, выступая на сессии, глава района X"), when
        the phrase ends within the sentence and a name or a role follows it; else None."""
        text = self.text
        if i + 1 >= hi or text[self.tokens[i][1]:self.tokens[i + 1][0]].strip() != ",":
            return None
        for j in range(i + 2, min(hi, i + 16)):
            gap = text[self.tokens[j - 1][1]:self.tokens[j][0]]
            if gap.strip() == ",":
                found = self.name_from(j, hi, english=True)
                if found.kind == "named" and not self._uncased_in_cased(found.speaker) and (
                        is_role(found.speaker.name) or any(
                            self.raw(k)[:1].isupper() for k in self.token_range(found.speaker.start, found.speaker.end))):
                    return found
                # "le capitaine X, chef des pompiers", "глава района X": the titled or
                # capitalised name of the clause, past its small words
                later = self._subject_later_in_clause(j - 1, hi, joined_first=False)
                return _Found("named", later) if later is not None else None
            if gap.strip():
                return None     # other punctuation: not a simple interposed phrase
        return None

    def in_quote_before(self, i: int) -> bool:
        """Only a dash or a comma stands between the verb at i and the quote before it."""
        j = bisect_left(self.quoted_starts, self.tokens[i][0]) - 1
        if j < 0:
            return False
        gap = self.text[self.quoted[j][1]:self.tokens[i][0]]
        return len(gap) <= 6 and not gap.strip(" \u00a0,\u2014\u2013-")

    def _subject_later_in_clause(self, i: int, hi: int, joined_first: bool = True) -> Speaker | None:
        """The first titled or capitalised name in the clause after the verb at i, past the
        small words of adverbial phrases; an acronym opening it (an organisation) is dropped.
        ``joined_first=False`` reads a clause that starts after a comma following token i."""
        end = min(hi, i + 12)
        for j in range(i + 1, end):
            if not self.joined(j - 1, j) and (joined_first or j > i + 1):
                break
            if (self.raw(j)[:1].isupper() or self._title_word(j)) and self.fold(j) not in DETERMINERS:
                clause_end = self.tokens[end - 1][1]
                for k in range(j + 1, end):
                    if not self.joined(k - 1, k):
                        clause_end = self.tokens[k - 1][1]
                        break
                found = self._short_name(self.tokens[j][0], clause_end, whole=False)
                if found is None:
                    return None
                words = list(self.token_range(found.start, found.end))
                while len(words) > 2 and self.raw(words[0]).isupper():
                    words.pop(0)
                a, b = self.tokens[words[0]][0], self.tokens[words[-1]][1]
                return Speaker(self.text[a:b], a, b)
        return None

    def _listener(self, speaker: Speaker) -> bool:
        """A name after a speech verb with a dative preposition glued to it ("אמר לקרן X"),
        that the article does not name again: the person spoken to, not the speaker. A name
        that merely starts with the same letter (ליברמן) recurs and is kept."""
        words = self.token_range(speaker.start, speaker.end)
        if len(words) < 2 or not DATIVE_PREFIXES:
            return False
        if not self.raw(words.start).startswith(DATIVE_PREFIXES):
            return False
        return not self._recurs(words.start) and not self._recurs(words[-1])

    def _organisation_at(self, i: int, lo: int, hi: int) -> Speaker | None:
        """The organisation written with a locative preposition right before or after the
        plural speech verb at i ("בבנק ישראל הבהירו", "הוסיפו במשרד הבריאות"), or None."""
        if not LOCATIVE_PREFIXES:
            return None
        for j in (i - 3, i - 2, i - 1, i + 1):
            if j < lo or j >= hi or j < 0 or j >= len(self.tokens):
                continue
            raw = self.raw(j)
            prefix = next((p for p in LOCATIVE_PREFIXES if raw.startswith(p)), None)
            if prefix is None or fold_token(raw[len(prefix):]) not in ORGANISATION_HEADS:
                continue
            end = j
            limit = i if j < i else min(hi, j + 4)
            while end + 1 < limit and end - j < 3 and self.joined(end, end + 1) \
                    and self.fold(end + 1) not in STOP_WORDS and cue_kind(self.fold(end + 1)) is None:
                end += 1
            if j < i and end != i - 1:
                continue    # other words stand between the organisation and the verb
            a, b = self.tokens[j][0] + len(prefix), self.tokens[end][1]
            return Speaker(self.text[a:b], a, b)
        return None

    def _pluperfect_subject(self, i: int, lo: int) -> _Found | None:
        """"وكان وزير الخارجية X قد أكد": the subject between the auxiliary that opens the
        clause and the particle before the verb; None when the verb is not so built."""
        if not PERFECT_PARTICLES or i - 1 < lo or self.fold(i - 1) not in PERFECT_PARTICLES:
            return None
        for j in range(i - 2, max(lo, i - 10) - 1, -1):
            folded = self.fold(j)
            if folded in PAST_AUXILIARIES or strip_clitic(folded, PAST_AUXILIARIES) is not None:
                found = self._make_speaker(list(range(j + 1, i - 1)))
                return found if found.kind == "named" else None
            if not self.joined(j, j + 1):
                return None
        return None

    def _uncased_in_cased(self, speaker: Speaker) -> bool:
        """A phrase in a cased script (Cyrillic) that starts with neither a capital nor a
        title word: not a name."""
        words = self.token_range(speaker.start, speaker.end)
        if not words or not _CYRILLIC.match(self.fold(words.start)):
            return False
        return not self.raw(words.start)[:1].isupper() and not self._title_word(words.start)

    def _subject_after(self, i: int, speaker: Speaker) -> bool:
        words = self.token_range(speaker.start, speaker.end)
        if sum(1 for j in words[1:] if self.fold(j).startswith(HE_ARTICLES)) >= 2:
            return False    # "לתכנית הכלכלית החדשה": a noun with its adjectives, not a name
        if i + 1 < len(self.tokens) and self.fold(i + 1) in TITLE_HEADS:
            return True
        tail = self.text[speaker.end:speaker.end + 3].lstrip(" \u00a0")
        if tail[:1] in (":", ",", "\u060c"):
            return True
        k = bisect_left(self.starts, speaker.end)
        return k < len(self.tokens) and self.fold(k) in _INTRODUCERS

    def _sentence_mention(self, i: int) -> _Found | None:
        """The first person introduced with a title in the sentence of token i, before it: in
        a verb-first sentence the subject comes first, objects and complements later."""
        lo = self._sentence_start(i)
        k = bisect_left(self.head_idx, lo)
        while k < len(self.head_idx) and self.head_idx[k] < i:
            mention = self._mention_at(self.head_idx[k])
            if mention is not None and mention[1].end <= self.tokens[i][0]:
                return _Found("named", mention[1])
            k += 1
        return None

    def _shared_subject(self, i: int) -> _Found | None:
        lo = self._sentence_start(i)
        for j in reversed(self.cues_between(lo, i)):
            if is_reporting_verb(self.fold(j)) and not self.in_quote(self.tokens[j][0]):
                found = self.cue_at(j, lo, i, strict=True)
                if found is not None and found.kind == "named":
                    return found
        return None

    def _reported_from(self, i: int, lo: int) -> _Found:
        """"نقلت عن مسؤول إسرائيلي قوله": the speaker sits between عن and قوله."""
        for j in range(i - 1, max(lo, i - 6) - 1, -1):
            if self.fold(j) in REPORTED_FROM:
                found = self._make_speaker(list(range(j + 1, i)))
                return _Found("unknown") if found.kind == "rejected" else found
        return _Found("continue")

    def _after_preposition(self, start: int, hi: int) -> _Found:
        if start >= hi:
            return _Found("none")
        start = self._past_document(start, hi)
        if start >= hi:
            return _Found("none")
        if any(self.fold(j) in ANONYMOUS_SOURCES for j in range(start, min(hi, start + 3))):
            return _Found("anonymous")    # "according to a senior official"
        folded = self.fold(start)
        fused = next((f for f in AR_FUSED_ARTICLES if folded.startswith(f)), None)
        if fused is not None and AR_FUSED_ARTICLES[fused] + folded[len(fused):] in TITLE_HEADS:
            # "ووفقا للوزير الأذربيجاني": the minister the article introduced
            mention = self.mention_before(self._cursor, folded[len(fused):])
            if mention is not None:
                return _Found("named", mention, "role_coreference")
        if _ARABIC.match(folded) and folded.startswith(AR_OBJECT_PREFIXES) and len(folded) > 3:
            # وفقا لمكتب هرتسوغ: the ل belongs to the preposition
            shifted = self.name_after(start - 1, hi)
            if shifted.kind == "named" and shifted.speaker.start == self.tokens[start][0]:
                sp = shifted.speaker
                cut = len(fused) if fused is not None else 1
                name = sp.name[cut:]
                if fused is not None:
                    return _Found("named", Speaker(name, sp.start + cut, sp.end)) \
                        if title_length([name]) == 0 else _Found("none")
                return _Found("named", Speaker(name, sp.start + cut, sp.end))
            return shifted
        found = self.name_after(start - 1, hi)
        if found.kind == "named" and _LATIN.match(found.speaker.name):
            # "Goldman Sachs analysts" speak for Goldman Sachs
            words = found.speaker.name.rsplit(" ", 1)
            if len(words) == 2 and words[1].lower() in ENGLISH_GROUP_NOUNS:
                sp = found.speaker
                return _Found("named", Speaker(words[0], sp.start, sp.start + len(words[0])))
        return found

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

    # -- one quote ------------------------------------------------------------------------
    def attribute(self, open_pos: int, close_end: int, para_start: int, para_end: int,
                  prev_quote_end: int, last_quote_end: int = 0,
                  continued: bool = False) -> Attribution:
        self._cursor = open_pos
        text = self.text
        lead = self._colon_lead_in(open_pos, para_start)
        if lead is not None:
            # "وقال نتنياهو في بيان:" then the quote as a paragraph of its own: the cue is there
            lo_char = max(lead, last_quote_end, open_pos - WINDOW_BEFORE)
        else:
            lo_char = max(para_start, prev_quote_end, open_pos - WINDOW_BEFORE)
        if prev_quote_end > para_start:
            # '"…," Ortiz said. "…"': the cue that ends the previous quote's sentence is its own
            m = _SENTENCE_END.search(text, lo_char, open_pos)
            if m:
                lo_char = m.end()
        if self.interview_role(open_pos) == "question":
            # a question's other sentences name whom it asks about, not who speaks here
            m = _SENTENCE_END.search(text, lo_char, open_pos)
            while m:
                lo_char = m.end()
                m = _SENTENCE_END.search(text, lo_char, open_pos)
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

        introduced = lead is not None or self._introduced(open_pos, before)
        found_before = self._scan_before(before)
        found_after = self._scan_after(after)
        chosen = None
        for found in ((found_before, found_after) if introduced else (found_after, found_before)):
            if found and found.kind in ("named", "anonymous"):
                chosen = found
                break
        if chosen is None:
            chosen = next((f for f in (found_before, found_after)
                           if f and f.kind in ("continue", "unknown")), None)
        rule = "cue_before" if chosen is not None and chosen is found_before else "cue_after"
        if chosen is None:
            layout = self._layout(open_pos, close_end, lo_char)
            if layout is not None:
                speaker, rule = layout
                self._remember(speaker)
                self.last = (open_pos, speaker)
                return Attribution(speaker, 0.6, rule)
        if chosen is None and (lead is not None or self.text[max(0, open_pos - 3):open_pos].rstrip().endswith(":")):
            # "ח"כ יאיר גולן תקף:" with a verb we do not know: the person introduced in this
            # sentence speaks; if there is none, guessing the previous speaker would be wrong
            mention = self.mention_before(open_pos)
            if mention is not None and mention.start >= lo_char:
                words = list(TOKEN.finditer(self.text, mention.start, mention.end))
                if len(words) >= 3 and not self.text[mention.end:open_pos].strip(" :\u00a0"):
                    # the word before the colon is the unknown verb, not part of the name
                    mention = Speaker(self.text[mention.start:words[-2].end()], mention.start,
                                      words[-2].end())
                chosen, rule = _Found("named", mention), "colon_mention"
            else:
                person = self._recent_person(open_pos, lo_char) or self._role_in(lo_char, open_pos)
                if person is None:
                    # "הוא פנה לצבא וביקש:", "בנוסף פנה … בקריאה:": a lead-in that opens with a
                    # pronoun (or, in an uncased script, a small word: "A notice read:" names a
                    # notice) and names nobody goes on with the person quoted
                    # just before when nobody else has been named since (an unknown first word
                    # may be a name: "גולן תקף:" is left without a speaker)
                    first = next(iter(self.token_range(lo_char, open_pos)), None)
                    if first is not None and (self.fold(first) in PRONOUNS or (
                            self.fold(first) in STOP_WORDS and self.raw(first).lower() == self.raw(first).upper())) \
                            and self.last is not None and open_pos - self.last[0] < _NEAR_CONTINUATION \
                            and self._nobody_else_since(self.last, open_pos):
                        return Attribution(self.last[1], 0.45, "continuation")
                    return Attribution(None, 0.0)
                self._remember(person)
                self.last = (open_pos, person)
                return Attribution(person, 0.5, "colon_mention")
        # without any cue, only a quote that follows an attributed one in its paragraph, or
        # one after a sentence that continues the last speaker ("كما أشار إلى", "for him"),
        # continues it; anything else would be a guess
        follows = continued or (prev_quote_end > para_start and self.last is not None
                                and self.last[0] >= para_start)
        if chosen is None and before:
            # "وسلط موشياشفيلي الضوء ... ووصفه بأنه "…"": the subject of the quote's sentence,
            # in Arabic where the verb opens the clause (an English first word may be anything)
            m = SENTENCE_BACK.search(text, lo_char, open_pos)
            sentence = self.token_range(m.end() if m else lo_char, open_pos)
            if sentence and _ARABIC.match(self.fold(sentence.start)):
                chosen, rule = self._clause_subject(sentence.start, sentence.stop), "clause_subject"
            elif sentence:
                # "Le maire voit dans ce projet « … »": a role opening the quote's sentence is
                # its subject; kept only when the article names the person who holds it
                role = self._role_subject(sentence)
                holder = self.resolve_role(role, open_pos) if role is not None else None
                if holder is not None and not is_role(holder.name):
                    chosen, rule = _Found("named", holder), "role_coreference"
        if chosen is None and not follows and self._narrative_continues(open_pos, last_quote_end):
            chosen = _Found("continue")
        if chosen is not None and chosen.rule is not None and rule in ("cue_before", "cue_after"):
            # the cue's subject was a role or a description ("the mayor said") and the name
            # comes from where the article names its holder
            rule = chosen.rule
        return self._settle(chosen, open_pos, follows, last_quote_end, rule)

    def _role_subject(self, sentence: range) -> Speaker | None:
        """A determiner and a title in lower case opening a sentence in a cased script, followed
        by a word in lower case that is not the title's complement ("Le maire voit", "the
        minister sees"): the role that is the sentence's subject, or None."""
        k = sentence.start
        if sentence.stop - k < 3 or self.fold(k) not in DETERMINERS or not self.joined(k, k + 1):
            return None
        title, nxt = k + 1, k + 2
        raw = self.raw(title)
        if raw.lower() == raw.upper() or not raw[:1].islower() or self.fold(title) not in TITLE_HEADS:
            return None
        if not self.joined(title, nxt) or not self.raw(nxt)[:1].islower() or self.fold(nxt) in STOP_WORDS \
                or self.fold(nxt) in TITLE_COMPLEMENTS or self.fold(nxt) == "of":
            return None
        a, b = self.tokens[k][0], self.tokens[title][1]
        return Speaker(self.text[a:b], a, b)

    def _layout(self, open_pos: int, close_end: int, lo_char: int) -> tuple[Speaker, str] | None:
        """A speaker given by layout alone, in any language: a short name heading the quote
        ("Name: «…»", a headline or a caption) or signing it after a dash ("«…», — Name",
        "“…”, -Name verb"). Titles are trimmed where the packs know them."""
        text = self.text
        head = text[lo_char:open_pos].rstrip(" \t\u00a0")
        if head.endswith(":"):
            start = max(lo_char, text.rfind("\n", lo_char, open_pos) + 1)
            if start == 0 and self.headline_speaker() is not None:
                return self.headline_speaker(), "headline_colon"
            end = lo_char + len(head) - 1
            comma = text.find(",", start, end)
            # "Сергей Высоцкий, министр экономики:": the name before the apposition
            found = self._short_name(start, comma if comma > start else end, whole=True,
                                     listed=self._listed_after_quote(start))
            if found is not None:
                return found, "layout_colon"
        m = _DASH_SIGNATURE.match(text, close_end, min(len(text), close_end + 80))
        if m:
            found = self._short_name(m.end(), min(len(text), m.end() + 60), whole=False)
            if found is not None:
                return found, "layout_dash"
        caption = self._caption_line(open_pos, close_end)
        if caption is not None:
            return caption, "layout_caption"
        lead = self._headline_lead(open_pos, close_end)
        if lead is not None:
            return lead, "headline_lead"
        return None

    def _headline_lead(self, open_pos: int, close_end: int) -> Speaker | None:
        """A headline that is only a quote: its speaker is the person (with a title) who opens
        the lead paragraph under it ("«…»\nמזכ"לית הסתדרות המורים X פתחה …")."""
        text = self.text
        line_end = text.find("\n", close_end)
        if line_end < 0 or text[:open_pos].strip() or text[close_end:line_end].strip(" \t\r\u00a0.,"):
            return None
        start = line_end + 1
        while start < len(text) and start - line_end < 8 and text[start] in " \t\r\n\u00a0":
            start += 1
        words = self.token_range(start, min(len(text), start + 200))
        k = bisect_left(self.head_idx, words.start)
        while k < len(self.head_idx) and self.head_idx[k] < min(words.stop, words.start + 3):
            if "\n" in text[start:self.tokens[self.head_idx[k]][0]]:
                break       # a signature ("Name,\nAmbassador …"), not a lead sentence
            mention = self._mention_at(self.head_idx[k])
            if mention is not None and not is_role(mention[1].name):
                return mention[1]
            k += 1
        return None

    def _listed_after_quote(self, start: int) -> bool:
        """The words at ``start`` follow the closing mark of another quote with only a full stop
        between: a list of statements ("X: «…». Y: «…»"), where each lead-in is a name."""
        j = bisect_left(self.quoted_starts, start) - 1
        if j < 0:
            return False
        gap = self.text[self.quoted[j][1]:start]
        return len(gap) <= 4 and not gap.strip(" \u00a0.;")

    def _caption_line(self, open_pos: int, close_end: int) -> Speaker | None:
        """A pull quote on a line of its own with the speaker's name on the next line, alone or
        before a comma and a description ("Christophe Boisson, maire de X"), a caption with no
        sentence in it."""
        text = self.text
        line_start = text.rfind("\n", 0, open_pos) + 1
        line_end = text.find("\n", close_end)
        if line_end < 0 or text[line_start:open_pos].strip() or text[close_end:line_end].strip(" \t\r\u00a0.,"):
            return None
        start = line_end + 1
        while start < len(text) and start - line_end < 8 and text[start] in " \t\r\u00a0":
            start += 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if not line or end - start > 120 or _SENTENCE_END.search(line.rstrip(" .")) or line[:1] in "\"“”«»„":
            return None
        comma = line.find(",")
        return self._short_name(start, start + comma if comma > 0 else end, whole=True)

    def _recurs_name(self, person: Speaker) -> bool:
        words = self.token_range(person.start, person.end)
        return bool(words) and self._recurs(words[-1])

    def _title_word(self, i: int) -> bool:
        folded = self.fold(i)
        return folded in TITLE_HEADS or folded.rstrip(".") in TITLE_HEADS or folded in TITLE_COMPLEMENTS

    def headline_speaker(self) -> Speaker | None:
        """The speaker of a headline "Name: «…»" on the article's first line, or None."""
        if self._headline is None:
            found = None
            line_end = self.text.find("\n")
            line_end = len(self.text) if line_end < 0 else line_end
            m = _HEADLINE.match(self.text, 0, min(line_end, 400))
            if m:
                # "Sècheresse/Agriculture - Ministère: «…»": a rubric before a spaced dash or a
                # bar is not part of the speaker
                lead = _RUBRIC.split(m.group(1))
                words = self.token_range(m.end(1) - len(lead[-1]), m.end(1))
                if 1 <= len(words) <= 3 and not any(self.fold(i) in STOP_WORDS for i in words):
                    # "השר ברקת: «…»": the name without its title
                    cut = min(title_length([self.raw(i) for i in words] + ["_"]), len(words) - 1)
                    a, b = self.tokens[words[cut]][0], self.tokens[words[-1]][1]
                    found = Speaker(self.text[a:b], a, b)
                elif 3 < len(words) <= 8 and self._headline_name_word(words.start):
                    # "נתניהו בישיבת הממשלה הראשונה: «…»", "Macron at the summit: «…»": the
                    # first word, a name the article repeats, then where or when it was said
                    a, b = self.tokens[words.start]
                    found = Speaker(self.text[a:b], a, b)
            self._headline = (found,)
        return self._headline[0]

    def _headline_name_word(self, i: int) -> bool:
        folded = self.fold(i)
        if folded in STOP_WORDS or self._title_word(i) or not self._recurs(i) or len(folded) < 3:
            return False
        raw = self.raw(i)
        cased = raw.lower() != raw.upper()
        return not cased or (raw[:1].isupper() and _TITLE_CASE.match(raw) is not None)

    def title_before(self, pos: int) -> Speaker | None:
        """The title words written right before ``pos`` ("المدير الفني" before its complement)."""
        k = bisect_left(self.starts, pos)
        j = k
        while j - 1 >= 0 and k - j < 4 and self.joined(j - 1, j) and (
                self._title_word(j - 1) or self.fold(j - 1).startswith(AR_ARTICLES)):
            j -= 1      # the title and the definite words qualifying it ("المدير الفني")
        while j < k and self.fold(j) not in TITLE_HEADS:
            j += 1
        if j == k or not any(self.fold(m) in TITLE_HEADS for m in range(j, k)):
            return None
        a, b = self.tokens[j][0], self.tokens[k - 1][1]
        return Speaker(self.text[a:b], a, b)

    def _recurs(self, i: int) -> bool:
        if self._counts is None:
            self._counts = Counter(self.folded)
        return self._counts[self.fold(i)] > 1

    def _short_name(self, lo_char: int, hi_char: int, whole: bool, listed: bool = False) -> Speaker | None:
        """The name words from ``lo_char``: all the words up to ``hi_char`` when ``whole`` (at
        most six, the last two capitalised in a cased script), else the capitalised ones."""
        words = self.token_range(lo_char, hi_char)
        if not words or (whole and len(words) > 6):
            return None
        raws = [self.raw(i) for i in words]
        if whole:
            if any(w[:1].islower() for w in raws[-2:]):
                return None
            if not any(w[:1].isupper() for w in raws) and not (
                    len(raws) <= 3 and ((self._recurs(words[-1]) and self._recurs(words[0])) or listed)):
                # an uncased script: a name is short and the article names it again elsewhere;
                # a verb we do not know ("גולן תקף:") is not repeated
                return None
        else:
            # "— глава Минфина Антон Силуанов", "— Oklahoma Republican Rep. Ernest Istook",
            # "— Democratic consultant Kelly Fero": capitalised and title words, then the
            # name after the last title word
            n = 0
            while n < min(len(raws), 7) and (raws[n][:1].isupper() or self._title_word(words[n])):
                n += 1
            heads = [k for k in range(n) if self._title_word(words[k])]
            skip = heads[-1] + 1 if heads else 0
            if skip >= n:
                return None
            n = min(n, skip + 4)
            if not all(r[:1].isupper() for r in raws[skip:n]):
                return None
            words = range(words.start + skip, words.start + n)
            raws = raws[skip:n]
        cut = min(title_length(raws + ["_"]), len(raws) - 1) if len(raws) > 1 else 0
        first, last = words[cut], words[-1]
        if any(self.fold(i) in STOP_WORDS for i in range(first, last + 1)):
            return None
        a, b = self.tokens[first][0], self.tokens[last][1]
        return Speaker(self.text[a:b], a, b)

    def _colon_lead_in(self, open_pos: int, para_start: int) -> int | None:
        """Where the paragraph before starts, if the quote opens its own paragraph and that one
        ends with a colon (the quote's introduction); else None."""
        text = self.text
        if open_pos - para_start > 8 or text[para_start:open_pos].strip(" \t\r\u00a0-\u2013\u2014"):
            return None
        end = para_start
        while end > 0 and end > para_start - 16 and text[end - 1] in " \t\r\n\u00a0":
            end -= 1
        if end == 0 or end == para_start or text[end - 1] != ":":
            return None
        return text.rfind("\n", 0, end) + 1

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
        # a verb after the quote may follow a long subject ("EU Trade Commissioner X said")
        for i in range(lo, min(hi, lo + 8)):
            found = self.cue_at(i, lo, hi)
            if found is not None:
                return found
        return None

    def interview_role(self, pos: int) -> str | None:
        if self._interview is None:
            self._interview = Interview(self.text)
        return self._interview.role(pos)

    def _interviewee(self) -> Speaker | None:
        """The person interviewed: the headline's speaker, else the first person the opening
        introduces with a title outside the questions."""
        if self._interviewee_found is None:
            found = self.headline_speaker()
            k = 0
            while found is None and k < len(self.head_idx) and self.tokens[self.head_idx[k]][0] < _LEDE_REACH:
                i = self.head_idx[k]
                mention = self._mention_at(i)
                if mention is not None and self.interview_role(self.tokens[i][0]) != "question":
                    found = mention[1]
                k += 1
            self._interviewee_found = (found,)
        return self._interviewee_found[0]

    def _settle(self, chosen: _Found | None, open_pos: int, follows: bool = True,
                near: int = 0, rule: str = "cue_before") -> Attribution:
        if chosen is None or chosen.kind == "continue":
            # an interview: a quote without a cue of its own is the interviewer's in a question
            # and the interviewee's in an answer, whoever the question named
            role = self.interview_role(open_pos)
            if role == "question":
                return Attribution(None, 0.0)
            if role == "answer":
                person = self._interviewee()
                if person is not None:
                    self._remember(person)
                    self.last = (open_pos, person)
                    return Attribution(person, 0.6, "interview_answer")
        if chosen is not None and chosen.kind == "named":
            self._remember(chosen.speaker)
            self.last = (open_pos, chosen.speaker)
            return Attribution(chosen.speaker, 0.9, rule)
        if chosen is not None and chosen.kind == "anonymous":
            self._anonymous_at = open_pos
            return Attribution(None, 0.6)
        if (chosen is None and follows or chosen is not None and chosen.kind == "continue") \
                and self._anonymous_at > (self.last[0] if self.last is not None else -1) \
                and open_pos - self._anonymous_at < _NEAR_CONTINUATION:
            # "وقال المصدر …" then "وأشار إلى أن …": the anonymous source goes on speaking
            return Attribution(None, 0.5)
        if chosen is not None and chosen.kind == "unknown":
            return Attribution(None, 0.3)
        if chosen is None and not follows:
            # a standalone quote right after a sentence whose reporting verb names its subject
            # ("X a réitéré sa position : fermeté.\n«…»"): that subject speaks
            if self.last is not None and self._in_sentence_before(self.last[0], open_pos, near):
                return Attribution(self.last[1], 0.5, "sentence_before")
            # a standalone quote right after a sentence whose subject is a person ("The
            # opposition leader, X, disagreed. «…»"): that person, sooner than the latest one
            # introduced with a title
            subject = self._previous_subject(open_pos)
            if subject is not None and subject.start >= near:
                self.last = (open_pos, subject)
                self._remember(subject)
                return Attribution(subject, 0.45, "sentence_before")
            # a standalone quote right after the sentence that introduces its speaker
            mention = self.mention_before(open_pos, floor=max(near, open_pos - 480))
            if mention is not None and mention.start >= near and open_pos - mention.end < 400:
                self.last = (open_pos, mention)
                self._remember(mention)
                return Attribution(mention, 0.4, "title_mention")
            person = self._first_person(max(near, open_pos - 400), open_pos)
            if person is not None and (self._recurs_name(person) or self._opens_sentence(person)):
                # the person the sentence before names, when the article names them again
                self.last = (open_pos, person)
                self._remember(person)
                return Attribution(person, 0.4, "sentence_before")
            if self.signature is not None:
                return Attribution(self.signature, 0.35, "signature")
            return Attribution(None, 0.0)
        if chosen is not None and chosen.kind == "continue":
            # "Mr B called on him to quit. “…,” he said": the pronoun is the subject of the
            # narrative sentence just before the quote, not the last person quoted
            subject = self._previous_subject(open_pos) or self._subject_of_sentence_before(open_pos)
            if subject is not None:
                self._remember(subject)
                self.last = (open_pos, subject)
                return Attribution(subject, 0.7, "pronoun_subject")
        if self.last is not None:
            # a continuation far from the last attribution is less certain
            far = open_pos - self.last[0] > _FAR
            return Attribution(self.last[1], (0.7 if chosen is not None else 0.45) - (0.15 if far else 0),
                               "continuation")
        mention = self.mention_before(open_pos)
        if mention is not None:
            self.last = (open_pos, mention)
            self._remember(mention)
            return Attribution(mention, 0.4, "title_mention")
        if chosen is not None and chosen.kind == "continue":
            # "he said" with nobody attributed yet: the person the text is about, named in
            # the sentences just before (its subject, the first name there)
            person = self._recent_person(open_pos, max(0, open_pos - 600))
            if person is not None:
                self.last = (open_pos, person)
                self._remember(person)
                return Attribution(person, 0.45, "pronoun_subject")
        if self.signature is not None:
            return Attribution(self.signature, 0.35, "signature")
        return Attribution(None, 0.0)

    def _previous_subject(self, open_pos: int) -> Speaker | None:
        """In a cased script, the name that opens a clause of the sentence just before
        ``open_pos`` (at its start or after a comma) and is followed by a verb-like small word;
        None when that sentence holds a quote or names nobody so."""
        text = self.text
        end = open_pos
        while end > 0 and end > open_pos - 12 and (text[end - 1].isspace() or text[end - 1] in ".;"):
            end -= 1
        m = SENTENCE_BACK.search(text, max(0, end - 400), end)
        start = m.end() if m else max(0, end - 400)
        if start >= end or self.in_quote(start) or any(ch in text[start:end] for ch in "\"“”«»„"):
            return None
        words = self.token_range(start, end)
        k = words.start
        while k < words.stop:
            clause_start = k == words.start or "," in text[self.tokens[k - 1][1]:self.tokens[k][0]]
            if not clause_start or not self.raw(k)[:1].isupper() or self.fold(k) in STOP_WORDS:
                k += 1
                continue
            run = [k]
            while run[-1] + 1 < words.stop and self.joined(run[-1], run[-1] + 1) \
                    and self.raw(run[-1] + 1)[:1].isupper() and len(run) < 4:
                run.append(run[-1] + 1)
            nxt = run[-1] + 1
            if nxt < words.stop and self.joined(run[-1], nxt) and self.raw(nxt)[:1].islower() \
                    and (self.fold(nxt) not in STOP_WORDS or self.fold(nxt) in AUXILIARIES) \
                    and _LATIN.match(self.fold(nxt)):
                raws = [self.raw(j) for j in run]
                cut = min(title_length(raws + ["_"]), len(raws))
                name = run[cut:]
                if name and (len(name) >= 2 or cut > 0) and all(self._name_word(j) for j in name):
                    a, b = self.tokens[name[0]][0], self.tokens[name[-1]][1]
                    return Speaker(text[a:b], a, b)
            k = run[-1] + 1
        return None

    def _nobody_else_since(self, last: tuple[int, Speaker], pos: int) -> bool:
        """No person other than the last speaker is named between the last quote and pos."""
        speaker = last[1]
        for found in (self.mention_before(pos, floor=last[0] + 1), self._first_person(last[0] + 1, pos)):
            if found is not None and found.name != speaker.name and not (
                    found.start <= speaker.start < found.end or speaker.start <= found.start < speaker.end
                    or (is_role(speaker.name) and 0 <= found.start - speaker.end <= 40)):
                return False    # (a role and the name written right after it are one person)
        for k in self.token_range(last[0] + 1, pos):
            a, b = self.tokens[k]
            if speaker.start - 40 <= a < speaker.end or self.in_quote(a):
                continue
            folded = self.fold(k)
            if folded in TITLE_HEADS or strip_clitic(folded, TITLE_HEADS) is not None or (
                    len(folded) > 3 and folded[0] in HE_PREPOSITION_LETTERS and folded[1:] in TITLE_HEADS):
                # "פנה לשרת האוצר X": a title introduces someone else, unless it is the last
                # speaker's own role ("אמר המפכ"ל")
                mention = self._mention_at(k)
                holder = mention[1] if mention is not None else self.resolve_role(Speaker(self.text[a:b], a, b), a)
                if holder is None or holder.name != speaker.name:
                    return False
        return True

    def _subject_of_sentence_before(self, open_pos: int) -> Speaker | None:
        """"A met B this morning. She later said: «…»": a pronoun refers to the subject of the
        sentence before its own, a name (with its title) that opens that sentence or follows
        its first word (a verb, in Arabic); not the latest person named (B, the object)."""
        text = self.text
        m = SENTENCE_BACK.search(text, max(0, open_pos - 400), open_pos)
        own_start = m.end() if m else max(0, open_pos - 400)
        end = own_start if text[own_start:open_pos].strip(" \t\r\n\u00a0:,\u2014-") else open_pos
        while end > 0 and end > own_start - 12 and (text[end - 1].isspace() or text[end - 1] in ".;"):
            end -= 1
        m = SENTENCE_BACK.search(text, max(0, end - 400), end)
        start = m.end() if m else max(0, end - 400)
        words = self.token_range(start, end)
        if not words or any(ch in text[start:end] for ch in "\"“”«»„"):
            return None
        k = bisect_left(self.head_idx, words.start)
        while k < len(self.head_idx) and self.head_idx[k] < min(words.stop, words.start + 3):
            mention = self._mention_at(self.head_idx[k])
            if mention is not None and mention[1].end <= end and not is_role(mention[1].name):
                return mention[1]
            k += 1
        return None

    def _in_sentence_before(self, pos: int, open_pos: int, near: int) -> bool:
        """``pos`` lies in the sentence that ends just before ``open_pos`` (after ``near``)."""
        text = self.text
        end = open_pos
        while end > pos and end > open_pos - 12 and (text[end - 1].isspace() or text[end - 1] in ".:;"):
            end -= 1
        return near <= pos < end and end - pos < 400 and not _SENTENCE_END.search(text, pos, end)

    def _recent_person(self, pos: int, lo_char: int) -> Speaker | None:
        """The first person named by capitalised words (a cased script) in the sentence or
        paragraph before ``pos``, from ``lo_char``: two to four capitalised words that are not
        all title words, not at the very start of a sentence unless there are two of them."""
        # the sentence before the quote first, then the one before it
        ends = [m.end() for m in _SENTENCE_END.finditer(self.text, lo_char, pos)]
        bounds = ([ends[-1]] if ends else []) + ([ends[-2]] if len(ends) > 1 else []) + [lo_char]
        hi = pos
        for start in bounds:
            person = self._first_person(start, hi)
            if person is not None:
                return person
            hi = start
        return None

    def _first_person(self, lo_char: int, pos: int) -> Speaker | None:
        words = self.token_range(lo_char, pos)
        run: list[int] = []
        best = None
        for i in list(words) + [None]:
            if i is not None and self._name_word(i) and (not run or self.joined(run[-1], i)):
                run.append(i)
                continue
            if len(run) >= 2:
                raws = [self.raw(k) for k in run]
                cut = min(title_length(raws + ["_"]), len(raws))
                name = run[cut:]
                if len(name) >= 2 and not any(self.fold(k) in STOP_WORDS for k in name):
                    a, b = self.tokens[name[0]][0], self.tokens[name[-1]][1]
                    best = Speaker(self.text[a:b], a, b)
                    break
            run = [i] if i is not None and self._name_word(i) else []
        return best

    def _opens_sentence(self, person: Speaker) -> bool:
        """The name is the first thing in its sentence: the subject the text goes on about."""
        k = bisect_left(self.starts, person.start)
        if k == 0 or _SENTENCE_END.search(self.text, self.tokens[k - 1][1], person.start):
            return True
        return self._apposed_to_opening_title(person, k)

    def _apposed_to_opening_title(self, person: Speaker, k: int) -> bool:
        """"Le ministre de l'Énergie, X, est catégorique": the name set off by commas after the
        title that opens its sentence is that sentence's subject."""
        text = self.text
        if not text[self.tokens[k - 1][1]:person.start].strip().endswith(",") or \
                not text[person.end:person.end + 3].lstrip(" \u00a0").startswith(","):
            return False
        m = SENTENCE_BACK.search(text, max(0, person.start - 300), person.start)
        words = self.token_range(m.end() if m else max(0, person.start - 300), person.start)
        if not words:
            return False
        first = words.start
        if k - first > 10 or any(self.in_quote(self.tokens[j][0]) for j in (first, k - 1)):
            return False
        return any(self._title_word(j) and self.fold(j) in TITLE_HEADS for j in range(first, k)) \
            and not any("," in text[self.tokens[j][1]:self.tokens[j + 1][0]] for j in range(first, k - 1))

    def _role_in(self, lo_char: int, pos: int) -> Speaker | None:
        """A title standing for its holder in the lead-in ("la candidate", "the minister"):
        returned as a role, for the article's coreference to resolve."""
        for i in self.token_range(lo_char, pos):
            if self._title_word(i) and self.fold(i) in TITLE_HEADS:
                j = i + 1
                while j < len(self.tokens) and self.tokens[j][1] <= pos and self.fold(j) in TITLE_COMPLEMENTS:
                    j += 1
                a, b = self.tokens[i][0], self.tokens[j - 1][1]
                return Speaker(self.text[a:b], a, b)
        return None

    def _name_word(self, i: int) -> bool:
        raw = self.raw(i)
        return (raw[:1].isupper() and _TITLE_CASE.match(raw) is not None
                and self.fold(i) not in PRONOUNS and self.fold(i) not in STOP_WORDS)

