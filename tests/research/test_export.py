"""Exports: RFC 4180 CSV that round-trips Arabic and Hebrew, formulas neutralised, filters equal to SQL."""
from __future__ import annotations

import csv
import io
import json
import os
from decimal import Decimal

import pytest

from claims_app.research.csvout import csv_chunks, escape_text
from claims_app.research.export import (COLUMN_NAMES, ExportInputError, export_chunks, parse_filters,
                                        write_atomically)
from claims_app.research.sql import run_query


def export_text(settings, fmt="csv", **filters) -> str:
    return b"".join(export_chunks(settings, fmt, parse_filters(**filters))).decode("utf-8")


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"),
    ("+1+1", "'+1+1"),
    ("-1+1", "'-1+1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("-12.5", "-12.5"),
    ("-7", "-7"),
    ("+3", "+3"),
    ("-0.25", "-0.25"),
    ("1,234.5", "1,234.5"),
    ("-12.5 percent", "'-12.5 percent"),
    ("4.5%", "4.5%"),
    ("plain text", "plain text"),
    ("a=b", "a=b"),
    ("", ""),
])
def test_formula_injection_table(value, expected):
    assert escape_text(value) == expected


def test_negative_numbers_stay_numbers_in_the_csv():
    text = "".join(csv_chunks(["value", "note"], [(Decimal("-75.63"), "-75.63"), (-3, "=2-5"), (1.5, None)]))
    assert text == '"value","note"\r\n-75.63,"-75.63"\r\n-3,"\'=2-5"\r\n1.5,""\r\n'


def test_csv_is_rfc_4180():
    text = "".join(csv_chunks(["a", "b"], [('say "hi", twice', "line\nbreak")]))
    assert text == '"a","b"\r\n"say ""hi"", twice","line\nbreak"\r\n'


def test_arabic_and_hebrew_round_trip_through_the_csv(settings, ids):
    rows = {int(r["claim_id"]): r for r in read_csv(export_text(settings))}
    assert rows[ids["q_ar"]]["exact"] == "ارتفع التضخم إلى 7% هذا العام"
    assert rows[ids["q_ar"]]["article_title"] == "الميزانية"
    assert rows[ids["q_he"]]["exact"] == "האבטלה ירדה ל-4% בשנה שעברה"
    assert rows[ids["q_he"]]["speaker_as_written"] == "השר"
    assert rows[ids["q_he"]]["suffix"].startswith('" במסיבת העיתונאים. לפי הדו"ח')


def test_the_excel_download_alone_starts_with_a_bom(settings):
    plain = export_text(settings)
    excel = b"".join(export_chunks(settings, "csv", parse_filters(), bom=True)).decode("utf-8")
    assert not plain.startswith("\ufeff") and excel.startswith("\ufeff")
    assert excel[1:] == plain
    assert excel.encode("utf-8").startswith(b"\xef\xbb\xbf")


def test_export_cells_are_escaped_and_numbers_untouched(settings, ids):
    rows = {int(r["claim_id"]): r for r in read_csv(export_text(settings))}
    assert rows[ids["n_formula"]]["exact"] == '\'=HYPERLINK("http://x")'
    assert rows[ids["n_en2"]]["tags"] == "'=cmd|' /C calc'!A0; economy"
    assert rows[ids["n_neg"]]["value"] == "-12.5"
    assert rows[ids["n_en2"]]["value"] == "6"
    assert rows[ids["n_en"]]["value"] == "4.5"
    assert rows[ids["n_en"]]["reviewed_at"] == "2026-11-20T09:30:00Z"
    assert rows[ids["n_en"]]["published"] == "2026-03-01"


def test_export_header_is_the_documented_columns(settings):
    assert tuple(read_csv(export_text(settings))[0].keys()) == COLUMN_NAMES


@pytest.mark.parametrize("filters, where", [
    ({}, "1 = 1"),
    ({"status": "verified"}, "status = 'verified'"),
    ({"language": "ar"}, "language = 'ar'"),
    ({"tag": "economy"}, "tags LIKE '%economy%'"),
    ({"since": "2026-03-15"}, "published >= '2026-03-15'"),
    ({"until": "2026-03-01", "status": "verified"}, "published <= '2026-03-01' AND status = 'verified'"),
    ({"since": "2026-01-01", "until": "2026-12-31", "tag": "economy"},
     "published BETWEEN '2026-01-01' AND '2026-12-31' AND tags LIKE '%economy%'"),
])
def test_a_filtered_export_matches_the_same_query_in_sql(settings, filters, where):
    exported = [int(r["claim_id"]) for r in read_csv(export_text(settings, **filters))]
    expected = [row[0] for row in run_query(settings, f"SELECT claim_id FROM v_claims WHERE {where} ORDER BY claim_id").rows]
    assert exported == expected and expected


def test_jsonl_has_exact_numbers_lists_and_every_row(settings, ids):
    lines = export_text(settings, "jsonl").splitlines()
    records = {r["claim_id"]: r for r in map(lambda line: json.loads(line, parse_float=Decimal), lines)}
    assert len(records) == len(read_csv(export_text(settings)))
    assert records[ids["n_neg"]]["value"] == Decimal("-12.5")
    assert records[ids["n_en"]]["tags"] == ["economy"]
    assert records[ids["n_en"]]["links"] == [{"relation": "contradicts", "claim_id": ids["n_en2"]}]
    assert records[ids["q_ar"]]["exact"] == "ارتفع التضخم إلى 7% هذا العام"


def test_claimreview_covers_the_claims_with_a_verdict(settings, ids):
    reviews = json.loads(export_text(settings, "claimreview"))
    assert len(reviews) == 7
    by_id = {r["identifier"]: r for r in reviews}
    review = by_id[f"claim-{ids['q_ar']}"]
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "ارتفع التضخم إلى 7% هذا العام"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Misleading", "ratingValue": 2,
                                      "bestRating": 5, "worstRating": 1}
    assert review["datePublished"] == "2026-11-20"
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"] == {"@type": "Person", "name": "الوزير"}
    assert item["appearance"]["url"] == "https://example.org/1"
    assert item["appearance"]["datePublished"] == "2026-04-02"
    assert review["author"]["@type"] == "Organization"
    figure = by_id[f"claim-{ids['n_en2']}"]
    assert figure["reviewRating"]["alternateName"] == "False"
    assert "6%" in figure["claimReviewed"]


@pytest.mark.parametrize("kwargs, message", [
    ({"since": "2026-13-01"}, "--since '2026-13-01' is not a date"),
    ({"until": "yesterday"}, "--until 'yesterday' is not a date"),
    ({"status": "true"}, "--status 'true' is not a status"),
    ({"since": "2026-05-01", "until": "2026-01-01"}, "is after --until"),
])
def test_bad_filters_name_the_input(kwargs, message):
    with pytest.raises(ExportInputError, match=message):
        parse_filters(**kwargs)


def test_unwritable_output_fails_before_any_query(tmp_path):
    called = []
    with pytest.raises(ExportInputError, match="cannot write there"):
        write_atomically(tmp_path / "missing" / "out.csv", lambda: called.append(1) or iter(["x"]))
    assert called == []


def test_a_failed_export_leaves_no_file_behind(tmp_path):
    target = tmp_path / "out.csv"

    def chunks():
        yield "claim_id\r\n"
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        write_atomically(target, chunks)
    assert os.listdir(tmp_path) == []


def test_an_export_replaces_the_file_whole(settings, tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, lambda: export_chunks(settings, "csv", parse_filters(status="verified")))
    assert read_csv(target.read_text(encoding="utf-8"))
    assert os.listdir(tmp_path) == ["out.csv"]
