"""The ``manage.py`` command line. Commands parse arguments, call services and print."""
from __future__ import annotations

import click

from . import accounts, core, extract, ingest, ops


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Claim-tracking fact database: ingest articles, extract claims, serve the editor UI."""


for module in (core, ingest, extract, accounts, ops):
    module.register(main)


def _register_features() -> None:
    # Feature command modules (SQL console, export, link suggestions) register themselves here.
    from . import features

    features.register(main)


_register_features()
