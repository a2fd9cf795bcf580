"""Logging, configured in one place: plain lines or JSON lines (``CLAIMS_LOG_FORMAT=json``).

Every module logs through ``logging.getLogger(__name__)``; ``configure_logging`` is the only
function that attaches handlers. Extra fields given as ``extra={...}`` (request id, user id,
method, path, status, ms) are kept as fields in JSON and appended as ``key=value`` in text.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import sys

# Attributes every LogRecord has; anything else on a record came from ``extra=``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}
_HANDLER_NAME = "claims"


def _extras(record: logging.LogRecord) -> dict:
    return {k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")}


class RequestIdFilter(logging.Filter):
    """Stamp lines written while serving a request with that request's id."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            from flask import g, has_request_context

            if has_request_context() and g.get("request_id"):
                record.request_id = g.request_id
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **_extras(record),
        }
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = _extras(record)
        if extras:
            line += " " + " ".join(f"{k}={v}" for k, v in extras.items())
        return line


def configure_logging(fmt: str = "text", level: str = "INFO", stream=None) -> None:
    """Send the application's logs (logger ``claims_app``) to ``stream`` (stderr) in ``fmt``.

    Idempotent: calling it again replaces the handler instead of adding a second one.
    """
    logger = logging.getLogger("claims_app")
    logger.setLevel(level)
    for handler in list(logger.handlers):
        if handler.get_name() == _HANDLER_NAME:
            logger.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(RequestIdFilter())
    logger.addHandler(handler)
    logger.propagate = False
