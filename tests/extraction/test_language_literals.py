"""Language knowledge lives in the packs (``claims_app/extraction/lang/``), not in code.

Outside ``lang/`` no string literal of the extractor may be written in a language's script
(Arabic, Hebrew, Cyrillic, Greek, Armenian, Georgian, Devanagari, CJK...), and no string
literal may contain a Latin-script word that is an entry of a pack's table ("said",
"according", "million"), except the words of the extractor's own output vocabulary (kinds,
qualifiers, unit names); a lone Latin word cannot be told from a tag of the code ("named"), so
Latin words are caught in lists and phrases. Code-point ranges written as escapes ("\\u0600-\\u06ff") describe
scripts, not languages, and are allowed; so are comments and docstrings, which may show
examples.
"""
import ast
import io
import re
import tokenize
from pathlib import Path

import pytest
import regex

from claims_app.extraction import lang
from claims_app.extraction.types import NUMERIC_KINDS, QUALIFIERS

PACKAGE = Path(__file__).resolve().parents[2] / "claims_app" / "extraction"
CODE = sorted(p for p in PACKAGE.rglob("*.py") if "lang" not in p.relative_to(PACKAGE).parts[:1])

# a letter (not a punctuation mark such as the Arabic comma) of a script other than Latin
_SCRIPT_LETTER = regex.compile(
    r"(?=\p{L})[\p{Arabic}\p{Hebrew}\p{Cyrillic}\p{Greek}\p{Armenian}\p{Georgian}\p{Syriac}"
    r"\p{Thaana}\p{Devanagari}\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{3,}")

# The extractor's output vocabulary: contract values, not words of a language.
_VOCABULARY = set(NUMERIC_KINDS) | set(QUALIFIERS) | {
    r[1] for r in lang.rows("duration_word")} | {"percent", "person"}


def _pack_latin_words() -> set[str]:
    words = set()
    for p in lang.packs():
        if p.script != "Latn":
            continue
        for table, rows in p.tables.items():
            if table in ("stopword", "distinctive_letter"):
                continue     # detection data: "the", "and" are not rules
            for row in rows:
                words.update(w.lower() for w in _LATIN_WORD.findall(row[0]))
    return words - _VOCABULARY


def _docstring_positions(source: str) -> set[tuple[int, int]]:
    out = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                out.add((body[0].lineno, body[0].col_offset))
    return out


def language_literals(path: Path, latin_words: set[str]) -> list[str]:
    source = path.read_text(encoding="utf-8")
    docstrings = _docstring_positions(source)
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type != tokenize.STRING or tok.start in docstrings:
            continue
        if _SCRIPT_LETTER.search(tok.string):
            found.append(f"{path.relative_to(PACKAGE)}:{tok.start[0]}: {tok.string[:50]}")
            continue
        try:
            value = ast.literal_eval(tok.string)
        except (ValueError, SyntaxError):
            value = tok.string      # f-strings: their literal parts
        if not isinstance(value, str) or " " not in value.strip():
            continue    # a lone Latin word cannot be told from a tag of the code ("named")
        hits = [w for w in _LATIN_WORD.findall(value) if w.lower() in latin_words]
        if hits:
            found.append(f"{path.relative_to(PACKAGE)}:{tok.start[0]}: {hits[:3]}")
    return found


def test_the_check_sees_a_literal():
    """The scanner itself works: a word of a script and a pack word are both caught."""
    sample = PACKAGE / "lang" / "_probe_for_test.py"
    sample.write_text('X = "قال"\nY = "\\u0600-\\u06ff"\nZ = "according to"\nW = "،"\n',
                      encoding="utf-8")
    try:
        found = language_literals(sample, _pack_latin_words())
    finally:
        sample.unlink()
    assert len(found) == 2 and ":1:" in found[0] and ":3:" in found[1]


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_language_literals_outside_the_packs(path):
    found = language_literals(path, _pack_latin_words())
    assert not found, "move these to a table of lang/<code>/:\n" + "\n".join(found)
