"""The SQL console and export pages, through the Flask test client, on a committed database."""
from __future__ import annotations

import csv
import io
import json

RANGE_1500 = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 1500) SELECT n FROM r"


def test_pages_need_a_login(research_app):
    client = research_app.test_client()
    for url in ("/research/console", "/research/export"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_console_lists_the_examples_and_runs_one_by_query_id(researcher):
    page = researcher.get("/research/console").get_data(as_text=True)
    assert "query_id=disagreeing-figures" in page and "Figures on the same metric that disagree" in page
    response = researcher.get("/research/console?query_id=disagreeing-figures")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<th>value_a</th>" in text and "unemployment rate" in text and "3 rows." in text


def test_unknown_example_is_404(researcher):
    assert researcher.get("/research/console?query_id=no-such-query").status_code == 404


def test_console_shows_at_most_the_row_cap_and_says_so(researcher):
    response = researcher.post("/research/console", data={"sql": RANGE_1500, "run": "Run"})
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Showing the first 1000 rows; the result has more." in text
    assert text.count("<tr>") == 1001   # header + 1000 rows


def test_csv_download_streams_every_row_without_a_bom(researcher):
    response = researcher.post("/research/console", data={"sql": RANGE_1500, "csv": "Download CSV"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="query.csv"' == response.headers["Content-Disposition"]
    assert response.is_streamed
    body = response.get_data()
    assert not body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert rows[0] == ["n"] and len(rows) == 1501 and rows[-1] == ["1500"]


def test_excel_download_has_a_bom_and_keeps_arabic(researcher):
    response = researcher.post("/research/console", data={
        "sql": "SELECT exact FROM v_claims WHERE language = 'ar' AND kind = 'quote'", "excel": "CSV for Excel"})
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""))) == [
        ["exact"], ["ارتفع التضخم إلى 7% هذا العام"]]


def test_refused_and_broken_statements_get_a_clear_message(researcher):
    cases = [("DELETE FROM claims", "not &#39;DELETE&#39;"),
             ("SELECT 1; DROP TABLE claims", "only one statement at a time"),
             ("SELECT FROM WHERE", "syntax"),
             ("SELECT * FROM no_such_view", "no_such_view")]
    for sql, message in cases:
        for button in ("run", "csv"):
            response = researcher.post("/research/console", data={"sql": sql, button: "1"})
            assert response.status_code == 400, (sql, button)
            text = response.get_data(as_text=True)
            assert message in text, (sql, button)
            assert 'role="alert"' in text


def test_results_are_escaped_and_marked_for_direction(researcher):
    response = researcher.post("/research/console", data={"sql": "SELECT '<b>x</b>' AS html, 'שלום' AS he", "run": "1"})
    text = response.get_data(as_text=True)
    assert "&lt;b&gt;x&lt;/b&gt;" in text and "<b>x</b>" not in text
    assert '<td dir="auto">שלום</td>' in text


def test_export_page_and_filtered_download(researcher, ids):
    page = researcher.get("/research/export")
    assert page.status_code == 200 and "ClaimReview" in page.get_data(as_text=True)
    response = researcher.get("/research/export?format=csv&status=verified&language=en&download=1")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith('attachment; filename="claims-')
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))
    assert sorted(int(r["claim_id"]) for r in rows) == sorted([ids["q_en"], ids["n_en"], ids["n_neg"]])


def test_export_download_formats(researcher):
    jsonl = researcher.get("/research/export?format=jsonl&download=1")
    assert jsonl.headers["Content-Type"].startswith("application/x-ndjson")
    assert len(jsonl.get_data(as_text=True).splitlines()) == 10
    reviews = researcher.get("/research/export?format=claimreview&download=1")
    assert reviews.headers["Content-Type"].startswith("application/ld+json")
    assert len(json.loads(reviews.get_data(as_text=True))) == 7
    excel = researcher.get("/research/export?format=csv&excel=y&download=1")
    assert excel.get_data().startswith(b"\xef\xbb\xbf")


def test_export_bad_date_is_a_form_error(researcher):
    response = researcher.get("/research/export?format=csv&since=2026-02-30&download=1")
    assert response.status_code == 400
    assert "Published since &#39;2026-02-30&#39; is not a date" in response.get_data(as_text=True)
    assert "Content-Disposition" not in response.headers


def test_export_of_a_tag_no_claim_has_is_a_form_error_naming_the_tags(researcher):
    response = researcher.get("/research/export?format=csv&tag=econmy&download=1")
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and "Content-Disposition" not in response.headers
    assert "Tag &#39;econmy&#39;: no claim matches" in text and "economy" in text
