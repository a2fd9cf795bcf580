"""``manage.py backup`` / ``restore``: a round trip keeps every row of every table; a database
holding data is only overwritten with --force; a backup taken mid-transaction holds only
committed rows."""
from __future__ import annotations

import datetime as dt
import decimal

import pytest
from click.testing import CliRunner
from sqlalchemy import inspect, select, text

from claims_app.cli import context as cli_context
from claims_app.cli import main
from claims_app.db import make_engine, make_session_factory

from ..conftest import SEEDS, new_database_url


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _plain(value):
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value.normalize())
    return value


def dump_tables(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order (or all columns when there is none)."""
    engine = make_engine(url)
    try:
        insp = inspect(engine)
        out = {}
        with engine.connect() as conn:
            for name in sorted(insp.get_table_names()):
                columns = [c["name"] for c in insp.get_columns(name)]
                order = insp.get_pk_constraint(name)["constrained_columns"] or columns
                rows = conn.execute(text(f'SELECT * FROM "{name}" ORDER BY ' + ", ".join(f'"{c}"' for c in order)))
                out[name] = [tuple(_plain(v) for v in row) for row in rows]
        return out
    finally:
        engine.dispose()


def _edit_seeds(factory) -> None:
    """Editors' work on top of the seeds: accept, edit, verify, tag, link, and history for all of it."""
    from claims_app.accounts.services import create_user
    from claims_app.claims.models import Claim
    from claims_app.claims.services import accept_claim, edit_claim, reject_claim, tag_claim, verify_claim
    from claims_app.links.services import add_link

    with factory() as s:
        editor = create_user(s, "restore-editor", "correct horse battery", "editor")
        quotes = list(s.scalars(select(Claim).where(Claim.kind == "quote").order_by(Claim.id).limit(3)))
        numbers = list(s.scalars(select(Claim).where(Claim.kind == "numeric").order_by(Claim.id).limit(3)))
        accept_claim(s, quotes[0].id, actor=editor)
        reject_claim(s, quotes[1].id, actor=editor, reason="not a quote")
        edit_claim(s, numbers[0].id, {"metric": "trade volume"}, actor=editor, version=numbers[0].version)
        verify_claim(s, numbers[1].id, "verified", actor=editor, version=None, note="checked at the source",
                     evidence_urls=["https://example.org/source"])
        tag_claim(s, numbers[1].id, "economy", actor=editor)
        add_link(s, numbers[1].id, numbers[2].id, "same_claim", actor=editor)
        s.commit()


def test_backup_and_restore_round_trip_every_table(cli_database, backend, request, tmp_path_factory, tmp_path,
                                                   monkeypatch):
    assert invoke("ingest", str(SEEDS)).exit_code == 0
    assert invoke("links", "suggest", "--all").exit_code == 0
    _edit_seeds(cli_database)
    source_url = cli_context.config().DATABASE_URL
    before = dump_tables(source_url)
    assert before["claims"] and before["history"] and before["claim_links"] and before["claim_tags"]

    backup_file = tmp_path / "claims.backup"
    result = invoke("backup", "-o", str(backup_file))
    assert result.exit_code == 0, result.output
    assert backup_file.stat().st_size > 0 and not list(tmp_path.glob(".*partial*"))

    target = new_database_url(backend, request, tmp_path_factory)   # empty: not even migrated
    monkeypatch.setenv("DATABASE_URL", target)
    result = invoke("restore", str(backup_file))
    assert result.exit_code == 0, result.output
    assert dump_tables(target) == before

    # The restored database is a working one: health says head, ids continue after the old ones.
    from claims_app.health.services import check_health, migration_heads

    engine = make_engine(target)
    try:
        with make_session_factory(engine)() as s:
            assert check_health(s, migration_heads()).ok
            from claims_app.articles.models import Outlet

            outlet = Outlet(name="after restore")
            s.add(outlet)
            s.flush()
            assert outlet.id > max([r[0] for r in before["outlets"]] or [0])
            s.rollback()
    finally:
        engine.dispose()


def test_restore_refuses_a_database_with_data_unless_forced(cli_database, tmp_path):
    assert invoke("ingest", str(sorted(SEEDS.glob("*.txt"))[0])).exit_code == 0
    url = cli_context.config().DATABASE_URL
    backup_file = tmp_path / "one.backup"
    assert invoke("backup", "-o", str(backup_file)).exit_code == 0
    assert invoke("ingest", str(SEEDS)).exit_code == 0      # the live database moves on
    result = CliRunner().invoke(main, ["restore", str(backup_file)])
    assert result.exit_code == 1
    assert "holds data" in result.output and "--force" in result.output
    assert len(dump_tables(url)["articles"]) == 5           # untouched
    result = invoke("restore", "--force", str(backup_file))
    assert result.exit_code == 0, result.output
    assert len(dump_tables(url)["articles"]) == 1


def test_restore_names_a_file_that_is_not_a_backup(cli_database, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("hello")
    result = CliRunner().invoke(main, ["restore", str(junk)])
    assert result.exit_code == 1 and "not a backup" in result.output
    result = CliRunner().invoke(main, ["backup", "-o", str(tmp_path / "no" / "such" / "dir.backup")])
    assert result.exit_code == 1 and "folder does not exist" in result.output


@pytest.mark.backend("sqlite")
def test_a_backup_during_an_open_write_holds_only_committed_rows(cli_database, tmp_path):
    import sqlite3

    assert invoke("ingest", str(SEEDS)).exit_code == 0
    url = cli_context.config().DATABASE_URL
    writer = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO outlets (name, created_at) VALUES ('uncommitted outlet', '2026-01-01 00:00:00')")
    try:
        result = invoke("backup", "-o", str(tmp_path / "live.backup"))   # while the write lock is held
    finally:
        writer.execute("COMMIT")
        writer.close()
    assert result.exit_code == 0, result.output
    copy = sqlite3.connect(tmp_path / "live.backup")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    assert copy.execute("SELECT count(*) FROM outlets WHERE name = 'uncommitted outlet'").fetchone()[0] == 0
    copy.close()
