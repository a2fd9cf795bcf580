"""Web views for links (filled in by the feature's own work)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("links", __name__, template_folder="templates", url_prefix="/links")
