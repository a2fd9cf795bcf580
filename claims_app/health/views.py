"""``GET /healthz`` for load balancers and monitoring: no login, JSON, 200 or 503."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from .services import check_health, migration_heads

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    heads = current_app.extensions.get("claims_migration_heads")
    if heads is None:
        heads = current_app.extensions["claims_migration_heads"] = migration_heads()
    session = current_app.extensions["claims_sessionmaker"]()
    try:
        health = check_health(session, heads)
    finally:
        session.close()
    response = jsonify(health.body)
    response.status_code = 200 if health.ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response
