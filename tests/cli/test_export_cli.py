"""`manage.py export` as a researcher runs it: filters that match nothing, and evidence URLs."""
from __future__ import annotations

import csv
import io
import json

import pytest

from claims_app.db import make_engine, make_session_factory

from ..research.data import populate
from .helpers import cli_env, run_cli

FORMATS = ("csv", "jsonl", "claimreview")


@pytest.fixture(scope="module")
def env(backend, request, tmp_path_factory):
    """A migrated database on either engine, holding the research corpus (verdicts, tags, evidence)."""
    from ..conftest import new_database_url

    url = new_database_url(backend, request, tmp_path_factory)
    env = cli_env(tmp_path_factory.mktemp("export"), DATABASE_URL=url)
    up = run_cli("db", "upgrade", env=env)
    assert up.returncode == 0, up.stderr
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        ids = populate(session)
        session.commit()
    engine.dispose()
    env["_IDS"] = json.dumps(ids)
    return env


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("option, value, known", [
    ("--tag", "econmy", "economy"),
    ("--language", "fr", "ar, en, he"),
])
def test_a_filter_no_claim_matches_is_refused_with_the_known_values(env, tmp_path, fmt, option, value, known):
    out = tmp_path / f"claims.{fmt}"
    run = run_cli("export", "--format", fmt, option, value, "-o", str(out), env=env)
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert option in run.stderr and repr(value) in run.stderr and known in run.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []   # no file, not even a temporary one


def test_a_known_tag_and_language_still_export(env):
    run = run_cli("export", "--format", "csv", "--tag", "economy", "--language", "en", env=env)
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert rows and all("economy" in r["tags"] and r["language"] == "en" for r in rows)


def test_evidence_urls_are_in_every_format(env):
    ids = json.loads(env["_IDS"])
    q_en, n_ar = ids["q_en"], ids["n_ar"]
    first = ["https://example.org/labour-survey-2025", 'https://example.org/b?x=1,2&y="q"']
    second = ["https://example.org/تضخم"]

    run = run_cli("export", "--format", "csv", env=env)
    assert run.returncode == 0, run.stderr
    rows = {int(r["claim_id"]): r for r in csv.DictReader(io.StringIO(run.stdout))}
    assert rows[q_en]["evidence_urls"] == "; ".join(first)
    assert rows[n_ar]["evidence_urls"] == second[0]
    assert rows[ids["n_he"]]["evidence_urls"] == ""

    run = run_cli("export", "--format", "jsonl", env=env)
    records = {r["claim_id"]: r for r in map(json.loads, run.stdout.splitlines())}
    assert records[q_en]["evidence_urls"] == first and records[n_ar]["evidence_urls"] == second
    assert records[ids["n_he"]]["evidence_urls"] == []

    run = run_cli("export", "--format", "claimreview", env=env)
    reviews = {r["identifier"]: r for r in json.loads(run.stdout)}
    assert reviews[f"claim-{q_en}"]["citation"] == first
    assert reviews[f"claim-{n_ar}"]["citation"] == second
    assert "citation" not in reviews[f"claim-{ids['n_en']}"]   # a verdict without evidence
