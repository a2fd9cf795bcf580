"""What the article says around its quotes: who it introduced with a title, who it keeps
talking about, who signed it, and where sentences begin and end.

These are the fallbacks of attribution: a quote with no cue of its own takes its speaker from
here only when the text gives a reason (a continuation, a titled introduction right before it).
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter

import regex

_CYRILLIC = regex.compile(r"[\u0400-\u04ff]")

from .names import (_ARABIC, _BOUNDARY, _BOUNDARY_BACK, _HEBREW, _LATIN, _RECENT,
                                _RELATIONAL, TOKEN, Speaker, _Found)
from .roles import RoleReader, _bare
from .speakers import is_role, names_match, strip_title
from .forms import (DETERMINERS, NAME_JOINERS, AR_CONJOINED_ARTICLES, AR_OBJECT_PREFIXES, AR_ARTICLES, DESCRIPTION_ARTICLES, ROLE_MODIFIERS, AR_CONJUNCTIONS, AR_POSSESSIVE_SUFFIXES, HE_ARTICLES,
                    OBLIQUE_PREPOSITIONS, REFERRING_PRONOUNS)
from .lexicon import (cue_kind, ENGLISH_ORGANISATION_TAILS, ENGLISH_ROLE_NOUNS, HONORIFICS, ORGANISATION_HEADS, SOURCE_PREPOSITIONS, STOP_WORDS, TITLE_COMPLEMENTS, TITLE_HEADS, is_reporting_verb,
                             strip_clitic)
from ..text.fold import fold_token

_ARABIC_PREPOSITIONS = OBLIQUE_PREPOSITIONS
# words that refer back to the person the text is about ("بالنسبة له", "he", "לדבריו")
_REFERRING_PRONOUNS = REFERRING_PRONOUNS
def _without_article(folded: str) -> str:
    for article in AR_ARTICLES + HE_ARTICLES:
        if folded.startswith(article):
            return folded[len(article):]
    return folded


_OPEN_MARKS = ("\"", "\u201c", "\u201d", "\u00ab", "\u201e")
_CLOSE_MARKS = ("\"", "\u201c", "\u201d", "\u00bb")
_ROLE_REACH = 60     # title words looked at on each side of a quote to resolve a role
_ROLE_BACK = 1500    # characters within which the person just quoted is the role's referent
_LEDE = 400         # characters after the headline in which its role's holder is introduced
_ROLE_NEAR = 600     # characters within which the person just quoted is the role's referent, untitled
_ROLE_SPAN = 14      # words after a role in which its holder may be named
_ROLE_TRIES = 8      # titles with the role's head looked at on each side before giving up
_NARRATIVE_SENTENCES = 4   # sentences read back for a narrative cue's named subject

_JOINERS_OF = NAME_JOINERS | {"of"}
_ARABIC_START = tuple(chr(c) for c in range(0x0620, 0x064b))   # a word in Arabic letters
SENTENCE_BACK = regex.compile(r"[.!?](?![\p{L}\p{N}])|[؟\n\u2029]", regex.REVERSE)


class ContextReader(RoleReader):
    """Mentions, continuations and sentence bounds; the attributor supplies ``cue_at``."""

    head_idx: list[int]
    last: tuple[int, Speaker] | None
    _mention_cache: dict[int, tuple[str, Speaker] | None]
    _signature_found: tuple[Speaker | None] | None
    _narrative_pos = 0

    def cue_at(self, i: int, lo: int, hi: int, strict: bool = False) -> _Found | None:
        raise NotImplementedError

    def interview_role(self, pos: int) -> str | None:
        raise NotImplementedError

    def mention_before(self, pos: int, head: str | None = None, floor: int = 0,
                       modifier: str | None = None) -> Speaker | None:
        """The latest person introduced with a title (``head`` if given, qualified by
        ``modifier`` as the role is: "the minister" is not "Prime Minister X") before ``pos``.

        Looked up backwards over at most _RECENT title words, so the cost per quote is bounded.
        """
        k = bisect_left(self.head_idx, bisect_left(self.starts, pos))
        for i in reversed(self.head_idx[max(0, k - _RECENT):k]):
            if self.tokens[i][0] < floor:
                break
            mention = self._mention_at(i)
            if mention and mention[1].end <= pos and (head is None or (
                    mention[0] == head and self.office_modifier(i) == modifier)):
                return mention[1]
        return None

    def _mention_at(self, i: int) -> tuple[str, Speaker] | None:
        if i not in self._mention_cache:
            self._mention_cache[i] = None      # guards the recursion through name_after
            self._mention_cache[i] = self._titled_mention(i)
        return self._mention_cache[i]

    def role_mention(self, role: list[str]) -> Speaker | None:
        """The latest person introduced with a title that starts with the words ``role``
        (articles aside): "ראש הממשלה" refers back to "ראש הממשלה בנימין נתניהו"."""
        pos = self._cursor
        k = bisect_left(self.head_idx, bisect_left(self.starts, pos))
        for i in reversed(self.head_idx[max(0, k - _RECENT):k]):
            mention = self._mention_at(i)
            if not mention or mention[1].end > pos or i + len(role) > len(self.tokens):
                continue
            words = [_bare(self.fold(j)) for j in range(i, i + len(role))]
            if words == role and self.tokens[i + len(role) - 1][1] <= mention[1].start \
                    and self.office_modifier(i) == next((w for w in role if w in ROLE_MODIFIERS), None):
                return mention[1]
        return None

    def resolve_role(self, role: Speaker, pos: int) -> Speaker | None:
        """The person the article names with the title ``role`` stands for ("the minister",
        "المدير الفني", "губернатор"): the nearest titled mention with the same head before
        ``pos``, else after it; a name in apposition before the title counts ("X, the coach").
        Looks at a bounded number of title words either side, so the cost per quote is fixed."""
        words = self.token_range(role.start, role.end)
        heads = [j for j in words if self.fold(j) in TITLE_HEADS
                 or strip_clitic(self.fold(j), TITLE_HEADS) is not None]
        if not heads:
            return None
        head = _without_article(strip_clitic(self.fold(heads[0]), TITLE_HEADS) or self.fold(heads[0]))
        k = bisect_left(self.head_idx, bisect_left(self.starts, pos))
        for forward, side in ((False, reversed(self.head_idx[max(0, k - _ROLE_REACH):k])),
                              (True, self.head_idx[k:k + _ROLE_REACH])):
            if forward and self.last is not None and 0 <= pos - self.last[0] < _ROLE_BACK:
                # "– отметил губернатор" after "глава региона X" spoke: a role with no holder
                # of the same title before it refers back to the titled person just quoted
                # sooner than forward to someone named later
                person = next((sp for sp in reversed(self.speakers) if not is_role(sp.name)), None)
                if person is not None and (self._titled_person(person, pos) or (
                        0 <= pos - self.remembered_at.get(person.name, -_ROLE_NEAR) < _ROLE_NEAR)):
                    # (or the person quoted just before, even without a title: "la candidate")
                    return person
            found = self._holder_on_side(head, self._role_modifier(words), k, forward)
            if found is not None:
                return found
        return self._lede_person(role)

    def _holder_on_side(self, head: str, modifier: str | None, k: int, forward: bool) -> Speaker | None:
        """The nearest holder of the title ``head`` before (or after) the k-th title word;
        the same for every role with that head there, so it is worked out once."""
        cache = self.__dict__.setdefault("_holder_cache", {})
        key = (head, modifier, k, forward)
        if key in cache:
            return cache[key]
        side = self.head_idx[k:k + _ROLE_REACH] if forward else reversed(self.head_idx[max(0, k - _ROLE_REACH):k])
        found = None
        tries = 0
        for i in side:
            folded = self.fold(i)
            if _without_article(strip_clitic(folded, TITLE_HEADS) or folded) != head:
                continue
            if folded.startswith(AR_ARTICLES) and self.joined(i - 1, i) and self._surname_title(i):
                continue    # "كامل الوزير، …": a surname, not a holder of the title
            tries += 1
            if tries > _ROLE_TRIES:
                break       # the nearest few holders of the title are the candidates
            if self.office_modifier(i) != modifier:
                continue    # "the minister" is not "Prime Minister X"
            found = self._holder_at(i, folded)
            if found is not None:
                break
        cache[key] = found
        return found

    def _holder_at(self, i: int, folded: str) -> Speaker | None:
        """The person the title at token i names (written before it, with it, or later in its
        sentence), or None; the roles around one title all ask, so each title is read once."""
        cache = self.__dict__.setdefault("_holder_at_cache", {})
        if i in cache:
            return cache[i]
        found = self._holder_before(i) if folded.startswith(_ARABIC_START) else self._apposed_before(i)
        if found is None:
            mention = self._mention_at(i)
            if mention is not None and not is_role(mention[1].name) and "\n" not in mention[1].name:
                found = mention[1]
            else:
                found = self._named_later_in_sentence(i)
        cache[i] = found
        return found

    def office_modifier(self, i: int) -> str | None:
        """The word that makes another office of the title at token i ("Prime" in "Prime
        Minister", "نائب" in "نائب الوزير"), or None."""
        for j in (i, i - 1):
            if j < 0 or (j < i and not self.joined(j, i)):
                continue
            folded = _without_article(self.fold(j))
            if folded in ROLE_MODIFIERS:
                return folded
        return None

    def _role_modifier(self, words) -> str | None:
        return next((m for m in (_without_article(self.fold(j)) for j in words) if m in ROLE_MODIFIERS), None)

    def _lede_person(self, role: Speaker) -> Speaker | None:
        """A role in the headline ("Глава региона написал…", "Le ministre annonce…") whose title
        the body does not repeat: the first person the lede introduces with a title."""
        line_end = self.text.find("\n")
        if line_end < 0 or role.end > line_end:
            return None
        k = bisect_left(self.head_idx, bisect_left(self.starts, line_end))
        for i in self.head_idx[k:k + 6]:
            if self.tokens[i][0] > line_end + _LEDE:
                break
            mention = self._mention_at(i)
            if mention is not None and not is_role(mention[1].name) and "\n" not in mention[1].name:
                return mention[1]
        return None

    def _titled_person(self, person: Speaker, pos: int) -> bool:
        """``person`` was introduced with a title (any) before ``pos``."""
        k = bisect_left(self.head_idx, bisect_left(self.starts, pos))
        for i in reversed(self.head_idx[max(0, k - _ROLE_REACH):k]):
            mention = self._mention_at(i)
            if mention is not None and mention[1].name == person.name:
                return True
        return False

    def _named_later_in_sentence(self, i: int) -> Speaker | None:
        """"وزير الصحة في حكومة تصريف الاعمال الدكتور فراس الابيض": the role's holder named
        a few words on, after another title or honorific, in the same sentence."""
        end = min(self._sentence_end(i), i + _ROLE_SPAN)
        k = bisect_left(self.head_idx, i + 1)
        while k < len(self.head_idx) and self.head_idx[k] < end:
            mention = self._mention_at(self.head_idx[k])
            if mention is not None and not is_role(mention[1].name):
                return mention[1]
            k += 1
        # "وزير الصحة في حكومة تصريف الأعمال فراس الأبيض،": the two words before the clause's
        # comma, when the article names the person by the last of them again elsewhere
        for j in range(i + 2, end):
            gap = self.text[self.tokens[j][1]:self.tokens[j + 1][0] if j + 1 < len(self.tokens) else None]
            if "\n" in self.text[self.tokens[i][1]:self.tokens[j][1]]:
                break
            if gap.strip(" \u00a0")[:1] in (",", "\u060c"):
                last = self.fold(j)
                first = self.fold(j - 1)
                if self._article_count(last) > 1 and last not in STOP_WORDS and last not in TITLE_HEADS \
                        and first not in STOP_WORDS and first not in TITLE_HEADS \
                        and not first.startswith(AR_OBJECT_PREFIXES):
                    a, b = self.tokens[j - 1][0], self.tokens[j][1]
                    return Speaker(self.text[a:b], a, b)
                break
        return None

    def _article_count(self, folded: str) -> int:
        counts = getattr(self, "_word_counts", None)
        if counts is None:
            counts = self._word_counts = Counter(self.folded)
        return counts[folded]

    def _apposed_before(self, i: int) -> Speaker | None:
        """"إيهاب أبو جزر المدير الفني", "عصام فايد وزير الزراعة", "Gideon Sa'ar, the foreign
        minister": two to four name words written just before the title at token i."""
        idx: list[int] = []
        elided = None
        j = i - 1
        gap = self.text[self.tokens[j][1]:self.tokens[i][0]].strip(" \u00a0") if j >= 0 else ""
        if j >= 0 and gap in (",", "\u060c"):
            pass        # "كارلوس كيروش، المدير الفني": the name ends before the comma
        elif j >= 1 and gap == ")," \
                and "(" in self.text[self.tokens[max(0, j - 3)][0]:self.tokens[j][0]]:
            # "Marie Dubois (SE), maire": a party or an age in brackets between name and title
            while j >= 0 and "(" not in self.text[self.tokens[j - 1][1]:self.tokens[j][0]]:
                j -= 1
            j -= 1
        elif j >= 0 and not self.joined(j, i):
            return None
        elif j >= 1 and self.fold(j) in DETERMINERS and \
                self.text[self.tokens[j - 1][1]:self.tokens[j][0]].strip(" \u00a0") == "," and _LATIN.match(self.fold(j)):
            j -= 1      # "Tom Black, the mayor": the article of the title after the comma
        if j >= 0 and "\n" in self.text[self.tokens[j][1]:self.tokens[i][0]]:
            return None     # a line of its own before the title is a headline, not an apposition
        while j >= 0 and len(idx) < 4 and (not idx or (self.joined(j, idx[-1])
                                                     and "\n" not in self.text[self.tokens[j][1]:self.tokens[idx[-1]][0]])):
            folded = self.fold(j)
            if not idx and folded.startswith(AR_ARTICLES) and folded in TITLE_HEADS \
                    and j - 1 >= 0 and self.joined(j - 1, j) and self._surname_title(j):
                idx.append(j)   # "كامل الوزير، نائب …": a surname that is also a title word
                j -= 1
                continue
            if folded in STOP_WORDS or folded in TITLE_HEADS or is_reporting_verb(folded) \
                    or cue_kind(folded) is not None:
                break
            if _LATIN.match(folded) or _CYRILLIC.match(folded):
                raw = self.raw(j)
                if not raw[:1].isupper():
                    cut = (1 if raw[1:2] in ("'", "\u2019") else 2 if raw[2:3] in ("'", "\u2019") else None) \
                        if len(raw) > 2 else None
                    if cut is not None and raw[cut + 1:cut + 2].isupper():
                        # "qu'Hélène Marchand": the name starts after an elided small word
                        idx.append(j)
                        elided = self.tokens[j][0] + cut + 1
                    break
            idx.append(j)
            j -= 1
        if len(idx) >= 3 and _ARABIC.match(self.fold(idx[-1])) and (
                idx[-1] == 0 or not self.joined(idx[-1] - 1, idx[-1])
                or "\n" in self.text[self.tokens[idx[-1] - 1][1]:self.tokens[idx[-1]][0]]):
            idx.pop()    # an Arabic sentence opens with its verb ("تقبل إيهاب أبو جزر ...")
        if idx and _HEBREW.match(self.fold(idx[0])) and self._article_count(self.fold(idx[0])) < 2:
            return None  # Hebrew puts verbs before their subject ("לבסוף איחל ראש הממשלה"): only
            #              a name the article repeats is taken for an apposition
        while len(idx) > 2 and self.fold(idx[-1]).startswith(AR_ARTICLES):
            idx.pop()    # a definite adjective before the name ("البرتغالي كارلوس كيروش")
        if len(idx) < 2:
            return None
        a, b = self.tokens[idx[-1]][0], self.tokens[idx[0]][1]
        if elided is not None:
            a = elided
        name = self.text[a:b]
        if is_role(name):
            return None
        stripped = strip_title(name)
        a = b - len(stripped) if stripped and name.endswith(stripped) else a
        return Speaker(self.text[a:b], a, b)

    def _surname_title(self, j: int) -> bool:
        """The definite title word at token j follows a word that can only be a given name (not
        a title, a small word, a verb or a definite word) and is followed by a comma or another
        title: "كامل الوزير، نائب رئيس …" is a name, "التقى الرئيس X" a title."""
        if j < 1 or j + 1 >= len(self.tokens):
            return False
        nxt = self.fold(j + 1)
        if self.text[self.tokens[j][1]:self.tokens[j + 1][0]].strip() not in (",", "\u060c") and not (
                self.joined(j, j + 1) and (nxt in TITLE_HEADS or strip_clitic(nxt, TITLE_HEADS) is not None)):
            return False
        prev = self.fold(j - 1)
        return not (prev in TITLE_HEADS or strip_clitic(prev, TITLE_HEADS) is not None or prev in STOP_WORDS
                    or prev.startswith(AR_ARTICLES) or is_reporting_verb(prev) or cue_kind(prev) is not None
                    or prev in TITLE_COMPLEMENTS)

    @property
    def signature(self) -> Speaker | None:
        if self._signature_found is None:
            self._signature_found = (self._signature(),)
        return self._signature_found[0]

    def _titled_mention(self, i: int) -> tuple[str, Speaker] | None:
        """(title head, person) for the title word at token i, when a name follows it."""
        folded = self.fold(i)
        if _LATIN.match(folded):
            # "Energy Minister Yerlan Abenov" lets "the minister" refer back to him
            if i + 1 >= len(self.tokens):
                return None
            if not self.raw(i)[:1].isupper():
                # "the mayor Tom Black", "the finance minister, Laura Green,": a title in lower
                # case names the capitalised words right after it (or set off by commas)
                end = i
                while end + 1 < len(self.tokens) and end - i < 4 and self.joined(end, end + 1) and (
                        self.fold(end + 1) in NAME_JOINERS or self.fold(end + 1) == "of"
                        or (end > i and self.fold(end) in _JOINERS_OF)):
                    end += 1    # "the minister of health, Sara Cohen": the title's complement
                if end > i:
                    if self.fold(end) in NAME_JOINERS or end + 1 >= len(self.tokens) or self.joined(end, end + 1):
                        return None
                    a, b = self.tokens[i][0], self.tokens[end][1]
                    apposed = self._apposed_after(Speaker(self.text[a:b], a, b))
                    return (folded.rstrip("."), apposed) if apposed is not None else None
                if not self._name_word(i + 1) or self.fold(i + 1) in TITLE_HEADS:
                    return None
                if self.joined(i, i + 1):
                    found = self.name_from(i + 1, min(len(self.tokens), i + 5), english=True)
                    if found.kind == "named" and not is_role(found.speaker.name):
                        return folded.rstrip("."), self._front_as_named_elsewhere(found.speaker)
                    return None
                a, b = self.tokens[i]
                apposed = self._apposed_after(Speaker(self.text[a:b], a, b))
                return (folded.rstrip("."), apposed) if apposed is not None else None
            found = self.name_from(i, min(len(self.tokens), i + 5), english=True)
            if found.kind == "named" and found.speaker.start > self.tokens[i][0]:
                return folded.rstrip("."), self._front_as_named_elsewhere(found.speaker)
            return None
        if _CYRILLIC.match(folded):
            return self._cased_titled_mention(i)
        if not _ARABIC.match(folded) and not _HEBREW.match(folded):
            return None
        if i > 0 and self.joined(i - 1, i) and self.fold(i - 1) in _ARABIC_PREPOSITIONS:
            return None    # "لرئيس الوزراء X": an oblique mention, not the topic of the text
        n = len(self.tokens)
        quoted = self._quoted_name_after(i) if _ARABIC.match(folded) else None
        if quoted is not None:
            return _without_article(folded), quoted
        found = self.name_from(i, min(n, i + 9))
        if found.kind == "named" and found.speaker.start > self.tokens[i][0] \
                and found.speaker.name.startswith(AR_OBJECT_PREFIXES):
            # "المدير الفني لمنتخب فلسطين": what follows the title is its complement; the
            # person may stand in apposition before it ("إيهاب أبو جزر المدير الفني")
            apposed = self._apposed_before(i)
            return (_without_article(folded), apposed) if apposed is not None else None
        if found.kind == "named" and found.speaker.start > self.tokens[i][0] \
                and self._organisation_first(found.speaker):
            # "נגיד בנק ישראל, הפרופסור אמיר ירון": the organisation is the title's complement;
            # the person is the one named next in the sentence, if any
            later = self._named_later_in_sentence(i) or self._apposed_after(found.speaker)
            if later is None or self._definite_only(later):
                # "X نائب رئيس مجلس الوزراء ووزير النقل والصناعة": the later "name" is the
                # portfolio of a title further in the chain (or there is none); the holder is
                # the name before the chain
                later = self._holder_before(i)
            return (_without_article(folded), later) if later is not None else None
        if found.kind == "named" and found.speaker.start > self.tokens[i][0] and _ARABIC.match(folded) \
                and self._definite_only(found.speaker):
            # "خالد منصور نائب رئيس الوزراء ووزير النقل والصناعة": a title (or a chain of them)
            # followed by definite words only reads as title and portfolio when a name stands
            # right before it: that name holds the title
            holder = self._holder_before(i) or self._apposed_after_phrase(i)
            if holder is not None:
                return _without_article(strip_clitic(folded, TITLE_HEADS) or folded), holder
        if found.kind == "named" and found.speaker.start > self.tokens[i][0] and _ARABIC.match(folded):
            words = self.token_range(found.speaker.start, found.speaker.end)
            if len(words) == 1 and words.start - i >= 2 and not self._recurs(words.start) \
                    and not self.fold(words.start).startswith(AR_ARTICLES):
                # "المدرب السعودي رسالة": one word after a title and its adjective that the
                # article never repeats is the verb's object, not the holder's name
                return None
        if found.kind == "named" and found.speaker.start > self.tokens[i][0]:
            head = _without_article(folded)
            speaker = found.speaker
            words = self.token_range(speaker.start, speaker.end)
            if (_HEBREW.match(folded) and len(words) == 3 and words.stop < n
                    and self.fold(words.stop) in STOP_WORDS):
                # "ראש הממשלה בנימין נתניהו נפגש עם": a third word before a preposition is a verb
                end = self.tokens[words[1]][1]
                speaker = Speaker(self.text[speaker.start:end], speaker.start, end)
            return head, self._as_named_elsewhere(speaker)
        if found.kind == "named" and is_role(found.speaker.name):
            # "وزير الأوقاف في حكومة النظام، محمد عبد الستار السيد،": a role, then its holder
            # set off by commas
            apposed = self._apposed_after_phrase(i)
            if apposed is not None:
                return _without_article(folded), apposed
        return None

    def _chain_word(self, j: int) -> bool:
        """Token j can stand inside a chain of titles: a title, a portfolio or organisation word,
        a definite or و-joined word, a complement with ل ("للتنمية")."""
        folded = self.fold(j)
        return (folded in TITLE_HEADS or strip_clitic(folded, TITLE_HEADS) is not None
                or folded in TITLE_COMPLEMENTS or strip_clitic(folded, ORGANISATION_HEADS) is not None
                or folded.startswith(AR_ARTICLES) or folded.startswith(AR_CONJOINED_ARTICLES)
                or folded.startswith(AR_OBJECT_PREFIXES))

    def _chain_heads(self, i: int) -> list[int]:
        """The title heads of the chain of titles that ends with the title at token i, nearest
        first (the chain read back over joined title words, at most ten)."""
        heads = []
        if not _ARABIC.match(self.fold(i)):
            return heads    # chains of titles without commas are an Arabic way of writing
        j = i - 1
        while j >= 0 and i - j <= 10 and self.joined(j, j + 1) and self._chain_word(j):
            folded = self.fold(j)
            if folded in TITLE_HEADS or strip_clitic(folded, TITLE_HEADS) is not None:
                heads.append(j)
            j -= 1
        return heads

    def _in_title_chain(self, i: int) -> bool:
        return bool(self._chain_heads(i))

    def _definite_only(self, speaker: Speaker) -> bool:
        words = self.token_range(speaker.start, speaker.end)
        return bool(words) and all(self.fold(j).startswith(AR_ARTICLES) or self.fold(j).startswith(AR_CONJOINED_ARTICLES)
                                   for j in words)

    def _holder_before(self, i: int) -> Speaker | None:
        """The person written before the title at token i: before the whole chain of titles
        when the title ends one, else in apposition right before it."""
        return self._chain_holder(i) if self._in_title_chain(i) else self._apposed_before(i)

    def _chain_holder(self, i: int) -> Speaker | None:
        """The name written just before the chain of titles that ends at token i, if any."""
        heads = self._chain_heads(i)
        for head in reversed(heads):
            apposed = self._apposed_before(head)
            if apposed is not None:
                return apposed
        chain = [i] + heads
        if len(chain) >= 2 and chain[-1] + 1 == chain[-2] and self.fold(chain[-1]).startswith(AR_ARTICLES):
            # "كامل الوزير نائب رئيس ...": a definite title word right before a title head is
            # not a title (a title opens with its head) but the end of the name before it
            last = chain[-1]
            j = last - 1
            while j >= 0 and last - j <= 3 and self.joined(j, j + 1) and not self._chain_word(j) \
                    and self.fold(j) not in STOP_WORDS and cue_kind(self.fold(j)) is None:
                j -= 1
            if j + 1 < last:
                a, b = self.tokens[j + 1][0], self.tokens[last][1]
                return Speaker(self.text[a:b], a, b)
        return None

    def portfolio_holder(self, speaker: Speaker) -> Speaker | None:
        """"وتابع وزير النقل والصناعة" read as the name "النقل والصناعة": definite words right
        after a title are its portfolio when the article writes the same title and portfolio
        elsewhere after a person's name; that person holds it. None otherwise (a surname with
        the article, "الخطيب", stays a name)."""
        words = self.token_range(speaker.start, speaker.end)
        if not words or words.start == 0 or not _ARABIC.match(self.fold(words.start)) \
                or not self._definite_only(speaker):
            return None
        title = self.fold(words.start - 1)
        head = strip_clitic(title, TITLE_HEADS) or (title if title in TITLE_HEADS else None)
        if head is None:
            return None
        key = tuple(self.fold(j) for j in words)
        cache = self.__dict__.setdefault("_portfolio_cache", {})
        if (head, key) not in cache:
            found = None
            n = len(key)
            for h, folded in enumerate(self.folded):
                if h == words.start - 1 or (folded != head and strip_clitic(folded, TITLE_HEADS) != head):
                    continue
                if tuple(self.folded[h + 1:h + 1 + n]) != key:
                    continue
                found = self._holder_before(h)
                if found is not None:
                    break
            cache[(head, key)] = found
        return cache[(head, key)]

    def _apposed_after_phrase(self, i: int) -> Speaker | None:
        """"وزير الأوقاف في حكومة النظام، محمد عبد الستار السيد،": the name set off by commas
        after the title at token i and its complement (at most eight words, one sentence)."""
        for k in range(i + 1, min(len(self.tokens), i + 9)):
            gap = self.text[self.tokens[k - 1][1]:self.tokens[k][0]]
            if "," in gap or "\u060c" in gap:
                a, b = self.tokens[i][0], self.tokens[k - 1][1]
                return self._apposed_after(Speaker(self.text[a:b], a, b))
            if not self.joined(k - 1, k):
                return None
        return None

    def _apposed_after(self, phrase: Speaker) -> Speaker | None:
        """", הפרופסור אמיר ירון,": a full name set off by commas right after ``phrase``, its
        honorifics and titles dropped; two to four words, else None."""
        k = bisect_left(self.starts, phrase.end)
        if k >= len(self.tokens) or self.text[phrase.end:self.tokens[k][0]].strip(" \u00a0") not in (",", "\u060c"):
            return None
        idx = [k]
        while len(idx) < 5 and idx[-1] + 1 < len(self.tokens) and self.joined(idx[-1], idx[-1] + 1):
            idx.append(idx[-1] + 1)
        end = self.tokens[idx[-1]][1]
        if self.text[end:end + 2].strip(" \u00a0")[:1] not in (",", "\u060c"):
            return None
        while idx and {self.fold(idx[0]), _without_article(self.fold(idx[0]))} & (HONORIFICS | TITLE_HEADS):
            idx.pop(0)
        if not 2 <= len(idx) <= 4 or any(self.fold(j) in STOP_WORDS or cue_kind(self.fold(j)) for j in idx):
            return None
        a, b = self.tokens[idx[0]][0], self.tokens[idx[-1]][1]
        return Speaker(self.text[a:b], a, b)

    def _as_named_elsewhere(self, speaker: Speaker) -> Speaker:
        """"وزير الخارجية أيمن الصفدي يزور بغداد": in an uncased script the words read after a
        title may run into a verb; a last word the article never repeats is dropped while the
        shorter name is one the article uses again."""
        words = self.token_range(speaker.start, speaker.end)
        while len(words) >= 3 and self._article_count(self.fold(words[-1])) < 2:
            # (word counts, not a search of the text: the cost per mention stays constant)
            if self._article_count(self.fold(words[-2])) < 2 or self._article_count(self.fold(words.start)) < 2:
                break
            words = words[:-1]
        if len(words) == len(self.token_range(speaker.start, speaker.end)):
            return speaker
        end = self.tokens[words[-1]][1]
        return Speaker(self.text[speaker.start:end], speaker.start, end)

    def _front_as_named_elsewhere(self, speaker: Speaker) -> Speaker:
        """"Minister for Petroleum Musadik Malik": a portfolio word before the name is dropped
        when the article names the person without it elsewhere and never repeats it."""
        words = self.token_range(speaker.start, speaker.end)
        while len(words) >= 3 and self._article_count(self.fold(words.start)) < 2:
            if self._article_count(self.fold(words.start + 1)) < 2 or self._article_count(self.fold(words[-1])) < 2:
                break
            words = words[1:]
        a = self.tokens[words.start][0]
        return speaker if a == speaker.start else Speaker(self.text[a:speaker.end], a, speaker.end)

    def _organisation_first(self, speaker: Speaker) -> bool:
        words = self.token_range(speaker.start, speaker.end)
        return bool(words) and self.fold(words.start) in ORGANISATION_HEADS

    def _quoted_name_after(self, i: int) -> Speaker | None:
        """"وزير الصناعة والتجارة ” طارق قابيل”", "الرئيس ” عبد الفتاح السيسي”": the name set off
        in quote marks right after the title and its complements (at most three words)."""
        j = i + 1
        while j < len(self.tokens) and j - i <= 4 and self.joined(j - 1, j):
            j += 1      # the title's complements, up to the mark
        if j >= len(self.tokens):
            return None
        gap = self.text[self.tokens[j - 1][1]:self.tokens[j][0]]
        if gap.strip(" \u00a0") not in _OPEN_MARKS:
            return None
        k = j
        while k + 1 < len(self.tokens) and k - j < 3 and self.joined(k, k + 1):
            k += 1
        close = self.text[self.tokens[k][1]:self.tokens[k][1] + 2].strip(" \u00a0")[:1]
        if close not in _CLOSE_MARKS or k == j or any(self.fold(m) in STOP_WORDS for m in range(j, k + 1)):
            return None
        a, b = self.tokens[j][0], self.tokens[k][1]
        return Speaker(self.text[a:b], a, b)

    def _cased_titled_mention(self, i: int) -> tuple[str, Speaker] | None:
        """"губернатор Саратовской области Роман Бусаргин": in a cased script whose titles are
        written small, the first run of two or three capitalised words within a few words of
        the title, before any punctuation."""
        run: list[int] = []
        end = min(len(self.tokens), i + 8)
        for j in range(i + 1, end):
            if not self.joined(j - 1, j):
                break
            if self.raw(j)[:1].isupper() and self.fold(j) not in STOP_WORDS:
                run.append(j)
                if len(run) == 3:
                    break
                continue
            if len(run) >= 2:
                break
            run = []
        if len(run) < 2:
            return None
        a, b = self.tokens[run[0]][0], self.tokens[run[-1]][1]
        return _without_article(self.fold(i)), Speaker(self.text[a:b], a, b)

    def _signature(self) -> Speaker | None:
        lines = [m for m in regex.finditer(r"[^\n]+", self.text[-1500:]) if m.group().strip()]
        offset = max(0, len(self.text) - 1500)
        for k in range(len(lines) - 1, max(-1, len(lines) - 5), -1):
            line = lines[k].group().strip()
            words = TOKEN.findall(line)
            if not 2 <= len(words) <= 4 or regex.search(r"[.:!?؟\"“”«»]", line):
                continue
            following = lines[k + 1].group() if k + 1 < len(lines) else ""
            if regex.search(r"[\"“”«»]", following):
                continue    # a heading over a quoted paragraph, not a signature
            titled = any(fold_token(w) in TITLE_HEADS for w in TOKEN.findall(following)[:4])
            if line.endswith(",") or line.endswith("،") or titled:
                core = line.rstrip(",، ")
                start = offset + lines[k].start() + lines[k].group().index(core)
                return Speaker(core, start, start + len(core))
        return None

    def _narrative_continues(self, open_pos: int, floor: int) -> bool:
        """The sentence before ``open_pos`` goes on about someone without naming them."""
        text = self.text
        end = open_pos
        while end > floor and end > open_pos - 12 and (text[end - 1].isspace() or text[end - 1] in ".:،,"):
            end -= 1
        m = SENTENCE_BACK.search(text, max(floor, end - 400), end)
        span = self.token_range(m.end() if m else max(floor, end - 400), end)
        if not span:
            return False
        if any(self.fold(j) in _REFERRING_PRONOUNS for j in span):
            return True
        for j in self.cues_between(span.start, span.stop):
            found = self.cue_at(j, span.start, span.stop, strict=True)
            if found is not None and found.kind == "continue":
                return True
        return False

    def note_narrative_cues(self, upto: int) -> None:
        """Let the latest reporting verb outside quotes, before ``upto``, set the previous speaker.

        Only the nearest _RECENT cues since the last call are examined, newest first.
        """
        start = self._narrative_pos
        span = self.token_range(start, upto)
        # per sentence, latest first, the first named cue of the sentence: "Galadima said the
        # CBN Act states that…" is the main clause's subject, the later cue is in its complement;
        # "The CS said…", "the statesman said…" refer back to the person named before them, so
        # an earlier sentence is read only while the later ones hold such references
        chosen: tuple[int, Speaker] | None = None
        first_found: tuple[int, Speaker] | None = None
        current: tuple[int, Speaker] | None = None
        current_lo = -1
        sentences = 0
        for i in reversed(self.cues_between(span.start, span.stop)[-_RECENT:]):
            if current is not None and i < current_lo:
                if not self._refers_back(current[1]):
                    chosen = current
                    break
                first_found = first_found or current
                current = None
                sentences += 1
                if sentences == _NARRATIVE_SENTENCES:
                    break
            if self.in_quote(self.tokens[i][0]) or self.interview_role(self.tokens[i][0]) == "question":
                continue    # (who a question names is not who answers it)
            folded = self.fold(i)
            if not is_reporting_verb(folded) and not strip_clitic(folded, SOURCE_PREPOSITIONS):
                continue
            lo = self._sentence_start(i)
            hi = self._sentence_end(i)
            found = self.cue_at(i, lo, hi, strict=True)
            if found is not None and found.kind == "named" and (
                    len(TOKEN.findall(found.speaker.name)) <= 3
                    or self._organisation(self.token_range(found.speaker.start, found.speaker.end))):
                if current is not None and current_lo == lo:
                    # the earlier cue governs the later one only when no clause boundary (a
                    # comma) comes between them: "since the Court declared that…, X said"
                    if not any(ch in self.text[self.tokens[i][1]:current[0]] for ch in ",;\u060c"):
                        current = (self.tokens[i][0], found.speaker)
                else:
                    current, current_lo = (self.tokens[i][0], found.speaker), lo
        if chosen is None and current is not None:
            if not self._refers_back(current[1]):
                chosen = current
            else:
                first_found = first_found or current
        if chosen is None and first_found is not None and (
                self.last is None or self._refers_back(self.last[1])):
            chosen = first_found
        if chosen is not None:
            self._remember(chosen[1])
            self.last = chosen
        self._narrative_pos = max(start, upto)

    def _refers_back(self, speaker: Speaker) -> bool:
        """A definite description ("the statesman") or a role the article gives nobody by name
        ("The CS"): it refers to the person the text is about, it names no one new."""
        cache = self.__dict__.setdefault("_refers_back_cache", {})
        key = (speaker.start, speaker.end)
        if key not in cache:
            if is_role(speaker.name):
                cache[key] = self.resolve_role(speaker, speaker.start) is None
            else:
                cache[key] = self._description(speaker)
        return cache[key]

    def _description(self, speaker: Speaker) -> bool:
        """"the statesman", "the politician": an article and one or two small words that name
        no organisation."""
        words = self.token_range(speaker.start, speaker.end)
        if not 2 <= len(words) <= 3 or self.fold(words.start) not in DESCRIPTION_ARTICLES:
            return False
        rest = words[1:]
        return all(self.raw(j)[:1].islower() for j in rest) and not any(
            self.fold(j) in ENGLISH_ROLE_NOUNS or self.fold(j) in ORGANISATION_HEADS
            or self.fold(j) in ENGLISH_ORGANISATION_TAILS for j in rest)

    # -- sentences ------------------------------------------------------------------------
    def _clause_subject(self, lo: int, hi: int) -> _Found | None:
        """The subject after a clause-initial verb: وانتقد أبو مازن القرار قائلا -> أبو مازن."""
        if hi - lo < 2:
            return None
        first = self.fold(lo)
        if _ARABIC.match(first) and first.startswith(AR_CONJUNCTIONS) and len(first) > 3 and first not in STOP_WORDS:
            idx = []
            for j in range(lo + 1, min(hi, lo + 6)):
                folded = self.fold(j)
                if not self.joined(j - 1, j) or self._stops_name(j) or folded.endswith(AR_POSSESSIVE_SUFFIXES) \
                        and folded not in TITLE_HEADS and len(idx) == 0 and folded[:-1] in _RELATIONAL:
                    break
                if folded.startswith(AR_ARTICLES) and not (idx and self.fold(idx[-1]) in TITLE_HEADS) \
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

    def _sentence_start(self, i: int) -> int:
        pos = self.tokens[i][0]
        m = _BOUNDARY_BACK.search(self.text, max(0, pos - 300), pos)
        lo = bisect_left(self.starts, m.end() if m else max(0, pos - 300))
        return max(lo, i - 40)

    def _sentence_end(self, i: int) -> int:
        end = self.tokens[i][1]
        m = _BOUNDARY.search(self.text, end, end + 300)
        hi = bisect_left(self.starts, m.start() if m else end + 300)
        return min(hi, i + 41)
