"""Turning article files into text plus metadata. Pure: no database, no Flask.

The text an article keeps is exactly the decoded file content (or, for HTML, the text the
extraction library returns); every claim offset refers to it, so nothing here normalises it.
"""
from __future__ import annotations

import codecs
import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import IngestError
from .limits import ARTICLE_LIMITS, over_limit

SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")
METADATA_KEYS = ("title", "url", "outlet", "published", "language")
# Control characters other than tab, newline, carriage return and form feed mark a binary file.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True, slots=True)
class ArticleInput:
    text: str
    source: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None


def collect_paths(paths: list[str | os.PathLike]) -> list[Path]:
    """Files named directly, plus the article files inside the folders named, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        elif path.exists():
            found.append(path)
        else:
            raise IngestError(f"{path}: no such file or folder; check the path")
    return found


def read_articles(path: Path, *, encoding: str | None = None, max_bytes: int = 5 * 1024 * 1024) -> list[ArticleInput]:
    """Every article in one file. Raises IngestError with a one-line message naming the file."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise IngestError(f"{path}: unsupported file type {suffix or '(none)'!r}; use .txt, .json, .jsonl or .html")
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit; "
                          "split the file or raise --max-bytes")
    if size == 0:
        raise IngestError(f"{path}: the file is empty; remove it or give it the article text")
    data = path.read_bytes()
    if suffix in (".html", ".htm"):
        return [_read_html(path, data)]
    text = decode_bytes(data, path, encoding)
    if suffix == ".txt":
        return [check_limits(ArticleInput(text=text, source=str(path)), str(path))]
    if suffix == ".json":
        return _read_json(path, text)
    return _read_jsonl(path, text)


def decode_bytes(data: bytes, path: Path, encoding: str | None = None) -> str:
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise IngestError(f"{path}: unknown encoding {encoding!r}; use a Python codec name such as cp1256") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise IngestError(f"{path}: not valid {encoding} at byte {exc.start}; try another --encoding") from None
    elif data.startswith(codecs.BOM_UTF8):
        text = _strict(data, "utf-8-sig", path)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", path)
    elif b"\x00" in data:
        raise IngestError(f"{path}: looks binary (contains NUL bytes); give a text, JSON or HTML article file")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise IngestError(
                f"{path}: not UTF-8 (bad byte at {exc.start}) and no byte-order mark; "
                "name its encoding, e.g. --encoding cp1256 for Arabic or --encoding cp1255 for Hebrew") from None
    _check_text(text, path)
    return text


def _strict(data: bytes, codec: str, path: Path) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise IngestError(f"{path}: has a {codec} byte-order mark but is not valid {codec} at byte {exc.start}; "
                          "re-save the file or pass --encoding") from None


def _check_text(text: str, path: Path | str) -> None:
    if not text.strip():
        raise IngestError(f"{path}: no text (only white space); remove it or give it the article text")
    if "\x00" in text:
        raise IngestError(f"{path}: looks binary (contains NUL characters); give a text, JSON or HTML article file")
    sample = text[:4096]
    controls = sum(ch in _CONTROL for ch in sample)
    if controls > max(8, len(sample) // 100):
        raise IngestError(f"{path}: looks binary ({controls} control characters in the first "
                          f"{len(sample)}); give a text, JSON or HTML article file, or pass --encoding")


def _loads(text: str, at: str, fix: str, line: int | None = None):
    """json.loads, with every way it can fail on hostile input turned into one IngestError line."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"{at}: malformed JSON at line {line or exc.lineno}, column {exc.colno}: {exc.msg}; "
                          f"{fix}") from None
    except RecursionError:
        raise IngestError(f"{at}: JSON nested too deeply to read; an article is an object with a 'text' "
                          f"string, {fix}") from None
    except ValueError as exc:   # e.g. an integer of thousands of digits (Python's conversion limit)
        raise IngestError(f"{at}: JSON that cannot be read ({str(exc).splitlines()[0]}); {fix}") from None


def _read_json(path: Path, text: str) -> list[ArticleInput]:
    data = _loads(text, str(path), "fix the file")
    items = data if isinstance(data, list) else [data]
    if not items:
        raise IngestError(f"{path}: the JSON list is empty; give at least one object with a 'text'")
    return [_article(path, item, str(path) if len(items) == 1 else f"{path}#{i}", where=f"item {i}")
            for i, item in enumerate(items, start=1)]


def _read_jsonl(path: Path, text: str) -> list[ArticleInput]:
    articles = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item = _loads(line, str(path), f"fix line {lineno}", line=lineno)
        articles.append(_article(path, item, f"{path}#L{lineno}", where=f"line {lineno}"))
    if not articles:
        raise IngestError(f"{path}: no JSON lines; give one object with a 'text' per line")
    return articles


def _article(path: Path, item, source: str, where: str | None = None) -> ArticleInput:
    at = f"{path} ({where})" if where else str(path)
    if not isinstance(item, dict):
        raise IngestError(f"{at}: expected a JSON object with a 'text', got {type(item).__name__}")
    text = item.get("text")
    if not isinstance(text, str):
        raise IngestError(f"{at}: no 'text' string; every article object needs one")
    _check_text(text, at)
    meta = {}
    for key in METADATA_KEYS:
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise IngestError(f"{at}: '{key}' must be a string, got {type(value).__name__}")
        meta[key] = value.strip() if isinstance(value, str) and value.strip() else None
    published = parse_date(meta["published"], at) if meta["published"] else None
    return check_limits(ArticleInput(text=text, source=meta["url"] if where and meta["url"] else source,
                                     title=meta["title"], url=meta["url"], outlet=meta["outlet"],
                                     published=published, language=meta["language"]), at)


def check_limits(item: ArticleInput, at: str) -> ArticleInput:
    """The item, if every field fits the one table of limits (limits.py); else IngestError naming it."""
    for field in ARTICLE_LIMITS:
        reason = over_limit(field, getattr(item, field))
        if reason:
            raise IngestError(f"{at}: {reason}; shorten it in the file")
    return item


def parse_date(value: str, at: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise IngestError(f"{at}: published {value!r} is not a date; write it as YYYY-MM-DD") from None


def _read_html(path: Path, data: bytes) -> ArticleInput:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    if b"\x00" in data[:4096]:
        raise IngestError(f"{path}: looks binary (contains NUL bytes); give an HTML page")
    doc = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=False,
        # Only dates stated in the page's markup: a guessed publication date is worse than none.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise IngestError(f"{path}: no article text found in the page; save the article page itself, "
                          "or give its text as .txt")
    _check_text(text, path)
    published = None
    if getattr(doc, "date", None):
        try:
            published = dt.date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    return check_limits(ArticleInput(text=text, source=str(path), title=getattr(doc, "title", None) or None,
                                     url=getattr(doc, "url", None) or None,
                                     outlet=getattr(doc, "sitename", None) or None,
                                     published=published, language=getattr(doc, "language", None) or None),
                        str(path))


def guess_title(text: str, fallback: str, limit: int = 120) -> str:
    """A title for an article that came without one: its first line, shortened at a word."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            break
    else:
        return fallback
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0]
    return (cut or line[:limit]) + "…"
