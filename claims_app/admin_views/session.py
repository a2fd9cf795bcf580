"""The session Flask-Admin works with: the request's own, under the one-commit-per-request rule.

Flask-Admin calls ``commit()`` itself after each create, update and delete. Here that only
flushes (so constraint errors still surface inside Flask-Admin's error handling, which then
calls ``rollback()``); the app's ``after_request`` hook commits once, as for every other view,
and only when the response is not an error. A ``rollback()`` rolls back the whole request.
"""
from __future__ import annotations

from ..web import db_session


class RequestSession:
    """Looks like a SQLAlchemy session; every call goes to the current request's session."""

    @property
    def session(self):
        # Flask-Admin warns about sessions handed in without a ``session`` attribute.
        return self

    def commit(self) -> None:
        db_session().flush()

    def __getattr__(self, name):
        # Flask-Admin probes its attributes at start-up (outside any request) for private
        # markers such as ``_action``; those are never session methods.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(db_session(), name)

    def __iter__(self):
        return iter(db_session())

    def __contains__(self, obj) -> bool:
        return obj in db_session()
