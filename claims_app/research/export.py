"""Export claims with their provenance as CSV, JSON Lines or schema.org ClaimReview.

Every format reads the same SELECT of the ``v_claims`` columns (export_sql.py builds them from
the tables, tags and links aggregated once) on a read-only connection of its own and streams
it: rows are fetched in batches (a server-side cursor on PostgreSQL), so memory stays flat
whatever the size and every matching row is written; there is no cap. Chunks are UTF-8 bytes.
On SQLite the CSV lines are rendered by the engine (csv_sqlite.py); elsewhere by csvout.py.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Iterator

from ..claims.models import STATUSES
from ..errors import DomainError
from .claimreview import claim_review
from .csv_sqlite import csv_byte_chunks, holds_nul, line_query
from .csvout import csv_batches, format_number, format_timestamp
from .readonly import ConsoleSettings
from .export_sql import claims_query
from .export_parallel import parallel_csv
from .export_stream import open_batches, open_line_batches

FORMATS = ("csv", "jsonl", "claimreview")
EXTENSIONS = {"csv": "csv", "jsonl": "jsonl", "claimreview": "jsonld"}
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8",
               "claimreview": "application/ld+json; charset=utf-8"}

# (column of v_claims, kind) in export order; docs/schema.md documents each one.
EXPORT_COLUMNS = (
    ("claim_id", "int"), ("kind", "text"), ("status", "text"), ("verdict", "text"), ("verdict_note", "text"),
    ("reviewer", "text"), ("reviewed_at", "timestamp"), ("speaker_id", "int"), ("speaker", "text"),
    ("speaker_kind", "text"), ("speaker_as_written", "text"), ("quote_id", "int"), ("quote_text", "text"),
    ("value", "number"), ("low", "number"), ("high", "number"), ("qualifier", "text"),
    ("numeric_kind", "text"), ("unit", "text"), ("period_start", "int"), ("period_end", "int"),
    ("metric", "text"), ("article_id", "int"), ("article_title", "text"), ("outlet", "text"), ("url", "text"),
    ("published", "date"), ("language", "text"), ("span_start", "int"), ("span_end", "int"),
    ("exact", "text"), ("prefix", "text"), ("suffix", "text"), ("tags", "text"), ("links", "text"),
    ("evidence_urls", "text"),
)
COLUMN_NAMES = tuple(name for name, _ in EXPORT_COLUMNS)


class ExportInputError(DomainError):
    """A bad export option; the message names the option and the fix."""


@dataclass(frozen=True)
class ExportFilters:
    status: str | None = None
    tag: str | None = None
    language: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ExportInputError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD") from None


CLI_NAMES = {"status": "--status", "since": "--since", "until": "--until", "tag": "--tag",
             "language": "--language"}
# How many known values an error message lists before it says how many more there are.
_LISTED = 30


def parse_filters(*, status=None, tag=None, language=None, since=None, until=None,
                  names: dict[str, str] = CLI_NAMES) -> ExportFilters:
    """Check the user's filters; raises ExportInputError naming the bad one (as ``names`` calls it)."""
    status = (status or "").strip() or None
    if status is not None and status not in STATUSES:
        raise ExportInputError(f"{names['status']} {status!r} is not a status; use one of: {', '.join(STATUSES)}")
    filters = ExportFilters(status=status, tag=(tag or "").strip() or None,
                            language=(language or "").strip() or None,
                            since=parse_date(since, names["since"]), until=parse_date(until, names["until"]))
    if filters.since and filters.until and filters.since > filters.until:
        raise ExportInputError(f"{names['since']} {filters.since} is after {names['until']} {filters.until}; "
                               "swap them")
    return filters


def check_filter_values(settings: ConsoleSettings, filters: ExportFilters,
                        names: dict[str, str] = CLI_NAMES) -> None:
    """Refuse a tag or language that no claim has: the export would be a header and nothing else.

    The message names the values that do occur, so the user can correct a typo or a code.
    """
    checks = []
    if filters.tag:
        checks.append(("tag", filters.tag, "SELECT DISTINCT t.name FROM tags t JOIN claim_tags ct ON ct.tag_id = t.id "
                                           "ORDER BY t.name", "tags in use"))
    if filters.language:
        checks.append(("language", filters.language,
                       "SELECT DISTINCT a.language FROM articles a WHERE a.language IS NOT NULL "
                       "AND EXISTS (SELECT 1 FROM claims c WHERE c.article_id = a.id) ORDER BY a.language",
                       "languages of articles with claims"))
    for key, value, sql, label in checks:
        known = [row[0] for batch in open_batches(settings, sql, {}) for row in batch]
        if value in known:
            continue
        listed = ", ".join(known[:_LISTED]) + (f" and {len(known) - _LISTED} more" if len(known) > _LISTED else "")
        option = names.get(key, f"--{key}")
        raise ExportInputError(f"{option} {value!r}: no claim matches, so nothing would be exported; "
                               f"{label}: {listed or 'none yet'}")


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ExportInputError(f"--format {fmt!r} is not an export format; use one of: {', '.join(FORMATS)}")
    return fmt


def export_query(filters: ExportFilters, dialect: str, *, verdicts_only: bool = False) -> tuple[str, dict]:
    """The SELECT behind every export (export_sql.py); named parameters in the driver's style."""
    where, params = export_where(filters, dialect, verdicts_only=verdicts_only)
    return claims_query(EXPORT_COLUMNS, where, dialect), params


def export_where(filters: ExportFilters, dialect: str, *, verdicts_only: bool = False) -> tuple[list[str], dict]:
    """The filters as conditions on the export's sources, and their parameters."""
    mark = (lambda n: f"%({n})s") if dialect == "postgresql" else (lambda n: f":{n}")
    where, params = [], {}
    if verdicts_only:
        where.append("c.verdict IS NOT NULL")
    if filters.status:
        where.append(f"c.status = {mark('status')}")
        params["status"] = filters.status
    if filters.language:
        where.append(f"a.language = {mark('language')}")
        params["language"] = filters.language
    for name, op in (("since", ">="), ("until", "<=")):
        value = getattr(filters, name)
        if value is not None:
            where.append(f"a.published {op} {mark(name)}")
            params[name] = value if dialect == "postgresql" else value.isoformat()
    if filters.tag:
        where.append("c.id IN (SELECT ct.claim_id FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id "
                     f"WHERE t.name = {mark('tag')})")
        params["tag"] = filters.tag
    return where, params


def export_chunks(settings: ConsoleSettings, fmt: str, filters: ExportFilters, *, bom: bool = False,
                  publisher: str = "Claims fact database", engine_lines: bool = True,
                  jobs: int = 1, names: dict[str, str] = CLI_NAMES) -> Iterator[bytes]:
    """The export as UTF-8 chunks. The query runs before this returns, so errors surface early.

    ``engine_lines=False`` keeps a SQLite CSV export on the Python writer (tests compare the two);
    ``jobs`` > 1 lets a large SQLite CSV export use that many worker processes (export_parallel.py);
    ``names`` are the filters as the user knows them (options or form labels), for error messages.
    """
    check_format(fmt)
    check_filter_values(settings, filters, names)
    sql, params = export_query(filters, settings.dialect, verdicts_only=fmt == "claimreview")
    if fmt == "csv" and engine_lines and settings.dialect == "sqlite" and jobs > 1:
        where, _ = export_where(filters, "sqlite")
        chunks = parallel_csv(settings, EXPORT_COLUMNS, where, params, jobs=jobs, bom=bom)
        if chunks is not None:
            return chunks
    if fmt == "csv" and engine_lines and settings.dialect == "postgresql":
        return _copy_csv(settings, sql, params, bom=bom)
    if fmt == "csv" and engine_lines and settings.dialect == "sqlite":
        opened = open_line_batches(settings, line_query(sql, EXPORT_COLUMNS), params, unless=holds_nul)
        if opened is not None:
            batches, read = opened

            def rerender(ids: list[int]) -> list[tuple]:
                return read(claims_query(EXPORT_COLUMNS, [], "sqlite", only_ids=ids))

            return csv_byte_chunks(COLUMN_NAMES, batches, rerender, bom=bom)
    batches = open_batches(settings, sql, params)
    if fmt == "csv":
        return _encoded(csv_batches(COLUMN_NAMES, batches, bom=bom))
    rows = (row for batch in batches for row in batch)
    if fmt == "jsonl":
        return _encoded(_jsonl_chunks(rows))
    return _encoded(_claimreview_chunks(rows, publisher))


def _copy_csv(settings: ConsoleSettings, sql: str, params: dict, *, bom: bool) -> Iterator[bytes]:
    """PostgreSQL: the lines rendered by the server and read through COPY (csv_postgres.py)."""
    from .csv_postgres import copy_csv_chunks
    from .sql import _connect, _db_errors, _translate

    conn = _connect(settings, None)
    try:
        return copy_csv_chunks(conn, sql, params, COLUMN_NAMES, EXPORT_COLUMNS, bom=bom)
    except _db_errors("postgresql") as exc:
        conn.close()
        raise _translate(exc, None) from exc


def _encoded(chunks: Iterator[str]) -> Iterator[bytes]:
    for chunk in chunks:
        yield chunk.encode("utf-8")


def _json_value(value, kind: str) -> str:
    if value is None:
        return "null"
    if kind == "number" or isinstance(value, (float, Decimal)):
        return format_number(value)   # plain decimal text is a valid, exact JSON number
    if kind == "timestamp":
        return json.dumps(format_timestamp(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return json.dumps(value.isoformat())
    return json.dumps(value, ensure_ascii=False)


def split_list(value: str | None) -> list[str]:
    return [item for item in (value or "").split("; ") if item]


def split_links(value: str | None) -> list[dict]:
    links = []
    for item in split_list(value):
        relation, _, other = item.rpartition(":")
        links.append({"relation": relation, "claim_id": int(other)})
    return links


def _batched(lines: Iterable[str], size: int = 256) -> Iterator[str]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield "".join(batch)
            batch.clear()
    if batch:
        yield "".join(batch)


def _jsonl_chunks(rows) -> Iterator[str]:
    keys = [json.dumps(name) for name in COLUMN_NAMES]
    kinds = [kind for _, kind in EXPORT_COLUMNS]
    tags_at, links_at = COLUMN_NAMES.index("tags"), COLUMN_NAMES.index("links")
    evidence_at = COLUMN_NAMES.index("evidence_urls")

    def line(row) -> str:
        parts = []
        for i, value in enumerate(row):
            if i == tags_at or i == evidence_at:
                text = json.dumps(split_list(value), ensure_ascii=False)
            elif i == links_at:
                text = json.dumps(split_links(value))
            else:
                text = _json_value(value, kinds[i])
            parts.append(f"{keys[i]}:{text}")
        return "{" + ",".join(parts) + "}\n"

    return _batched(line(row) for row in rows)


def _claimreview_chunks(rows, publisher: str) -> Iterator[str]:
    def items():
        yield "["
        first = True
        for row in rows:
            record = claim_review(dict(zip(COLUMN_NAMES, row)), publisher=publisher)
            yield ("\n" if first else ",\n") + json.dumps(record, ensure_ascii=False, indent=None)
            first = False
        yield "\n]\n"

    return _batched(items())


def write_atomically(path: Path, chunks_factory) -> int:
    """Write the chunks to a temporary file next to ``path`` and rename it into place.

    ``chunks_factory`` is called only once the temporary file exists, so an unwritable path
    fails before any query runs. Nothing is left behind on error. Returns the bytes written.
    """
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ExportInputError(f"-o {path}: is a folder; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=parent)
    except OSError as exc:
        raise ExportInputError(f"-o {path}: cannot write there ({exc.strerror}); choose another path") from None
    written = 0
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks_factory():
                if isinstance(chunk, str):
                    chunk = chunk.encode("utf-8")
                fh.write(chunk)
                written += len(chunk)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return written
