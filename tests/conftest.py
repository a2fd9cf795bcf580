"""Shared fixtures: every database test runs on SQLite and on PostgreSQL.

The schema is built by running the Alembic migrations (never create_all), and each test runs
inside a transaction that is rolled back at the end, so tests cannot see each other's rows.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from claims_app.config import Config
from claims_app.db import make_engine

from . import pg

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
IN_CI = os.environ.get("CI") == "true"


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"{reason}; CI must run the PostgreSQL suite (CI=true)")
    pytest.skip(reason)


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing():
    """Still argon2id, with the smallest cost: the production cost would dominate the suite's time."""
    from argon2 import PasswordHasher

    from claims_app.accounts import services

    original = services._hasher
    services._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    yield
    services._hasher = original


@pytest.fixture(scope="session")
def pg_server_url():
    """URL of a PostgreSQL server to make test databases in (the server's default database)."""
    url = os.environ.get("CLAIMS_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    bindir = pg.find_bindir()
    if bindir is None:
        _unavailable("PostgreSQL binaries (initdb) not found; install postgresql or set CLAIMS_TEST_POSTGRES_URL")
    cluster = pg.TempCluster(bindir)
    try:
        url = cluster.start()
        pg.wait_for(url)
    except Exception as exc:  # noqa: BLE001 - any failure to start means the suite cannot run here
        cluster.stop()
        _unavailable(f"could not start a PostgreSQL cluster: {exc}")
    yield url
    cluster.stop()


def new_database_url(backend: str, request, tmp_path_factory) -> str:
    """A fresh, empty database on ``backend``; dropped at the end of the session."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'claims.sqlite3'}"
    server = request.getfixturevalue("pg_server_url")
    name = f"claims_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()

    def drop():
        eng = make_engine(server, isolation_level="AUTOCOMMIT")
        with eng.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        eng.dispose()

    request.addfinalizer(drop)
    return server.rsplit("/", 1)[0] + f"/{name}"


def migrate(url: str, revision: str = "head") -> None:
    from claims_app.cli.core import upgrade_database

    upgrade_database(url, revision)


@pytest.fixture
def cli_database(backend, request, tmp_path_factory, monkeypatch):
    """A fresh, migrated database that ``manage.py`` commands run against; returns a session factory.

    CLI commands commit for real, so they get their own database instead of the shared one.
    """
    from claims_app.cli import context as cli_context
    from claims_app.db import make_session_factory

    url = new_database_url(backend, request, tmp_path_factory)
    migrate(url)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SECRET_KEY", "test")
    monkeypatch.setattr(cli_context, "_factory", None)
    engine = make_engine(url)
    request.addfinalizer(engine.dispose)
    return make_session_factory(engine)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def database_url(backend, request, tmp_path_factory) -> str:
    url = new_database_url(backend, request, tmp_path_factory)
    migrate(url)
    return url


@pytest.fixture(scope="session")
def engine(database_url):
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def connection(engine):
    conn = engine.connect()
    outer = conn.begin()
    yield conn
    if outer.is_active:
        outer.rollback()
    conn.close()


def _session(connection) -> Session:
    return Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)


@pytest.fixture
def db(connection) -> Session:
    """A session inside the test's transaction; its commits only release savepoints."""
    session = _session(connection)
    yield session
    session.close()


@pytest.fixture
def app_config(database_url, tmp_path) -> Config:
    return Config(DATABASE_URL=database_url, SECRET_KEY="test-secret", INSTANCE_DIR=tmp_path,
                  WTF_CSRF_ENABLED=False, TESTING=True)


@pytest.fixture
def app(app_config, connection):
    from claims_app import create_app

    application = create_app(app_config, session_factory=lambda: _session(connection))
    application.config["TESTING"] = True
    return application


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(db):
    from claims_app.accounts.services import create_user

    def make(username: str = "editor", role: str = "editor", password: str = "correct horse battery"):
        user = create_user(db, username, password, role)
        db.commit()
        return user

    return make


@pytest.fixture
def login(client, make_user):
    """Log the test client in as a new user of ``role``; returns the user."""

    def do(role: str = "editor", username: str | None = None):
        username = username or f"{role}-{uuid.uuid4().hex[:6]}"
        user = make_user(username, role)
        response = client.post("/login", data={"username": username, "password": "correct horse battery"})
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return do


@pytest.fixture
def seed_articles(db):
    """The five seed articles ingested with extraction, as a list of Article rows."""
    from claims_app.articles.readers import read_articles
    from claims_app.articles.services import ingest_article

    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        (item,) = read_articles(path)
        articles.append(ingest_article(db, item).article)
    db.commit()
    return articles


def pytest_collection_modifyitems(config, items):
    """A test marked ``@pytest.mark.backend("sqlite")`` exists only for that engine.

    It is deselected (not skipped) for the other one, so a CI run shows no skips for
    engine-specific checks that simply do not apply.
    """
    keep, drop = [], []
    for item in items:
        marker = item.get_closest_marker("backend")
        param = getattr(getattr(item, "callspec", None), "params", {}).get("backend")
        (drop if marker and param and param not in marker.args else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
