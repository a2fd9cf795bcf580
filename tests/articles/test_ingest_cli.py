"""`manage.py ingest`: every kind of input, every kind of bad input, idempotency and offsets."""
from __future__ import annotations

import codecs
import json

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.cli import main

from ..conftest import SEEDS


@pytest.fixture
def cli(cli_database):
    """(invoke manage.py, session factory) against a fresh, migrated database."""

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke, cli_database


def count(factory, model=Article) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_seeds_are_stored_verbatim_and_only_once(cli):
    invoke, factory = cli
    first = invoke("ingest", str(SEEDS))
    assert first.exit_code == 0, first.output
    assert "ingested 5, skipped 0" in first.output and "failed 0" in first.output
    with factory() as s:
        for path in sorted(SEEDS.glob("*.txt")):
            article = s.scalar(select(Article).where(Article.source == str(path)))
            assert article is not None, path
            assert article.text == path.read_bytes().decode("utf-8")
            assert article.char_count == len(article.text)
            assert article.published is None  # a .txt has no date; none is invented
            assert article.language in ("ar", "he")
    claims_before = count(factory, Claim)
    again = invoke("ingest", str(SEEDS))
    assert again.exit_code == 0, again.output
    assert "ingested 0, skipped 5" in again.output
    assert count(factory) == 5 and count(factory, Claim) == claims_before


def test_byte_order_marks_and_named_encodings(cli, tmp_path):
    invoke, factory = cli
    text = "قال الوزير إن التجارة بلغت 360 مليون دولار."
    (tmp_path / "bom8.txt").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    (tmp_path / "bom16.txt").write_bytes(("UTF16 " + text).encode("utf-16"))
    result = invoke("ingest", str(tmp_path / "bom8.txt"), str(tmp_path / "bom16.txt"))
    assert result.exit_code == 0, result.output
    with factory() as s:
        texts = set(s.scalars(select(Article.text)))
    assert texts == {text, "UTF16 " + text}


def test_legacy_encoding_needs_a_name_and_then_works(cli, tmp_path):
    invoke, factory = cli
    text = "أعلنت الحكومة أن عدد السياح بلغ 60 ألف سائح"
    path = tmp_path / "cp1256.txt"
    path.write_bytes(text.encode("cp1256"))
    refused = invoke("ingest", str(path))
    assert refused.exit_code == 1
    assert str(path) in refused.output and "--encoding cp1256" in refused.output
    assert count(factory) == 0
    accepted = invoke("ingest", "--encoding", "cp1256", str(path))
    assert accepted.exit_code == 0, accepted.output
    with factory() as s:
        assert s.scalar(select(Article.text)) == text


@pytest.mark.parametrize("name, content, message", [
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n\t ", "no text"),
    ("bad.json", b'{\n  "text": "x",\n  "title": \n}', "line 4"),
    ("bad.jsonl", b'{"text": "first article here"}\n{"text": "second" oops}\n', "line 2"),
    ("notext.json", b'{"title": "no body"}', "no 'text'"),
    ("baddate.json", b'{"text": "body", "published": "yesterday"}', "YYYY-MM-DD"),
    ("notes.docx", b"PK\x03\x04", "unsupported file type"),
])
def test_bad_input_names_the_file_and_changes_nothing(cli, tmp_path, name, content, message):
    invoke, factory = cli
    path = tmp_path / name
    path.write_bytes(content)
    result = invoke("ingest", str(path))
    assert result.exit_code == 1
    error_lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1 and str(path) in error_lines[0] and message in error_lines[0], result.output
    assert "failed 1" in result.output
    assert count(factory) == 0


def test_unknown_encoding_name(cli, tmp_path):
    invoke, _ = cli
    path = tmp_path / "a.txt"
    path.write_bytes(b"hello world")
    result = invoke("ingest", "--encoding", "klingon", str(path))
    assert result.exit_code == 1 and "unknown encoding 'klingon'" in result.output


def test_size_limit_is_configurable(cli, tmp_path, monkeypatch):
    invoke, factory = cli
    path = tmp_path / "long.txt"
    path.write_text("word " * 100, encoding="utf-8")
    assert invoke("ingest", "--max-bytes", "100", str(path)).exit_code == 1
    monkeypatch.setenv("CLAIMS_MAX_ARTICLE_BYTES", "50")
    result = invoke("ingest", str(path))
    assert result.exit_code == 1 and "over the 50-byte limit" in result.output
    assert count(factory) == 0
    monkeypatch.delenv("CLAIMS_MAX_ARTICLE_BYTES")
    assert invoke("ingest", str(path)).exit_code == 0


def test_missing_path(cli, tmp_path):
    invoke, _ = cli
    result = invoke("ingest", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1 and "no such file" in result.output


def test_json_metadata_and_language_detection(cli, tmp_path):
    invoke, factory = cli
    items = [
        {"text": "The minister said trade grew by about 50 percent last year.", "title": "Trade grows",
         "url": "https://example.org/a", "outlet": "Example News", "published": "2025-05-30"},
        {"text": "قال الوزير إن حجم التجارة بلغ أكثر من 360 مليون دولار العام الماضي."},
        {"text": "השר אמר כי מספר התיירים עלה בשנה האחרונה באופן משמעותי מאוד."},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", encoding="utf-8")
    result = invoke("ingest", str(path))
    assert result.exit_code == 0, result.output
    with factory() as s:
        rows = {a.text: a for a in s.scalars(select(Article))}
        first = rows[items[0]["text"]]
        assert (first.title, first.url, first.outlet.name, first.published.isoformat(), first.language) == (
            "Trade grows", "https://example.org/a", "Example News", "2025-05-30", "en")
        assert rows[items[1]["text"]].language == "ar" and rows[items[1]["text"]].published is None
        assert rows[items[2]["text"]].language == "he"
        assert rows[items[1]["text"]].title.startswith("قال الوزير")


def test_html_article_text_comes_from_the_page(cli, tmp_path):
    invoke, factory = cli
    body = " ".join(["The ministry said that more than 6,000 soldiers took part in the exercise."] * 4)
    page = f"""<!doctype html><html lang="en"><head><title>Exercise ends | Example</title>
    <meta property="og:title" content="Exercise ends"></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Exercise ends</h1><p>{body}</p><p>Officials added that the drill lasted two weeks.</p></article>
    <footer>Copyright Example</footer><script>var tracking = 1;</script></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    result = invoke("ingest", str(path))
    assert result.exit_code == 0, result.output
    with factory() as s:
        article = s.scalar(select(Article))
    assert "6,000 soldiers" in article.text and "tracking" not in article.text and "<" not in article.text
    assert article.title == "Exercise ends"
    assert article.published is None


def test_a_failure_while_storing_leaves_no_partial_rows(cli, tmp_path, monkeypatch):
    invoke, factory = cli
    from claims_app.ingest import store

    def explode(session, stored, **_kwargs):
        article_id = session.scalar(select(func.max(Article.id)))
        session.add(Claim(article_id=article_id, kind="quote", start=0, end=4, exact="Good", origin="test"))
        session.flush()
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "reindex_claims", explode)
    (tmp_path / "a.txt").write_text("Good morning, the minister said.", encoding="utf-8")
    result = invoke("ingest", str(tmp_path))
    assert result.exit_code == 1 and "disk full" in result.output
    assert count(factory) == 0 and count(factory, Claim) == 0
