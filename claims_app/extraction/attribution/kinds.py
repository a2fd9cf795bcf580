"""Small facts about names that the speaker store needs: which script, person or organisation."""
from __future__ import annotations

import regex

_SCRIPTS = (("Arab", regex.compile(r"\p{Arabic}")), ("Hebr", regex.compile(r"\p{Hebrew}")),
            ("Cyrl", regex.compile(r"\p{Cyrillic}")), ("Latn", regex.compile(r"\p{Latin}")))

# First words that make a speaker an organisation rather than a person.
_ORG_HEADS = {
    # Arabic (with and without the article)
    "مكتب", "وزارة", "الوزارة", "الخارجية", "الحكومة", "حكومة", "الجيش", "جيش", "الرئاسة", "رئاسة", "السفارة",
    "سفارة", "معهد", "مركز", "منظمة", "وكالة", "شركة", "البنك", "بنك", "المكتب", "الشرطة", "هيئة", "مجلس",
    # Hebrew
    "משרד", "לשכת", "הלשכה", "ממשלת", "הממשלה", "צה\"ל", "צה״ל", "שגרירות", "השגרירות", "מכון", "ארגון", "חברת",
    "בנק", "המשטרה", "משטרת", "מועצת",
    # English
    "office", "ministry", "government", "army", "embassy", "institute", "center", "centre", "organization",
    "organisation", "agency", "company", "bank", "police", "council", "the", "sipri", "un", "nato",
}


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
    head = head[1:] if head[:1] in ("و", "ו") and head[1:] in _ORG_HEADS else head
    return "organisation" if head in _ORG_HEADS else "person"
