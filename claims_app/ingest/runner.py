"""Driving files and folders through the pipeline: read → prepare (N processes) → store (here).

With ``jobs`` > 1, extraction runs in a pool of worker processes and this process is the only
writer (SQLite has one writer at a time anyway). Articles are stored in batches of about 0.2 s
of work, one transaction each (``BATCH_ARTICLES``, ``BATCH_SECONDS``), so an interrupted run leaves whole articles or
nothing, and running again skips what is stored; a batch the database refuses is stored again
article by article, so that one bad article costs only itself.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ..articles.readers import ArticleInput, collect_paths, read_articles
from ..errors import DomainError
from .prepare import PreparedArticle, prepare_article
from .speakers import SpeakerCache
from .store import Outlets, StoreOutcome, store_batch

log = logging.getLogger("claims_app.ingest")
# PostgreSQL: deadlock detected, serialization failure. The article is tried again from scratch.
_RETRY_CODES = {"40P01", "40001"}
_ATTEMPTS = 3
# Articles per transaction: up to BATCH_ARTICLES, as many as the writer stores in about
# BATCH_SECONDS (measured on the batches before), and never more than arrived within BATCH_SECONDS
# of the batch's first article. Multi-row inserts and set-based link look-ups pay per statement,
# so a batch costs less than its articles one by one; keeping it near 0.2 s of work keeps short
# the time SQLite's write lock is held against the editors, and a kill -9 loses at most that.
BATCH_ARTICLES = 100
BATCH_SECONDS = 0.2
_FIRST_BATCH = 10


@dataclass
class IngestSummary:
    ingested: int = 0
    skipped: int = 0
    claims: int = 0
    links: int = 0
    dropped: int = 0
    bytes: int = 0
    failed: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = (f"ingested {self.ingested}, skipped {self.skipped} (already stored), failed {len(self.failed)}; "
                f"{self.claims} candidate claims, {self.links} link suggestions")
        if self.dropped:
            text += f" ({self.dropped} candidates dropped, see the warnings)"
        return text


@dataclass
class _Failed:
    source: str
    message: str


def _prepare(task: tuple[ArticleInput, bool]) -> PreparedArticle | _Failed:
    item, run_extraction = task
    try:
        return prepare_article(item, run_extraction=run_extraction)
    except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the others
        return _Failed(item.source, f"could not prepare it ({exc.__class__.__name__}: {str(exc)[:200]})")


def default_jobs() -> int:
    """Extraction processes when --jobs is not given: one per core, at most four.

    Measured with bench/bench_ingest.py after batching (1,000 and 800 articles, 2 cores shared
    with other work, load average 4–6): --jobs 1 47.7, 44.2, 24.8, 39.1, 51.9 articles/s; --jobs 2
    31.9, 33.1, 33.1, 49.5, 41.0; --jobs 3 34.1. On a busy machine the two are within the noise;
    extraction is about a quarter of an article's CPU time (about 5 ms against the writer's 15–20),
    so on a machine of its own the workers take that quarter off the writer's core.
    """
    return max(1, min(4, os.cpu_count() or 1))


def _retryable(exc: DBAPIError) -> bool:
    return getattr(getattr(exc, "orig", None), "sqlstate", None) in _RETRY_CODES


class Writer:
    """Stores prepared articles a batch per transaction, remembering speakers and outlets across them."""

    def __init__(self, factory: sessionmaker[Session], *, suggest_links: bool = True):
        self.factory = factory
        self.speakers = SpeakerCache()
        self.outlets = Outlets()
        self.suggest_links = suggest_links
        self.views: dict = {}   # candidates' link views, from batch to batch

    def store(self, prepared: PreparedArticle) -> StoreOutcome:
        return self._transaction([prepared])[0]

    def store_many(self, batch: list[PreparedArticle]) -> list[StoreOutcome | Exception]:
        """Store ``batch`` in one transaction; if that fails, each article in its own, so that one
        article the database refuses costs only that article. Returns, per article, its outcome
        or the exception that kept it out."""
        try:
            return list(self._transaction(batch))
        except Exception as exc:  # noqa: BLE001 - retried one by one below, where the culprit shows
            if len(batch) == 1:
                return [exc]
        out: list[StoreOutcome | Exception] = []
        for prepared in batch:
            try:
                out.append(self._transaction([prepared])[0])
            except Exception as exc:  # noqa: BLE001 - reported for this article; the others go on
                out.append(exc)
        return out

    def _transaction(self, batch: list[PreparedArticle]) -> list[StoreOutcome]:
        for attempt in range(_ATTEMPTS):
            session = self.factory()
            try:
                outcomes = store_batch(session, batch, speakers=self.speakers, outlets=self.outlets,
                                       suggest_links=self.suggest_links, views=self.views)
                session.commit()
                self.speakers.committed()
                return outcomes
            except DBAPIError as exc:
                session.rollback()
                self.speakers.rolled_back()
                self.outlets.ids.clear()
                self.views.clear()
                if attempt + 1 < _ATTEMPTS and _retryable(exc):
                    continue
                raise
            except BaseException:
                session.rollback()
                self.speakers.rolled_back()
                self.outlets.ids.clear()
                self.views.clear()
                raise
            finally:
                session.close()
        raise AssertionError("unreachable")


def ingest_paths(paths: list[Path], factory: sessionmaker[Session], *, encoding: str | None = None,
                 max_bytes: int, extract: bool = True, jobs: int = 1, echo: Callable[..., None] = print,
                 progress: bool = False, on_article: Callable[[StoreOutcome, int], None] | None = None,
                 batch_size: int = BATCH_ARTICLES, batch_seconds: float = BATCH_SECONDS) -> IngestSummary:
    """Ingest every article under ``paths``. Raises DomainError for a path that does not exist."""
    files = collect_paths(paths)
    summary = IngestSummary()
    writer = Writer(factory, suggest_links=extract)

    def items() -> Iterator[tuple[ArticleInput, bool]]:
        for path in files:
            try:
                found = read_articles(path, encoding=encoding, max_bytes=max_bytes)
            except DomainError as exc:
                summary.failed.append(str(exc))
                echo(f"error: {exc}", err=True)
                continue
            for item in found:
                yield item, extract

    pace = _Pace(batch_size, batch_seconds)
    with _progress(progress, len(files)) as advance:
        for batch in _batches(_prepared(items(), jobs), pace):
            started = time.perf_counter()
            _store_batch(writer, batch, summary, echo, on_article)
            pace.stored(len(batch), time.perf_counter() - started)
            for _ in batch:
                advance()
    return summary


class _Pace:
    """How many articles make about ``seconds`` of the writer's work, from the batches so far."""

    def __init__(self, most: int, seconds: float):
        self.most, self.seconds = most, seconds
        self.per_article: float | None = None

    def size(self) -> int:
        if self.per_article is None:
            return min(self.most, _FIRST_BATCH)
        return max(1, min(self.most, int(self.seconds / max(self.per_article, 1e-6))))

    def stored(self, articles: int, seconds: float) -> None:
        rate = seconds / max(articles, 1)
        self.per_article = rate if self.per_article is None else (self.per_article + rate) / 2


def _batches(stream: Iterable, pace: _Pace) -> Iterator[list]:
    """Groups of ``pace.size()`` articles, a group closed early once ``pace.seconds`` have passed
    since its first article arrived (so a slow stream still commits often)."""
    batch: list = []
    started = 0.0
    for item in stream:
        if not batch:
            started, size = time.monotonic(), pace.size()
        batch.append(item)
        if len(batch) >= size or time.monotonic() - started >= pace.seconds:
            yield batch
            batch = []
    if batch:
        yield batch


def _prepared(tasks: Iterable[tuple[ArticleInput, bool]], jobs: int) -> Iterator[PreparedArticle | _Failed]:
    if jobs <= 1:
        yield from map(_prepare, tasks)
        return
    # fork: workers start at once and share the loaded extractor tables; they never touch the database.
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    # The writer is usually the slower side: at most this many articles wait for it in memory.
    room = threading.BoundedSemaphore(jobs * 32)
    stop = threading.Event()

    def fed() -> Iterator[tuple[ArticleInput, bool]]:
        for task in tasks:   # runs in the pool's feeder thread, which waits here when full
            while not room.acquire(timeout=0.2):
                if stop.is_set():   # the writer stopped (Ctrl+C, an error): let the pool shut down
                    return
            yield task

    with context.Pool(jobs) as pool:
        try:
            for prepared in pool.imap(_prepare, fed(), chunksize=4):
                room.release()
                yield prepared
        finally:
            stop.set()


def _store_batch(writer: Writer, batch: list, summary: IngestSummary, echo, on_article) -> None:
    ready = [p for p in batch if not isinstance(p, _Failed)]
    results = iter(writer.store_many(ready) if ready else [])
    for prepared in batch:
        if isinstance(prepared, _Failed):
            summary.failed.append(f"{prepared.source}: {prepared.message}")
            echo(f"error: {prepared.source}: {prepared.message}", err=True)
        else:
            _report(prepared, next(results), summary, echo, on_article)


def _report(prepared: PreparedArticle, outcome: StoreOutcome | Exception, summary: IngestSummary, echo,
            on_article) -> None:
    source = prepared.item.source
    if isinstance(outcome, DomainError):
        summary.failed.append(f"{source}: {outcome}")
        echo(f"error: {source}: {outcome}", err=True)
        return
    if isinstance(outcome, Exception):   # the article was rolled back whole; the others went on
        exc = outcome
        text = str(getattr(exc, "orig", None) or exc).strip()
        first = text.splitlines()[0][:200] if text else exc.__class__.__name__
        summary.failed.append(f"{source}: {exc.__class__.__name__}: {first}")
        echo(f"error: {source}: could not store it ({exc.__class__.__name__}: {first}); "
             "check the database and retry", err=True)
        return
    for warning in outcome.warnings:
        log.info("candidate dropped: %s", warning, extra={"source": source})
        echo(f"warning: {warning}", err=True)
    summary.dropped += len(outcome.warnings)
    if outcome.created:
        summary.ingested += 1
        summary.claims += outcome.claims_added
        summary.links += outcome.links_suggested
        summary.bytes += prepared.size
    else:
        summary.skipped += 1
        echo(f"skipped {source}: same text as article {outcome.article_id}")
    if on_article is not None:
        on_article(outcome, prepared.size)


class _progress:
    """A progress bar over articles stored (only for a terminal, and only when asked)."""

    def __init__(self, show: bool, total_files: int):
        self.show = show and total_files > 1

    def __enter__(self):
        if not self.show:
            return lambda: None
        from rich.progress import Progress

        self.bar = Progress(transient=True)
        self.bar.__enter__()
        task = self.bar.add_task("ingesting", total=None)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc):
        if self.show:
            self.bar.__exit__(*exc)
        return False
