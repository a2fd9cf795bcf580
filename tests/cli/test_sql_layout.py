"""`manage.py sql` on wide results: readable in a pipe, a file, and a narrow terminal."""
from __future__ import annotations

import csv
import io
import os
import pty
import subprocess
import sys

import pytest

from ..conftest import ROOT, SEEDS
from .helpers import cli_env, run_cli

QUERY = "SELECT * FROM v_claims ORDER BY claim_id LIMIT 2"   # the console reads the documented views only


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    env = cli_env(tmp_path_factory.mktemp("sql"))
    assert run_cli("db", "upgrade", env=env).returncode == 0
    ingest = run_cli("ingest", str(sorted(SEEDS.glob("*.txt"))[0]), env=env, timeout=300)
    assert ingest.returncode == 0, ingest.stderr
    return env


def test_a_wide_result_piped_to_a_file_is_csv_with_every_value(env):
    run = run_cli("sql", QUERY, env=env)
    assert run.returncode == 0, run.stderr
    rows = list(csv.reader(io.StringIO(run.stdout)))
    header, body = rows[0], rows[1:]
    assert len(body) == 2 and {"claim_id", "exact", "status", "kind"} <= set(header)
    exact = body[0][header.index("exact")]
    assert len(exact) > 3 and body[0][header.index("claim_id")].isdigit()
    assert "2 rows" in run.stderr


def _in_terminal(env, columns: int) -> str:
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "manage.py", "sql", QUERY], cwd=ROOT,
                            env=env | {"COLUMNS": str(columns), "TERM": "dumb"},
                            stdin=follower, stdout=follower, stderr=subprocess.DEVNULL)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:   # the terminal closes with the process
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert proc.wait(timeout=60) == 0
    return output.decode("utf-8", "replace")


def test_a_wide_result_in_a_narrow_terminal_is_one_block_per_row(env):
    csv_run = run_cli("sql", QUERY, env=env)
    rows = list(csv.reader(io.StringIO(csv_run.stdout)))
    header, first = rows[0], rows[1]
    shown = _in_terminal(env, 80)
    assert "row 1" in shown and "row 2" in shown
    lines = shown.splitlines()
    for column, value in zip(header, first):
        line = next((ln for ln in lines if ln.split("|")[0].strip() == column), None)
        assert line is not None, column
        if value and "\n" not in value:
            assert line.split("|", 1)[1].strip() == value.strip(), column


def test_extract_into_a_pipe_writes_every_candidate_in_full(tmp_path):
    """A table is cut to the terminal's width; a pipe or file gets JSON Lines unless a table is asked for."""
    import json

    long_quote = "we will build " + " and ".join(f"{n} new homes in district {n}" for n in range(100, 112))
    article = tmp_path / "a.txt"
    article.write_text(f'The minister said: "{long_quote}." on Monday.', encoding="utf-8")
    run = run_cli("extract", str(article), env=cli_env(tmp_path))
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout.splitlines()[0])
    assert any(long_quote in q["text"] for q in record["quotes"])
    assert {n["text"] for n in record["numeric_claims"]} >= {"100", "111"}
