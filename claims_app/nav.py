"""The one navigation bar: each feature's entry appears once its view exists and the role allows it."""
from __future__ import annotations

from flask import Flask, url_for
from flask_login import current_user

# (endpoint, label, least role)
NAV = [
    ("articles.index", "Articles", "researcher"),
    ("claims.review", "Review", "editor"),
    ("claims.index", "Claims", "researcher"),
    ("speakers.index", "Speakers", "researcher"),
    ("claims.tags", "Tags", "researcher"),
    ("search.index", "Search", "researcher"),
    ("links.metrics", "Metrics", "researcher"),
    ("research.console", "SQL", "researcher"),
    ("research.export", "Export", "researcher"),
    ("admin.index", "Admin", "editor"),   # editors keep outlets, tags and speakers; users need admin
]


def init_app(app: Flask) -> None:
    @app.context_processor
    def navigation():
        items = []
        if current_user.is_authenticated:
            for endpoint, label, role in NAV:
                if endpoint in app.view_functions and current_user.has_role(role):
                    items.append((endpoint, label, url_for(endpoint)))
        return {"nav_items": items}
