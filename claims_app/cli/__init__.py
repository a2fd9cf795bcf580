"""The ``manage.py`` command line. Commands parse arguments, call services and print."""
from __future__ import annotations

import click

from . import accounts, core, extract, ingest, ops
from .context import config, describe_database_error, fail, is_database_error


class _Main(click.Group):
    """The command group; a database that fails under any command is reported in one line."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if is_database_error(exc):
                fail(describe_database_error(exc, config().DATABASE_URL))
            raise


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Claim-tracking fact database: ingest articles, extract claims, serve the editor UI."""


for module in (core, ingest, extract, accounts, ops):
    module.register(main)


def _register_features() -> None:
    # Feature command modules (SQL console, export, link suggestions) register themselves here.
    from . import features

    features.register(main)


_register_features()
