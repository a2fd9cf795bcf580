"""On SQLite the CSV lines are rendered by the engine: they must be the Python writer's, byte for byte.

The corpus holds every case the engine hands back to Python (text starting with a formula
character, plain-number text, reals without a short form, a NUL) and every case it renders
itself (quotes, commas, line breaks, empty text, NULLs, negative and fractional numbers).
"""
from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from sqlalchemy import text

from claims_app.db import make_engine
from claims_app.research import csv_sqlite, export_stream
from claims_app.research.export import COLUMN_NAMES
from claims_app.research.readonly import ConsoleSettings

from ..conftest import new_database_url
from .data import engine_and_python_csv, tricky_corpus

pytestmark = pytest.mark.backend("sqlite")

NOTES = ["-12.5", "+3", "-12.5 percent", "=1+1", "@a", "\tx", "\rx", "-", "1,,2", 'say "hi", twice',
         "line\nbreak", "", None, "ends with a comma,", "\uffff inside", "a\"=b", "plain"]
VALUES = [Decimal("0.1"), Decimal("-0.5"), Decimal("0.00001"), Decimal("60000"), Decimal("123456789.1234567891"),
          Decimal("0"), Decimal("2.5"), Decimal("-75.63"), Decimal("1E+16"), Decimal("1234567.5"), None]


def _corpus(url: str) -> dict:
    return tricky_corpus(url, NOTES, VALUES)


@pytest.fixture(scope="module")
def tricky(request, tmp_path_factory) -> ConsoleSettings:
    url = new_database_url("sqlite", request, tmp_path_factory)
    _corpus(url)
    return ConsoleSettings(database_url=url)


both = engine_and_python_csv


def test_engine_lines_equal_the_python_writer(tricky, monkeypatch):
    repaired = []
    real_repair = csv_sqlite.repair
    monkeypatch.setattr(csv_sqlite, "repair", lambda lines, rerender: repaired.append(1) or real_repair(lines, rerender))
    engine, python = both(tricky)
    assert engine == python
    assert repaired, "the corpus must send lines back to Python"
    rows = list(csv.DictReader(io.StringIO(engine.decode("utf-8-sig"), newline="")))
    notes = [r["verdict_note"] for r in rows]
    assert "'=1+1" in notes and "-12.5" in notes and "'-12.5 percent" in notes and 'say "hi", twice' in notes
    assert tuple(rows[0]) == COLUMN_NAMES


def test_engine_lines_equal_the_python_writer_batch_by_batch(tricky, monkeypatch):
    monkeypatch.setattr(export_stream, "BATCH_ROWS", 2)
    engine, python = both(tricky)
    assert engine == python


@pytest.mark.parametrize("filters", [{"status": "verified"}, {"language": "ar"}, {"tag": "-minus"}])
def test_filtered_engine_lines_equal_the_python_writer(tricky, filters):
    engine, python = both(tricky, **filters)
    assert engine == python and engine.count(b"\r\n") > 1


def test_numbers_are_bare_and_text_quoted(tricky):
    engine, _ = both(tricky)
    lines = engine.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith('"claim_id","kind","status"')
    assert any(',-75.63,' in line for line in lines) and any(',0.00001,' in line for line in lines)
    assert any(',123456789.123456789' in line or ',123456789.12345679' in line for line in lines)


def test_a_nul_character_sends_the_whole_export_to_python(request, tmp_path_factory):
    url = new_database_url("sqlite", request, tmp_path_factory)
    _corpus(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE claims SET verdict_note = 'before' || char(0) || 'after' WHERE id = 1"))
    engine.dispose()
    settings = ConsoleSettings(database_url=url)
    exported, python = both(settings)
    assert exported == python
    assert "before\x00after".encode() in exported


def test_a_suspect_line_whose_claim_is_gone_is_left_out():
    lines = [b'1,"plain"', b'2,"=1+1"', b'3,"fine"']
    assert csv_sqlite.repair(list(lines), lambda ids: []) == b'1,"plain"\r\n3,"fine"\r\n'
    assert csv_sqlite.repair(list(lines), lambda ids: [(2, "=1+1")]) == b'1,"plain"\r\n2,"\'=1+1"\r\n3,"fine"\r\n'
