"""Every benchmark under bench/ runs to the end at its smallest size.

Benchmarks are not run by the suite for their figures (speed is not asserted in tests), but a
benchmark that no longer starts after a schema change measures nothing: this runs each one on a
tiny input in a new process and checks that it exits 0 and prints its figures.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# (script, arguments for a run of a few seconds, a text its figures line contains, needs PostgreSQL)
RUNS = [
    ("bench_extraction.py", ["--mb", "0.05", "--synthetic-mb", "0.05", "--adversarial-chars", "20000"], "MB/s", False),
    ("bench_ingest.py", ["--count", "40", "--window", "10", "--jobs", "1"], "articles/s", False),
    ("bench_export.py", ["--claims", "3000", "--jobs", "1"], "rows/s", False),
    ("bench_review_queue.py", ["--claims", "3000", "--runs", "2"], "ms", False),
    ("bench_search.py", ["--articles", "60"], "ms", False),
    ("bench_links.py", ["--claims", "3000", "--runs", "2", "--big", "20", "20", "--db", "{tmp}/links.sqlite3"],
     "ms", False),
    ("bench_console.py", ["--attackers", "1", "--seconds", "2"], "p95", False),
    ("bench_cli_startup.py", ["--repeat", "1"], "MB", False),
    ("load_editors.py", ["--editors", "2", "--seconds", "3", "--workers", "1", "--review-articles", "4",
                         "--ingest-articles", "4"], "p95", False),
    ("bench_export_postgres.py", ["--claims", "3000"], "rows/s", True),
    ("bench_ingest.py", ["--count", "30", "--window", "10", "--jobs", "1", "--postgres"], "articles/s", True),
]


def test_every_benchmark_is_listed():
    listed = {script for script, *_ in RUNS} | {"corpus.py", "benchdb.py", "bench_review_keyboard.py"}
    # bench_review_keyboard drives Chromium over the seeds; the browser tests cover that path
    assert {p.name for p in (ROOT / "bench").glob("*.py")} <= listed


@pytest.mark.parametrize("script,args,figure,postgres", RUNS,
                         ids=[f"{s}{'-pg' if pg else ''}" for s, _, _, pg in RUNS])
def test_benchmark_runs_at_its_smallest_size(script, args, figure, postgres, tmp_path, request):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    env.pop("CLAIMS_BENCH_POSTGRES_URL", None)
    if postgres:   # the suite's server (it fails in CI, and skips elsewhere, when PostgreSQL is missing)
        env["CLAIMS_BENCH_POSTGRES_URL"] = request.getfixturevalue("pg_server_url")
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{script} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    assert figure in done.stdout, done.stdout[-2000:]
