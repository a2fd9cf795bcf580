"""What researchers may do still works behind the walls, and the walls say clearly why they refuse."""
from __future__ import annotations

import uuid

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from claims_app.cli import main
from claims_app.db import make_engine
from claims_app.research import console_pool
from claims_app.research.console_sqlite import RESEARCH_VIEWS
from claims_app.research.examples import EXAMPLES
from claims_app.research.guard import SqlDenied, check_statement
from claims_app.research.readonly import ConsoleSettings, ReadOnlyConnection
from claims_app.research.sql import (ConsoleBusy, ConsoleUnavailable, SqlError, SqlTimeout, open_stream,
                                     run_query)


@pytest.mark.parametrize("view", RESEARCH_VIEWS)
def test_every_documented_view_is_readable_column_by_column(settings, view):
    result = run_query(settings, f"SELECT * FROM {view}")
    assert result.columns and result.rows
    for column in result.columns:   # each column on its own, as a researcher would pick them
        run_query(settings, f"SELECT {column} FROM {view} LIMIT 1")


def test_the_views_are_the_ones_docs_schema_md_documents():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "schema.md").read_text(encoding="utf-8")
    assert sorted(RESEARCH_VIEWS) == sorted(line[3:].strip() for line in doc.splitlines() if line.startswith("## v_"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.query_id)
def test_every_example_query_runs(settings, example):
    result = run_query(settings, example.sql)
    assert result.columns


def test_joins_ctes_windows_and_functions_are_allowed(settings):
    result = run_query(settings, """
        WITH per AS (SELECT outlet, count(*) AS n FROM v_claims GROUP BY outlet)
        SELECT c.claim_id, upper(c.kind), coalesce(c.speaker, '-'), length(c.exact), round(1.25, 1),
               row_number() OVER (ORDER BY c.claim_id), per.n, q.quote_text IS NOT NULL
        FROM v_claims c JOIN per ON per.outlet = c.outlet LEFT JOIN v_quotes q ON q.claim_id = c.quote_id
        ORDER BY c.claim_id""")
    assert len(result.rows) == run_query(settings, "SELECT count(*) FROM v_claims").rows[0][0]


def test_the_row_cap_and_the_download_of_every_row(settings):
    capped = ConsoleSettings(database_url=settings.database_url, readonly_url=settings.readonly_url, row_cap=7)
    many = "SELECT a.claim_id, b.claim_id FROM v_claims a, v_claims b"
    result = run_query(capped, many)
    assert len(result.rows) == 7 and result.truncated
    columns, rows = open_stream(capped, many)
    assert columns == ["claim_id", "claim_id"] and len(list(rows)) == 100


def test_a_query_over_its_time_says_so(settings):
    quick = ConsoleSettings(database_url=settings.database_url, readonly_url=settings.readonly_url,
                            timeout_seconds=1)
    with pytest.raises(SqlTimeout, match=r"stopped after 1 s; add a WHERE or LIMIT"):
        run_query(quick, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
                         "SELECT count(*) FROM r, v_claims")


def test_messages_name_the_problem(settings):
    with pytest.raises(SqlDenied, match="only one statement"):
        run_query(settings, "SELECT 1; SELECT 2")
    with pytest.raises(SqlDenied, match="DELETE"):
        run_query(settings, "DELETE FROM claims")
    with pytest.raises(SqlError, match="(?i)syntax"):
        run_query(settings, "SELECT FROM WHERE claims")
    with pytest.raises(SqlError, match="no_such_view|does not exist|no such table"):
        run_query(settings, "SELECT * FROM no_such_view")
    with pytest.raises(SqlDenied, match="documented views"):
        run_query(settings, "SELECT password_hash FROM users")


@pytest.mark.backend("sqlite")
def test_schema_pragmas_are_readable_for_the_views_only(settings, backend):
    result = run_query(settings, "PRAGMA table_info(v_claims)")
    assert "claim_id" in [row[1] for row in result.rows]
    with pytest.raises(SqlDenied):
        run_query(settings, "PRAGMA table_info(users)")


@pytest.mark.backend("sqlite")
def test_values_are_capped_at_a_few_megabytes_and_a_page_at_16(settings, backend):
    with pytest.raises(SqlDenied, match="too big"):
        run_query(settings, "SELECT length(hex(randomblob(40000000)))")
    result = run_query(settings, "SELECT zeroblob(3000000) FROM v_claims")
    assert result.truncated and len(result.rows) == 5
    assert "at most 16 MB" in result.notes[0]


def test_a_full_console_says_it_is_busy(settings, monkeypatch):
    import threading

    monkeypatch.setattr(console_pool, "_running", threading.BoundedSemaphore(1))
    monkeypatch.setattr(console_pool, "BUSY_WAIT", 0.1)
    worker = console_pool.take(settings.dialect)
    try:
        with pytest.raises(ConsoleBusy, match="try again in a moment"):
            run_query(settings, "SELECT 1")
    finally:
        worker.close()
    assert run_query(settings, "SELECT 1").rows == [(1,)]


@pytest.mark.parametrize("sql", [
    "SELECT 1", "select 1;", "  WITH x AS (SELECT 1) SELECT * FROM x", "VALUES (1)",
    "SELECT 'DELETE FROM claims; DROP TABLE x'", "SELECT \"update\" FROM t", "-- note\nSELECT 1",
    "SELECT updated_at, created_at FROM v_claims", "EXPLAIN SELECT 1", "SELECT 'é' AS \"café\"",
])
def test_ordinary_reads_pass_the_statement_check(sql):
    assert check_statement(sql, "sqlite")
    assert check_statement(sql, "postgresql")


@pytest.mark.parametrize("sql", [
    "SELECT 1 --\r, pg_advisory_lock(1)",
    "SELECT 1 -- x\rSELECT set_config('statement_timeout', '0', true)",
    "SELECT $é$ x $é$, txid_current()",
    "SELECT $日本$;$日本$, pg_notify('a', 'b')",
    "SELECT $é$ ; $é$; DELETE FROM claims",
])
def test_the_postgresql_check_lexes_like_postgresql(sql):
    with pytest.raises(SqlDenied):
        check_statement(sql, "postgresql")


def test_the_sqlite_check_lexes_like_sqlite():
    # SQLite ends a line comment at a newline only: everything after '--' here is a comment.
    assert check_statement("SELECT 1 -- note\r DELETE FROM claims", "sqlite")
    with pytest.raises(SqlDenied):
        check_statement("SELECT 1 -- note\n; DELETE FROM claims", "sqlite")


@pytest.mark.backend("sqlite")
def test_the_exports_connection_still_cannot_write(settings, backend):
    import sqlite3

    with ReadOnlyConnection(settings, timeout=5) as conn:
        for sql in ("DELETE FROM claims", "CREATE TABLE x (y)", "PRAGMA query_only = 0"):
            with pytest.raises(sqlite3.Error):
                conn.raw.execute(sql).fetchall()


# ---------------------------------------------------------------- PostgreSQL: the console's role


@pytest.mark.backend("postgresql")
def test_postgresql_console_refuses_without_a_readonly_url(research_url, research_app, researcher, backend,
                                                           monkeypatch):
    settings = ConsoleSettings(database_url=research_url)
    with pytest.raises(ConsoleUnavailable, match="create-readonly-role"):
        run_query(settings, "SELECT 1")
    research_app.config["SQL_READONLY_URL"], saved = None, research_app.config["SQL_READONLY_URL"]
    try:
        response = researcher.get("/research/console")
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and 'role="alert"' in page and "CLAIMS_SQL_READONLY_URL" in page
        refused = researcher.post("/research/console", data={"sql": "SELECT 1", "run": "1"})
        assert refused.status_code == 400 and "create-readonly-role" in refused.get_data(as_text=True)
        assert "<table" not in refused.get_data(as_text=True)
    finally:
        research_app.config["SQL_READONLY_URL"] = saved
    monkeypatch.setenv("DATABASE_URL", research_url)
    monkeypatch.delenv("CLAIMS_SQL_READONLY_URL", raising=False)
    result = CliRunner().invoke(main, ["sql", "SELECT 1"])
    assert result.exit_code == 1 and "CLAIMS_SQL_READONLY_URL" in result.output
    assert result.output.count("\n") == 1


@pytest.mark.backend("postgresql")
def test_postgresql_console_refuses_the_apps_own_role(research_url, backend):
    settings = ConsoleSettings(database_url=research_url, readonly_url=research_url)
    with pytest.raises(ConsoleUnavailable, match="app's own role"):
        run_query(settings, "SELECT 1")


@pytest.mark.backend("postgresql")
def test_postgresql_console_refuses_a_role_that_can_read_the_tables(research_url, backend):
    from sqlalchemy.engine import make_url

    role = f"claims_reader_{uuid.uuid4().hex[:8]}"
    admin = make_engine(research_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"))
    try:
        url = make_url(research_url).set(username=role).render_as_string(hide_password=False)
        with pytest.raises(ConsoleUnavailable, match="can read users.password_hash.*create-readonly-role"):
            run_query(ConsoleSettings(database_url=research_url, readonly_url=url), "SELECT 1")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()


@pytest.mark.backend("postgresql")
def test_create_readonly_role_command(research_url, backend, monkeypatch):
    from sqlalchemy.engine import make_url

    name = f"claims_console_{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("DATABASE_URL", research_url)
    admin = make_engine(research_url, isolation_level="AUTOCOMMIT")
    try:
        for _ in range(2):   # a second run resets the password and changes nothing else
            result = CliRunner().invoke(main, ["db", "create-readonly-role", "--name", name])
            assert result.exit_code == 0, result.output
        url = result.output.strip().splitlines()[-1].removeprefix("CLAIMS_SQL_READONLY_URL=")
        assert make_url(url).username == name
        with admin.connect() as conn:
            def can(check: str) -> bool:
                return conn.execute(text(check.replace("ROLE", f"'{name}'"))).scalar()

            assert all(can(f"SELECT has_table_privilege(ROLE, 'public.{v}', 'SELECT')") for v in RESEARCH_VIEWS)
            for table in ("users", "login_attempts", "claims", "articles", "history"):
                assert not can(f"SELECT has_table_privilege(ROLE, 'public.{table}', 'SELECT')"), table
            assert not can("SELECT has_database_privilege(ROLE, current_database(), 'TEMP')")
            assert not can("SELECT has_schema_privilege(ROLE, 'public', 'CREATE')")
            assert not can("SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = ROLE")
            for function in ("pg_terminate_backend(integer, bigint)", "pg_cancel_backend(integer)",
                             "pg_advisory_lock(bigint)", "pg_notify(text, text)", "txid_current()",
                             "lo_import(text)", "pg_read_file(text)", "pg_logical_emit_message(boolean, text, text)"):
                assert not can(f"SELECT has_function_privilege(ROLE, '{function}', 'EXECUTE')"), function
            # the app's own role keeps what was taken from PUBLIC
            assert can("SELECT has_function_privilege(current_user, 'pg_advisory_lock(bigint)', 'EXECUTE')")
        settings = ConsoleSettings(database_url=research_url, readonly_url=url)
        assert run_query(settings, "SELECT current_user").rows == [(name,)]
    finally:
        with admin.connect() as conn:
            if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first():
                conn.execute(text(f"DROP OWNED BY {name}"))
                conn.execute(text(f"DROP ROLE {name}"))
        admin.dispose()


@pytest.mark.backend("sqlite")
def test_create_readonly_role_on_sqlite_is_a_one_line_error(research_url, backend, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", research_url)
    result = CliRunner().invoke(main, ["db", "create-readonly-role"])
    assert result.exit_code == 1
    assert result.output == "error: DATABASE_URL is not PostgreSQL; on SQLite the console needs no role of its own\n"


@pytest.mark.backend("postgresql")
def test_a_set_config_cannot_lift_the_deadline(settings, backend, monkeypatch):
    """The client cancels the query from outside the session: no setting inside it can stop that."""
    import claims_app.research.sql as console

    quick = ConsoleSettings(database_url=settings.database_url, readonly_url=settings.readonly_url,
                            timeout_seconds=1)
    monkeypatch.setattr(console, "check_statement", lambda sql, dialect: sql)
    with pytest.raises(SqlTimeout):
        run_query(quick, "SELECT set_config('statement_timeout', '0', false), "
                         "set_config('lock_timeout', '0', false), pg_sleep(20)")
