"""Reading speaker names next to reporting cues: the token view of the text behind attribution.

Names are taken after a verb (VSO, usual in Arabic and Hebrew: "وقال ساعر", "אמר נתניהו") or
before it (SVO: "Netanyahu said", "ساعر قال"), stopping at prepositions, complementizers and
punctuation; titles are split off so that the speaker is the name as written.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import regex

from .forms import (ABBREVIATED_TITLES, ADVERBS, DOCUMENT_LINKS, AR_ARTICLES, AR_CONJOINED_ARTICLES, AR_POSSESSED_SUFFIXES,
                    AR_PREFIXED_ARTICLES, DETERMINERS, HE_ARTICLES, HE_PREPOSITION_LETTERS,
                    NAME_ENDERS, NAME_JOINERS, OBJECT_MARKERS, RELATIONAL_NOUNS)
from .lexicon import (ANONYMOUS_SOURCES, COUNTRY_WORDS, ENGLISH_GROUP_NOUNS, ENGLISH_ROLE_NOUNS, INDEFINITE_DETERMINERS, NAMING_NOUNS,
                             ORGANISATION_HEADS, PARTICIPLES, PRONOUNS, STOP_WORDS, TITLE_COMPLEMENTS, TITLE_HEADS,
                             is_reporting_verb, strip_clitic)
from ..text.fold import fold_token

_CYRILLIC_WORD = re.compile("[\u0400-\u04ff]")
_QUOTE_MARKS = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb]")
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
_SENTENCE_END = regex.compile(r"[.!?](?![\p{L}\p{N}])|[؟\n\u2029]")   # "Goal.com", "2.5" end nothing
# what ends the sentence around a cue: its punctuation or a quote mark
_BOUNDARY = regex.compile(r"[.!?؟\n\u2029\"“”«»„]")
_BOUNDARY_BACK = regex.compile(r"[.!?؟\n\u2029\"“”«»„]", regex.REVERSE)
_PREP_DEFINITE = AR_PREFIXED_ARTICLES
_NAME_ENDERS = NAME_ENDERS

_POSSESSED = AR_POSSESSED_SUFFIXES

_RELATIONAL = RELATIONAL_NOUNS

_ADVERBS = ADVERBS

_ABBREVIATED_TITLES = ABBREVIATED_TITLES

WINDOW_BEFORE = 300
_RECENT = 20
WINDOW_AFTER = 160


@dataclass(slots=True)
class Speaker:
    name: str
    start: int
    end: int


class _Found:
    """What one cue says: a named speaker, a pronoun/continuation, or an anonymous source."""
    __slots__ = ("kind", "speaker", "rule")

    def __init__(self, kind: str, speaker: Speaker | None = None, rule: str | None = None):
        # named | continue | anonymous | none | rejected (words there, but no name) | unknown
        self.kind = kind
        self.speaker = speaker
        self.rule = rule    # set when the name came from elsewhere than the cue's own words


class NameReader:
    """Token access and name reading; the attributor below supplies the token tables."""

    text: str
    tokens: list[tuple[int, int]]
    starts: list[int]
    folded: list[str]
    cue_idx: list[int]
    quoted: list[tuple[int, int]]
    quoted_starts: list[int]
    speakers: list[Speaker]
    remembered_at: dict[str, int]       # speaker name -> where it was last attributed
    _cursor: int = 0

    def mention_before(self, pos: int, head: str | None = None) -> Speaker | None:
        raise NotImplementedError

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
        if gap[:1] == "." and (self.folded[i] in _ABBREVIATED_TITLES or self._initialism(i)):
            gap = gap[1:]     # "Mr. Smith", "U.S. Trade": the period belongs to the word
        # a line break ends a phrase: a title closing a heading is not followed by a name
        return len(gap) <= 3 and "\n" not in gap and all(ch.isspace() or ch in "-־\u0640" for ch in gap)

    def _initialism(self, i: int) -> bool:
        """Token i is a letter of a dotted initialism such as U.S. or U.N."""
        a, b = self.tokens[i]
        if b - a != 1 or not self.text[a].isupper():
            return False
        text = self.text
        before = text[a - 2:a] if a >= 2 else ""
        after = text[b:b + 3]
        return (len(before) == 2 and before[1] == "." and before[0].isupper()) or (
            len(after) == 3 and after[0] == "." and after[1].isupper() and after[2] == ".")

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
                or self.in_quote(self.tokens[i][1] - 1)
                # a noun with a possessive suffix (مسؤوليتها) is the object after the subject
                or (len(folded) > 5 and folded.endswith(_POSSESSED) and _ARABIC.match(folded)))

    def _make_speaker(self, idx: list[int]) -> _Found:
        if not idx:
            return _Found("none")
        first = self.fold(idx[0])
        if first in PRONOUNS:
            return _Found("continue")
        if first in ANONYMOUS_SOURCES or (len(idx) > 1 and first in ("a", "an")
                                          and self.fold(idx[1]) in ANONYMOUS_SOURCES):
            return _Found("anonymous")
        referred = self._referred(idx)
        if referred is not None:
            return referred
        organisation = self._organisation(idx)
        if organisation is not None:
            return self._span(organisation)
        if self._quote_gap_in(idx):
            # a chain of titles with a quoted bloc name in it: the name after the last title
            tail = self._after_last_head(idx)
            if tail and not self._quote_gap_in(tail):
                return self._span(tail)
        raws = [self.raw(i) for i in idx]
        # a placeholder name lets every title word be counted, so a bare role is recognised
        cut = min(title_length(raws + ["_"]), len(idx))
        if cut == len(idx):
            name_idx = idx
        else:
            name_idx = self._trim_name(idx[cut:]) if cut else idx
            if len(name_idx) == 1 and ('"' in self.fold(name_idx[0]) or self.fold(name_idx[0]) in COUNTRY_WORDS):
                name_idx = idx    # "דובר צה"ל", "سفير إسرائيل": the role of an institution
        if len(name_idx) > 3:
            tail = self._after_last_head(idx)
            if tail:
                return self._span(tail)
            # a name followed by a phrase ("נתניהו במסיבת עיתונאים"): keep a known person in it
            known = self.known_in(name_idx[0], name_idx[-1] + 1)
            if known is None:
                mention = self.mention_before(self.tokens[name_idx[0]][0])
                if mention is not None and any(names_match(self.raw(i), mention.name)
                                               for i in name_idx[:2]):
                    j = next(i for i in name_idx[:2] if names_match(self.raw(i), mention.name))
                    start, end = self.tokens[j]
                    return _Found("named", Speaker(self.text[start:end], start, end))
                return _Found("rejected")
            return _Found("named", known)
        return self._span(name_idx)

    def _span(self, idx: list[int]) -> _Found:
        start, end = self.tokens[idx[0]][0], self.tokens[idx[-1]][1]
        return _Found("named", Speaker(self.text[start:end], start, end))

    # Rules on roles, organisations and appositions; supplied by the subclass.
    def _referred(self, idx: list[int]) -> _Found | None:
        return None

    def _organisation(self, idx: list[int]) -> list[int] | None:
        return None

    def _after_last_head(self, idx: list[int]) -> list[int] | None:
        return None

    def _apposed_name(self, idx: list[int], first: int, limit: int, english: bool) -> _Found | None:
        return None

    def _appositive_subject(self, i: int, floor: int) -> _Found | None:
        return None

    def _trim_name(self, idx: list[int]) -> list[int]:
        out: list[int] = []
        for i in idx[:3]:
            folded = self.fold(i)
            if out and folded in _NAME_ENDERS:
                break
            out.append(i)
        return out

    def name_after(self, i: int, limit: int) -> _Found:
        """The name right after cue token i (in the same phrase)."""
        if i + 1 >= len(self.tokens) or (i >= 0 and not self.joined(i, i + 1)):
            return _Found("none")
        return self.name_from(i + 1, limit, english=bool(_LATIN.match(self.raw(max(i, 0)))))

    def name_from(self, first: int, limit: int, english: bool = False) -> _Found:
        """The name (with its title) that starts at token ``first``."""
        idx: list[int] = []
        j = first
        after_quoted = False
        while j < limit and len(idx) < 8 and (j == first or self.joined(j - 1, j) or after_quoted or (
                not english and idx and self._quoted_bloc_end(idx[-1], j, limit) is not None)):
            after_quoted = False
            raw = self.raw(j)
            folded = self.fold(j)
            if english:
                if folded in PRONOUNS and not idx:
                    return _Found("continue")
                if not idx and folded in INDEFINITE_DETERMINERS and j + 1 < limit and self.joined(j, j + 1) \
                        and not self._capitalised(j + 1):
                    return _Found("anonymous")   # "asked a reporter", "said one of the photographers"
                if folded in DETERMINERS and not idx:
                    idx.append(j)
                elif not idx and folded in ENGLISH_ROLE_NOUNS and j > 0 and self.fold(j - 1) in DOCUMENT_LINKS:
                    idx.append(j)     # "les informations du ministère de l'Agriculture"
                elif self._capitalised(j) or folded in ("of", "'s") or (
                        idx and (folded in ENGLISH_ROLE_NOUNS or folded.rstrip(".") in TITLE_HEADS)):
                    # a capitalised name, or a role after its article ("said the mayor"), which
                    # the article's coreference resolves to the person it names with that role
                    if not self._capitalised(j) and folded not in ENGLISH_ROLE_NOUNS and j + 1 < limit \
                            and self.joined(j, j + 1) and (self.fold(j + 1) in NAME_JOINERS or self.fold(j + 1) == "of"):
                        # "le chef de l'Etat", "the head of the agency": a role with a complement
                        # is left to the rules that read the rest of the sentence
                        return _Found("none")
                    idx.append(j)
                elif idx and folded in NAME_JOINERS and self._joins_capital(j, limit):
                    idx.append(j)     # "le ministère de la Santé": small words inside a name
                else:
                    break
            else:
                end = self._quoted_bloc_end(idx[-1], j, limit) if idx and not self.joined(j - 1, j) else None
                if end is not None:
                    # "عضو كتلة “اللقاء الديمقراطي” النائب X": a bloc's quoted name inside a
                    # chain of titles; the chain goes on after it
                    idx.extend(range(j, end))
                    j = end
                    after_quoted = True
                    continue
                if self._stops_name(j) and not self._continues_title(idx, j):
                    break
                if idx and _HEBREW.match(folded) and j + 1 < limit and (
                        self.fold(j + 1) in OBJECT_MARKERS or (
                            folded[0] in HE_PREPOSITION_LETTERS and len(folded) >= 4
                            and self.joined(j, j + 1) and self.fold(j + 1).startswith(HE_ARTICLES)
                            and len(self.fold(j + 1)) >= 3)):
                    # "יואב כהן הציג את": a word before the object marker is a verb;
                    # "נתניהו בחשבון הטוויטר": a preposition with its noun ends the name
                    break
                idx.append(j)
            j += 1
        apposed = self._apposed_name(idx, first, limit, english)
        if apposed is not None:
            return apposed
        if english and idx and self.fold(idx[0]) in DETERMINERS:
            if len(idx) < 2:
                return _Found("none")
        return self._make_speaker(idx)

    def _quoted_bloc_end(self, before: int, j: int, limit: int) -> int | None:
        """Where the chain of titles goes on after a short quoted name (at most four words)
        that token j opens right after a naming noun (a party, a bloc) at token ``before``: the
        token after the closing mark, when it is a title; else None."""
        folded = self.fold(before)
        if folded not in NAMING_NOUNS and strip_clitic(folded, NAMING_NOUNS) is None:
            return None
        if not _QUOTE_MARKS.search(self.text, self.tokens[before][1], self.tokens[j][0]):
            return None
        for k in range(j, min(limit - 1, j + 4)):
            gap = self.text[self.tokens[k][1]:self.tokens[k + 1][0]]
            if _QUOTE_MARKS.search(gap):
                nxt = self.fold(k + 1)
                return k + 1 if (nxt in TITLE_HEADS or strip_clitic(nxt, TITLE_HEADS) is not None) \
                    and len(gap.strip()) <= 2 else None
            if not self.joined(k, k + 1):
                return None
        return None

    def _quote_gap_in(self, idx: list[int]) -> bool:
        if len(idx) < 2 or _QUOTE_MARKS.search(self.text, self.tokens[idx[0]][1], self.tokens[idx[-1]][0]) is None:
            return False
        return any(_QUOTE_MARKS.search(self.text, self.tokens[a][1], self.tokens[b][0])
                   for a, b in zip(idx, idx[1:]))

    def _capitalised(self, j: int) -> bool:
        """Token j starts with a capital, also after an elided article ("l’Agriculture")."""
        raw = self.raw(j)
        if raw[:1].isupper():
            return True
        cut = next((k for k in (1, 2) if raw[k:k + 1] in ("'", "\u2019")), None)
        return cut is not None and raw[cut + 1:cut + 2].isupper() and \
            fold_token(raw[:cut] + "'") in DETERMINERS | NAME_JOINERS

    def _joins_capital(self, j: int, limit: int) -> bool:
        """Token j is a small joining word followed, in the same phrase, by at most one more
        joining word and then a capitalised word ("de la Santé", "of Health")."""
        for k in (j + 1, j + 2):
            if k >= min(limit, len(self.tokens)) or not self.joined(k - 1, k):
                return False
            if self._capitalised(k):
                return True
            if self.fold(k) not in NAME_JOINERS:
                return False
        return False

    def _continues_title(self, idx: list[int], j: int) -> bool:
        """"وزير السياحة والآثار": a و-joined definite word inside a title or an organisation."""
        folded = self.fold(j)
        if not (idx and folded.startswith(AR_CONJOINED_ARTICLES) and len(folded) > 4):
            return False
        if not self.fold(idx[-1]).startswith(AR_ARTICLES):
            return False
        head = self.fold(idx[0])
        return head in TITLE_HEADS or strip_clitic(head, ORGANISATION_HEADS) is not None

    def _job_description_before(self, i: int, floor: int) -> bool:
        """The words between the last comma and token i describe a job in English: a title word
        among small words ("Research Director at Centre for London")."""
        if not _LATIN.match(self.raw(i)):
            return False
        seg = []
        j = i - 1
        while j >= floor and len(seg) < 8 and self.joined(j, j + 1):
            seg.append(j)
            j -= 1
        if not seg or j < floor or self.text[self.tokens[j][1]:self.tokens[seg[-1]][0]].strip() != ",":
            return False
        return any(self.fold(k).rstrip(".") in TITLE_HEADS for k in seg) and any(
            self.raw(k)[:1].islower() for k in seg) and self.raw(seg[-1])[:1].isupper()

    def name_before(self, i: int, floor: int) -> _Found:
        if i - 1 >= floor and self.text[self.tokens[i - 1][1]:self.tokens[i][0]].strip() in (",", "،"):
            # "Justice X, the commission's chairwoman, said": skip the appositions
            subject = self._appositive_subject(i, floor)
            if subject is not None:
                return subject
        elif self._job_description_before(i, floor):
            # "Richard Brown, Research Director at Centre for London said": the same without
            # the second comma
            subject = self._appositive_subject(i, floor)
            if subject is not None:
                return subject
        idx: list[int] = []
        j = i - 1
        cased_stop = False
        english = bool(_LATIN.match(self.raw(i)))
        aside = self._aside_before(i, floor)
        if aside is not None:
            j = aside   # "Mohamaddin (photo) replied": a bracket between subject and verb
        if english and j >= floor and self.joined(j, j + 1) and (
                self.fold(j) in _ADVERBS or self.fold(j).endswith("ly")):
            j -= 1     # "she later said", "Ortiz also said"
        while j >= floor and len(idx) < 6 and (self.joined(j, j + 1) or (j == aside and not idx)):
            raw = self.raw(j)
            folded = self.fold(j)
            if english:
                if folded in PRONOUNS and not idx:
                    return _Found("continue")
                if folded in ANONYMOUS_SOURCES and not idx:
                    return _Found("anonymous")    # "a senior official told Reuters"
                if raw[:1].isupper() and folded in STOP_WORDS and folded not in NAME_JOINERS \
                        and folded not in DETERMINERS:
                    break       # "When asked …": a capitalised small word opens the sentence
                if raw[:1].isupper() or folded in ENGLISH_ROLE_NOUNS or folded in TITLE_HEADS or folded in ("of", "the"):
                    idx.append(j)
                elif idx and (folded in NAME_JOINERS or folded in DETERMINERS) and j - 1 >= floor \
                        and self.joined(j - 1, j) and (self.fold(j - 1) in ENGLISH_ROLE_NOUNS
                                                       or self.fold(j - 1) in NAME_JOINERS):
                    idx.append(j)     # small words inside a name: 'le ministère de la Défense'
                elif not idx and folded in ENGLISH_GROUP_NOUNS:
                    pass     # "Goldman Sachs analysts said": the bank speaks
                elif not idx and folded not in STOP_WORDS:
                    return _Found("rejected")     # "a person familiar with the talks said"
                elif (idx and folded not in STOP_WORDS and j - 1 >= floor and self.joined(j - 1, j)
                      and self.raw(j - 1)[:1].isupper()
                      and not any(self.raw(k)[:1].isupper() for k in idx)):
                    idx.append(j)     # "the African Union election observer mission"
                else:
                    break
            else:
                if self._stops_name(j):
                    break
                if idx and _CYRILLIC_WORD.match(raw) and raw[:1].islower() \
                        and all(self.raw(k)[:1].isupper() for k in idx) \
                        and folded not in TITLE_HEADS and not (
                            folded in TITLE_COMPLEMENTS
                            and any(self.fold(k) in TITLE_HEADS for k in (j - 1, j - 2) if k >= floor)):
                    # "На заседании думы Ольга Смирнова заявила": in a cased script the subject
                    # is the capitalised name before the verb; the small words before it are an
                    # adverbial phrase
                    cased_stop = True
                    break
                idx.append(j)
            j -= 1
        idx.reverse()
        if english and len(idx) >= 3:
            # "Later the mayor said", "Then the minister said": a determiner opens the subject;
            # the words before it (an adverb, a time word) are not part of it
            cut = next((k for k in range(1, len(idx)) if self.fold(idx[k]) in DETERMINERS
                        and self.fold(idx[k - 1]) not in NAME_JOINERS and self.fold(idx[k - 1]) != "of"), None)
            if cut is not None and cut < len(idx) - 1:
                idx = idx[cut:]
        while idx and self.fold(idx[0]) in ("of", "the") and len(idx) > 1 and \
                self.fold(idx[0]) == "of":
            idx = idx[1:]
        if english and idx and self.fold(idx[-1]) in ("of", "the"):
            return _Found("none")
        if not english and idx and j >= floor and not cased_stop and not self._clause_start(j):
            return _Found("none")
        return self._make_speaker(idx)

    def _aside_before(self, i: int, floor: int) -> int | None:
        """The token before a bracketed aside of at most four words that ends right before
        token i ("X (photo) replied", "X (SE) a déclaré"), or None."""
        if i - 1 < floor or self.text[self.tokens[i - 1][1]:self.tokens[i][0]].strip() != ")":
            return None
        for k in range(i - 1, max(floor, i - 5) - 1, -1):
            if k - 1 < floor:
                return None
            gap = self.text[self.tokens[k - 1][1]:self.tokens[k][0]]
            if "(" in gap:
                return k - 1 if gap.strip() == "(" else None
        return None

    def _clause_start(self, j: int) -> bool:
        """Token j ends what comes before a subject: a stop word or punctuation after it."""
        return self.fold(j) in STOP_WORDS or not self.joined(j, j + 1)

    def _remember(self, speaker: Speaker) -> None:
        # bounded and deduplicated, so that long texts with many quotes stay linear
        self.speakers = [s for s in self.speakers if s.name != speaker.name][-(_RECENT - 1):]
        self.speakers.append(speaker)
        self.remembered_at[speaker.name] = self._cursor

    def surname_of_known(self, word: Speaker) -> Speaker | None:
        """The earlier speaker of three words or more whose surname is ``word`` ("السيد" for
        "محمد عبد الستار السيد"), or None."""
        folded = fold_token(word.name)
        for sp in reversed(self.speakers):
            words = TOKEN.findall(sp.name)
            if len(words) >= 3 and fold_token(words[-1]) == folded:
                return sp
        return None

    def known_in(self, lo: int, hi: int) -> Speaker | None:
        """The first earlier speaker whose surname appears among tokens lo..hi."""
        surnames = [s for s in map(_surname, reversed([sp.name for sp in self.speakers])) if s]
        if not surnames:
            return None
        for i in range(lo, hi):
            raw = self.raw(i)
            folded = self.fold(i)
            if len(raw) < 3 or folded in COUNTRY_WORDS or folded in STOP_WORDS:
                continue
            for surname in surnames:
                if _names_match(raw, surname):
                    start, end = self.tokens[i]
                    return Speaker(raw, start, end)
        return None


@lru_cache(maxsize=4096)
def _surname(name: str) -> str | None:
    words = TOKEN.findall(name)
    return words[-1] if words and fold_token(words[-1]) not in COUNTRY_WORDS else None


# the same words meet the same speakers again and again in one text
_names_match = lru_cache(maxsize=65536)(names_match)
