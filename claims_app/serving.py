"""Production wiring: one log line per request, the health endpoint (trusted proxies and secure
cookies are security.py's)."""
from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, g, request

from .db import take_lock_wait
from .logs import configure_logging

log = logging.getLogger("claims_app.request")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def init_app(app: Flask) -> None:
    """Call before the other ``init_app``s: this ``after_request`` then runs after theirs, the
    commit included, and logs the status the client gets (a conflict found at commit is a 409)."""
    from .health.views import bp as health

    configure_logging(app.config.get("LOG_FORMAT", "text"), app.config.get("LOG_LEVEL", "INFO"))
    app.register_blueprint(health)

    @app.before_request
    def start_timer():
        g.request_started = time.perf_counter()
        g.request_cpu_started = time.thread_time()
        take_lock_wait()   # start from zero: this thread may have served another request before
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex

    @app.after_request
    def log_request(response):
        started = g.get("request_started")
        ms = round((time.perf_counter() - started) * 1000, 1) if started is not None else None
        # CPU time of this request's thread: ms far above cpu_ms is waiting (locks, a busy machine).
        cpu_started = g.get("request_cpu_started")
        cpu_ms = round((time.thread_time() - cpu_started) * 1000, 1) if cpu_started is not None else None
        lock_ms = round(take_lock_wait() * 1000, 1)   # waiting for SQLite's write lock
        user_id = _user_id(g.get("_login_user"))   # only if the request loaded it: no query for static files
        request_id = g.get("request_id") or uuid.uuid4().hex
        response.headers.setdefault("X-Request-ID", request_id)
        log.info("%s %s %s %sms", request.method, request.path, response.status_code, ms,
                 extra={"method": request.method, "path": request.path, "status": response.status_code,
                        "ms": ms, "cpu_ms": cpu_ms, "lock_ms": lock_ms, "user_id": user_id, "request_id": request_id,
                        "remote_addr": request.remote_addr})
        return response


def _user_id(user) -> int | None:
    """The signed-in user's id, read from the identity the session mapped it under: the request's
    session is closed by now (its rows detached, expired after a rollback), so no attribute of
    the row itself may be read."""
    from sqlalchemy import inspect

    state = inspect(user, raiseerr=False) if user is not None else None
    return state.identity[0] if state is not None and state.identity else None


def current_request_id() -> str | None:
    """The id of the request being served, for log lines written deeper down; None outside one."""
    from flask import has_request_context

    return g.get("request_id") if has_request_context() else None
