"""URLs for the rows of a long page: each route's URL built once per request, not once per row.

A review page of 50 rows links every row to seven routes; ``url_for`` walks the URL map each
time, which was a third of the page's time. ``row_url(endpoint, **values)`` builds the route's URL
once per request with a stand-in for every id, and then only puts each row's ids in their place.
Anything that is not an int (``next=...``) is part of what is built once.
"""
from __future__ import annotations

import secrets

from flask import Flask, g, url_for

from .values import MAX_ID

# Stand-ins: ten digits above every valid id, random per process, so that no other part of a URL
# (a ``next`` path someone typed) can contain one by chance.
_STAND_INS = [str(MAX_ID + 1 + secrets.randbelow(10**10 - MAX_ID - 1)) for _ in range(4)]


def row_url(endpoint: str, **values) -> str:
    ids = sorted(k for k, v in values.items() if isinstance(v, int) and not isinstance(v, bool))
    if len(ids) > len(_STAND_INS):
        return url_for(endpoint, **values)
    key = (endpoint, tuple(ids), tuple(sorted((k, v) for k, v in values.items() if k not in ids)))
    built = g.setdefault("_row_urls", {})
    pattern = built.get(key)
    if pattern is None:
        pattern = built[key] = url_for(endpoint, **(values | {k: int(s) for k, s in zip(ids, _STAND_INS)}))
    for name, stand_in in zip(ids, _STAND_INS):
        pattern = pattern.replace(stand_in, str(values[name]))
    return pattern


def init_app(app: Flask) -> None:
    app.add_template_global(row_url, "row_url")
