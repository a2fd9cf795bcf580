"""A second `demo` while the first one serves must leave the first one's passwords working."""
from __future__ import annotations

import socket
import sqlite3

from .helpers import cli_env, run_cli


def _hashes(db_path) -> dict:
    db = sqlite3.connect(db_path)
    try:
        return dict(db.execute("select username, password_hash from users"))
    finally:
        db.close()


def test_demo_on_a_busy_port_changes_nothing(tmp_path):
    env = cli_env(tmp_path)
    first = run_cli("demo", "--no-serve", env=env, timeout=300)
    assert first.returncode == 0, first.stderr
    db_path = tmp_path / "instance" / "claims.sqlite3"
    before = _hashes(db_path)
    assert set(before) == {"admin", "editor", "researcher"}
    with socket.socket() as running:            # stands in for the demo that is serving
        running.bind(("127.0.0.1", 0))
        running.listen()
        port = running.getsockname()[1]
        second = run_cli("demo", "--port", str(port), env=env, timeout=120)
    assert second.returncode == 1, (second.stdout, second.stderr)
    assert f"port {port}" in second.stderr and "--port" in second.stderr
    assert "Traceback" not in second.stderr and len(second.stderr.strip().splitlines()) == 1
    assert "password:" not in second.stdout     # no new passwords were printed...
    assert _hashes(db_path) == before           # ...nor set


def test_serve_on_a_busy_port_is_one_line(tmp_path):
    env = cli_env(tmp_path)
    assert run_cli("db", "upgrade", env=env).returncode == 0
    with socket.socket() as running:
        running.bind(("127.0.0.1", 0))
        running.listen()
        port = running.getsockname()[1]
        run = run_cli("serve", "--port", str(port), env=env, timeout=60)
    assert run.returncode == 1 and f"port {port}" in run.stderr, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
