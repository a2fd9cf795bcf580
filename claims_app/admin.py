"""The admin shell for reference data (filled in by the editor-workflow work)."""
from __future__ import annotations


def init_app(app) -> None:
    return None
