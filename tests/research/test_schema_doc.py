"""docs/schema.md and the database agree: every view, every column, in order, and every example runs."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import inspect

from claims_app.db import make_engine
from claims_app.research.examples import EXAMPLES
from claims_app.research.export import COLUMN_NAMES
from claims_app.research.readonly import sqlite_path
from claims_app.research.sql import run_query

DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def documented() -> dict[str, dict]:
    """{section: {"columns": [...], "sql": [...]}} for every '## name' section of the document."""
    sections: dict[str, dict] = {}
    current = None
    in_sql = False
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), {"columns": [], "sql": []})
        elif line.startswith("```sql"):
            in_sql = True
            current["sql"].append("")
        elif line.startswith("```"):
            in_sql = False
        elif in_sql:
            current["sql"][-1] += line + "\n"
        elif current is not None and (m := re.match(r"^\| `(\w+)` \|", line)):
            current["columns"].append(m.group(1))
    return sections


def view_sections() -> dict[str, dict]:
    return {name: s for name, s in documented().items() if name.startswith("v_")}


def test_every_view_in_the_database_is_documented_and_no_other(research_url):
    engine = make_engine(research_url)
    views = set(inspect(engine).get_view_names())
    engine.dispose()
    assert views == set(view_sections())


@pytest.mark.parametrize("view", sorted(view_sections()))
def test_documented_columns_match_the_view(research_url, view):
    engine = make_engine(research_url)
    columns = [c["name"] for c in inspect(engine).get_columns(view)]
    engine.dispose()
    assert columns == view_sections()[view]["columns"]


@pytest.mark.parametrize("view", sorted(view_sections()))
def test_each_view_has_an_example_that_runs_and_finds_rows(settings, view):
    examples = view_sections()[view]["sql"]
    assert examples, f"{view} has no example query"
    for sql in examples:
        result = run_query(settings, sql)
        assert result.rows, sql


def test_export_columns_are_documented_in_order():
    assert documented()["Export columns"]["columns"] == list(COLUMN_NAMES)


def test_verified_claims_are_the_claims_with_a_verdict(settings):
    with_verdict = run_query(settings, "SELECT claim_id FROM v_claims WHERE verdict IS NOT NULL ORDER BY claim_id")
    verified = run_query(settings, "SELECT claim_id FROM v_verified_claims ORDER BY claim_id")
    assert verified.rows == with_verdict.rows and len(verified.rows) == 7
    mismatch = run_query(settings, "SELECT count(*) FROM v_verified_claims WHERE status <> verdict")
    assert mismatch.rows == [(0,)]


def test_merged_speakers_resolve_to_the_surviving_one(settings, ids):
    result = run_query(settings, f"SELECT speaker_id, speaker FROM v_claims WHERE claim_id = {ids['q_en']}")
    assert result.rows == [(ids["minister"], "Minister Dana Levi")]
    merged = run_query(settings, f"SELECT canonical_speaker_id, aliases FROM v_speakers WHERE speaker_id = {ids['old_name']}")
    assert merged.rows == [(ids["minister"], "D. Levi")]


def test_tags_and_links_are_listed_in_order(settings, ids):
    result = run_query(settings, f"SELECT tags, links FROM v_claims WHERE claim_id = {ids['n_en2']}")
    assert result.rows == [("=cmd|' /C calc'!A0; economy", f"contradicts:{ids['n_en']}")]
    result = run_query(settings, f"SELECT links FROM v_claims WHERE claim_id = {ids['q_en']}")
    assert result.rows == [(f"translated_as:{ids['q_he']}",)]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.query_id)
def test_saved_examples_run(settings, example):
    assert run_query(settings, example.sql).rows


@pytest.mark.backend("sqlite")
def test_the_sqlite_shell_lists_the_views_and_runs_a_documented_query(research_url, backend):
    shell = shutil.which("sqlite3")
    if shell is None:
        pytest.fail("the sqlite3 shell is not installed (Debian: apt-get install -y sqlite3)")
    path = sqlite_path(research_url)
    listed = subprocess.run([shell, "-readonly", path, ".tables v_%"], capture_output=True, text=True,
                            timeout=30, check=True).stdout.split()
    assert sorted(listed) == sorted(view_sections())
    query = view_sections()["v_claim_links"]["sql"][0]
    out = subprocess.run([shell, "-readonly", "-csv", path], input=query, capture_output=True, text=True,
                         timeout=30, check=True).stdout
    assert "unemployment fell" not in out and "4.5%" in out and "6%" in out
