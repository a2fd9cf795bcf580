"""`db downgrade` drops tables with their data: it asks, or needs --yes, and says where it ended."""
from __future__ import annotations

import sqlite3

from .helpers import cli_env, run_cli


def _tables(db_path) -> set[str]:
    db = sqlite3.connect(db_path)
    try:
        return {name for (name,) in db.execute("select name from sqlite_master where type = 'table'")}
    finally:
        db.close()


def _migrated(tmp_path):
    env = cli_env(tmp_path)
    up = run_cli("db", "upgrade", env=env)
    assert up.returncode == 0, up.stderr
    return env, tmp_path / "instance" / "claims.sqlite3"


def test_downgrade_to_base_without_yes_drops_nothing(tmp_path):
    env, db_path = _migrated(tmp_path)
    before = _tables(db_path)
    assert "claims" in before
    run = run_cli("db", "downgrade", "base", env=env, input="y\n")   # not a terminal: no question asked
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "--yes" in run.stderr and "nothing changed" in run.stderr
    assert _tables(db_path) == before


def test_downgrade_with_yes_reports_the_revision_reached(tmp_path):
    env, db_path = _migrated(tmp_path)
    current = run_cli("db", "current", env=env).stdout
    head = current.split()[2]
    one = run_cli("db", "downgrade", "--yes", env=env)
    assert one.returncode == 0, one.stderr
    assert "-1" not in one.stdout
    reached = one.stdout.split()[2]
    assert reached != head and reached in run_cli("db", "current", env=env).stdout
    base = run_cli("db", "downgrade", "base", "--yes", env=env)
    assert base.returncode == 0, base.stderr
    assert base.stdout.strip() == "database at base (no tables)"
    assert "claims" not in _tables(db_path)
    up = run_cli("db", "upgrade", env=env)
    assert up.stdout.strip() == f"database at {head} (newest)"


def test_downgrade_asks_in_a_terminal(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    from ..conftest import ROOT

    env, db_path = _migrated(tmp_path)
    before = _tables(db_path)
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "manage.py", "db", "downgrade", "base"], cwd=ROOT, env=env,
                            stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    output = b""
    while b"[y/N]" not in output:
        chunk = os.read(leader, 1024)
        assert chunk, output
        output += chunk
    assert b"EVERY table" in output
    os.write(leader, b"n\n")
    assert proc.wait(timeout=60) == 1
    os.close(leader)
    assert _tables(db_path) == before
