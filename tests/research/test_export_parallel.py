"""The SQLite CSV export in worker processes: the same bytes, one snapshot, no stray processes."""
from __future__ import annotations

import sqlite3

import pytest

from claims_app.research import export_parallel
from claims_app.research.export import export_chunks, parse_filters
from claims_app.research.guard import SqlError
from claims_app.research.readonly import ConsoleSettings, sqlite_path

from ..conftest import new_database_url
from .test_csv_sqlite import _corpus

pytestmark = pytest.mark.backend("sqlite")


@pytest.fixture(scope="module")
def corpus(request, tmp_path_factory) -> ConsoleSettings:
    url = new_database_url("sqlite", request, tmp_path_factory)
    _corpus(url)
    return ConsoleSettings(database_url=url)


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks of three ids and no lower bound, so that the small corpus takes the parallel path."""
    monkeypatch.setattr(export_parallel, "BLOCK_IDS", 3)
    monkeypatch.setattr(export_parallel, "MIN_IDS", 1)
    started = []
    real_init = export_parallel._Worker.__init__

    def init(self, uri):
        real_init(self, uri)
        started.append(self)

    monkeypatch.setattr(export_parallel._Worker, "__init__", init)
    return started


def python_csv(settings, **filters) -> bytes:
    return b"".join(export_chunks(settings, "csv", parse_filters(**filters), bom=True, engine_lines=False))


@pytest.mark.parametrize("filters", [{}, {"status": "verified"}, {"language": "ar"}, {"tag": "-minus"}])
def test_workers_write_what_the_python_writer_writes(corpus, small_blocks, monkeypatch, filters):
    repaired = []
    real = export_parallel.repair
    monkeypatch.setattr(export_parallel, "repair", lambda lines, rerender: repaired.append(1) or real(lines, rerender))
    out = b"".join(export_chunks(corpus, "csv", parse_filters(**filters), bom=True, jobs=2))
    assert out == python_csv(corpus, **filters)
    assert len(small_blocks) == 2 and all(w.proc.poll() is not None for w in small_blocks)
    if not filters:
        assert repaired, "suspect lines come back from the workers to be re-rendered"


def test_a_small_export_stays_in_one_process(corpus, monkeypatch):
    started = []
    monkeypatch.setattr(export_parallel, "_Worker", lambda uri: started.append(uri))
    out = b"".join(export_chunks(corpus, "csv", parse_filters(), bom=True, jobs=4))
    assert out == python_csv(corpus) and started == []


def test_a_write_between_the_openings_makes_all_start_again(corpus, small_blocks, monkeypatch):
    opened = []
    real_ask = export_parallel._Worker.ask

    def ask(self, request):
        if request["op"] == "begin":
            opened.append(1)
            if len(opened) == 1:   # the first worker opens after an editor's change landed
                with sqlite3.connect(sqlite_path(corpus.database_url)) as rw:
                    rw.execute("INSERT INTO tags (name, key, created_at) VALUES (?, ?, '2026-01-01 00:00:00')",
                               (f"late {len(opened)}",) * 2)
        real_ask(self, request)

    monkeypatch.setattr(export_parallel._Worker, "ask", ask)
    out = b"".join(export_chunks(corpus, "csv", parse_filters(), bom=True, jobs=2))
    assert len(opened) == 4   # two workers, twice
    assert out == python_csv(corpus)


def test_a_database_that_keeps_changing_falls_back_to_one_process(corpus, small_blocks, monkeypatch):
    monkeypatch.setattr(export_parallel, "FINGERPRINT", "SELECT random()")
    assert export_parallel.parallel_csv(corpus, [("claim_id", "int")], [], {}, jobs=2) is None
    assert small_blocks and all(w.proc.poll() is not None for w in small_blocks)
    assert b"".join(export_chunks(corpus, "csv", parse_filters(), jobs=2)) == \
        b"".join(export_chunks(corpus, "csv", parse_filters(), engine_lines=False))


def test_a_worker_that_dies_is_a_clear_error(corpus, small_blocks, monkeypatch):
    monkeypatch.setattr(export_parallel, "WORKER", "import sys; sys.exit(3)")
    with pytest.raises(SqlError, match=r"exit code 3\); run the export again with --jobs 1"):
        export_chunks(corpus, "csv", parse_filters(), jobs=2)
    assert all(w.proc.poll() is not None for w in small_blocks)


def test_a_worker_error_is_reported_with_its_message(corpus, small_blocks, monkeypatch):
    real_ask = export_parallel._Worker.ask
    monkeypatch.setattr(export_parallel._Worker, "ask", lambda self, request: real_ask(
        self, request | {"sql": "SELECT no_such_column FROM claims"} if request["op"] == "lines" else request))
    chunks = export_chunks(corpus, "csv", parse_filters(), jobs=2)
    next(chunks)   # the header
    with pytest.raises(SqlError, match="an export worker failed: OperationalError: no such column"):
        next(chunks)
    assert all(w.proc.poll() is not None for w in small_blocks)


def test_stopping_a_download_early_stops_the_workers(corpus, small_blocks):
    chunks = export_chunks(corpus, "csv", parse_filters(), jobs=2)
    next(chunks)
    next(chunks)
    chunks.close()
    assert len(small_blocks) == 2 and all(w.proc.poll() is not None for w in small_blocks)


def test_a_nul_in_the_data_keeps_the_export_in_one_process(request, tmp_path_factory, small_blocks):
    url = new_database_url("sqlite", request, tmp_path_factory)
    _corpus(url)
    with sqlite3.connect(sqlite_path(url)) as rw:
        rw.execute("UPDATE claims SET metric = 'a' || char(0) || 'b' WHERE id = 2")
    settings = ConsoleSettings(database_url=url)
    out = b"".join(export_chunks(settings, "csv", parse_filters(), jobs=2))
    assert small_blocks == [] and b"a\x00b" in out
    assert out == b"".join(export_chunks(settings, "csv", parse_filters(), engine_lines=False))
