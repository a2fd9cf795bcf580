"""Running ``manage.py`` as a user does: a new process, its own environment, text out."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..conftest import ROOT


def cli_env(tmp_path: Path, **extra: str) -> dict:
    """The caller's environment without the database settings, with an instance folder of its own."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "CLAIMS_SQL_READONLY_URL")}
    env["CLAIMS_INSTANCE_DIR"] = str(tmp_path / "instance")
    env.update(extra)
    return env


def run_cli(*args: str, env: dict, input: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, input=input,
                          capture_output=True, text=True, timeout=timeout)
