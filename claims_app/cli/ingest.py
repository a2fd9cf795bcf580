"""``ingest``: files and folders of articles into the database."""
from __future__ import annotations

from pathlib import Path

import click

from ..articles.readers import collect_paths, read_articles
from ..errors import DomainError
from .context import config, fail, session_factory  # no ORM at import time


def ingest_paths(paths: list[Path], *, encoding: str | None = None, max_bytes: int | None = None,
                 extract: bool = True, progress: bool = True, jobs: int = 1, echo=click.echo):
    """Ingest every article under ``paths``; each article is its own transaction."""
    from ..ingest.runner import ingest_paths as run  # imports the extractor: only when ingesting

    try:
        return run(paths, session_factory(), encoding=encoding, max_bytes=max_bytes or config().MAX_ARTICLE_BYTES,
                   extract=extract, jobs=jobs, echo=echo, progress=progress)
    except DomainError as exc:
        fail(str(exc))


def register(main: click.Group) -> None:
    @main.command()
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.option("--encoding", help="Encoding of .txt/.json files without a BOM, e.g. cp1256.")
    @click.option("--max-bytes", type=int, help="Largest file accepted (default 5 MB, CLAIMS_MAX_ARTICLE_BYTES).")
    @click.option("--extract/--no-extract", default=True, show_default=True,
                  help="Propose candidate quotes and numeric claims.")
    @click.option("--jobs", type=click.IntRange(1, 64),
                  help="Extraction worker processes (default: one per core, up to 4); one process writes.")
    def ingest(paths: tuple[Path, ...], encoding: str | None, max_bytes: int | None, extract: bool,
               jobs: int | None) -> None:
        """Ingest article files (.txt, .json, .jsonl, .html) and folders of them.

        The same text twice is skipped. Each article is stored in its own transaction; the
        exit code is 1 when any file failed.
        """
        from ..ingest.runner import default_jobs

        summary = ingest_paths(list(paths), encoding=encoding, max_bytes=max_bytes, extract=extract,
                               jobs=jobs or default_jobs())
        click.echo(summary.line())
        if summary.failed:
            raise SystemExit(1)
