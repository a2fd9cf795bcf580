"""Web views for search (filled in by the feature's own work)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("search", __name__, template_folder="templates", url_prefix="/search")
