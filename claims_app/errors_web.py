"""Turning domain exceptions into HTTP responses, and the one commit per request."""
from __future__ import annotations

from flask import Flask, g, render_template

from .errors import DomainError


def init_app(app: Flask) -> None:
    @app.after_request
    def commit_session(response):
        db = g.pop("db", None)
        if db is not None:
            try:
                if response.status_code < 400:
                    db.commit()
                else:
                    db.rollback()
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

    for code, message in ((403, "You are not allowed to do that."), (404, "Not found."),
                          (400, "The request could not be understood."), (429, "Too many requests.")):
        app.register_error_handler(code, lambda exc, code=code, message=message: (
            render_template("error.html", code=code, message=getattr(exc, "description", None) or message), code))
