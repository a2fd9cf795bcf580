"""A committed database per engine for the research tests.

The console and the exports read on connections of their own, so they only see committed
rows: these tests cannot use the rolled-back ``db`` session. The module-scoped database is
migrated, filled with the fixed corpus of ``data.py``, committed, and never written again by
the tests (the escape tests check exactly that).
"""
from __future__ import annotations

import pytest
from sqlalchemy import text

from claims_app.config import Config
from claims_app.db import make_engine, make_session_factory
from claims_app.research.readonly import ConsoleSettings

from ..conftest import migrate, new_database_url
from .data import populate


@pytest.fixture(scope="module")
def research_db(backend, request, tmp_path_factory) -> dict:
    url = new_database_url(backend, request, tmp_path_factory)
    migrate(url)
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        ids = populate(session)
        session.commit()
    if backend == "sqlite":
        # Everything into the main file, so that a checksum of it covers all the data.
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return {"url": url, "ids": ids}


@pytest.fixture(scope="module")
def research_url(research_db) -> str:
    return research_db["url"]


@pytest.fixture(scope="module")
def readonly_url(research_db, backend, request) -> str | None:
    """PostgreSQL: the console's own role, made by ``db create-readonly-role``; SQLite needs none."""
    if backend != "postgresql":
        return None
    import uuid

    from claims_app.research.console_role import create_readonly_role

    name = f"claims_console_{uuid.uuid4().hex[:8]}"
    url = research_db["url"]
    report = create_readonly_role(url, name)
    assert report.not_done == []

    def drop():
        engine = make_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {name}"))
            conn.execute(text(f"DROP ROLE {name}"))
        engine.dispose()

    request.addfinalizer(drop)
    return report.url


@pytest.fixture(scope="module")
def ids(research_db) -> dict:
    return research_db["ids"]


@pytest.fixture
def settings(research_url, readonly_url) -> ConsoleSettings:
    return ConsoleSettings(database_url=research_url, readonly_url=readonly_url, timeout_seconds=5.0, row_cap=1000)


@pytest.fixture(scope="module")
def research_app(research_url, readonly_url, tmp_path_factory):
    """The app on the committed database, with a researcher account; its own engine, real commits."""
    from claims_app import create_app
    from claims_app.accounts.services import create_user

    config = Config(DATABASE_URL=research_url, SQL_READONLY_URL=readonly_url, SECRET_KEY="test-secret",
                    INSTANCE_DIR=tmp_path_factory.mktemp("instance"), WTF_CSRF_ENABLED=False, TESTING=True)
    app = create_app(config)
    factory = app.extensions["claims_sessionmaker"]
    with factory() as session:
        for role in ("researcher", "editor"):
            if session.execute(text("SELECT 1 FROM users WHERE username = :u"), {"u": f"r-{role}"}).first() is None:
                create_user(session, f"r-{role}", "correct horse battery", role)
        session.commit()
    yield app
    app.extensions["claims_engine"].dispose()


@pytest.fixture
def researcher(research_app):
    client = research_app.test_client()
    response = client.post("/login", data={"username": "r-researcher", "password": "correct horse battery"})
    assert response.status_code == 302
    return client
