"""Parallel ingest: N extraction processes store what one process stores; several ingest
processes over one folder on PostgreSQL store each article once, with all its candidates;
``kill -9`` of a bulk SQLite ingest leaves a sound database that a re-run completes."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from claims_app.db import make_engine, make_session_factory
from claims_app.ingest.runner import ingest_paths

from ..conftest import ROOT, migrate, new_database_url
from .helpers import stored_picture, write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 40, per_file=5)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """What one process stores for the corpus (SQLite): sha256 -> claims."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.sqlite3'}"
    migrate(url)
    engine = make_engine(url)
    summary = ingest_paths([corpus], make_session_factory(engine), max_bytes=5 << 20, jobs=1,
                           echo=lambda *a, **k: None)
    engine.dispose()
    assert summary.ingested == 40 and not summary.failed
    picture = stored_picture(url)
    assert sum(len(c) for c in picture.values()) > 200
    return picture


def _manage(url: str, *args: str, **popen) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "test"}
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **popen)


def test_two_extraction_processes_store_what_one_does(backend, request, tmp_path_factory, corpus, reference):
    url = new_database_url(backend, request, tmp_path_factory)
    migrate(url)
    engine = make_engine(url)
    summary = ingest_paths([corpus], make_session_factory(engine), max_bytes=5 << 20, jobs=2,
                           echo=lambda *a, **k: None)
    engine.dispose()
    assert (summary.ingested, summary.failed) == (40, [])
    assert stored_picture(url) == reference


@pytest.mark.backend("postgresql")
def test_three_ingest_processes_over_one_folder_store_each_article_once(backend, request, tmp_path_factory,
                                                                        corpus, reference):
    url = new_database_url(backend, request, tmp_path_factory)
    migrate(url)
    procs = [_manage(url, "ingest", "--jobs", "1", str(corpus)) for _ in range(3)]
    outputs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
    ingested = [int(out.rsplit("ingested ", 1)[1].split(",")[0]) for out, _ in outputs]
    assert sum(ingested) == 40          # each article stored by exactly one of them
    assert stored_picture(url) == reference


@pytest.mark.backend("sqlite")
def test_kill_9_during_a_bulk_ingest_leaves_whole_articles_and_a_rerun_completes(request, tmp_path_factory,
                                                                                  corpus, reference):
    url = new_database_url("sqlite", request, tmp_path_factory)
    migrate(url)
    path = url.removeprefix("sqlite:///")
    rnd = random.Random(15)
    for _ in range(10):
        proc = _manage(url, "ingest", "--jobs", "2", str(corpus), start_new_session=True)
        time.sleep(rnd.uniform(0.8, 4.0))
        os.killpg(proc.pid, signal.SIGKILL)   # the writer and its extraction workers at once
        proc.communicate(timeout=60)
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
        stored = stored_picture(url)
        for sha, claims in stored.items():   # every stored article has all its candidates
            assert claims == reference[sha]
    proc = _manage(url, "ingest", "--jobs", "2", str(corpus))
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert stored_picture(url) == reference
