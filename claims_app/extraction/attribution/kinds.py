"""Small facts about names that the speaker store needs: which script, person or organisation."""
from __future__ import annotations

import regex

from .. import lang

_SCRIPTS = (("Arab", regex.compile(r"\p{Arabic}")), ("Hebr", regex.compile(r"\p{Hebrew}")),
            ("Cyrl", regex.compile(r"\p{Cyrillic}")), ("Latn", regex.compile(r"\p{Latin}")))

# First words that make a speaker an organisation rather than a person.
_ORG_HEADS = frozenset(w.casefold() for w in lang.entries("organisation_first_word"))
_CONJUNCTIONS = tuple(lang.entries("conjunction_prefix"))


def script_of(name: str) -> str | None:
    """The ISO 15924 code of the script most letters of ``name`` are written in."""
    counts = {code: len(rx.findall(name)) for code, rx in _SCRIPTS}
    code, count = max(counts.items(), key=lambda item: item[1])
    return code if count else None


def guess_speaker_kind(name: str) -> str:
    words = name.split()
    if not words:
        return "person"
    head = words[0].casefold()
    for c in _CONJUNCTIONS:
        if head.startswith(c) and head[len(c):] in _ORG_HEADS:
            head = head[len(c):]
            break
    return "organisation" if head in _ORG_HEADS else "person"
