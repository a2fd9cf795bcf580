"""The tables of the language packs attribution reads: reporting verbs, titles, stop words...

Entries are written as they appear in print in ``lang/<code>/speech.tsv`` and folded at import
with ``fold_token``, so the tables stay readable and the look-ups ignore hamza, ta marbuta and diacritic variants.
"""
from __future__ import annotations

from functools import lru_cache

from .. import lang
from ..text.fold import fold_token


def _table(name: str) -> frozenset[str]:
    return frozenset(fold_token(w) for w in lang.entries(name))


# Verbs that introduce speech: the speaker is their subject, before or after them.
REPORTING_VERBS = _table("reporting_verb")

# Plural forms: a group spoke ("אמרו לנו", "قالوا"), which names no single speaker.
PLURAL_VERBS = _table("plural_verb")

# English verbs followed by the party spoken to ("told Reuters", "asked reporters").
OBJECT_VERBS = _table("object_verb")

# "نقل عن X قوله": the quote is X's saying, reported by someone else.
SAYING_NOUNS = _table("saying_noun")

# Prepositional cues: the speaker follows them ("according to X", "بحسب X", "לדברי X");
# those of several words are in SOURCE_PHRASES.
SOURCE_PREPOSITIONS = _table("source_preposition")

# Participles that hang a quote on the subject of the clause ("..., قائلا: ").
PARTICIPLES = _table("participle")

# Pronoun forms meaning "according to him/her": the previous speaker.
PRONOUN_SOURCES = _table("pronoun_source")

PRONOUNS = _table("pronoun")

# Indefinite determiners: "said a reporter", "raconte une habitante" name nobody.
INDEFINITE_DETERMINERS = _table("indefinite_determiner")

# Words that open a compound name with a definite word after them ("عبد الله", "أبو الغيط").
NAME_PARTICLES = _table("name_particle")

# Words that end the name after a verb: prepositions, complementizers, time words.
STOP_WORDS = _table("stop_word")

# Words after a title head that belong to the title, not to the name.
TITLE_HEADS = _table("title_head")

# Portfolio and qualifier words that continue a title ("وزير خارجية", "שר החוץ").
TITLE_COMPLEMENTS = _table("title_complement")

# Countries and demonyms that may follow a title ("وزير خارجية أذربيجان", "נשיא אזרבייג'ן").
COUNTRY_WORDS = _table("country_word")

# Sources that stay anonymous: a quote attributed to them has no nameable speaker.
ANONYMOUS_SOURCES = _table("anonymous_source")

# Nouns that introduce a name or title rather than speech: "حزب "شاس"", "מבצע "שומר החומות"".
NAMING_NOUNS = _table("naming_noun")

# Role nouns accepted as a speaker on their own in English ("the ministry said").
ENGLISH_ROLE_NOUNS = _table("role_noun")

# Personal honorifics: a name follows them ("الدكتور هشام النور", "ד"ר מיכל שטרן", "Justice X"),
# so a phrase that starts with one is a person, never a role standing for one.
HONORIFICS = _table("honorific")

# Descriptions that never name anyone by themselves: alone and unresolved they give no speaker.
GENERIC_ROLES = _table("generic_role")

# First words of an organisation's name: such a name may run to six words (الشركة القابضة
# لكهرباء مصر, منظمة أطباء بلا حدود, התאחדות בוני הארץ).
ORGANISATION_HEADS = _table("organisation_head")

# Adjectives that may follow an Arabic organisation's name (beside nisba forms in ـي/ـية).
ORGANISATION_ADJECTIVES = _table("organisation_adjective")

# Last words of an English organisation's name ("the European Union observer mission").
ENGLISH_ORGANISATION_TAILS = _table("organisation_tail")

# Documents that carry someone's words: "according to a statement from X", "وفق بيان لـX".
DOCUMENT_NOUNS = _table("document_noun")

# Plural groups after an organisation's name that still speak for it ("Goldman Sachs analysts").
ENGLISH_GROUP_NOUNS = _table("group_noun")

# Hebrew acronyms written with a gershayim (or an ASCII double quote in its place). Those with a
# single letter after the mark are recognised by rule; the list catches the others and the
# ones whose first letter is also a clitic prefix (מ"כ, ש"ח, ב"ה).
HEBREW_ACRONYMS = frozenset(w.replace("\u05f4", '"') for w in lang.entries("acronym"))

# Clitic letters that may precede an opening quote glued to them (ש"אנחנו, ו"ישראל").
HEBREW_PREFIX_LETTERS = frozenset(lang.entries("quote_prefix_letter"))
ARABIC_PROCLITICS = frozenset(fold_token(w) for w in lang.entries("quote_proclitic"))


# Conjunctions glued to any cue word (وقال, فأضاف, ואמר) and the further prefixes a verb takes
# (שאמר, כשאמר); a prefixed form counts only when at least three letters remain.
CONJUNCTION_PREFIXES = tuple(lang.entries("conjunction_prefix"))
VERB_PREFIXES = tuple(sorted(set(CONJUNCTION_PREFIXES) | set(lang.entries("verb_prefix")),
                             key=len, reverse=True))
# Cues of several words ("according to"): first word → the words that must follow it.
# A particle that may stand between such a cue and the name ("وفقا ل", "according to").
SOURCE_PARTICLES = _table("source_particle")
SOURCE_PHRASES = {fold_token(p.split()[0]): tuple(fold_token(w) for w in p.split()[1:])
                  for p in lang.entries("source_phrase")}


def _unprefixed(folded: str, words: frozenset[str], prefixes: tuple[str, ...]) -> str | None:
    if folded in words:
        return folded
    for p in prefixes:
        if len(folded) > len(p) + 2 and folded.startswith(p) and folded[len(p):] in words:
            return folded[len(p):]
    return None


def is_reporting_verb(folded: str) -> bool:
    """True for a reporting verb, also with a conjunction or verb prefix (وقال, כשאמר)."""
    if folded in PLURAL_VERBS:
        return True
    return _unprefixed(folded, REPORTING_VERBS, VERB_PREFIXES) is not None


def is_plural_verb(folded: str) -> bool:
    return strip_clitic(folded, PLURAL_VERBS) is not None


def strip_clitic(folded: str, words: frozenset[str]) -> str | None:
    """The word in ``words`` that ``folded`` is, bare or with a glued conjunction, or None."""
    return _unprefixed(folded, words, CONJUNCTION_PREFIXES)


def _with_prefixes(words: frozenset[str], prefixes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words | {p + w for p in prefixes for w in words})


# Every folded form a cue can take, for a single set look-up per token on the hot path.
CUE_FORMS = (
    _with_prefixes(REPORTING_VERBS | PLURAL_VERBS, VERB_PREFIXES)
    | _with_prefixes(SOURCE_PREPOSITIONS | PARTICIPLES, CONJUNCTION_PREFIXES)
    | PRONOUN_SOURCES | SAYING_NOUNS | frozenset(SOURCE_PHRASES)
)


@lru_cache(maxsize=8192)
def cue_kind(folded: str) -> str | None:
    """What a cue token is, in the order attribution tests it: pronoun, preposition,
    participle, plural, saying, verb; None for any other word."""
    if folded in PRONOUN_SOURCES:
        return "pronoun"
    if strip_clitic(folded, SOURCE_PREPOSITIONS) or folded in SOURCE_PHRASES:
        return "preposition"
    if strip_clitic(folded, PARTICIPLES):
        return "participle"
    if is_plural_verb(folded):
        return "plural"
    if strip_clitic(folded, SAYING_NOUNS):
        return "saying"
    if is_reporting_verb(folded):
        return "verb"
    return None
