"""The README's first command: `python manage.py demo` sets everything up, twice without harm."""
from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

from .conftest import ROOT


def _env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env["CLAIMS_INSTANCE_DIR"] = str(tmp_path / "instance")
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_demo_is_idempotent_and_prints_credentials(tmp_path):
    env = _env(tmp_path)
    runs = [subprocess.run([sys.executable, "manage.py", "demo", "--no-serve"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=300) for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert re.search(r"editor\s+username: editor\s+password: \S{8,}", run.stdout), run.stdout
    assert "ingested 5, skipped 0" in runs[0].stdout
    assert "ingested 0, skipped 5" in runs[1].stdout
    db = sqlite3.connect(tmp_path / "instance" / "claims.sqlite3")
    try:
        assert db.execute("select count(*) from articles").fetchone() == (5,)
        assert db.execute("select count(*) from users").fetchone() == (3,)
        assert db.execute("pragma journal_mode").fetchone() == ("wal",)
        claims = db.execute("select count(*) from claims").fetchone()[0]
        assert claims > 0
    finally:
        db.close()
    assert (tmp_path / "instance" / "secret_key").read_text().strip() != ""


def test_demo_serves_the_ui_on_localhost(tmp_path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "manage.py", "demo", "--port", str(port)], cwd=ROOT,
                            env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as response:
                    page = response.read().decode()
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read()
                assert time.monotonic() < deadline, "demo did not start serving in time"
                time.sleep(0.3)
        assert "Sign in" in page
        # every stylesheet and script comes from the app itself: it must work with no internet
        assert not re.search(r'(?:src|href)="(?:https?:)?//', page)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
