"""The SQL console cannot write, escape or run away, on SQLite and on PostgreSQL.

Every attempt is refused and the database is unchanged afterwards: on SQLite the file's
checksum, on PostgreSQL the row counts, a digest of the rows and the catalog. Attempts that
name a file (ATTACH, VACUUM INTO, COPY ... TO) must not create it.
"""
from __future__ import annotations

import hashlib
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from claims_app.db import make_engine
from claims_app.research.guard import SqlDenied, check_statement
from claims_app.research.readonly import ConsoleSettings, ReadOnlyConnection, sqlite_path
from claims_app.research.sql import SqlError, SqlTimeout, open_stream, run_query

TABLES = ("articles", "claims", "tags", "claim_tags", "claim_links", "speakers", "speaker_aliases", "users",
          "outlets", "history", "alembic_version")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A folder for the files that attacks try to create; PostgreSQL's server can write to it too."""
    folder = tmp_path_factory.mktemp("escape")
    folder.chmod(0o777)
    other = folder / "other.sqlite3"
    import sqlite3

    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return folder


def attempts(scratch: Path) -> list[str]:
    new_file = scratch / f"new-{uuid.uuid4().hex[:6]}.db"
    other = scratch / "other.sqlite3"
    leak = scratch / "leak.csv"
    return [
        "INSERT INTO tags (name, created_at) VALUES ('x', '2026-01-01')",
        "UPDATE claims SET status = 'false'",
        "DELETE FROM claims",
        "DROP TABLE claim_tags",
        "DROP VIEW v_claims",
        "CREATE TABLE sneaky (x INTEGER)",
        "CREATE TEMP TABLE sneaky (x INTEGER)",
        "CREATE VIEW v_sneaky AS SELECT 1",
        "CREATE INDEX ix_sneaky ON claims (exact)",
        "ALTER TABLE claims ADD COLUMN sneaky INTEGER",
        "ALTER TABLE tags RENAME TO tags_old",
        f"ATTACH DATABASE '{new_file}' AS sneaky",
        f"ATTACH '{other}' AS other",
        "DETACH DATABASE main",
        f"VACUUM INTO '{new_file}'",
        "VACUUM",
        "PRAGMA writable_schema = ON",
        "PRAGMA query_only = 0",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA user_version = 99",
        "SELECT load_extension('/tmp/evil.so')",
        "WITH x AS (SELECT 1) INSERT INTO tags (name, created_at) SELECT 'cte', '2026-01-01' FROM x",
        "WITH gone AS (DELETE FROM claims RETURNING id) SELECT count(*) FROM gone",
        "SELECT 1; DELETE FROM claims",
        f"SELECT 1; ATTACH '{new_file}' AS sneaky",
        "SELECT 'a;b'; UPDATE claims SET exact = 'x' -- trailing",
        "/* a comment first */ DELETE FROM claims",
        "-- a comment first\nUPDATE claims SET status = 'false'",
        "REPLACE INTO tags (id, name, created_at) VALUES (1, 'x', '2026-01-01')",
        "BEGIN",
        "SAVEPOINT sneaky",
        "ANALYZE",
        "REINDEX",
        "SELECT fts3_tokenizer('simple')",
        f"COPY claims TO '{leak}'",
        f"COPY (SELECT * FROM claims) TO '{leak}'",
        "SET ROLE postgres",
        "RESET ROLE",
        "SET statement_timeout = 0",
        "SELECT set_config('statement_timeout', '0', false)",
        "SELECT pg_read_file('/etc/passwd')",
        "SELECT \"pg_read_file\"('/etc/passwd')",
        "SELECT pg_catalog.pg_read_file('/etc/passwd')",
        "SELECT pg_ls_dir('.')",
        f"SELECT lo_export(lo_from_bytea(0, 'x'), '{leak}')",
        "SELECT * INTO sneaky FROM claims",
        "EXPLAIN ANALYZE DELETE FROM claims",
        "DO $$ BEGIN DELETE FROM claims; END $$",
        "SELECT $$;$$; DELETE FROM claims",
        "SELECT id FROM claims FOR UPDATE",
        "TRUNCATE claims",
        "GRANT ALL ON claims TO PUBLIC",
        "SELECT nextval('claims_id_seq')",
        "PREPARE sneaky AS DELETE FROM claims",
        "SELECT query_to_xml('delete from claims', true, true, '')",
        "SELECT U&\"pg_read_file\"('/etc/passwd')",
        "CALL sneaky()",
        "MERGE INTO tags t USING tags s ON t.id = s.id WHEN MATCHED THEN DELETE",
    ]


def state(url: str, backend: str) -> str:
    """A fingerprint of everything stored: the SQLite file bytes, or PostgreSQL rows and catalog."""
    if backend == "sqlite":
        path = Path(sqlite_path(url))
        digest = hashlib.sha256(path.read_bytes())
        wal = path.with_name(path.name + "-wal")
        if wal.exists():
            digest.update(wal.read_bytes())
        return digest.hexdigest()
    engine = make_engine(url)
    with engine.connect() as conn:
        parts = [f"{t}={conn.execute(text(f'SELECT count(*) FROM {t}')).scalar()}" for t in TABLES]
        parts.append(conn.execute(text("SELECT md5(string_agg(c::text, ',' ORDER BY c.id)) FROM claims c")).scalar())
        parts.append(conn.execute(text("SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM tags t")).scalar())
        parts.append(conn.execute(text(
            "SELECT string_agg(relname || ':' || relkind::text, ',' ORDER BY relname) FROM pg_class "
            "WHERE relnamespace = 'public'::regnamespace")).scalar())
        parts.append(str(conn.execute(text("SELECT count(*) FROM pg_roles")).scalar()))
    engine.dispose()
    return "|".join(str(p) for p in parts)


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_every_escape_attempt_is_refused_and_nothing_changes(settings, research_url, backend, scratch):
    statements = attempts(scratch)
    assert len(statements) >= 30
    before, before_files = state(research_url, backend), files(scratch)
    accepted = []
    for sql in statements:
        try:
            run_query(settings, sql)
        except SqlError:
            continue
        accepted.append(sql)
    assert accepted == []
    assert state(research_url, backend) == before
    assert files(scratch) == before_files
    assert not (Path("/tmp") / "leak.csv").exists()


def test_the_stream_refuses_the_same_statements(settings, research_url, backend, scratch):
    before = state(research_url, backend)
    for sql in attempts(scratch):
        with pytest.raises(SqlError):
            _, rows = open_stream(settings, sql)
            list(rows)
    assert state(research_url, backend) == before


SQLITE_RAW = [
    "INSERT INTO tags (name, created_at) VALUES ('x', '2026-01-01')",
    "UPDATE claims SET status = 'false'",
    "DELETE FROM claims",
    "DROP TABLE claim_tags",
    "CREATE TEMP TABLE sneaky (x)",
    "ALTER TABLE claims ADD COLUMN sneaky INTEGER",
    "ATTACH DATABASE '{new}' AS sneaky",
    "ATTACH '{other}' AS other",
    "DETACH DATABASE main",
    "VACUUM INTO '{new}'",
    "VACUUM",
    "PRAGMA writable_schema = ON",
    "PRAGMA query_only = 0",
    "SELECT load_extension('/tmp/evil.so')",
    "WITH x AS (SELECT 1) INSERT INTO tags (name, created_at) SELECT 'cte', '2026-01-01' FROM x",
    "SELECT 1; DELETE FROM claims",
    "ANALYZE",
    "BEGIN IMMEDIATE",
    "SELECT fts3_tokenizer('simple')",
]


@pytest.mark.backend("sqlite")
def test_sqlite_connection_refuses_writes_without_the_statement_check(settings, research_url, backend, scratch):
    """Second line: the authorizer and query_only hold even for SQL the first check never saw."""
    import sqlite3

    before, before_files = state(research_url, backend), files(scratch)
    new, other = scratch / "raw-new.db", scratch / "other.sqlite3"
    other_before = hashlib.sha256(other.read_bytes()).hexdigest()
    for sql in SQLITE_RAW:
        with ReadOnlyConnection(settings, timeout=5) as conn:
            with pytest.raises(sqlite3.Error):
                conn.raw.execute(sql.format(new=new, other=other)).fetchall()
            # and the connection is still read-only afterwards
            with pytest.raises(sqlite3.Error):
                conn.raw.execute("DELETE FROM claims")
    assert state(research_url, backend) == before
    assert files(scratch) == before_files
    assert hashlib.sha256(other.read_bytes()).hexdigest() == other_before


PG_RAW = [
    "INSERT INTO tags (name, created_at) VALUES ('x', now())",
    "UPDATE claims SET status = 'false'",
    "DELETE FROM claims",
    "DROP TABLE claim_tags",
    "CREATE TABLE sneaky (x int)",
    "ALTER TABLE claims ADD COLUMN sneaky int",
    "TRUNCATE claims",
    "COPY claims TO '{leak}'",
    "SELECT pg_read_file('/etc/passwd')",
    "SELECT lo_export(lo_from_bytea(0, 'x'), '{leak}')",
    "SELECT nextval('claims_id_seq')",
    "SELECT * INTO sneaky FROM claims",
    "WITH gone AS (DELETE FROM claims RETURNING id) SELECT count(*) FROM gone",
    "SELECT id FROM claims FOR UPDATE",
]


@pytest.mark.backend("postgresql")
def test_postgresql_transaction_refuses_writes_without_the_statement_check(settings, research_url, backend,
                                                                           scratch):
    """Second line: the read-only transaction (and, for a superuser, pg_read_all_data) hold alone."""
    import psycopg

    before, before_files = state(research_url, backend), files(scratch)
    for sql in PG_RAW:
        with ReadOnlyConnection(settings, timeout=5) as conn:
            with pytest.raises(psycopg.Error):
                with conn.raw.cursor() as cur:
                    cur.execute(sql.format(leak=scratch / "leak.csv"))
    assert state(research_url, backend) == before
    assert files(scratch) == before_files


def _overhead(settings) -> float:
    """What one small query costs on this machine right now: connecting, running, closing."""
    started = time.perf_counter()
    _, rows = open_stream(settings, "SELECT 1")
    list(rows)
    run_query(settings, "SELECT 1")
    return time.perf_counter() - started


# The limit is checked against the time a trivial query takes in the same test, so a machine busy
# with other work makes both slower and the test stays true; the runaway queries would run for hours.
def test_a_runaway_query_stops_within_the_limit(research_url):
    limit = 2.0
    settings = ConsoleSettings(database_url=research_url, timeout_seconds=limit)
    runaway = ("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
               "SELECT count(*) FROM r")
    baseline = _overhead(settings)
    started = time.perf_counter()
    with pytest.raises(SqlTimeout, match="stopped after 2 s"):
        run_query(settings, runaway)
    elapsed = time.perf_counter() - started
    assert limit * 0.9 <= elapsed <= limit * 1.25 + 3 * baseline, (elapsed, baseline)


def test_a_runaway_download_stops_within_the_limit(research_url):
    limit = 2.0
    settings = ConsoleSettings(database_url=research_url, timeout_seconds=limit)
    baseline = _overhead(settings)
    started = time.perf_counter()
    with pytest.raises(SqlTimeout):
        _, rows = open_stream(settings, "SELECT count(*) FROM claims a, claims b, claims c, claims d, claims e, "
                                        "claims f, claims g, claims h, claims i")
        list(rows)
    elapsed = time.perf_counter() - started
    assert elapsed <= limit * 1.25 + 3 * baseline, (elapsed, baseline)


@pytest.mark.parametrize("sql", [
    "SELECT 1", "select 1;", "  WITH x AS (SELECT 1) SELECT * FROM x", "VALUES (1)",
    "SELECT 'DELETE FROM claims; DROP TABLE x'", "SELECT \"update\" FROM t", "-- note\nSELECT 1",
    "SELECT updated_at, created_at FROM v_claims", "EXPLAIN SELECT 1",
])
def test_ordinary_reads_pass_the_statement_check(sql):
    assert check_statement(sql, "sqlite")
    assert check_statement(sql, "postgresql")


def test_messages_name_the_problem(settings):
    with pytest.raises(SqlDenied, match="only one statement"):
        run_query(settings, "SELECT 1; SELECT 2")
    with pytest.raises(SqlDenied, match="DELETE"):
        run_query(settings, "DELETE FROM claims")
    with pytest.raises(SqlError, match="(?i)syntax"):
        run_query(settings, "SELECT FROM WHERE claims")
    with pytest.raises(SqlError, match="no_such_view|does not exist|no such table"):
        run_query(settings, "SELECT * FROM no_such_view")


@pytest.mark.backend("sqlite")
def test_schema_pragmas_are_readable_on_sqlite(settings, backend):
    result = run_query(settings, "PRAGMA table_info(v_claims)")
    assert "claim_id" in [row[1] for row in result.rows]


@pytest.mark.backend("postgresql")
def test_postgresql_superuser_drops_to_a_read_only_role(settings, backend):
    assert run_query(settings, "SELECT current_user").rows == [("pg_read_all_data",)]


@pytest.mark.backend("postgresql")
def test_postgresql_uses_the_configured_read_only_role(research_url, backend):
    from sqlalchemy.engine import make_url

    role = f"claims_reader_{uuid.uuid4().hex[:8]}"
    admin = make_engine(research_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"))
    try:
        readonly_url = make_url(research_url).set(username=role).render_as_string(hide_password=False)
        settings = ConsoleSettings(database_url=research_url, readonly_url=readonly_url)
        assert run_query(settings, "SELECT current_user").rows == [(role,)]
        assert run_query(settings, "SELECT count(*) FROM v_claims").rows == [(10,)]
        import psycopg

        with ReadOnlyConnection(settings, timeout=5) as conn:
            with pytest.raises(psycopg.Error):
                conn.raw.execute("DELETE FROM claims")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()


@pytest.mark.backend("sqlite")
def test_one_huge_value_is_refused_on_sqlite(settings, backend):
    with pytest.raises(SqlError, match="too big"):
        run_query(settings, "SELECT length(hex(randomblob(40000000)))")
