"""Speaker names: titles, the alias matching key, and fuzzy matching of spellings.

Transliterated names vary within one article (موشيشفيلي / موشياشفيلي / موشاشفيلي), so
matching compares consonant skeletons; short skeletons and different surnames are kept apart,
because merging two people is worse than leaving one person under two aliases.
"""
from __future__ import annotations

from functools import lru_cache

import regex
from rapidfuzz.distance import Indel

from .lexicon import COUNTRY_WORDS, ORGANISATION_HEADS, TITLE_COMPLEMENTS, TITLE_HEADS
from ..text.fold import fold_token, normalize_for_search

_NAME_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’׳\"״.][\p{L}\p{M}]+)*\.?")
_ARABIC_LETTER = regex.compile(r"[\u0620-\u064a]")
_HEBREW_LETTER = regex.compile(r"[\u05d0-\u05ea]")
_NOT_NAME_CHAR = regex.compile(r"[^\p{L}\p{M}\p{N} ]+")

_COUNTERPARTS = frozenset(fold_token(w) for w in "نظير نظيره نظيرها نظيرته".split())
_ON_BEHALF = fold_token("باسم")
_HONORIFICS = frozenset(fold_token(w) for w in "السيد السيدة الشيخ الحاج الحاجة سيد شيخ حاج".split())
_JOINED_PREFIXES = frozenset({"عبد", "ابو", "ابي", "ابن", "بن", "بو"})

_HEBREW_FINALS = str.maketrans("ךםןףץ", "כמנפצ")
_ARABIC_VOWELS = str.maketrans("", "", "اويءآ")
_ARABIC_WEAK = str.maketrans("", "", "اي")
# Foreign g is written غ, ج or گ depending on the outlet (هرتسوغ / هرتسوج, جدعون / غدعون).
_ARABIC_G = str.maketrans("غگ", "جج")
_HEBREW_WEAK = str.maketrans("", "", "אי")
_HEBREW_VOWELS = str.maketrans("", "", "אוי")
_LATIN_VOWELS = regex.compile(r"[aeiouy]+")
_LATIN_DOUBLE = regex.compile(r"(.)\1+")


def _is_title_word(folded: str, seen_head: bool, raw: str = "") -> tuple[bool, bool]:
    """(belongs to the title, is a title head) for one folded token (``raw`` as written)."""
    bare = folded.rstrip(".")
    if bare not in TITLE_HEADS and bare.startswith("لل") and "ال" + bare[2:] in TITLE_HEADS:
        bare = "ال" + bare[2:]     # للوزير = ل + الوزير
    elif bare not in TITLE_HEADS and bare[:1] in ("ل", "ب", "و") and bare[1:] in TITLE_HEADS:
        bare = bare[1:]
    if bare in TITLE_HEADS or folded in TITLE_HEADS or bare in _COUNTERPARTS:
        return True, True
    if bare in TITLE_COMPLEMENTS or bare in COUNTRY_WORDS:
        return True, False
    if seen_head and _ARABIC_LETTER.match(bare) and (raw or bare).startswith(("ال", "وال")):
        # definite nouns and adjectives after an Arabic title qualify it (الرئيس الأذربيجاني,
        # وزير السياحة والآثار)
        return True, False
    if seen_head and _HEBREW_LETTER.match(bare) and bare.startswith("ה") and len(bare) > 3:
        return True, False     # likewise in Hebrew (הכלכלנית הראשית)
    return False, False


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
        if on_behalf and not folded.startswith("ال"):
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
        if folded == _ON_BEHALF:
            on_behalf = 2
    return end


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
        if token.startswith("ال") and len(token) >= 5 and token != "الله":
            token = token[2:]
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
    if _ARABIC_LETTER.match(token):
        token = token.translate(_ARABIC_G)
        skeleton = token[0] + token[1:].translate(_ARABIC_VOWELS)
        skeleton = skeleton[:-1] if skeleton.endswith("ه") and len(skeleton) > 2 else skeleton
    elif _HEBREW_LETTER.match(token):
        token = token.translate(_HEBREW_FINALS)
        skeleton = token[0] + token[1:].translate(_HEBREW_VOWELS)
        skeleton = skeleton[:-1] if skeleton.endswith("ה") and len(skeleton) > 2 else skeleton
    else:
        token = token.replace("ph", "f").replace("ck", "k").replace("c", "k").replace("q", "k")
        skeleton = token[0] + _LATIN_VOWELS.sub("", token[1:])
        skeleton = _LATIN_DOUBLE.sub(r"\1", skeleton)
    return skeleton or token


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
    if _ARABIC_LETTER.match(token):
        token = token.translate(_ARABIC_G)
        return token[0] + token[1:].translate(_ARABIC_WEAK)
    if _HEBREW_LETTER.match(token):
        return token[0] + token[1:].translate(_HEBREW_WEAK)
    return _token_skeleton(token)


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
