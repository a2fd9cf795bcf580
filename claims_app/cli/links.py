"""``links suggest`` and ``export links``: link suggestions from the command line, and their export."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import click

from .context import fail, session_factory, unit_of_work


def _load_models() -> None:
    # the mappers resolve relationships by class name: every model must be imported first
    from .. import models  # noqa: F401


@click.command("suggest")
@click.option("--all", "every", is_flag=True, help="Suggest for every stored article.")
@click.option("--article", "article_ids", type=int, multiple=True, metavar="ID",
              help="Suggest for article ID (repeatable).")
def suggest(every: bool, article_ids: tuple[int, ...]) -> None:
    """Propose links (same figure, conflicting values, same quote, translation) between articles.

    Claims without look-up terms are indexed first. A pair that already has a link for the
    relation, whatever its status, is never proposed again.
    """
    _load_models()
    from ..articles.models import Article
    from ..links.suggest import suggest_links

    if every == bool(article_ids):
        fail("give either --all or --article ID")
    with unit_of_work() as session:
        for aid in article_ids:
            if session.get(Article, aid) is None:
                fail(f"no article with id {aid}; list them in the web UI or with 'sql'")
        result = suggest_links(session, None if every else list(article_ids))
    rules = ", ".join(f"{rule} {n}" for rule, n in sorted(result.by_rule.items())) or "none"
    before = sum(result.existing.values())
    stored = ", ".join(f"{rel} {n}" for rel, n in sorted(result.existing.items())) or "none"
    click.echo(f"{result.claims} claims, {result.candidates} candidates looked at; "
               f"{before} links stored before ({stored}); "
               f"{result.suggested} new suggestions ({rules}); {before + result.suggested} links now")


@click.command("links")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default stdout).")
@click.option("--status", type=click.Choice(["suggested", "confirmed", "dismissed"]),
              help="Only links with this status.")
@click.pass_context
def export_links(ctx: click.Context, fmt: str, output: str | None, status: str | None) -> None:
    """Every link, one JSON object a line: relation, status, score, rule and both claims' spans.

    Each side is {"article_source", "start", "end", "text"}: the file or URL the article was
    ingested from, and the claim's code-point offsets and text in it.
    """
    _load_models()
    from ..links.export import iter_link_records

    # `export -o FILE links` names the file on the parent group
    output = output or (ctx.obj or {}).get("output")
    with session_factory()() as session:
        lines = (json.dumps(item, ensure_ascii=False) + "\n" for item in iter_link_records(session, status=status))
        if not output or output == "-":
            for line in lines:
                sys.stdout.write(line)
            sys.stdout.flush()
            return
        count = _write_atomically(Path(output), lines)
    click.echo(f"wrote {count} links to {output}", err=True)


def _write_atomically(path: Path, lines) -> int:
    """Write next to ``path`` and rename at the end, so a failed export leaves no half file."""
    if not path.parent.is_dir():
        fail(f"{path.parent}: no such folder; create it or choose another --output")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for line in lines:
                out.write(line)
                count += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def register(main: click.Group) -> None:
    @main.group()
    def links() -> None:
        """Cross-source link suggestions."""

    links.add_command(suggest)
    export = main.commands.get("export")
    if isinstance(export, click.Group):
        export.add_command(export_links)
