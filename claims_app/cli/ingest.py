"""``ingest``: files and folders of articles into the database."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from ..articles.readers import collect_paths, read_articles
from ..errors import DomainError
from .context import config, fail, session_factory


@dataclass
class IngestSummary:
    ingested: int = 0
    skipped: int = 0
    claims: int = 0
    links: int = 0
    failed: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = (f"ingested {self.ingested}, skipped {self.skipped} (already stored), failed {len(self.failed)}; "
                f"{self.claims} candidate claims, {self.links} link suggestions")
        return text


def ingest_paths(paths: list[Path], *, encoding: str | None = None, max_bytes: int | None = None,
                 extract: bool = True, progress: bool = True, echo=click.echo) -> IngestSummary:
    """Ingest every article under ``paths``; each article is its own transaction."""
    from rich.progress import Progress

    from ..articles.services import ingest_article  # imports the extractor: only when ingesting

    max_bytes = max_bytes or config().MAX_ARTICLE_BYTES
    try:
        files = collect_paths(paths)
    except DomainError as exc:
        fail(str(exc))
    summary = IngestSummary()
    factory = session_factory()
    show = progress and len(files) > 1
    with Progress(transient=True, disable=not show) as bar:
        task = bar.add_task("ingesting", total=len(files))
        for path in files:
            try:
                items = read_articles(path, encoding=encoding, max_bytes=max_bytes)
            except DomainError as exc:
                summary.failed.append(str(exc))
                echo(f"error: {exc}", err=True)
                bar.advance(task)
                continue
            for item in items:
                session = factory()
                try:
                    result = ingest_article(session, item, run_extraction=extract)
                    session.commit()
                except DomainError as exc:
                    session.rollback()
                    summary.failed.append(f"{item.source}: {exc}")
                    echo(f"error: {item.source}: {exc}", err=True)
                    continue
                except Exception as exc:  # a database error must not leave half an article behind
                    session.rollback()
                    summary.failed.append(f"{item.source}: {exc.__class__.__name__}: {exc}")
                    echo(f"error: {item.source}: could not store it ({exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0]}); check the database and retry", err=True)
                    continue
                finally:
                    session.close()
                if result.created:
                    summary.ingested += 1
                    summary.claims += result.claims_added
                    summary.links += result.links_suggested
                else:
                    summary.skipped += 1
                    echo(f"skipped {item.source}: same text as article {result.article.id}")
            bar.advance(task)
    return summary


def register(main: click.Group) -> None:
    @main.command()
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.option("--encoding", help="Encoding of .txt/.json files without a BOM, e.g. cp1256.")
    @click.option("--max-bytes", type=int, help="Largest file accepted (default 5 MB, CLAIMS_MAX_ARTICLE_BYTES).")
    @click.option("--extract/--no-extract", default=True, show_default=True,
                  help="Propose candidate quotes and numeric claims.")
    def ingest(paths: tuple[Path, ...], encoding: str | None, max_bytes: int | None, extract: bool) -> None:
        """Ingest article files (.txt, .json, .jsonl, .html) and folders of them.

        The same text twice is skipped. Each article is stored in its own transaction; the
        exit code is 1 when any file failed.
        """
        summary = ingest_paths(list(paths), encoding=encoding, max_bytes=max_bytes, extract=extract)
        click.echo(summary.line())
        if summary.failed:
            raise SystemExit(1)
