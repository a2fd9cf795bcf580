"""Hostile article files: one line for each, and the other files still go through."""
from __future__ import annotations

import json

import pytest

from .helpers import cli_env, run_cli

GOOD = 'The minister said "exports grew by 12% to 360 million dollars" on Monday.'


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = {
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "deep-object.json": '{"text": "x", "meta": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}",
        "bigint.json": '{"text": "The budget grew.", "n": ' + "9" * 5000 + "}",
        "bigint.jsonl": json.dumps({"text": GOOD + " again"}) + "\n" + '{"text": "x", "n": ' + "7" * 5000 + "}\n",
        "deep.jsonl": "[" * 100_000 + "]" * 100_000 + "\n",
    }
    for name, text in bad.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder, sorted(bad)


def _error_lines(stderr: str) -> list[str]:
    assert "Traceback" not in stderr, stderr[-2000:]
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def test_ingest_reports_each_hostile_file_in_one_line_and_stores_the_rest(tmp_path, files):
    folder, bad = files
    env = cli_env(tmp_path)
    assert run_cli("db", "upgrade", env=env).returncode == 0
    run = run_cli("ingest", str(folder), env=env, timeout=300)
    assert run.returncode == 1, (run.stdout, run.stderr)
    errors = _error_lines(run.stderr)
    assert len(errors) == len(bad), errors
    for name in bad:
        assert sum(f"{name}:" in line for line in errors) == 1, (name, errors)
    assert "ingested 1," in run.stdout, run.stdout      # good.txt
    assert "failed 5" in run.stdout


def test_extract_reports_each_hostile_file_in_one_line_and_extracts_the_rest(tmp_path, files):
    folder, bad = files
    paths = [str(p) for p in sorted(folder.iterdir())]
    run = run_cli("extract", "--format", "jsonl", *paths, env=cli_env(tmp_path), timeout=300)
    assert run.returncode == 1, (run.stdout, run.stderr)
    errors = _error_lines(run.stderr)
    per_file = [line for line in errors if any(name in line for name in bad)]
    assert len(per_file) == len(bad), errors
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(records) == 1                             # good.txt, and only it
    assert records[0]["numeric_claims"], records[0]
