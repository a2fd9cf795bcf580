"""Request-scoped database session and role checks shared by every blueprint."""
from __future__ import annotations

from contextlib import contextmanager
from functools import wraps
from typing import Iterator

from flask import abort, current_app, g, request
from flask_login import current_user, login_required
from sqlalchemy.orm import Session


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def db_session() -> Session:
    """The session of this request; committed once by the app after a successful response.

    A request that may write (any method but GET/HEAD/OPTIONS, unless the view is marked
    ``reads_only``) gets a writer session, whose
    transaction on SQLite takes the write lock when it begins, so that reading first and
    writing later can never fail with "database is locked".
    """
    if "db" not in g:
        view = current_app.view_functions.get(request.endpoint or "")
        reads = request.method in READ_METHODS or getattr(view, "reads_only", False)
        g.db = current_app.extensions["claims_sessionmaker" if reads else "claims_write_sessionmaker"]()
    return g.db


def reads_only(view):
    """Mark a view whose POST only reads (the SQL console): its request session never takes
    SQLite's write lock, which it would otherwise hold for as long as the view runs."""
    view.reads_only = True
    return view


def end_request_read() -> None:
    """End the request session's transaction, which must have read only so far.

    Before slow work (password hashing) in a request that may write: on SQLite its
    transaction holds the one write lock from the first statement on.
    """
    request_session = g.get("db")
    if request_session is not None:
        if request_session.new or request_session.dirty or request_session.deleted:
            raise RuntimeError("the request's session has changes; it cannot end its transaction here")
        request_session.rollback()


@contextmanager
def own_transaction() -> Iterator[Session]:
    """A short transaction of its own, committed when the block ends.

    Only for state that concurrent requests must see before this response is sent (login
    throttling), or a write after slow work done with no transaction open (a new password's
    hash). The request's session must not hold SQLite's write lock meanwhile, so its
    transaction, which must not have written anything yet, is ended first.
    """
    from .db import transaction

    end_request_read()
    with transaction(current_app.extensions["claims_write_sessionmaker"]) as session:
        yield session


@contextmanager
def read_session() -> Iterator[Session]:
    """A session of its own for reading only (SQLite: a deferred transaction), closed at the end."""
    session = current_app.extensions["claims_sessionmaker"]()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


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
