"""Small closed word classes attribution rules test, read from the language packs.

Each constant is the union over the packs, or (``script_entries``) the forms of one script,
for rules that hold for every language written in it. The rules name the class, never a word.
"""
from __future__ import annotations

from .. import lang
from ..text.fold import fold_token


def _folded(table: str) -> frozenset[str]:
    return frozenset(fold_token(w) for w in lang.entries(table))


COMPLEMENTIZERS = _folded("complementizer")
AUXILIARIES = _folded("auxiliary")
REPORTED_FROM = _folded("reported_from")
OBLIQUE_PREPOSITIONS = _folded("oblique_preposition")
REFERRING_PRONOUNS = _folded("referring_pronoun")
NAME_ENDERS = _folded("name_ender")
RELATIONAL_NOUNS = _folded("relational_noun")
ADVERBS = _folded("adverb")
ABBREVIATED_TITLES = _folded("abbreviated_title")
OBJECT_MARKERS = _folded("object_marker")
RELATIVE_PRONOUNS = _folded("relative_pronoun")
DOCUMENT_LINKS = _folded("document_link")
WHAT_PRONOUNS = _folded("what_pronoun")
DETERMINERS = _folded("determiner")
DEFINITE_DETERMINERS = _folded("definite_determiner")
NAME_JOINERS = _folded("name_joiner")
# one-letter prepositions glued to a word next to a speech verb: "at" an organisation (its
# people spoke), "to" a person (the listener)
LOCATIVE_PREFIXES = tuple(lang.entries("locative_prefix"))
DATIVE_PREFIXES = tuple(lang.entries("dative_prefix"))
DESCRIPTION_ARTICLES = _folded("description_article")
# "كان X قد قال": the pluperfect auxiliary and the particle before the verb
PAST_AUXILIARIES = _folded("past_auxiliary")
PERFECT_PARTICLES = _folded("perfect_particle")
# words that make another office of the title after them ("Prime Minister", "نائب الوزير")
ROLE_MODIFIERS = _folded("role_modifier")
# a possessive after a source preposition makes an idiom ("pour sa part"), not a source
POSSESSIVE_DETERMINERS = _folded("possessive_determiner")
# the labels of an interview's questions and answers ("Q:", "A:"), as written
INTERVIEWER_LABELS = frozenset(lang.entries("interviewer_label"))
INTERVIEWEE_LABELS = frozenset(lang.entries("interviewee_label"))

# Arabic-script morphology: the article, the article after a conjunction or a preposition,
# conjunctions glued to a verb, suffixes.
AR_ARTICLES = tuple(fold_token(w) for w in lang.script_entries("article", "Arab"))
AR_CONJOINED_ARTICLES = tuple(fold_token(w) for w in lang.script_entries("conjoined_article", "Arab"))
AR_PREFIXED_ARTICLES = tuple(fold_token(w) for w in lang.script_entries("prefixed_article", "Arab"))
AR_FUSED_ARTICLES = {fold_token(r[0]): fold_token(r[1]) for p in lang.packs() if p.script == "Arab"
                     for r in p.rows("fused_article")}
AR_CONJUNCTIONS = tuple(fold_token(w) for w in lang.script_entries("conjunction_prefix", "Arab"))
AR_OBJECT_PREFIXES = tuple(fold_token(w) for w in lang.script_entries("object_prefix", "Arab"))
AR_POSSESSIVE_SUFFIXES = tuple(fold_token(w) for w in lang.script_entries("possessive_suffix", "Arab"))
AR_POSSESSED_SUFFIXES = tuple(fold_token(w) for w in lang.script_entries("possessed_suffix", "Arab"))
AR_NISBA_SUFFIXES = tuple(fold_token(w) for w in lang.script_entries("nisba_suffix", "Arab"))

# Hebrew-script morphology: the article and the one-letter prepositions glued to a noun.
HE_ARTICLES = tuple(lang.script_entries("article", "Hebr"))
HE_CONJUNCTIONS = tuple(lang.script_entries("conjunction_prefix", "Hebr"))
HE_PREPOSITION_LETTERS = frozenset(lang.script_entries("preposition_letter", "Hebr"))
HE_PLURAL_SUFFIXES = tuple(lang.script_entries("plural_suffix", "Hebr"))
