"""``manage.py sql`` and ``manage.py export``: the same runner and serializer as the web pages."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from claims_app.cli import main


@pytest.fixture
def run(research_url, readonly_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", research_url)
    if readonly_url:
        monkeypatch.setenv("CLAIMS_SQL_READONLY_URL", readonly_url)
    monkeypatch.setenv("CLAIMS_INSTANCE_DIR", str(tmp_path / "instance"))
    monkeypatch.setenv("CLAIMS_SQL_TIMEOUT", "5")
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


def test_sql_examples_are_listed(run):
    result = run("sql", "--examples")
    assert result.exit_code == 0
    for query_id in ("verified-figures-by-speaker", "disagreeing-figures", "speaker-quotes-over-time"):
        assert query_id in result.output


def test_sql_formats(run, ids):
    query = "SELECT claim_id, value, exact FROM v_claims WHERE kind = 'numeric' ORDER BY claim_id"
    as_csv = run("sql", query, "--format", "csv")
    rows = list(csv.reader(io.StringIO(as_csv.stdout, newline="")))
    assert rows[0] == ["claim_id", "value", "exact"] and len(rows) == 7
    assert [str(ids["n_neg"]), "-12.5", "'-12.5 percent"] in rows
    as_json = json.loads(run("sql", query, "--format", "json").stdout)
    assert {"claim_id": ids["n_neg"], "value": -12.5, "exact": "-12.5 percent"} in as_json
    table = run("sql", "SELECT count(*) AS n FROM v_claims")
    assert table.exit_code == 0 and "10" in table.stdout


def test_sql_reads_stdin_and_runs_examples(run):
    assert "unemployment rate" in run("sql", "-", "--format", "csv", input="SELECT metric FROM v_numeric_claims").stdout
    assert "unemployment rate" in run("sql", "--example", "disagreeing-figures", "--format", "csv").stdout


@pytest.mark.parametrize("args, message", [
    (["sql", "DELETE FROM claims"], "not 'DELETE'"),
    (["sql", "SELECT * FROM nowhere"], "SQL error"),
    (["sql", "--example", "nope"], "--example 'nope' is not a saved query"),
    (["sql"], "no QUERY given"),
])
def test_sql_errors_are_one_line_and_fail(run, args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_export_writes_the_file_atomically(run, tmp_path):
    target = tmp_path / "verified.csv"
    result = run("export", "--status", "verified", "--tag", "economy", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert {r["status"] for r in rows} == {"verified"} and len(rows) == 2
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "instance") == ["verified.csv"]


def test_export_formats_to_stdout(run):
    lines = run("export", "--format", "jsonl", "--language", "he").stdout.splitlines()
    assert [json.loads(line)["language"] for line in lines] == ["he", "he"]
    reviews = json.loads(run("export", "--format", "claimreview", "--since", "2026-04-01").stdout)
    assert [r["itemReviewed"]["inLanguage"] for r in reviews] == ["ar", "ar"]


@pytest.mark.parametrize("args, message", [
    (["--since", "2026-02-30"], "--since '2026-02-30' is not a date"),
    (["--format", "xlsx"], "--format 'xlsx' is not an export format"),
    (["--status", "good"], "--status 'good' is not a status"),
    (["-o", "/nonexistent-dir/out.csv"], "-o /nonexistent-dir/out.csv: cannot write there"),
])
def test_export_bad_input_is_one_line_and_writes_nothing(run, tmp_path, args, message):
    result = run("export", *args)
    assert result.exit_code == 1
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]
    assert message in result.stderr
    assert result.stdout == ""


def test_export_bad_input_leaves_no_file(run, tmp_path):
    target = tmp_path / "out.csv"
    result = run("export", "--until", "soon", "-o", str(target))
    assert result.exit_code == 1 and not target.exists()
