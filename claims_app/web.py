"""Request-scoped database session and role checks shared by every blueprint."""
from __future__ import annotations

from functools import wraps

from flask import abort, current_app, g
from flask_login import current_user, login_required
from sqlalchemy.orm import Session


def db_session() -> Session:
    """The session of this request; committed once by the app after a successful response."""
    if "db" not in g:
        g.db = current_app.extensions["claims_sessionmaker"]()
    return g.db


def role_required(role: str):
    """Login first; then 403 for a user whose role ranks below ``role``."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(role):
                abort(403)
            return view(*args, **kwargs)

        # The route-permission test reads this to know what each endpoint should allow.
        wrapped.least_role = role
        return wrapped

    return decorator
