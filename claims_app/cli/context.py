"""What every command needs: configuration, a session factory, and clean one-line errors."""
from __future__ import annotations

import sys
from contextlib import contextmanager

import click
from sqlalchemy.orm import Session

from ..config import Config
from ..db import make_engine, make_session_factory
from ..errors import DomainError

_factory = None


def config() -> Config:
    return Config.from_env()


def session_factory():
    global _factory
    if _factory is None:
        _factory = make_session_factory(make_engine(config().DATABASE_URL))
    return _factory


@contextmanager
def unit_of_work():
    """One transaction: committed when the block ends, rolled back (and reported) on a domain error."""
    session: Session = session_factory()()
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
