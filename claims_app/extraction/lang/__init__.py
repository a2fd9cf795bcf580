"""Language packs: everything the extractor knows about a language, as plain data tables.

A pack is a folder ``lang/<code>/`` holding ``pack.toml`` (its name, script, and which of its
tables apply only to text in that language) and tab-separated tables, one file per area
(``numbers.tsv``, ``speech.tsv``, ``text.tsv``...). Each row is ``table<TAB>entry[<TAB>value...]``;
``#`` starts a comment line. An entry is written in its ordinary spelling; code folds it.

The extractor asks for a table by name and gets the union of every pack's rows: a text that
mixes languages (an Arabic article quoting an English statement, a Russian name in Hebrew
text) is read with all of them. A pack may mark a table as its own (``own_tables``): those
rows are used only for text in the pack's language, for words that would misread another
language ("sept" is seven in French and a month in English). Adding a language is adding a
folder; no code changes.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Protocol

_ROOT = Path(__file__).resolve().parent


class LanguagePack(Protocol):
    code: str                    # ISO 639-1 code, the folder's name
    name: str
    script: str                  # ISO 15924 code of the script it is written in
    own_tables: frozenset[str]   # tables used only for text in this language
    default_for_script: bool     # what text in its script is read as when nothing else decides
    decimal_comma: bool          # writes "2,5" for two and a half

    def rows(self, table: str) -> list[tuple[str, ...]]: ...


@dataclass(frozen=True)
class DataPack:
    """A pack read from its folder of tables."""

    code: str
    name: str
    script: str
    own_tables: frozenset[str]
    tables: dict[str, list[tuple[str, ...]]] = field(repr=False)
    default_for_script: bool = False    # what text in this script is read as when nothing decides
    decimal_comma: bool = False         # "2,5" is two and a half, "1.200" is twelve hundred

    def rows(self, table: str) -> list[tuple[str, ...]]:
        return self.tables.get(table, [])


def _read_tables(folder: Path) -> dict[str, list[tuple[str, ...]]]:
    tables: dict[str, list[tuple[str, ...]]] = {}
    for path in sorted(folder.glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) < 2 or not cells[0] or not cells[1]:
                raise ValueError(f"{path}:{number}: a row is 'table<TAB>entry[<TAB>value...]'")
            tables.setdefault(cells[0], []).append(tuple(cells[1:]))
    return tables


def load_pack(folder: Path) -> DataPack:
    meta = tomllib.loads((folder / "pack.toml").read_text(encoding="utf-8"))
    return DataPack(code=folder.name, name=meta["name"], script=meta["script"],
                    own_tables=frozenset(meta.get("own_tables", ())),
                    tables=_read_tables(folder),
                    default_for_script=bool(meta.get("default_for_script", False)),
                    decimal_comma=bool(meta.get("decimal_comma", False)))


@lru_cache(maxsize=1)
def packs() -> tuple[DataPack, ...]:
    """Every pack under ``lang/``, in code order."""
    return tuple(load_pack(d) for d in sorted(_ROOT.iterdir())
                 if d.is_dir() and (d / "pack.toml").is_file())


def pack(code: str) -> DataPack | None:
    return next((p for p in packs() if p.code == code), None)


def rows(table: str, language: str | None = None) -> list[tuple[str, ...]]:
    """The rows of ``table`` in every pack, plus the own-language rows of ``language``'s pack."""
    out: list[tuple[str, ...]] = []
    for p in packs():
        if table in p.own_tables and p.code != language:
            continue
        out.extend(p.rows(table))
    return out


def own_rows(table: str, language: str) -> list[tuple[str, ...]]:
    """The rows of ``table`` that ``language``'s pack keeps for its own text only."""
    p = pack(language)
    return p.rows(table) if p is not None and table in p.own_tables else []


def entries(table: str, language: str | None = None) -> list[str]:
    """The entries (first cells) of ``table``, as written."""
    return [r[0] for r in rows(table, language)]


def mapping(table: str, language: str | None = None) -> dict[str, str]:
    """``table`` as entry → its first value."""
    return {r[0]: r[1] for r in rows(table, language)}


def codes() -> tuple[str, ...]:
    return tuple(p.code for p in packs())


def scripts_of(codes_: Iterable[str]) -> set[str]:
    return {p.script for p in packs() if p.code in set(codes_)}


def script_entries(table: str, script: str) -> tuple[str, ...]:
    """The entries of ``table`` in the packs written in ``script`` (ISO 15924), longest first.

    For rules that are the same for every language of a script but not across scripts (an
    article glued to the noun in Arabic script, ה in Hebrew).
    """
    out = dict.fromkeys(r[0] for p in packs() if p.script == script for r in p.rows(table))
    return tuple(sorted(out, key=len, reverse=True))


def decimal_comma(language: str | None) -> bool:
    """True when ``language`` writes the decimal mark as a comma ("2,5 %")."""
    p = pack(language) if language else None
    return bool(p and p.decimal_comma)
