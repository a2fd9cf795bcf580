"""The export's own SELECT (tags and links aggregated once, read in batches) against v_claims."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from claims_app.claims.models import Tag
from claims_app.db import make_engine, make_session_factory
from claims_app.links.models import ClaimLink
from claims_app.research import export_stream
from claims_app.research.csvout import csv_batches, csv_chunks
from claims_app.research.export import COLUMN_NAMES, EXPORT_COLUMNS, export_chunks, export_query, parse_filters
from claims_app.research.export_sql import EVIDENCE
from claims_app.research.export_stream import open_batches
from claims_app.research.readonly import ConsoleSettings, ReadOnlyConnection

from ..conftest import migrate, new_database_url
from .data import populate


@pytest.fixture(scope="module")
def rich(backend, request, tmp_path_factory) -> dict:
    """The research corpus plus claims with several tags and several links each way."""
    url = new_database_url(backend, request, tmp_path_factory)
    migrate(url)
    engine = make_engine(url)
    from claims_app.claims.models import Claim

    with make_session_factory(engine)() as session:
        ids = populate(session)
        tags = [Tag(name=name) for name in ("zeta", "alpha", "-minus", "beta")]
        session.add_all(tags)
        session.flush()
        session.get(Claim, ids["q_ar"]).tags = tags
        session.get(Claim, ids["n_he"]).tags = tags[:2]
        hub = ids["n_ar"]
        session.add_all([
            ClaimLink(source_id=hub, target_id=ids["q_en"], relation="supports", status="confirmed"),
            ClaimLink(source_id=ids["n_en2"], target_id=hub, relation="updates", status="confirmed"),
            ClaimLink(source_id=ids["q_he"], target_id=hub, relation="contradicts", status="confirmed"),
            ClaimLink(source_id=hub, target_id=ids["n_en"], relation="same_claim", status="confirmed"),
            ClaimLink(source_id=ids["n_neg"], target_id=hub, relation="same_claim", status="dismissed"),
        ])
        session.commit()
    engine.dispose()
    return {"url": url, "ids": ids}


@pytest.fixture
def rich_settings(rich) -> ConsoleSettings:
    return ConsoleSettings(database_url=rich["url"])


def view_rows(settings: ConsoleSettings, where: str = "1 = 1") -> list[tuple]:
    """The export columns straight from v_claims, timestamps formatted as the export does."""
    iso = ("to_char({0}, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')" if settings.dialect == "postgresql"
           else "strftime('%Y-%m-%dT%H:%M:%SZ', {0})")
    columns = [iso.format(name) if kind == "timestamp" else name for name, kind in EXPORT_COLUMNS]
    # evidence URLs are not a column of v_claims: the export adds them from the claim
    columns[COLUMN_NAMES.index("evidence_urls")] = (f"(SELECT {EVIDENCE[settings.dialect]} FROM claims c "
                                                    "WHERE c.id = v_claims.claim_id)")
    with ReadOnlyConnection(settings, timeout=None) as conn:
        cursor = conn.cursor()
        cursor.execute(f"SELECT {', '.join(columns)} FROM v_claims WHERE {where} ORDER BY claim_id")
        return [tuple(row) for row in cursor.fetchall()]


def export_rows(settings: ConsoleSettings, **filters) -> list[tuple]:
    verdicts_only = filters.pop("verdicts_only", False)
    sql, params = export_query(parse_filters(**filters), settings.dialect, verdicts_only=verdicts_only)
    return [tuple(row) for batch in open_batches(settings, sql, params) for row in batch]


def test_the_export_select_gives_every_v_claims_row_unchanged(rich_settings, rich):
    rows = export_rows(rich_settings)
    assert rows == view_rows(rich_settings)
    by_id = {row[0]: dict(zip(COLUMN_NAMES, row)) for row in rows}
    ids = rich["ids"]
    assert by_id[ids["q_ar"]]["tags"] == "-minus; alpha; beta; zeta"
    hub = by_id[ids["n_ar"]]["links"].split("; ")
    expected = sorted([(ids["q_en"], f"supports:{ids['q_en']}"), (ids["n_en2"], f"updated_by:{ids['n_en2']}"),
                       (ids["q_he"], f"contradicts:{ids['q_he']}"), (ids["n_en"], f"same_claim:{ids['n_en']}")])
    assert hub == [item for _, item in expected]
    other_end = sorted([(ids["q_he"], f"translated_as:{ids['q_he']}"), (ids["n_ar"], f"supported_by:{ids['n_ar']}")])
    assert by_id[ids["q_en"]]["links"] == "; ".join(item for _, item in other_end)
    assert by_id[ids["n_en"]]["speaker"] == "Minister Dana Levi"   # through the merged speaker


@pytest.mark.parametrize("filters, where", [
    ({"status": "verified"}, "status = 'verified'"),
    ({"language": "ar", "tag": "alpha"}, "language = 'ar' AND tags LIKE '%alpha%'"),
    ({"since": "2026-03-15"}, "published >= '2026-03-15'"),
    ({"verdicts_only": True}, "verdict IS NOT NULL"),
])
def test_filters_select_the_same_rows_as_on_the_view(rich_settings, filters, where):
    rows = export_rows(rich_settings, **filters)
    assert rows and rows == view_rows(rich_settings, where)


def test_small_batches_stream_the_same_text(rich_settings, monkeypatch):
    whole = b"".join(export_chunks(rich_settings, "csv", parse_filters(), bom=True))
    monkeypatch.setattr(export_stream, "BATCH_ROWS", 3)
    chunks = list(export_chunks(rich_settings, "csv", parse_filters(), bom=True))
    assert len(chunks) > 3 and b"".join(chunks) == whole
    assert whole.decode("utf-8").startswith('\ufeff"claim_id","kind",')
    assert whole.count(b"\r\n") == len(view_rows(rich_settings)) + 1


def test_batches_serialize_exactly_as_rows_do():
    rows = [(1, "=1+1", -12.5, Decimal("60000.0000000000"), None, 60000.0, 1e-05, 1e16, b"\x01\xff"),
            (-3, "-4.5", "say \"hi\", twice", "line\nbreak", "\tx", "@a", "", True, dt.date(2026, 3, 1)),
            (2, "plain", 0.1, -0.0, "+3", "4.5%", "\r", "a=b", dt.datetime(2026, 1, 2, 3, 4, 5))]
    header = [f"c{i}" for i in range(9)]
    expected = "".join(csv_chunks(header, rows, bom=True))
    assert "".join(csv_batches(header, [rows[:1], rows[1:]], bom=True)) == expected
    assert "".join(csv_batches(header, [], bom=False)) == expected[1:expected.index("\r\n") + 2]


def test_every_row_reaches_jsonl_through_the_batches(rich_settings, monkeypatch):
    monkeypatch.setattr(export_stream, "BATCH_ROWS", 4)
    out = io.StringIO()
    for chunk in export_chunks(rich_settings, "jsonl", parse_filters()):
        out.write(chunk.decode("utf-8"))
    assert out.getvalue().count("\n") == len(view_rows(rich_settings))
