"""Domain exceptions. Services raise them; the web layer and the CLI turn them into responses."""
from __future__ import annotations


class DomainError(Exception):
    """Base for errors a user can cause; the message is shown to them as it is."""

    http_status = 400


class NotFound(DomainError):
    http_status = 404


class NotAllowed(DomainError):
    http_status = 403


class InvalidSpan(DomainError):
    """A span's offsets fall outside the text, or its ``exact`` does not match the stored text."""

    http_status = 422


class ClaimConflict(DomainError):
    """A save based on a stale version: someone else changed the row in between."""

    http_status = 409

    def __init__(self, message: str, *, current: dict | None = None, attempted: dict | None = None):
        super().__init__(message)
        self.current = current or {}
        self.attempted = attempted or {}


class IngestError(DomainError):
    """An input file that cannot be ingested; the message names the file and the fix."""


class LoginThrottled(DomainError):
    http_status = 429
