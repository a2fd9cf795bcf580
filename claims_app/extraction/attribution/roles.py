"""Roles, organisations and appositions around a speaker's name.

News prose rarely gives a bare name: "وقال ممثل المنظمة في السودان، الدكتور هشام النور",
"Justice Chifundo Kamanga, the commission's chairwoman, said", "EU Trade Commissioner Marta
Lindqvist said", "بحسب الجمعية" (the association named earlier). These rules find the person or
organisation behind such phrases; when they cannot, they say so rather than guess.
"""
from __future__ import annotations

from .names import _ARABIC, _LATIN, NameReader, Speaker, _Found
from .forms import (AR_ARTICLES, AR_CONJOINED_ARTICLES, AR_NISBA_SUFFIXES, AR_OBJECT_PREFIXES,
                    DEFINITE_DETERMINERS, DETERMINERS, DOCUMENT_LINKS, HE_ARTICLES, NAME_JOINERS,
                    RELATIVE_PRONOUNS, WHAT_PRONOUNS)
from .lexicon import (DOCUMENT_NOUNS, ENGLISH_ORGANISATION_TAILS, GENERIC_ROLES,
                             HONORIFICS, ORGANISATION_ADJECTIVES, ORGANISATION_HEADS,
                             TITLE_HEADS, is_reporting_verb, strip_clitic)
from ..text.fold import fold_token
from .speakers import title_length

_ARTICLES = DETERMINERS
_RELATIVES = RELATIVE_PRONOUNS
_COMMAS = (",", "،")
_MAX_SEGMENT = 8
_MAX_RELATIVE_SEGMENT = 16
_NAME_JOINERS = NAME_JOINERS


def _bare(folded: str) -> str:
    """The noun without و, the Arabic article ال or the Hebrew article ה (الجمعية -> جمعية)."""
    for conjoined in AR_CONJOINED_ARTICLES:
        if len(folded) > 4 and folded.startswith(conjoined):
            folded = folded[len(conjoined) - 2:]     # drop the conjunction, keep the article
    for article in AR_ARTICLES:
        if len(folded) > 4 and folded.startswith(article):
            return folded[len(article):]
    for article in HE_ARTICLES:
        if len(folded) > 2 and folded.startswith(article):
            return folded[len(article):]
    return folded


_ORGANISATION_NOUNS = frozenset(_bare(w) for w in ORGANISATION_HEADS)


def _is_title(folded: str) -> bool:
    return folded.rstrip(".") in TITLE_HEADS or strip_clitic(folded, TITLE_HEADS) is not None


class RoleReader(NameReader):
    """Name reading that also understands roles, organisations and appositions."""

    # -- a role or an organisation noun standing for someone named earlier --------------------
    def role_mention(self, role: list[str]) -> Speaker | None:
        """The person the text introduced with the title words ``role``; see the attributor."""
        return None

    def office_modifier(self, i: int) -> str | None:
        return None

    def _referred(self, idx: list[int]) -> _Found | None:
        if len(idx) == 2 and self.fold(idx[0]) in DEFINITE_DETERMINERS:
            word = idx[1]
        elif len(idx) == 1:
            word = idx[0]
        else:
            # "ראש הממשלה", "the prime minister": a title of several words said once in full
            words = idx[1:] if self.fold(idx[0]) in _ARTICLES else idx
            if title_length([self.raw(i) for i in idx] + ["_"]) >= len(idx):
                mention = self.role_mention([_bare(self.fold(i)) for i in words])
                if mention is not None:
                    return _Found("named", mention, "role_coreference")
            return None
        folded = self.fold(word)
        noun = _bare(strip_clitic(folded, TITLE_HEADS) or folded)
        english = _LATIN.match(folded) is not None
        if english and len(idx) == 1 and self.raw(word)[:1].isupper() and folded not in TITLE_HEADS:
            return None     # "Mwale": a name, not a noun
        if _is_title(folded):
            mention = self.mention_before(self._cursor, noun, modifier=self.office_modifier(word))
            if mention is not None:
                return _Found("named", mention, "role_coreference")
        if noun in (ENGLISH_ORGANISATION_TAILS if english else _ORGANISATION_NOUNS):
            organisation = self._organisation_named(noun, english)
            if organisation is not None:
                return _Found("named", organisation, "role_coreference")
        if folded in GENERIC_ROLES:
            return _Found("anonymous")     # "القيادي", "the analyst": nobody we can name
        return None

    def _organisation_named(self, noun: str, english: bool) -> Speaker | None:
        """The latest speaker whose name is an organisation of kind ``noun`` (جمعية -> جمعية X)."""
        for speaker in reversed(self.speakers):
            words = speaker.name.split()
            if len(words) < 2:
                continue
            key = fold_token(words[-1] if english else words[0])
            if _bare(strip_clitic(key, ORGANISATION_HEADS) or key) == noun:
                return speaker
        return None

    # -- organisations: names longer than a person's -------------------------------------------
    def _organisation(self, idx: list[int]) -> list[int] | None:
        if len(idx) < 2 or len(idx) > 7:
            return None
        first = self.fold(idx[0])
        if _LATIN.match(first):
            words = idx[1:] if first in _ARTICLES else idx
            if (len(words) >= 3 and strip_clitic(self.fold(words[0]), ORGANISATION_HEADS) is not None
                    and self.raw(words[-1])[:1].isupper()
                    and all(self.raw(w)[:1].isupper() or self.fold(w) in _NAME_JOINERS
                            for w in words[1:])):
                return words    # head first: "le ministère de la Santé", "Agence X"
            if len(words) < 2 or self.fold(words[-1]) not in ENGLISH_ORGANISATION_TAILS:
                return None
            if not self.raw(words[0])[:1].isupper():
                return None
            # capitalised words, then at most three lowercase ones ("observer mission")
            lower = [k for k, w in enumerate(words) if not self.raw(w)[:1].isupper()
                     and self.fold(w) not in _NAME_JOINERS]
            if not lower or (lower == list(range(lower[0], len(words))) and len(lower) <= 3):
                return idx
            return None
        if strip_clitic(first, ORGANISATION_HEADS) is not None and len(idx) <= 6:
            return self._organisation_end(idx)
        return None

    def _organisation_end(self, idx: list[int]) -> list[int]:
        """Cut an Arabic name before a new definite noun: in "وزارة الدفاع التقارير الأخيرة"
        the ministry ends at الدفاع; adjectives (الأردنية, العامة) and و-joined nouns go on."""
        for k in range(2, len(idx)):
            folded, previous = self.fold(idx[k]), self.fold(idx[k - 1])
            if not (folded.startswith(AR_ARTICLES) and previous.startswith(AR_ARTICLES + AR_CONJOINED_ARTICLES)):
                continue
            if folded.endswith(AR_NISBA_SUFFIXES) or folded in ORGANISATION_ADJECTIVES:
                continue
            return idx[:k]
        return idx

    def _after_last_head(self, idx: list[int]) -> list[int] | None:
        """"Kazakh Energy Minister Yerlan Abenov": the name after the last title word."""
        # an organisation's last word ends a title chain too ("Head of the Institute at the
        # Health Ministry Adnan Abbas"): the name follows it
        heads = [k for k, i in enumerate(idx) if _is_title(self.fold(i))
                 or (self.fold(i) in ENGLISH_ORGANISATION_TAILS and _LATIN.match(self.fold(i)))]
        if not heads:
            return None
        rest = idx[heads[-1] + 1:]
        if _ARABIC.match(self.fold(idx[0])) and rest and (
                all(self.fold(i).startswith(AR_ARTICLES + AR_CONJOINED_ARTICLES) for i in rest)
                or strip_clitic(self.fold(rest[0]), ORGANISATION_HEADS) is not None):
            # (or an organisation: "رئيس مجلس الوزراء" is a title with its complement)
            # "خالد منصور نائب رئيس الوزراء ووزير النقل والصناعة": definite words after the last
            # title are its portfolio; the person is the name the chain of titles follows
            first = heads[0]
            if len(heads) > 1 and heads[1] == first + 1 and first >= 1 \
                    and self.fold(idx[first]).startswith(AR_ARTICLES):
                # a definite title word right before a title head ("كامل الوزير نائب رئيس") is
                # not a title itself (a title opens with its head): it ends the name
                first = heads[1]
            before = idx[:first]
            if 2 <= len(before) <= 4 and not any(_is_title(self.fold(i)) for i in before[:-1]):
                return before
            return None
        if not 1 <= len(rest) <= 3 or title_length([self.raw(i) for i in rest] + ["_"]):
            return None
        if _LATIN.match(self.fold(rest[0])) and not all(self.raw(i)[:1].isupper() for i in rest):
            return None
        return rest

    # -- a document speaks for its author ---------------------------------------------------
    def _past_document(self, start: int, hi: int) -> int:
        """Skip to the author: "a statement from X", "بيان لـX", "ما كتبته X"."""
        folded = self.fold(start)
        if folded in WHAT_PRONOUNS and start + 1 < hi:
            verb = self.fold(start + 1)
            if any(is_reporting_verb(verb[:len(verb) - k]) for k in (0, 1, 2)):
                return start + 2     # وفق ما كتبته المديرة: the writer follows the verb
            return start
        j = start + 1 if folded in DETERMINERS else start
        if j < hi and self.fold(j) in DOCUMENT_NOUNS:
            if j + 1 < hi and self.fold(j + 1) in DOCUMENT_LINKS:
                return j + 2
            if j + 1 < hi and _ARABIC.match(self.fold(j)) and self.fold(j + 1).startswith(AR_OBJECT_PREFIXES):
                return j + 1     # بيان لوزارة الصحة: the ل is handled as after وفقا
            if j + 1 < hi and _ARABIC.match(self.fold(j)):
                return j + 1     # بيان وزارة الصحة
        return start

    # -- "role, NAME": the name apposed after a comma ------------------------------------------
    def _role_like(self, idx: list[int], english: bool) -> bool:
        if not idx:
            return False
        first = self.fold(idx[0])
        if english:
            return first in _ARTICLES or (_is_title(first) and first not in HONORIFICS)
        return _is_title(first) and first not in HONORIFICS

    def _names_nobody(self, idx: list[int], english: bool) -> bool:
        """The phrase is only a role: titles, or an English "the ..." description."""
        if english:
            return self.fold(idx[0]) in _ARTICLES or all(_is_title(self.fold(i)) for i in idx)
        return title_length([self.raw(i) for i in idx] + ["_"]) >= len(idx)

    def _apposed_name(self, idx: list[int], first: int, limit: int, english: bool) -> _Found | None:
        if not self._role_like(idx, english):
            return None
        comma = None
        for j in range(idx[-1] + 1, min(limit, idx[-1] + 8)):
            gap = self.text[self.tokens[j - 1][1]:self.tokens[j][0]]
            if gap.strip() in _COMMAS:
                comma = j
                break
            if (not self.joined(j - 1, j) or self.in_quote(self.tokens[j][0])
                    or is_reporting_verb(self.fold(j))):
                return None
        if comma is None:
            return None
        segment = self._segment_from(comma, limit, english)
        if not segment:
            return None
        honorific = self.fold(segment[0]) in HONORIFICS
        if not honorific and not self._names_nobody(idx, english):
            return None
        if not honorific and _is_title(self.fold(segment[0])):
            return None
        found = self._make_speaker(segment)
        if found.kind != "named" or len(found.speaker.name.split()) > 3:
            return None
        return found

    def _segment_from(self, j: int, limit: int, english: bool) -> list[int]:
        """The words from token j to the end of their phrase, if they can be a name."""
        seg: list[int] = []
        while j < limit and len(seg) < 5 and (not seg or self.joined(j - 1, j)):
            raw = self.raw(j)
            if english:
                if not (raw[:1].isupper() or (seg and self.fold(j) in _NAME_JOINERS)):
                    break
            elif self._stops_name(j) or raw.isdigit():
                break
            seg.append(j)
            j += 1
        if not seg or len(seg) == 5:
            return []
        return seg

    # -- "X, the commission's chairwoman, said": the subject before the appositions ------------
    def _appositive_subject(self, i: int, floor: int) -> _Found | None:
        english = _LATIN.match(self.fold(i)) is not None
        segments: list[list[int]] = []
        cur: list[int] = []
        j = i - 1
        while j >= floor:
            if self.in_quote(self.tokens[j][0]):
                break
            cur.append(j)
            if len(cur) > _MAX_RELATIVE_SEGMENT or (len(cur) > _MAX_SEGMENT and segments):
                # (a relative clause right before the verb may be longer: "X, qui a été
                # applaudi par les représentants présents dans l'assistance, a soutenu")
                if len(segments) < 2:
                    return None
                cur = []        # a long clause before "Name, job," is not part of the subject
                break
            if j - 1 < floor:
                break
            if self.joined(j - 1, j):
                j -= 1
                continue
            gap = self.text[self.tokens[j - 1][1]:self.tokens[j][0]]
            if gap.strip() in _COMMAS and len(segments) < 3:
                segments.append(cur[::-1])
                cur = []
                j -= 1
                continue
            break
        if cur:
            segments.append(cur[::-1])
        if segments and len(segments[0]) > _MAX_SEGMENT and self.fold(segments[0][0]) not in _RELATIVES:
            return None
        segments.reverse()
        kinds = [self._segment_kind(seg, english) for seg in segments]
        for k, seg in enumerate(segments):
            if kinds[k] == "name" and all(kind == "apposition" for kind in kinds[k + 1:]):
                found = self._make_speaker(seg)
                return found if found.kind == "named" else None
        return None

    def _segment_kind(self, seg: list[int], english: bool) -> str:
        first = self.fold(seg[0])
        raw = self.raw(seg[0])
        if all(self.raw(i).isdigit() for i in seg) or first in _RELATIVES:
            return "apposition"    # an age, a relative clause
        if english:
            if not raw[:1].isupper() or (first in _ARTICLES and len(seg) > 1
                                         and not self.raw(seg[1])[:1].isupper()):
                return "apposition"
            if any(self.fold(i).rstrip(".") in TITLE_HEADS for i in seg) \
                    and any(self.raw(i)[:1].islower() for i in seg):
                # "Greater London Assembly Conservative housing spokesman", "Research Director
                # at Centre for London": a job description, not a name
                return "apposition"
            if all(self.raw(i)[:1].isupper() or self.fold(i) in _NAME_JOINERS for i in seg):
                return "name"
            return "other"
        if first in HONORIFICS:
            return "name"
        if _is_title(first) or first in GENERIC_ROLES:
            return "apposition"
        if len(seg) <= 3 and not any(self._stops_name(i) for i in seg):
            return "name"
        return "other"
