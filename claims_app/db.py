"""Engine and session factory, the declarative base with its naming convention, SQLite pragmas.

SQLite transactions that will write begin ``IMMEDIATE``: they take the write lock at ``BEGIN``
and wait for it (the busy timeout) instead of reading first and then failing at once with
"database is locked" when another writer committed in between. While the lock is taken they ask
for it again every few milliseconds (not SQLite's own back-off) until the busy timeout. Sessions made by
``make_session_factory(engine)`` are such writers; ``write=False`` gives read-only sessions
(web pages answered to GET) that begin deferred, so readers never queue behind writers.
"""
from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

# Stable constraint names make migrations reproducible on both engines.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# How long a SQLite writer waits for the write lock before giving up. Writers hold it for one
# request or one ingested article (milliseconds), so a long queue still drains well within this.
BUSY_TIMEOUT_MS = 20_000
# Execution option carried by writer sessions' connections; read by the ``begin`` hook.
WRITE_OPTION = "claims_sqlite_write"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # Let SQLAlchemy, not the driver, decide when transactions begin: the driver's own
    # implicit transactions break SAVEPOINT and transactional DDL.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


log = logging.getLogger(__name__)
# A writer that waited longer than this for the write lock is logged: someone holds it too long.
SLOW_LOCK_SECONDS = 1.0


# Seconds this thread's writers waited for the write lock since the last take_lock_wait().
_lock_waits = threading.local()


def take_lock_wait() -> float:
    """How long this thread waited for SQLite's write lock since the last call (the request log
    shows it per request); 0.0 on PostgreSQL."""
    waited = getattr(_lock_waits, "seconds", 0.0)
    _lock_waits.seconds = 0.0
    return waited


# A writer asks for the write lock again every few milliseconds while another holds it. SQLite's
# own busy handler sleeps longer and longer between tries (100 ms from the 12th on), so a writer
# that has waited a while lost the lock to every newcomer: saves of 2-4 s behind 20 ms
# transactions (bench/load_editors.py). Asking often hands the lock on within milliseconds of its
# release, to whoever asks first.
LOCK_POLL_SECONDS = (0.001, 0.002, 0.003, 0.005)


def _poll_begin_immediate(dbapi_conn, deadline: float) -> bool:
    """BEGIN IMMEDIATE, asked again every few ms while another writer holds the lock; False when
    ``deadline`` passes first. The connection's busy timeout must be 0 meanwhile."""
    import sqlite3

    for attempt in range(1 << 30):
        try:
            dbapi_conn.execute("BEGIN IMMEDIATE")
            return True
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        pause = LOCK_POLL_SECONDS[min(attempt, len(LOCK_POLL_SECONDS) - 1)]
        if time.monotonic() + pause > deadline:
            return False
        time.sleep(pause)
    return False


def _sqlite_begin(conn) -> None:
    if not conn.get_execution_options().get(WRITE_OPTION, False):
        conn.exec_driver_sql("BEGIN")
        return
    started = time.monotonic()
    raw = conn.connection.dbapi_connection
    raw.execute("PRAGMA busy_timeout=0")
    try:
        if not _poll_begin_immediate(raw, started + BUSY_TIMEOUT_MS / 1000):
            conn.exec_driver_sql("BEGIN IMMEDIATE")   # the last try fails as every database error does
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    waited = time.monotonic() - started
    _lock_waits.seconds = getattr(_lock_waits, "seconds", 0.0) + waited
    if waited > SLOW_LOCK_SECONDS:
        log.warning("waited %.1f s for the SQLite write lock", waited)


def make_engine(url: str, **kwargs) -> Engine:
    if url.startswith("sqlite"):
        _ensure_sqlite_dir(url)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _ensure_sqlite_dir(url: str) -> None:
    from pathlib import Path

    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def make_session_factory(engine: Engine, *, write: bool = True) -> sessionmaker[Session]:
    """Sessions on ``engine``; on SQLite, ``write=True`` sessions begin every transaction IMMEDIATE.

    A session that only reads should say ``write=False``: an IMMEDIATE reader would hold the
    one write lock for as long as it reads.
    """
    bind = engine.execution_options(**{WRITE_OPTION: True}) if write else engine
    return sessionmaker(bind=bind, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
