"""Link suggestion commands (filled in by the cross-source linking work)."""
from __future__ import annotations

import click


def register(main: click.Group) -> None:
    return None
