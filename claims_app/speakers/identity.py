"""One person across scripts: a consonant skeleton that Arabic, Hebrew, Latin and Cyrillic
spellings of a name share (هرتسوغ, הרצוג, Herzog and Герцог all give ``KRSK``).

Pure text, no database and no network. The letter classes are data (``data/letters.tsv``), as
are the French and Russian titles removed before a name (``data/titles.txt``; English, Arabic
and Hebrew titles are removed by the extractor's ``strip_title``). Two names *meet* when their
surnames' skeletons are equal, or one letter apart for longer ones (اردوغان / ארדואן, where
Hebrew drops the silent ğ); first names, when both have one, must start alike.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..extraction.speakers import strip_title

DATA_DIR = Path(__file__).resolve().parent / "data"
MIN_SURNAME = 3        # a surname of fewer consonant classes meets only with matching first names
_LETTERS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_APOSTROPHES = str.maketrans({"׳": "'", "’": "'", "‘": "'", "`": "'", "ʼ": "'"})
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                       "ک": "ك", "ی": "ي", "ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ", "ё": "е",
                       "й": "и", "ـ": None})


@lru_cache(maxsize=None)
def letter_classes() -> tuple[dict[str, str], int]:
    """{letters: class} from the data file, and the longest entry's length."""
    table: dict[str, str] = {}
    for line in (DATA_DIR / "letters.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        letters, cls = line.split("\t")
        table[letters] = "" if cls == "-" else cls
    return table, max(len(k) for k in table)


@lru_cache(maxsize=None)
def titles() -> tuple[tuple[str, ...], ...]:
    out = []
    for line in (DATA_DIR / "titles.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(tuple(fold_name(line).split()))
    return tuple(sorted(set(out), key=len, reverse=True))


def fold_name(text: str) -> str:
    """Lower case, no accents, niqqud or harakat, one form per Arabic and Hebrew letter; the
    geresh of a Hebrew name (ג'ורג') is kept: it changes the letter's sound."""
    text = unicodedata.normalize("NFKC", text or "").translate(_APOSTROPHES)
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", text).lower().translate(_FOLD)


def name_words(name: str) -> list[str]:
    """The words of a person's name without titles ('President Isaac Herzog' -> isaac, herzog)."""
    return list(_name_words(name or ""))


# Link suggestion compares each quote's speaker with dozens of others', and the same names recur
# across a news stream: each name is folded and split once.
@lru_cache(maxsize=65536)
def _name_words(name: str) -> tuple[str, ...]:
    plain = strip_title(name) or name
    words = _LETTERS.findall(fold_name(plain))
    changed = True
    while changed and len(words) > 1:
        changed = False
        for title in titles():
            if len(words) > len(title) and tuple(words[:len(title)]) == title:
                words = words[len(title):]
                changed = True
                break
    return tuple(words)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The consonant classes of one folded word, repeats collapsed ('herzog' -> 'KRSK')."""
    table, longest = letter_classes()
    if word.startswith("ال") and len(word) > 5:
        word = word[2:]                                   # the Arabic article (not إلهام: Ilham)
    if len(word) > 2 and word[-1] in "הه":
        word = word[:-1]                                  # a final he / ta marbuta writes a vowel
    if word[:1] == "ו" and word[1:2] != "ו":
        word = "וו" + word[1:]                            # a Hebrew word-initial vav is a v (ולדימיר)
    out: list[str] = []
    i = 0
    while i < len(word):
        for n in range(min(longest, len(word) - i), 0, -1):
            piece = word[i:i + n]
            if piece in table:
                cls = table[piece]
                if piece == "c" and word[i + 1:i + 2] in ("e", "i", "y"):
                    cls = "S"                             # Latin soft c (Cecile)
                out.extend(cls)
                i += n
                break
        else:
            i += 1                                        # a letter of no known class
    collapsed = [c for j, c in enumerate(out) if j == 0 or c != out[j - 1]]
    return "".join(collapsed)


def identity_key(name: str) -> str | None:
    """The look-up key of a person's name across scripts: its surname's skeleton."""
    words = name_words(name)
    if not words:
        return None
    key = skeleton(words[-1])
    return key if len(key) >= 2 else None


def _same_class(a: str, b: str) -> bool:
    return a == b or (a == "J" and b in "KS") or (b == "J" and a in "KS")


def _equal(a: str, b: str) -> bool:
    return len(a) == len(b) and all(_same_class(x, y) for x, y in zip(a, b))


def block_key(name: str) -> str | None:
    """A look-up key under which every spelling of one person falls (surname skeleton; with the
    first name's when the surname is short: Aliyev LP is too common alone)."""
    words = name_words(name)
    if not words:
        return None
    surname = skeleton(words[-1]).replace("J", "K")   # a J meets K: file it with the commoner g
    if len(surname) >= MIN_SURNAME:
        return surname
    first = skeleton(words[0]).replace("J", "K") if len(words) > 1 else ""
    return f"{first[:1]}|{surname}" if first and surname else None


def _one_apart(a: str, b: str, silent: str = "KJ") -> bool:
    """Equal, or one class inside the longer one missing from the shorter: a silent letter
    (Erdoğan RTKN / ארדואן RTN) or a J that one spelling leaves out (Benjamin / بنيامين)."""
    if _equal(a, b):
        return True
    if abs(len(a) - len(b)) != 1 or max(len(a), len(b)) < 4:
        return False   # John JKN and Jane JN: in short names a missing letter is another name
    short, long_ = sorted((a, b), key=len)
    return any(long_[i] in silent and _equal(long_[:i] + long_[i + 1:], short) for i in range(len(long_) - 1))


@lru_cache(maxsize=262144)
def same_person(a: str, b: str) -> bool:
    """Whether two names, in any scripts, can be one person (titles ignored)."""
    wa, wb = _name_words(a or ""), _name_words(b or "")
    if not wa or not wb:
        return False
    sa, sb = skeleton(wa[-1]), skeleton(wb[-1])
    if not sa or not sb or not (_equal(sa, sb) or (min(len(sa), len(sb)) >= MIN_SURNAME and _one_apart(sa, sb))):
        return False
    if len(wa) > 1 and len(wb) > 1:
        fa, fb = skeleton(wa[0]), skeleton(wb[0])
        return bool(fa and fb) and _one_apart(fa, fb)
    # a surname alone: a short skeleton (Aliyev LP, Sa'ar SR) is too common to stand on its own
    return min(len(sa), len(sb)) >= MIN_SURNAME or (len(wa) == len(wb) == 1)
