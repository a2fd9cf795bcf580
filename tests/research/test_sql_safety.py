"""The SQL console cannot write, read secrets, escape or run away, on SQLite and on PostgreSQL.

Every attempt runs twice: as a researcher sends it (the statement check answers first), and with
the statement check switched off, so that the engine alone (the worker's authorizer and limits on
SQLite, the console's role and the client-side deadline on PostgreSQL) must refuse it or make it
harmless. Harmless means: no secret in the result (password hashes, login attempts), no file
created, the database's digest unchanged, other sessions alive, and the time limit kept.
"""
from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from claims_app.accounts.models import LoginAttempt, User
from claims_app.db import make_engine, make_session_factory
from claims_app.research import sql as console
from claims_app.research.readonly import ConsoleSettings, sqlite_path
from claims_app.research.sql import SqlError, SqlTimeout, open_stream, run_query

from .attempts import SECRET_HASH, SECRET_LOGIN, attempts_for

LIMIT = 2.0


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A folder for the files that attacks try to create; PostgreSQL's server can write to it too."""
    folder = tmp_path_factory.mktemp("escape")
    folder.chmod(0o777)
    conn = sqlite3.connect(folder / "other.sqlite3")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return folder


@pytest.fixture(scope="module", autouse=True)
def dblink_installed(backend, research_db) -> None:
    """PostgreSQL: dblink present before the console's role is made, as on a server that uses it."""
    if backend != "postgresql":
        return
    engine = make_engine(research_db["url"], isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if conn.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'dblink'")).first():
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS dblink"))
    engine.dispose()


@pytest.fixture(scope="module")
def secrets_planted(research_url, backend) -> None:
    """A user whose hash is a known marker and a login attempt naming another marker."""
    engine = make_engine(research_url)
    with make_session_factory(engine)() as session:
        if session.execute(text("SELECT 1 FROM users WHERE username = 'secret-holder'")).first() is None:
            session.add(User(username="secret-holder", password_hash=SECRET_HASH, role="admin"))
            session.add(LoginAttempt(username=SECRET_LOGIN, remote_addr="203.0.113.7"))
            session.commit()
    if backend == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


@pytest.fixture
def limited(research_url, readonly_url, secrets_planted) -> ConsoleSettings:
    return ConsoleSettings(database_url=research_url, readonly_url=readonly_url, timeout_seconds=LIMIT, row_cap=50)


def digest(url: str, backend: str) -> str:
    """SQLite: the file's checksum (and its WAL). PostgreSQL: every table's rows, the catalog of
    the schema, the roles, large objects and the grants on the catalog functions."""
    if backend == "sqlite":
        path = Path(sqlite_path(url))
        hashed = hashlib.sha256(path.read_bytes())
        wal = path.with_name(path.name + "-wal")
        if wal.exists():
            hashed.update(wal.read_bytes())
        return hashed.hexdigest()
    engine = make_engine(url)
    hashed = hashlib.sha256()
    with engine.connect() as conn:
        tables = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                                   "ORDER BY tablename")).scalars().all()
        for table in tables:
            rows = conn.execute(text(f'SELECT md5(COALESCE(string_agg(t::text, \'|\' ORDER BY t::text), \'\')) '
                                     f'FROM "{table}" t')).scalar()
            hashed.update(f"{table}={rows};".encode())
        for query in ("SELECT string_agg(relname || ':' || relkind::text || ':' || COALESCE(relacl::text, ''), ',' "
                      "ORDER BY relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace",
                      "SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles",
                      "SELECT count(*) FROM pg_largeobject_metadata",
                      "SELECT md5(string_agg(proname || COALESCE(proacl::text, ''), ',' ORDER BY oid)) FROM pg_proc",
                      "SELECT datacl::text FROM pg_database WHERE datname = current_database()"):
            hashed.update(str(conn.execute(text(query)).scalar()).encode())
    engine.dispose()
    return hashed.hexdigest()


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def leaks(values) -> bool:
    blob = " ".join(str(v) for v in values)
    return SECRET_HASH in blob or SECRET_LOGIN in blob or "203.0.113.7" in blob


def outcome(settings: ConsoleSettings, sql: str, *, stream: bool = False) -> str:
    """'refused', 'timeout' or 'ran'; fails the test at once if the result holds a secret."""
    started = time.monotonic()
    try:
        if stream:
            return _stream_outcome(settings, sql)
        result = run_query(settings, sql)
    except SqlTimeout:
        return "timeout"
    except SqlError:
        return "refused"
    finally:
        # Nothing outlives the limit by more than the kill's grace and a loaded machine's slack
        # (a download's limit applies to each batch, so only the page is timed as a whole).
        assert stream or time.monotonic() - started < LIMIT + 6, sql
    assert not leaks(result.columns), sql
    assert not any(leaks(row) for row in result.rows), f"secret leaked by: {sql}"
    return "ran"


def _stream_outcome(settings: ConsoleSettings, sql: str) -> str:
    """A download, read up to 64 MB and then dropped (which must stop its worker)."""
    columns, rows = open_stream(settings, sql)
    assert not leaks(columns), sql
    size = 0
    try:
        for row in rows:
            assert not leaks(row), f"secret leaked by: {sql}"
            size += sum(len(v) if isinstance(v, (str, bytes)) else 8 for v in row)
            if size > 64 * 2**20:
                break
    finally:
        rows.close()
    return "ran"


@pytest.fixture
def victim(research_url, backend):
    """Another session (the app's own role) that no console query may end."""
    if backend != "postgresql":
        yield None
        return
    import psycopg
    from sqlalchemy.engine import make_url

    conn = psycopg.connect(make_url(research_url).set(drivername="postgresql").render_as_string(hide_password=False),
                           autocommit=True)
    yield conn
    conn.close()


def _attempts(backend, scratch, victim):
    pid = victim.info.backend_pid if victim is not None else 0
    return attempts_for(backend, scratch=scratch, victim_pid=pid)


def test_there_are_at_least_80_attempts_per_engine(backend, scratch):
    assert len(attempts_for(backend, scratch=scratch, victim_pid=1)) >= 80


def test_every_attempt_is_refused_by_the_statement_check_or_harmless(limited, research_url, backend, scratch,
                                                                     victim):
    before, before_files = digest(research_url, backend), files(scratch)
    results = {sql: outcome(limited, sql) for sql in _attempts(backend, scratch, victim)}
    assert digest(research_url, backend) == before
    assert files(scratch) == before_files
    assert victim is None or victim.execute("SELECT 1").fetchone() == (1,)
    # the check refuses nearly all of them with its own message; the others the engine refused
    assert sum(r == "refused" for r in results.values()) >= 70, results


def test_the_engine_alone_refuses_or_defuses_every_attempt(limited, research_url, backend, scratch, victim,
                                                           monkeypatch):
    """With the statement check switched off, the worker, the role and the limits must hold alone."""
    monkeypatch.setattr(console, "check_statement", lambda sql, dialect: sql.rstrip().rstrip(";"))
    before, before_files = digest(research_url, backend), files(scratch)
    results = {sql: outcome(limited, sql) for sql in _attempts(backend, scratch, victim)}
    assert digest(research_url, backend) == before
    assert files(scratch) == before_files
    assert victim is None or victim.execute("SELECT 1").fetchone() == (1,)
    ran = [sql for sql, r in results.items() if r == "ran"]
    # What runs at all is plain reading: a handful of harmless statements (checked for secrets above).
    assert len(ran) <= 12, ran


def test_the_download_path_holds_alone_too(limited, research_url, backend, scratch, victim, monkeypatch):
    monkeypatch.setattr(console, "check_statement", lambda sql, dialect: sql.rstrip().rstrip(";"))
    before = digest(research_url, backend)
    for sql in _attempts(backend, scratch, victim)[::3]:
        outcome(limited, sql, stream=True)
    assert digest(research_url, backend) == before


@pytest.mark.parametrize("sql", [
    "SELECT username, password_hash FROM users",
    "SELECT password_hash FROM users WHERE username = 'secret-holder'",
    "SELECT * FROM login_attempts",
    "SELECT count(*) FROM login_attempts",
    "WITH v_claims AS (SELECT password_hash AS claim_id FROM users) SELECT * FROM v_claims",
    "SELECT (SELECT password_hash FROM users LIMIT 1) FROM v_claims",
])
def test_secrets_are_refused_on_the_web_and_the_cli(sql, researcher, research_url, readonly_url, secrets_planted,
                                                    monkeypatch):
    from click.testing import CliRunner

    from claims_app.cli import main

    response = researcher.post("/research/console", data={"sql": sql, "run": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'role="alert"' in page and not leaks([page])
    download = researcher.post("/research/console", data={"sql": sql, "csv": "1"})
    assert download.status_code == 400 and not leaks([download.get_data(as_text=True)])
    monkeypatch.setenv("DATABASE_URL", research_url)
    if readonly_url:
        monkeypatch.setenv("CLAIMS_SQL_READONLY_URL", readonly_url)
    for fmt in ("table", "csv", "json"):
        result = CliRunner().invoke(main, ["sql", sql, "--format", fmt])
        assert result.exit_code == 1 and result.output.startswith("error: ")
        assert not leaks([result.output])


def test_a_runaway_query_is_stopped_with_the_time_limit_message(limited):
    started = time.monotonic()
    with pytest.raises(SqlTimeout, match="stopped after 2 s"):
        run_query(limited, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r")
    assert time.monotonic() - started < LIMIT + 6


def test_a_heavy_query_does_not_hold_up_another_query(limited, backend):
    """While one researcher's query runs into its limit, another's answers and the first still ends."""
    # Ten rows of the one-step printf (about 7 s each; the width depends on the row, so SQLite cannot
    # compute it once for all): past the 8 s limit however fast the machine.
    heavy = ("WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 10) "
             "SELECT length(printf('%.*c', 2147483647 - i, 'x')) FROM r" if backend == "sqlite" else "SELECT pg_sleep(30)")
    slow = ConsoleSettings(database_url=limited.database_url, readonly_url=limited.readonly_url, timeout_seconds=8)
    outcome_of_heavy = {}

    def run_heavy():
        try:
            run_query(slow, heavy)
            outcome_of_heavy["result"] = "ran"
        except SqlError as exc:
            outcome_of_heavy["result"] = type(exc).__name__

    thread = threading.Thread(target=run_heavy)
    thread.start()
    time.sleep(0.3)
    assert run_query(limited, "SELECT count(*) FROM v_claims").rows[0][0] >= 1
    assert thread.is_alive(), "the light query should have answered while the heavy one was still running"
    thread.join(8 + 10)
    assert outcome_of_heavy == {"result": "SqlTimeout"}


@pytest.mark.backend("postgresql")
def test_dblink_is_out_of_reach_of_the_console_role(research_url, readonly_url, backend):
    from sqlalchemy.engine import make_url

    role = make_url(readonly_url).username
    engine = make_engine(research_url)
    with engine.connect() as conn:
        for function in ("dblink_exec(text, text)", "dblink(text, text)", "dblink_connect(text)"):
            if conn.execute(text(f"SELECT to_regprocedure('{function}')")).scalar() is None:
                continue   # a server without dblink: nothing to reach
            assert conn.execute(text(f"SELECT has_function_privilege(:r, '{function}', 'EXECUTE')"),
                                {"r": role}).scalar() is False, function
    engine.dispose()


@pytest.mark.backend("postgresql")
def test_a_dropped_download_stops_its_query_on_the_server(research_url, readonly_url, backend):
    """The worker of an abandoned download is killed, and its query is cancelled on the server."""
    from sqlalchemy.engine import make_url

    role = make_url(readonly_url).username
    # A limit far beyond the wait below, and no server-side check for a closed client: only the
    # cancel sent for the killed worker can end the query in time.
    patient = ConsoleSettings(database_url=research_url, readonly_url=readonly_url, timeout_seconds=300)
    engine = make_engine(research_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"ALTER ROLE {role} RESET client_connection_check_interval"))
    try:
        columns, rows = open_stream(patient, "SELECT n, pg_sleep(CASE WHEN n > 2000 THEN 60 ELSE 0 END) "
                                             "FROM generate_series(1, 5000) n")
        assert next(rows)[0] == 1
        rows.close()   # the client went away while the server sleeps on row 2001
        with engine.connect() as conn:
            for _ in range(100):
                active = conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE usename = :r "
                                           "AND state = 'active'"), {"r": role}).scalar()
                if active == 0:
                    break
                time.sleep(0.1)
            assert active == 0
    finally:
        with engine.connect() as conn:
            conn.execute(text(f"ALTER ROLE {role} SET client_connection_check_interval = 1000"))
        engine.dispose()
