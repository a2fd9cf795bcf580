"""``extract``: candidate quotes and numeric claims, from files (no database) or into it."""
from __future__ import annotations

import json
from pathlib import Path

import click

from .context import fail, unit_of_work  # context imports no ORM: extraction starts without it


def _print_table(path: str, result) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{path} ({result.language})", show_lines=False)
    for col in ("kind", "start", "end", "text", "speaker / value", "qualifier"):
        table.add_column(col)
    for q in result.quotes:
        table.add_row("quote", str(q.start), str(q.end), q.text[:60], q.speaker or "?", "")
    for n in result.numeric_claims:
        shown = n.value if n.value is not None else f"{n.low}–{n.high}"
        table.add_row(n.kind, str(n.start), str(n.end), n.text, f"{shown} {n.unit or ''}", n.qualifier)
    console.print(table)


def register(main: click.Group) -> None:
    @main.command()
    @click.argument("files", nargs=-1, type=click.Path(path_type=Path))
    @click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]),
                  help="table on a terminal; jsonl (nothing cut short) when output goes to a pipe or file.")
    @click.option("--encoding", help="Encoding of files without a BOM, e.g. cp1256.")
    @click.option("--language", help="Language code, when detection should be skipped.")
    @click.option("--store", "store_id", type=int, help="Re-extract stored article ID into the database.")
    @click.option("--all", "store_all", is_flag=True, help="Re-extract every stored article into the database.")
    def extract(files, fmt, encoding, language, store_id, store_all) -> None:
        """Propose quotes and numeric claims.

        With FILES: print one JSON object per file (--format jsonl) or a table; no database.
        A table is shortened to the terminal's width, so a pipe or a file gets JSON Lines unless
        --format table is asked for.
        With --store ID or --all: add new candidates to stored articles, never touching a
        claim an editor has accepted, edited or rejected.
        """
        if store_id is not None or store_all:
            if files:
                fail("give either FILES or --store/--all, not both")
            _store(store_id, store_all)
            return
        if not files:
            fail("no FILES given; name article files, or use --store ID / --all")
        from ..articles.readers import read_articles
        from ..errors import DomainError
        from ..extraction import extract as run_extract

        if fmt is None:
            import sys

            fmt = "table" if sys.stdout.isatty() else "jsonl"

        failed = 0
        for path in files:
            try:
                items = read_articles(path, encoding=encoding, max_bytes=1 << 62)
            except (DomainError, OSError) as exc:
                failed += 1
                click.echo(f"error: {exc}", err=True)   # one line for this file; the others go on
                continue
            except Exception as exc:  # noqa: BLE001 - a file must not stop the others with a traceback
                failed += 1
                click.echo(f"error: {path}: could not be read ({exc.__class__.__name__}: "
                           f"{str(exc).splitlines()[0] if str(exc) else ''}); check the file", err=True)
                continue
            for item in items:
                result = run_extract(item.text, language or item.language)
                if fmt == "jsonl":
                    click.echo(json.dumps(result.to_json(str(path)), ensure_ascii=False))
                else:
                    _print_table(str(path), result)
        if failed:
            fail(f"{failed} of {len(files)} files could not be read; see the errors above")


def _store(article_id: int | None, every: bool) -> None:
    from sqlalchemy import select

    from ..articles.models import Article
    from ..claims.candidates import store_candidates

    with unit_of_work() as session:
        ids = session.scalars(select(Article.id).order_by(Article.id)) if every else [article_id]
        total_added = total_kept = total_replaced = 0
        for aid in list(ids):
            article = session.get(Article, aid)
            if article is None:
                fail(f"no article with id {aid}; list them in the web UI or with 'sql'")
            result = store_candidates(session, article)
            total_added += result.added
            total_kept += result.kept
            total_replaced += result.replaced
    click.echo(f"added {total_added} candidates, kept {total_kept} existing, replaced {total_replaced} "
               "untouched older suggestions")
