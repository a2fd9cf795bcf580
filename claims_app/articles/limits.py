"""The longest value each article field may hold: one table, used by the models, ingest and forms.

PostgreSQL enforces these sizes and SQLite does not, so ingest checks them itself: an article
that one engine stores and the other refuses would make the two engines hold different data.
"""
from __future__ import annotations

# field -> (the most characters it may hold, what the user calls it)
ARTICLE_LIMITS: dict[str, tuple[int, str]] = {
    "title": (500, "title"),
    "outlet": (200, "outlet name"),
    "language": (16, "language code"),
    "url": (2048, "url"),
    "source": (1024, "source (the file path, or the url of a JSON Lines item)"),
}


def limit(field: str) -> int:
    return ARTICLE_LIMITS[field][0]


def over_limit(field: str, value: str | None) -> str | None:
    """A one-line reason when ``value`` is too long for ``field``, else None."""
    if value is None:
        return None
    most, label = ARTICLE_LIMITS[field]
    if len(value) <= most:
        return None
    return f"the {label} is {len(value):,} characters long; the limit is {most:,}"
