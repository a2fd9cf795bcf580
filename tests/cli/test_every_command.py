"""Every command of manage.py, run once the way a user runs it, in a new process.

Commands import what they need when they run (so that start-up stays cheap): an import or
mapper error then shows only when the command runs, so each one is run here.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from claims_app.cli import main

from ..conftest import ROOT, SEEDS
from .helpers import cli_env, run_cli
from .test_database_url import _leaf_commands

SEED = str(sorted(SEEDS.glob("*.txt"))[0])
# In order: each step's command, its arguments, and a text its output must contain.
STEPS = [
    (("db", "upgrade"), [], "database at"),
    (("db", "current"), [], "(newest)"),
    (("ingest",), [SEED], "ingested 1,"),
    (("extract",), [SEED, "--format", "jsonl"], '"quotes"'),
    (("extract",), ["--all"], "added"),
    (("user", "create"), ["alice", "--role", "editor", "--password", "long-enough-1"], "created editor"),
    (("user", "set-password"), ["alice", "--password", "another-one-22"], "password changed"),
    (("user", "list"), [], "alice\teditor\tactive"),
    (("sql",), ["SELECT count(*) AS n FROM v_claims", "--format", "csv"], '"n"'),
    (("export",), ["--format", "jsonl"], '"claim_id"'),
    (("links", "suggest"), ["--all"], "new suggestions"),
    (("export", "links"), [], ""),
    (("db", "downgrade"), ["--yes"], "database at"),
    (("db", "upgrade"), [], "(newest)"),
]
ELSEWHERE = {("serve",): "below", ("demo",): "tests/test_demo.py",
             ("db", "create-readonly-role"): "tests/research/test_sql_safety_uses.py (PostgreSQL only)",
             ("backup",): "tests/ops/test_backup_restore.py", ("restore",): "tests/ops/test_backup_restore.py"}


def test_every_command_runs_in_a_new_process(tmp_path):
    assert set(_leaf_commands(main)) == {command for command, _a, _t in STEPS} | set(ELSEWHERE)
    env = cli_env(tmp_path)
    for command, args, expected in STEPS:
        run = run_cli(*command, *args, env=env, timeout=300)
        assert run.returncode == 0, (command, run.stdout[-1000:], run.stderr[-3000:])
        assert expected in run.stdout, (command, run.stdout[-1000:])
        assert "Traceback" not in run.stderr, (command, run.stderr[-3000:])


def test_serve_answers_on_its_port(tmp_path):
    env = cli_env(tmp_path)
    assert run_cli("db", "upgrade", env=env).returncode == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "manage.py", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert proc.poll() is None, proc.stdout.read()
                assert time.monotonic() < deadline, "serve did not answer in time"
                time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
