"""Turning domain exceptions into HTTP responses, and the one commit per request."""
from __future__ import annotations

import logging

from flask import Flask, g, render_template
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from .errors import DomainError

log = logging.getLogger(__name__)

# Two people saved the same row at the same moment: the version counter (or a unique key) let
# only one of them through. The other gets the conflict page, never a server error.
CONCURRENT_CHANGE = "Someone else changed this at the same moment; nothing of yours was saved. Reload and try again."
CONCURRENT_ERRORS = (StaleDataError, IntegrityError)


def _conflict_response(exc: Exception):
    log.info("concurrent change refused: %s", exc.__class__.__name__)
    db = g.get("db")
    if db is not None:
        db.rollback()   # the failed flush left the transaction unusable; the page reads the user
    return render_template("error.html", code=409, message=CONCURRENT_CHANGE), 409


def init_app(app: Flask) -> None:
    @app.after_request
    def commit_session(response):
        db = g.pop("db", None)
        if db is None:
            return response
        try:
            if response.status_code < 400:
                db.commit()
            else:
                db.rollback()
        except CONCURRENT_ERRORS as exc:
            # The version check runs in the UPDATE that the commit flushes (PostgreSQL waits
            # for the other transaction's row lock, then finds the version moved on).
            db.rollback()
            body, status = _conflict_response(exc)
            return app.make_response((body, status))
        finally:
            db.close()
        return response

    @app.teardown_request
    def close_session(exc):
        db = g.pop("db", None)
        if db is not None:
            db.rollback()
            db.close()

    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        return render_template("error.html", code=exc.http_status, message=str(exc)), exc.http_status

    for error in CONCURRENT_ERRORS:
        app.register_error_handler(error, _conflict_response)

    for code, message in ((403, "You are not allowed to do that."), (404, "Not found."),
                          (400, "The request could not be understood."), (429, "Too many requests.")):
        app.register_error_handler(code, lambda exc, code=code, message=message: (
            render_template("error.html", code=code, message=getattr(exc, "description", None) or message), code))
