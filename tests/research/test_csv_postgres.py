"""On PostgreSQL the CSV export comes through COPY, each line rendered by the server: it must be
the Python writer's, byte for byte, for every case (formula characters, quotes, line breaks,
backslashes, tabs, NULLs, numbers with and without fractions), filtered or not."""
from __future__ import annotations

import csv
import io

import pytest

from claims_app.research import csv_postgres
from claims_app.research.export import COLUMN_NAMES
from claims_app.research.readonly import ConsoleSettings

from ..conftest import new_database_url
from .data import engine_and_python_csv, tricky_corpus
from .test_csv_sqlite import NOTES, VALUES

pytestmark = pytest.mark.backend("postgresql")
MORE = ["back\\slash", "tab\tinside", "cr\rinside", "bell\x07 and \x0b and \x0c", "\\n is not a newline",
        "«عربي» \"עברית\"", "-٥٠", "+٥٠ percent"]


@pytest.fixture(scope="module")
def tricky(backend, request, tmp_path_factory) -> ConsoleSettings:
    url = new_database_url("postgresql", request, tmp_path_factory)
    tricky_corpus(url, [n for n in NOTES if n is None or "\uffff" not in n] + MORE, VALUES, evidence=False)
    return ConsoleSettings(database_url=url)


both = engine_and_python_csv


def test_copy_lines_equal_the_python_writer(tricky, monkeypatch):
    copied, rerendered = [], []
    real_copy, real_rerender = csv_postgres.copy_csv_chunks, csv_postgres.rerender_line
    monkeypatch.setattr(csv_postgres, "copy_csv_chunks", lambda *a, **k: copied.append(1) or real_copy(*a, **k))
    monkeypatch.setattr(csv_postgres, "rerender_line", lambda *a: rerendered.append(1) or real_rerender(*a))
    engine, python = both(tricky)
    assert copied and rerendered, "the export must go through COPY and send formula lines back to Python"
    assert engine == python
    rows = list(csv.DictReader(io.StringIO(engine.decode("utf-8-sig"), newline="")))
    notes = [r["verdict_note"] for r in rows]
    assert "'=1+1" in notes and "-12.5" in notes and "back\\slash" in notes and "tab\tinside" in notes
    assert "line\nbreak" in notes and "cr\rinside" in notes
    assert tuple(rows[0]) == COLUMN_NAMES


def test_copy_lines_equal_the_python_writer_in_small_blocks(tricky, monkeypatch):
    real = csv_postgres.copy_csv_chunks
    monkeypatch.setattr(csv_postgres, "copy_csv_chunks", lambda *a, **k: real(*a, **{**k, "rows_per_chunk": 1}))
    engine, python = both(tricky)
    assert engine == python


@pytest.mark.parametrize("filters", [{"status": "verified"}, {"language": "ar"}, {"tag": "-minus"},
                                     {"since": "2000-01-01"}])
def test_filtered_copy_lines_equal_the_python_writer(tricky, filters):
    engine, python = both(tricky, **filters)
    assert engine == python and engine.count(b"\r\n") >= 1
