"""Commands contributed by the researcher-access and linking features, in dependency order."""
from __future__ import annotations

import click


def register(main: click.Group) -> None:
    from . import links, research

    research.register(main)   # defines the `export` group
    links.register(main)      # adds `links ...` and `export links`
