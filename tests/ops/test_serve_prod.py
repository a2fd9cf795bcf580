"""``manage.py serve --prod`` runs gunicorn with the shipped gunicorn.conf.py, on the loopback."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from ..conftest import ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.backend("sqlite")
def test_serve_prod_answers_health_and_pages_through_gunicorn(database_url, tmp_path):
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "test", "CLAIMS_INSTANCE_DIR": str(tmp_path),
           "CLAIMS_LOG_FORMAT": "json"}
    proc = subprocess.Popen([sys.executable, "manage.py", "serve", "--prod", "--workers", "2", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        body = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                    body = json.loads(response.read())
                    break
            except OSError:
                time.sleep(0.3)
        assert body == {"status": "ok", "database": "ok", "migrations": "head"}, proc.poll()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as response:
            assert response.status == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert "gunicorn" in out
    assert "Booting worker" in err          # gunicorn's own log, not Werkzeug's
    requests = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert any(r.get("path") == "/login" and r.get("status") == 200 for r in requests), err
