"""The shipped multilingual lexicons (metric concepts, named entities) and word look-up in text.

Pure text: no database. Forms and text are folded with ``normalize_for_search``; a word is
looked up as written and then with Arabic/Hebrew clitic prefixes (و ب ل ال, ו ה ב ל מ ש) or an
English plural/possessive removed, so the lexicon lists bare words only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..extraction.normalize import normalize_for_search

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"
MAX_PHRASE = 3

_TOKEN = re.compile(r"[^\W_]+(?:['.\-][^\W_]+)*")
_ARABIC = re.compile(r"[\u0620-\u064a]")
_HEBREW = re.compile(r"[\u05d0-\u05ea]")
# Longest first: the first prefix that leaves a known word wins.
_ARABIC_PREFIXES = ("وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_ARABIC_SUFFIXES = ("هما", "ها", "هم", "نا", "ه", "ا")  # "ا": the written tanween of طفلاً
_HEBREW_PREFIX_LETTERS = set("והבכלמש")
_ELISION = re.compile(r"(?:d|l|qu|j|n|s|c|m|t)'(?=\w{2})")   # French elided articles and pronouns


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    role: str   # metrics: topic | aspect; entities: country | place | region | organisation | person


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    token_index: int   # index of the hit's first token in the scanned text


def tokens(text: str) -> list[str]:
    """Folded word tokens of ``text``."""
    return _TOKEN.findall(normalize_for_search(text))


def _load(name: str) -> dict[str, Entry]:
    table: dict[str, Entry] = {}
    for line in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        concept, role, forms = line.split("\t")
        entry = Entry(concept.strip(), role.strip())
        for form in forms.split(","):
            key = " ".join(tokens(form))
            if key:
                table.setdefault(key, entry)
    return table


@lru_cache(maxsize=None)
def word_lexicon() -> dict[str, Entry]:
    """Content words of news quotes in five languages (``words.tsv``: concept, forms)."""
    table: dict[str, Entry] = {}
    for line in (LEXICON_DIR / "words.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        concept, forms = line.split("\t")
        entry = Entry(concept.strip(), "word")
        for form in forms.split(","):
            key = " ".join(tokens(form))
            if key:
                table.setdefault(key, entry)
    return table


@lru_cache(maxsize=None)
def metric_lexicon() -> dict[str, Entry]:
    return _load("metrics.tsv")


@lru_cache(maxsize=None)
def entity_lexicon() -> dict[str, Entry]:
    return _load("entities.tsv")


@lru_cache(maxsize=65536)
def variants(token: str) -> tuple[str, ...]:
    """``token`` and the forms left after removing a clitic prefix, suffix or plural ending."""
    out = [token]
    if _ARABIC.match(token):
        stems = [token]
        for prefix in _ARABIC_PREFIXES:
            if token.startswith(prefix) and len(token) - len(prefix) >= 2:
                stems.append(token[len(prefix):])
        out = list(stems)
        for stem in stems:
            for suffix in _ARABIC_SUFFIXES:
                if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                    out.append(stem[: -len(suffix)])
        return tuple(out)
    elif _HEBREW.match(token):
        i = 0
        while i < 3 and len(token) - i > 2 and token[i] in _HEBREW_PREFIX_LETTERS:
            i += 1
            out.append(token[i:])
    else:
        elided = _ELISION.match(token)
        if elided:   # French d'Al Haouz, l'Intérieur
            token = token[elided.end():]
            out.append(token)
        if token.endswith("'s"):
            token = token[:-2]
            out.append(token)
        if token.endswith("ies") and len(token) > 4:
            out.append(token[:-3] + "y")
        if token.endswith("es") and len(token) > 4:
            out.append(token[:-2])
        if token.endswith("s") and len(token) > 3:
            out.append(token[:-1])
    return tuple(out)


@lru_cache(maxsize=None)
def _phrase_heads(lexicon_id: int) -> frozenset[str]:
    lexicon = _BY_ID[lexicon_id]
    return frozenset(key.split(" ", 1)[0] for key in lexicon if " " in key)


_BY_ID: dict[int, dict[str, Entry]] = {}


def scan(words: list[str], lexicon: dict[str, Entry]) -> list[Hit]:
    """Lexicon entries named in ``words``, longest phrase first at each position."""
    _BY_ID.setdefault(id(lexicon), lexicon)
    heads = _phrase_heads(id(lexicon))
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        found = None
        forms = variants(words[i])
        for n in range(min(MAX_PHRASE, len(words) - i), 1, -1):
            tail = words[i + 1:i + n]
            for head in forms:
                if head not in heads:
                    continue
                entry = lexicon.get(" ".join([head, *tail]))
                if entry is None:
                    # the last word of a phrase may carry a plural or clitic too
                    for last in variants(tail[-1])[1:]:
                        entry = lexicon.get(" ".join([head, *tail[:-1], last]))
                        if entry is not None:
                            break
                if entry is not None:
                    found = (entry, n)
                    break
            if found:
                break
        if not found:
            entry = next((lexicon[f] for f in forms if f in lexicon), None)
            found = (entry, 1) if entry is not None else None
        if found:
            hits.append(Hit(found[0], i))
            i += found[1]
        else:
            i += 1
    return hits
