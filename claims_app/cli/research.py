"""Researcher commands: read-only SQL (``sql``) and exports (``export``)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .context import config, database_url, fail


def _settings():
    from ..research.readonly import ConsoleSettings

    database_url()  # a DATABASE_URL that cannot work is one line before anything runs
    return ConsoleSettings.from_config(config())


# A column is given at least this many characters before a table is judged too wide for the screen.
_MIN_COLUMN_WIDTH = 12


def _print_table(result) -> None:
    """A grid on a terminal wide enough for it; one record per block when it is not; CSV into a pipe.

    A grid squeezed below the width of its columns prints nothing readable, and a pipe or a
    file has no width at all.
    """
    import shutil

    from ..research.sql import display_value

    cells = [[display_value(v) for v in row] for row in result.rows]
    if not sys.stdout.isatty():
        from ..research.csvout import csv_chunks

        for chunk in csv_chunks(result.columns, result.rows):
            sys.stdout.write(chunk)
        sys.stdout.flush()
    else:
        width = shutil.get_terminal_size().columns
        if _table_width(result.columns, cells) > width:
            _print_vertical(result.columns, cells)
        else:
            _print_grid(result.columns, cells)
    note = f"{len(result.rows)} rows in {result.elapsed_ms:.0f} ms"
    if result.truncated:
        note += f"; stopped at the first {result.row_cap} (use --format csv for every row)"
    click.echo(note, err=True)


def _table_width(columns, cells) -> int:
    widths = []
    for index, column in enumerate(columns):
        longest = max([len(column)] + [len(line) for row in cells for line in row[index].splitlines() or [""]])
        widths.append(min(longest, max(_MIN_COLUMN_WIDTH, len(column))))
    return sum(widths) + 3 * len(columns) + 1


def _print_grid(columns, cells) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in cells:
        table.add_row(*row)
    Console().print(table)


def _print_vertical(columns, cells) -> None:
    """One block per row, one line per column (like psql's expanded display)."""
    label = max((len(c) for c in columns), default=0)
    for number, row in enumerate(cells, 1):
        click.echo(f"-[ row {number} ]" + "-" * max(0, label - 6))
        for column, value in zip(columns, row):
            lines = value.splitlines() or [""]
            click.echo(f"{column:<{label}} | {lines[0]}")
            for line in lines[1:]:
                click.echo(f"{'':<{label}} | {line}")


def _json_value(value):
    from decimal import Decimal

    from ..research.sql import display_value

    if value is None or isinstance(value, (int, float, str)):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return display_value(value)


def _json_rows(columns, rows):
    yield "["
    for index, row in enumerate(rows):
        record = {c: _json_value(v) for c, v in zip(columns, row)}
        yield ("\n" if index == 0 else ",\n") + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


def _run_sql(query: str, fmt: str) -> None:
    from ..research.csvout import csv_chunks
    from ..research.sql import SqlError, open_stream, run_query

    settings = _settings()
    try:
        if fmt == "table":
            _print_table(run_query(settings, query))
            return
        columns, rows = open_stream(settings, query)
        chunks = csv_chunks(columns, rows) if fmt == "csv" else _json_rows(columns, rows)
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
    except SqlError as exc:
        fail(str(exc))


def register(main: click.Group) -> None:
    @main.command("sql")
    @click.argument("query", required=False)
    @click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
                  help="table shows the first rows (CLAIMS_SQL_ROW_CAP); csv and json stream every row.")
    @click.option("--examples", "list_examples", is_flag=True, help="List the saved example queries.")
    @click.option("--example", "example_id", metavar="QUERY_ID", help="Run a saved example query.")
    def sql(query: str | None, fmt: str, list_examples: bool, example_id: str | None) -> None:
        """Run one read-only SQL QUERY on the documented views (docs/schema.md); '-' reads it from stdin.

        The query runs on a separate read-only connection with a time limit (CLAIMS_SQL_TIMEOUT,
        default 5 s); statements that write, attach files or change settings are refused.
        """
        from ..research.examples import EXAMPLES, get_example

        if list_examples:
            for example in EXAMPLES:
                click.echo(f"{example.query_id}\t{example.title}")
                click.echo("    " + example.sql.replace("\n", "\n    "))
            return
        if example_id:
            example = get_example(example_id)
            if example is None:
                fail(f"--example {example_id!r} is not a saved query; list them with --examples")
            query = example.sql
        if query == "-":
            query = sys.stdin.read()
        if not query or not query.strip():
            fail("no QUERY given; write one, e.g. sql \"SELECT count(*) FROM v_claims\", or see --examples")
        _run_sql(query, fmt)

    @main.group("export", invoke_without_command=True)
    @click.option("--format", "fmt", default="csv", show_default=True, help="csv, jsonl or claimreview.")
    @click.option("--status", help="Only claims with this status, e.g. verified.")
    @click.option("--tag", help="Only claims with this tag.")
    @click.option("--language", help="Only claims from articles in this language, e.g. ar.")
    @click.option("--since", metavar="DATE", help="Only articles published on or after DATE (YYYY-MM-DD).")
    @click.option("--until", metavar="DATE", help="Only articles published on or before DATE (YYYY-MM-DD).")
    @click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically); default: standard output.")
    @click.option("--bom", is_flag=True, help="Start a CSV with a byte-order mark, for Excel.")
    @click.option("--publisher", default="Claims fact database", show_default=True,
                  help="The organisation named as author of ClaimReview records.")
    @click.option("--jobs", type=click.IntRange(1, 64), default=None,
                  help="Worker processes for a large CSV export on SQLite (default: 2 on a machine with "
                       "2 cores or more; 1 keeps it in one process).")
    @click.pass_context
    def export(ctx, fmt, status, tag, language, since, until, output, bom, publisher, jobs) -> None:
        """Export claims with their provenance (every matching row, streamed).

        csv and jsonl carry the columns documented in docs/schema.md; claimreview writes
        schema.org ClaimReview JSON-LD for claims with a verdict. Subcommands export other things.
        """
        ctx.ensure_object(dict).update(output=output, format=fmt)
        if ctx.invoked_subcommand is not None:
            return
        from ..errors import DomainError
        from ..research.export import check_format, export_chunks, parse_filters, write_atomically

        database_url()
        try:
            check_format(fmt)
            filters = parse_filters(status=status, tag=tag, language=language, since=since, until=until)

            def chunks():
                return export_chunks(_settings(), fmt, filters, bom=bom, publisher=publisher,
                                     jobs=jobs if jobs is not None else min(2, os.cpu_count() or 1))

            if output and output != "-":
                written = write_atomically(Path(output), chunks)
                click.echo(f"wrote {output} ({written} bytes)", err=True)
            else:
                sys.stdout.flush()
                out = sys.stdout.buffer
                for chunk in chunks():
                    out.write(chunk)
                out.flush()
        except DomainError as exc:
            fail(str(exc))
