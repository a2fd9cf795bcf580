"""Researcher commands: read-only SQL and export (filled in by the researcher-access work)."""
from __future__ import annotations

import click


def register(main: click.Group) -> None:
    return None
