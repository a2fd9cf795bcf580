"""Commands contributed by the researcher-access and linking features."""
from __future__ import annotations

import click


def register(main: click.Group) -> None:
    return None
