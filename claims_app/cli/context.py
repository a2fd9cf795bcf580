"""What every command needs: configuration, a session factory, and clean one-line errors.

Nothing heavy is imported at module level: ``manage.py extract`` must start without the ORM,
so SQLAlchemy and the models are imported by the commands that use them.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from ..config import DATABASE_URL_HELP, Config, DatabaseUrlError, check_database_url, masked_url

_factory = None
_checked: set[str] = set()
PROBE_TIMEOUT_SECONDS = 10


def config() -> Config:
    return Config.from_env()


def database_url() -> str:
    """DATABASE_URL, checked: a URL that cannot work ends the command with one line."""
    cfg = config()
    url = cfg.DATABASE_URL
    if url not in _checked:
        try:
            check_database_url(url, default_folder=cfg.INSTANCE_DIR)
        except DatabaseUrlError as exc:
            fail(str(exc))
        probe_database(url)
        _checked.add(url)
    return url


def probe_database(url: str) -> None:
    """Open one connection, so that an unreachable database is one line before any work starts."""
    from ..db import make_engine

    # a server that drops packets instead of refusing them must not hang the command
    options = {"connect_args": {"connect_timeout": PROBE_TIMEOUT_SECONDS}} if url.startswith("postgresql") else {}
    try:
        engine = make_engine(url, **options)
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        finally:
            engine.dispose()
    except Exception as exc:  # noqa: BLE001 - every failure to connect gets the same one-line report
        fail(describe_database_error(exc, url))


def describe_database_error(exc: BaseException, url: str) -> str:
    """One line for a database that cannot be opened or used: the URL (password masked) and the fix."""
    shown = masked_url(url)
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    reason = reason[0] if reason else exc.__class__.__name__
    if "database is locked" in reason or "lock timeout" in reason:
        return (f"the database {shown!r} is busy ({reason}): another process holds a long write; "
                "retry when it has finished")
    if _is_missing_table(exc):
        return (f"the database {shown!r} has no tables yet ({reason}); run 'python manage.py db upgrade' first, "
                "or point DATABASE_URL at the right database")
    return f"cannot use the database {shown!r}: {reason}; {DATABASE_URL_HELP}"


def _is_missing_table(exc: BaseException) -> bool:
    text = str(exc)
    return "no such table" in text or "UndefinedTable" in type(getattr(exc, "orig", exc)).__name__


def is_database_error(exc: BaseException) -> bool:
    """Errors that mean the database is unreachable, unusable or not migrated (not a bug of ours)."""
    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is not None and isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError,
                                              sa_exc.NoSuchModuleError)):
        return True
    if sa_exc is not None and isinstance(exc, sa_exc.ArgumentError) and "URL" in str(exc):
        return True
    if sa_exc is not None and isinstance(exc, sa_exc.ProgrammingError) and _is_missing_table(exc):
        return True
    return False


def session_factory():
    global _factory
    if _factory is None:
        from .. import models  # noqa: F401 - the mappers resolve relationships by class name
        from ..db import make_engine, make_session_factory

        _factory = make_session_factory(make_engine(database_url()))
    return _factory


@contextmanager
def unit_of_work():
    """One transaction: committed when the block ends, rolled back (and reported) on a domain error."""
    from ..errors import DomainError

    session = session_factory()()
    try:
        yield session
        session.commit()
    except DomainError as exc:
        session.rollback()
        fail(str(exc))
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def fail(message: str, code: int = 1):
    click.echo(f"error: {message}", err=True)
    sys.exit(code)
