"""Concurrent editors against a real server and database, on both engines.

Each test gets its own migrated database (the requests commit for real) and serves the app
over HTTP on 127.0.0.1, with CSRF protection on; the clients are real threads.
"""
from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from claims_app import create_app
from claims_app.accounts.models import LoginAttempt
from claims_app.accounts.services import create_user
from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.config import Config
from claims_app.db import make_engine, make_session_factory, transaction
from claims_app.history.models import HistoryEntry

from .conftest import migrate, new_database_url
from .live_http import Browser, serve

PASSWORD = "correct horse battery"
TEXT = "The ministry said exports grew by more than 360 million dollars last year."


@pytest.fixture
def live(backend, request, tmp_path_factory, tmp_path):
    """(base URL, session factory) of a served app on a fresh database with two editors and a claim."""
    url = new_database_url(backend, request, tmp_path_factory)
    migrate(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        for name in ("alice", "bob"):
            create_user(session, name, PASSWORD, "editor")
        article = Article(sha256="c" * 64, text=TEXT, search_text=TEXT.lower(), char_count=len(TEXT),
                          title="Exports", language="en", source="exports.txt")
        start, end = TEXT.index("more"), TEXT.index(" last")
        session.add(Claim(article=article, kind="numeric", start=start, end=end, exact=TEXT[start:end],
                          value=Decimal(360000000), qualifier="at_least", numeric_kind="currency", unit="USD",
                          origin="test"))
    app = create_app(Config(DATABASE_URL=url, SECRET_KEY="concurrency", INSTANCE_DIR=tmp_path))
    with serve(app) as base:
        yield base, factory
    app.extensions["claims_engine"].dispose()
    engine.dispose()


def _claim(factory) -> Claim:
    with factory() as session:
        return session.scalars(select(Claim)).one()


def _edit_fields(page: str, unit: str) -> dict:
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page) or \
        re.search(r'id="version" name="version" type="hidden" value="(\d+)"', page)
    return {"version": version.group(1), "value": "360000000", "qualifier": "at_least",
            "numeric_kind": "currency", "unit": unit, "reason": f"set to {unit}"}


def test_two_editors_saving_the_same_claim_at_once_one_stored_one_conflict(live):
    base, factory = live
    alice, bob = Browser(base), Browser(base)
    assert alice.login("alice", PASSWORD) == 302 and bob.login("bob", PASSWORD) == 302
    claim_id = _claim(factory).id
    outcomes = []
    for trial in range(8):
        forms = []
        for who, editor in (("a", alice), ("b", bob)):
            status, page = editor.get(f"/claims/{claim_id}/edit")
            assert status == 200
            forms.append(_edit_fields(page, f"U{trial}{who}"))
        start = threading.Barrier(2)

        def save(editor, fields):
            start.wait()
            return editor.post(f"/claims/{claim_id}/edit", fields)

        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(save, (alice, bob), forms))
        statuses = sorted(status for status, _ in results)
        assert statuses == [302, 409], (trial, statuses, [body[-600:] for s, body in results if s >= 500])
        loser = next(body for status, body in results if status == 409)
        assert "changed" in loser
        outcomes.append(statuses)
        stored = _claim(factory)
        winner = forms[[s for s, _ in results].index(302)]
        assert stored.unit == winner["unit"] and stored.version == int(winner["version"]) + 1
    with factory() as session:
        edits = session.scalar(select(func.count()).select_from(HistoryEntry)
                               .where(HistoryEntry.entity_type == "claim", HistoryEntry.entity_id == claim_id))
    assert edits == len(outcomes)          # one history entry per stored save, none for a conflict


def test_a_burst_of_parallel_wrong_passwords_checks_at_most_the_limit(live):
    base, factory = live
    limit = Config().LOGIN_MAX_ATTEMPTS
    browsers = [Browser(base) for _ in range(32)]
    for b in browsers:
        b.get("/login")
    start = threading.Barrier(len(browsers))

    def guess(b):
        start.wait()
        return b.post("/login", {"username": "alice", "password": "not the password"})[0]

    with ThreadPoolExecutor(len(browsers)) as pool:
        statuses = list(pool.map(guess, browsers))
    with factory() as session:
        checked = session.scalar(select(func.count()).select_from(LoginAttempt).where(LoginAttempt.username == "alice"))
    assert checked <= limit, (checked, statuses)
    assert statuses.count(200) == checked and statuses.count(429) == len(browsers) - checked
    assert 500 not in statuses


def _counter_database(url: str):
    """An engine on a migrated database with a one-row ``counter`` table at 0."""
    migrate(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE counter (n INTEGER NOT NULL)"))
        conn.execute(text("INSERT INTO counter VALUES (0)"))
    return engine


@pytest.mark.backend("sqlite")
def test_read_then_write_never_fails_with_database_is_locked(backend, request, tmp_path_factory):
    """Writers that read, pause, then write: all succeed and no increment is lost."""
    engine = _counter_database(new_database_url(backend, request, tmp_path_factory))
    writers = make_session_factory(engine)
    errors = []

    def work(_):
        for _ in range(15):
            try:
                with transaction(writers) as session:
                    n = session.execute(text("SELECT n FROM counter")).scalar_one()
                    time.sleep(0.002)   # let the others queue up behind this transaction
                    session.execute(text("UPDATE counter SET n = :n"), {"n": n + 1})
            except OperationalError as exc:
                errors.append(str(exc))

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(8)))
    with engine.connect() as conn:
        total = conn.execute(text("SELECT n FROM counter")).scalar_one()
    engine.dispose()
    assert not errors, errors[:3]
    assert total == 8 * 15


@pytest.mark.backend("sqlite")
def test_deferred_read_then_write_is_what_fails(backend, request, tmp_path_factory):
    """The failure IMMEDIATE prevents: a deferred reader whose snapshot another writer moved past."""
    engine = _counter_database(new_database_url(backend, request, tmp_path_factory))
    reader = make_session_factory(engine, write=False)()
    reader.execute(text("SELECT n FROM counter")).scalar_one()
    with transaction(make_session_factory(engine)) as other:
        other.execute(text("UPDATE counter SET n = 1"))
    with pytest.raises(OperationalError, match="database is locked"):
        reader.execute(text("UPDATE counter SET n = 2"))
    reader.rollback()
    reader.close()
    engine.dispose()


def test_only_posts_that_write_get_a_writer_session(tmp_path):
    """A writer session on SQLite holds the write lock from its first statement: the SQL console
    (whose POST runs a query for up to its time limit) must not take one."""
    from claims_app.db import WRITE_OPTION
    from claims_app.web import db_session

    app = create_app(Config(DATABASE_URL=f"sqlite:///{tmp_path / 'c.sqlite3'}", SECRET_KEY="x",
                            INSTANCE_DIR=tmp_path))

    def writes(path: str, method: str) -> bool:
        with app.test_request_context(path, method=method):
            return bool(db_session().get_bind().get_execution_options().get(WRITE_OPTION))

    assert writes("/claims/1/edit", "POST") and writes("/logout", "POST") and writes("/admin/tags/new/", "POST")
    assert not writes("/claims/1/edit", "GET")
    assert not writes("/research/console", "POST")
    app.extensions["claims_engine"].dispose()
