"""``/healthz`` answers without login and tells why it is unhealthy; logs: one line per request,
editor writes and SQL-console queries with the user, JSON lines on demand."""
from __future__ import annotations

import io
import json

import pytest

from claims_app import create_app
from claims_app.config import Config
from claims_app.logs import configure_logging


def test_healthz_is_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "migrations": "head"}


def test_healthz_is_503_when_migrations_are_behind(app, client):
    app.extensions["claims_migration_heads"] = {"9999_not_yet_applied"}
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "error" and body["migrations"] == "behind"
    assert body["head"] == ["9999_not_yet_applied"] and "db upgrade" in body["reason"]


@pytest.mark.backend("sqlite")
def test_healthz_is_503_when_the_database_is_unreachable(tmp_path):
    missing = tmp_path / "nowhere" / "gone"
    app = create_app(Config(DATABASE_URL=f"sqlite:///{tmp_path}/x.db", SECRET_KEY="x", INSTANCE_DIR=tmp_path))
    # the file's folder disappears under the running app
    import shutil

    app.extensions["claims_engine"].dispose()
    from claims_app.db import make_engine, make_session_factory

    app.extensions["claims_sessionmaker"] = make_session_factory(
        make_engine(f"sqlite:///file:{missing}/db.sqlite3?mode=ro&uri=true"))
    shutil.rmtree(tmp_path / "nowhere", ignore_errors=True)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "error" and body["database"] == "unreachable" and body["reason"]


def test_healthz_is_503_on_a_database_never_migrated(backend, request, tmp_path_factory, tmp_path):
    from ..conftest import new_database_url

    url = new_database_url(backend, request, tmp_path_factory)
    app = create_app(Config(DATABASE_URL=url, SECRET_KEY="x", INSTANCE_DIR=tmp_path))
    response = app.test_client().get("/healthz")
    app.extensions["claims_engine"].dispose()
    assert response.status_code == 503
    assert response.get_json()["migrations"] == "none"


def _capture(fmt: str) -> io.StringIO:
    stream = io.StringIO()
    configure_logging(fmt, "INFO", stream=stream)
    return stream


def test_one_json_line_per_request_with_user_and_request_id(client, login):
    user = login("researcher")
    stream = _capture("json")
    client.get("/claims/", headers={"X-Request-ID": "abc-123"})
    client.get("/healthz")
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    requests = [line for line in lines if line["logger"] == "claims_app.request"]
    assert len(requests) == 2
    first, second = requests
    assert (first["method"], first["path"], first["request_id"], first["user_id"]) == ("GET", "/claims/", "abc-123",
                                                                                      user.id)
    assert isinstance(first["status"], int) and isinstance(first["ms"], float)
    assert isinstance(first["cpu_ms"], float) and 0 <= first["cpu_ms"] and first["lock_ms"] == 0.0
    assert second["path"] == "/healthz" and second["status"] == 200 and second["request_id"] != "abc-123"


def test_a_forged_request_id_is_replaced(client):
    stream = _capture("json")
    response = client.get("/healthz", headers={"X-Request-ID": "bad id; with=spaces"})
    (line,) = [json.loads(x) for x in stream.getvalue().splitlines()]
    assert line["request_id"] != "bad id; with=spaces" and len(line["request_id"]) == 32
    assert response.headers["X-Request-ID"] == line["request_id"]


def test_editor_writes_are_logged_with_the_user(client, login, db, seed_articles):
    from sqlalchemy import select

    from claims_app.claims.models import Claim

    user = login("editor")
    claim = db.scalar(select(Claim).where(Claim.status == "suggested").order_by(Claim.id).limit(1))
    stream = _capture("text")
    response = client.post(f"/claims/{claim.id}/accept", data={"version": claim.version})
    assert response.status_code in (200, 302, 303), response.status_code
    text = stream.getvalue()
    write = [line for line in text.splitlines() if "claims_app.writes" in line]
    assert write, text
    assert f"claim {claim.id}" in write[0] and f"user {user.id}" in write[0] and "request_id=" in write[0]


@pytest.mark.backend("sqlite")   # on PostgreSQL the console runs only with its read-only role (tests/research)
def test_sql_console_queries_are_logged_with_the_user(client, login):
    user = login("researcher")
    stream = _capture("json")
    client.post("/research/console", data={"sql": "SELECT 1 AS one"})
    queries = [json.loads(x) for x in stream.getvalue().splitlines() if "sql_console" in x]
    assert len(queries) == 1
    assert queries[0]["user_id"] == user.id and queries[0]["sql"] == "SELECT 1 AS one"


def test_log_format_and_proxy_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMS_INSTANCE_DIR", str(tmp_path))
    monkeypatch.setenv("CLAIMS_LOG_FORMAT", "json")
    monkeypatch.setenv("CLAIMS_URL_SCHEME", "https")
    monkeypatch.setenv("CLAIMS_PROXY_HOPS", "1")
    config = Config.from_env()
    assert (config.LOG_FORMAT, config.PREFERRED_URL_SCHEME, config.PROXY_HOPS) == ("json", "https", 1)
    flask_config = config.as_flask()
    assert flask_config["SESSION_COOKIE_SECURE"] and flask_config["REMEMBER_COOKIE_SECURE"]
    monkeypatch.setenv("CLAIMS_SECURE_COOKIES", "0")
    assert not Config.from_env().as_flask()["SESSION_COOKIE_SECURE"]
    monkeypatch.setenv("CLAIMS_LOG_FORMAT", "xml")
    with pytest.raises(SystemExit, match="CLAIMS_LOG_FORMAT"):
        Config.from_env()


@pytest.mark.backend("sqlite")
def test_behind_one_trusted_proxy_urls_and_client_address_come_from_it(database_url, tmp_path):
    app = create_app(Config(DATABASE_URL=database_url, SECRET_KEY="x", INSTANCE_DIR=tmp_path, PROXY_HOPS=1,
                            PREFERRED_URL_SCHEME="https", SECURE_COOKIES=True))
    stream = _capture("json")
    response = app.test_client().get("/login", headers={"X-Forwarded-For": "203.0.113.9, 10.0.0.1",
                                                        "X-Forwarded-Proto": "https",
                                                        "X-Forwarded-Host": "claims.example.org"})
    app.extensions["claims_engine"].dispose()
    (line,) = [json.loads(x) for x in stream.getvalue().splitlines()]
    assert line["remote_addr"] == "10.0.0.1"   # one hop trusted: the address the proxy saw
    cookie = response.headers.get("Set-Cookie", "")
    assert "Secure" in cookie
    with app.test_request_context("/", base_url="https://claims.example.org"):
        from flask import url_for

        assert url_for("accounts.login", _external=True).startswith("https://")


def test_the_time_a_writer_waited_for_the_sqlite_write_lock_is_counted_per_thread(tmp_path):
    import threading

    from sqlalchemy import text

    from claims_app.db import make_engine, make_session_factory, take_lock_wait

    engine = make_engine(f"sqlite:///{tmp_path / 'lock.sqlite3'}")
    writers = make_session_factory(engine)
    with writers() as s:
        s.execute(text("CREATE TABLE t (x INTEGER)"))
        s.commit()
    take_lock_wait()
    holding, release = threading.Event(), threading.Event()

    def hold():
        with writers() as other:
            other.execute(text("INSERT INTO t VALUES (1)"))
            holding.set()
            release.wait(10)
            other.commit()

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(10)
    threading.Timer(0.3, release.set).start()
    with writers() as s:
        s.execute(text("INSERT INTO t VALUES (2)"))   # waits at BEGIN IMMEDIATE until the holder commits
        s.commit()
    holder.join()
    assert take_lock_wait() > 0
    assert take_lock_wait() == 0.0   # taken: the next request starts from zero
    engine.dispose()


def test_a_writer_that_never_gets_the_sqlite_write_lock_fails_as_a_database_error(tmp_path, monkeypatch):
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from claims_app import db as dbmod

    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 150)
    engine = dbmod.make_engine(f"sqlite:///{tmp_path / 'lock.sqlite3'}")
    writers = dbmod.make_session_factory(engine)
    with writers() as holder:
        holder.execute(text("CREATE TABLE t (x INTEGER)"))
        holder.commit()
        holder.execute(text("INSERT INTO t VALUES (1)"))   # holds the write lock from here on
        with writers() as late:
            with pytest.raises(OperationalError, match="database is locked"):
                late.execute(text("INSERT INTO t VALUES (2)"))
        holder.commit()
    with writers() as after:   # the busy timeout is back to its value on the pooled connections
        assert after.execute(text("PRAGMA busy_timeout")).scalar_one() == 150
        after.execute(text("INSERT INTO t VALUES (3)"))
        after.commit()
        assert after.execute(text("SELECT count(*) FROM t")).scalar_one() == 2
    engine.dispose()
