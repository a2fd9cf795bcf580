"""Start-up cost: what a command imports. Times and memory are measured in bench/bench_cli_startup.py."""
from __future__ import annotations

import json
import subprocess
import sys

from ..conftest import ROOT

HEAVY = ("flask", "sqlalchemy", "argon2", "alembic", "werkzeug", "flask_wtf", "flask_admin")

_PROBE = """
import json, runpy, sys
sys.argv = ["manage.py"] + {args!r}
try:
    runpy.run_path("manage.py", run_name="__main__")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = {heavy!r}
print(json.dumps({{"code": code, "loaded": sorted(m for m in heavy if m in sys.modules)}}), file=sys.stderr)
"""


def _modules_after(args: list[str], tmp_path) -> dict:
    env_code = _PROBE.format(args=args, heavy=HEAVY)
    run = subprocess.run([sys.executable, "-c", env_code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={"PATH": "/usr/bin:/bin", "CLAIMS_INSTANCE_DIR": str(tmp_path / "instance")})
    return json.loads(run.stderr.strip().splitlines()[-1]) | {"stdout": run.stdout}


def test_extract_of_files_imports_neither_flask_nor_the_orm(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text('The minister said "we will build 6,000 homes by 2030" on Monday.', encoding="utf-8")
    for fmt in ("jsonl", "table"):
        result = _modules_after(["extract", str(article), "--format", fmt], tmp_path)
        assert result["code"] in (0, None)
        assert "6" in result["stdout"]            # it did extract something
        assert result["loaded"] == [], result["loaded"]


def test_help_and_user_list_compute_no_password_hash(tmp_path):
    assert _modules_after(["--help"], tmp_path)["loaded"] == []
    # user list needs the ORM, but never a password hash: argon2 may be imported, never run
    run = subprocess.run([sys.executable, "-c", (
        "import sys, runpy\n"
        "import argon2\n"
        "def refuse(*a, **k): raise SystemExit('a password was hashed')\n"
        "argon2.PasswordHasher.hash = refuse\n"
        "sys.argv = ['manage.py', 'db', 'upgrade']\n"
        "try: runpy.run_path('manage.py', run_name='__main__')\n"
        "except SystemExit as e: assert not e.code, e.code\n"
        "sys.argv = ['manage.py', 'user', 'list']\n"
        "runpy.run_path('manage.py', run_name='__main__')\n")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "CLAIMS_INSTANCE_DIR": str(tmp_path / "instance")})
    assert run.returncode == 0, run.stderr
    assert "a password was hashed" not in run.stderr
