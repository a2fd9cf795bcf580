"""Speaker names: titles, the alias matching key, and fuzzy matching of spellings.

Transliterated names vary within one article (موشيشفيلي / موشياشفيلي / موشاشفيلي), so
matching compares consonant skeletons; short skeletons and different surnames are kept apart,
because merging two people is worse than leaving one person under two aliases.
"""
from __future__ import annotations

from functools import lru_cache

import regex
from rapidfuzz.distance import Indel

from .. import lang
from .lexicon import COUNTRY_WORDS, ORGANISATION_HEADS, TITLE_COMPLEMENTS, TITLE_HEADS
from ..text.fold import fold_token, normalize_for_search

_DETERMINERS = frozenset(fold_token(w) for w in lang.entries("determiner"))
_NAME_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’׳\"״.][\p{L}\p{M}]+)*\.?")
_ARABIC_LETTER = regex.compile(r"[\u0620-\u064a]")
_HEBREW_LETTER = regex.compile(r"[\u05d0-\u05ea]")
_NOT_NAME_CHAR = regex.compile(r"[^\p{L}\p{M}\p{N} ]+")

_COUNTERPARTS = frozenset(fold_token(w) for w in lang.entries("counterpart"))
_ON_BEHALF = frozenset(fold_token(w) for w in lang.entries("on_behalf"))
_HONORIFICS = frozenset(normalize_for_search(w) for w in lang.entries("name_honorific"))
_JOINED_PREFIXES = frozenset(normalize_for_search(w) for w in lang.entries("joined_name_prefix"))
_ARTICLES = tuple(lang.entries("article"))
_ARTICLE_KEPT = frozenset(normalize_for_search(w) for w in lang.entries("article_kept"))
_FUSED_ARTICLES = lang.mapping("fused_article")
_TITLE_PREFIXES = tuple(lang.entries("title_prefix"))
# prefix → the shortest word it qualifies a title in
_TITLE_QUALIFIER_PREFIXES = {p: int(n) for p, n in lang.mapping("title_qualifier_prefix").items()}


class _Skeleton:
    """How the names of one script are reduced to a skeleton: the rows of its packs' names.tsv."""

    def __init__(self, script: str):
        def rows(table):
            return [r for p in lang.packs() if p.script == script for r in p.rows(table)]
        self.mapping = str.maketrans({r[0]: r[1] for r in rows("skeleton_map")})
        self.replace = [(r[0], r[1]) for r in rows("skeleton_replace")]
        self.vowels = str.maketrans("", "", "".join(r[0] for r in rows("skeleton_vowel")))
        self.weak = str.maketrans("", "", "".join(r[0] for r in rows("skeleton_weak")))
        self.finals = tuple(r[0] for r in rows("skeleton_final"))
        self.collapse = any(r[0] == "collapse_doubles" for r in rows("skeleton_option"))

    def skeleton(self, token: str) -> str:
        token = token.translate(self.mapping)
        for a, b in self.replace:
            token = token.replace(a, b)
        skeleton = token[0] + token[1:].translate(self.vowels)
        if self.finals and skeleton.endswith(self.finals) and len(skeleton) > 2:
            skeleton = skeleton[:-1]
        if self.collapse:
            skeleton = _DOUBLE.sub(r"\1", skeleton)
        return skeleton

    def weak_key(self, token: str) -> str:
        token = token.translate(self.mapping)
        return token[0] + token[1:].translate(self.weak)


_DOUBLE = regex.compile(r"(.)\1+")
_SKELETONS = {script: _Skeleton(script) for script in ("Arab", "Hebr", "Latn")}


def _script(token: str) -> str:
    if _ARABIC_LETTER.match(token):
        return "Arab"
    return "Hebr" if _HEBREW_LETTER.match(token) else "Latn"


def _is_title_word(folded: str, seen_head: bool, raw: str = "") -> tuple[bool, bool]:
    """(belongs to the title, is a title head) for one folded token (``raw`` as written)."""
    bare = folded.rstrip(".")
    if bare not in TITLE_HEADS:
        bare = _unglued_title(bare)
    if bare in TITLE_HEADS or folded in TITLE_HEADS or bare in _COUNTERPARTS:
        return True, True
    if bare in TITLE_COMPLEMENTS or bare in COUNTRY_WORDS:
        return True, False
    if seen_head:
        # definite nouns and adjectives after a title qualify it (الرئيس الأذربيجاني,
        # وزير السياحة والآثار, הכלכלנית הראשית)
        word = raw or bare
        for prefix, shortest in _TITLE_QUALIFIER_PREFIXES.items():
            if word.startswith(prefix) and len(bare) >= shortest and len(bare) > len(prefix):
                return True, False
    return False, False


def _unglued_title(bare: str) -> str:
    """A title head with a preposition glued to it (للوزير = ل + الوزير, بالرئيس), as a head."""
    for fused, article in _FUSED_ARTICLES.items():
        if bare.startswith(fused) and article + bare[len(fused):] in TITLE_HEADS:
            return article + bare[len(fused):]
    for prefix in _TITLE_PREFIXES:
        if bare.startswith(prefix) and bare[len(prefix):] in TITLE_HEADS:
            return bare[len(prefix):]
    return bare


def title_length(tokens: list[str]) -> int:
    """How many leading tokens of a name are a title; the last token is always kept."""
    return _title_length(tuple(tokens))


@lru_cache(maxsize=4096)
def _title_length(tokens: tuple[str, ...]) -> int:
    end = 0
    seen_head = False
    on_behalf = 0      # words still owed to "باسم" (spokesman for): an organisation and its name
    for i, token in enumerate(tokens[:-1]):
        folded = fold_token(token)
        if on_behalf and not folded.startswith(_ARTICLES):
            on_behalf -= 1
            if on_behalf == 1 and folded not in ORGANISATION_HEADS:
                on_behalf = 0
                break
            end = i + 1
            continue
        on_behalf = 0
        belongs, head = _is_title_word(folded, seen_head, token)
        if not belongs:
            break
        seen_head = seen_head or head
        if seen_head:
            end = i + 1
        if folded in _ON_BEHALF:
            on_behalf = 2
    return end


def is_role(name: str) -> bool:
    """True when every word of ``name`` belongs to a title: a role, not a name ("وزير الصحة",
    "the foreign minister", "המאמן")."""
    tokens = [m.group() for m in _NAME_TOKEN.finditer(name or "")]
    return bool(tokens) and (title_length(tokens + ["_"]) >= len(tokens) or _qualified_role(tokens))


def _qualified_role(tokens: list[str]) -> bool:
    """"the Crues boss", "the Labour leader": a determiner, capitalised words that qualify a
    title, then the title in lower case: a role standing for a person, not a name."""
    return (3 <= len(tokens) <= 5 and fold_token(tokens[0]) in _DETERMINERS and tokens[-1][:1].islower()
            and fold_token(tokens[-1]) in TITLE_HEADS and all(w[:1].isupper() for w in tokens[1:-1]))


def strip_title(name: str) -> str:
    """Remove leading titles and roles from ``name``; a name that is only a title gives ''.

    'الرئيس الأذربيجاني إلهام علييف' -> 'إلهام علييف'; 'وزير الخارجية جدعون ساعر' -> 'جدعون ساعر';
    'השר גדעון סער' -> 'גדעון סער'; 'Foreign Minister Gideon Sa'ar' -> "Gideon Sa'ar".
    """
    matches = list(_NAME_TOKEN.finditer(name or ""))
    if not matches:
        return ""
    tokens = [m.group() for m in matches]
    if len(tokens) == 1:
        belongs, head = _is_title_word(fold_token(tokens[0]), False)
        return "" if belongs and head else name.strip()
    cut = title_length(tokens)
    last = fold_token(tokens[-1]).rstrip(".")
    if cut == len(tokens) - 1 and (last in TITLE_HEADS or last in TITLE_COMPLEMENTS
                                   or last in COUNTRY_WORDS):
        return ""
    return name[matches[cut].start():].strip()


@lru_cache(maxsize=4096)
def _name_tokens(name: str) -> tuple[str, ...]:
    stripped = strip_title(name) or name or ""
    text = normalize_for_search(stripped).replace("'", "").replace('"', "")
    text = _NOT_NAME_CHAR.sub(" ", text)
    tokens = [t for t in text.split() if t not in _HONORIFICS]
    merged: list[str] = []
    for token in tokens:
        if merged and merged[-1] in _JOINED_PREFIXES and _ARABIC_LETTER.match(token):
            # عبد الله and عبدالله are one name written two ways
            merged[-1] += token
            continue
        merged.append(token)
    out = []
    for token in merged:
        for article in _ARTICLES:
            if token.startswith(article) and len(token) >= len(article) + 3 \
                    and token not in _ARTICLE_KEPT and _script(token) == "Arab":
                token = token[len(article):]
                break
        out.append(token)
    return tuple(out)


def normalize_name(name: str) -> str:
    """The alias matching key: search folding, titles and Arabic article/honorifics dropped.

    'الرئيس إسحاق هرتسوغ' and 'اسحاق هرتسوغ' give the same key; punctuation and apostrophes
    vanish ("Sa'ar" -> 'saar'), whitespace is collapsed.
    """
    return " ".join(_name_tokens(name))


@lru_cache(maxsize=8192)
def _token_skeleton(token: str) -> str:
    return _SKELETONS[_script(token)].skeleton(token) or token


def name_skeleton(name: str) -> str:
    """Consonant skeleton of ``name`` (per token, long vowels and matres lectionis removed)."""
    return " ".join(_token_skeleton(t) for t in _name_tokens(name))


def _ratio(a: str, b: str) -> float:
    return Indel.normalized_similarity(a, b)


def _tokens_match(a: str, b: str) -> bool:
    if a == b:
        return True
    sa, sb = _token_skeleton(a), _token_skeleton(b)
    if sa[0] != sb[0]:
        return False
    if min(len(sa), len(sb)) >= 4 and max(len(sa), len(sb)) >= 5:
        return _ratio(sa, sb) >= 0.85 and _ratio(a, b) >= 0.7
    # Short names differ by one letter between different people (محمد/محمود); only the
    # spelling of the weak letters alef and ya (علييف/علاييف) may vary.
    return len(sa) >= 3 and _weak_key(a) == _weak_key(b)


def _weak_key(token: str) -> str:
    script = _script(token)
    if script == "Latn":
        return _token_skeleton(token)
    return _SKELETONS[script].weak_key(token)


def _initial_matches(a: str, b: str) -> bool:
    return (len(a) == 1 or len(b) == 1) and a[0] == b[0]


def _match_score(ta: tuple[str, ...], tb: tuple[str, ...]) -> float:
    """0 when the names are different people, else a similarity in (0, 1]."""
    if not ta or not tb or not _tokens_match(ta[-1], tb[-1]):
        return 0.0
    if len(ta) > 1 and len(tb) > 1:
        # once the surnames agree, a given name only has to share its skeleton (جيهون/جيهان)
        first_a, first_b = ta[0], tb[0]
        if not (_tokens_match(first_a, first_b) or _initial_matches(first_a, first_b)
                or _token_skeleton(first_a) == _token_skeleton(first_b)):
            return 0.0
    return 0.5 + 0.5 * _ratio(" ".join(ta), " ".join(tb))


def names_match(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` plausibly name the same person or organisation.

    Surnames (last tokens) must match exactly or by skeleton; first names too when both
    names have one. A lone surname matches the full name ('ساعر' ~ 'جدعون ساعر').
    """
    return _match_score(_name_tokens(a), _name_tokens(b)) > 0


def best_match(name: str, candidates: list[str]) -> int | None:
    """Index of the candidate alias that best matches ``name``, or None if none matches."""
    tokens = _name_tokens(name)
    best, best_score = None, 0.0
    for i, candidate in enumerate(candidates):
        score = _match_score(tokens, _name_tokens(candidate))
        if score > best_score:
            best, best_score = i, score
    return best
