"""Article fields have one set of limits, checked at ingest, so both engines store the same articles."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import String, select

from claims_app import models  # noqa: F401 - every mapper, before the first query
from claims_app.articles.limits import ARTICLE_LIMITS, limit
from claims_app.articles.models import Article, Outlet
from claims_app.db import make_engine, make_session_factory

from .helpers import cli_env, run_cli

TEXT = "The minister said the port handled {n} containers last year."


def test_the_columns_are_sized_from_the_table_of_limits():
    columns = {"title": Article.title, "language": Article.language, "url": Article.url,
               "source": Article.source, "outlet": Outlet.name}
    assert set(columns) == set(ARTICLE_LIMITS)
    for field, column in columns.items():
        assert isinstance(column.type, String) and column.type.length == limit(field), field
    assert Outlet.default_language.type.length == limit("language")


def test_ingest_refuses_over_long_fields_with_one_line_each_on_both_engines(backend, request, tmp_path_factory,
                                                                             tmp_path):
    from ..conftest import new_database_url

    url = new_database_url(backend, request, tmp_path_factory)
    env = cli_env(tmp_path, DATABASE_URL=url)
    assert run_cli("db", "upgrade", env=env).returncode == 0
    at_limit = {"title": "T" * limit("title"), "outlet": "O" * limit("outlet"), "language": "l" * limit("language"),
                "url": "https://example.org/" + "u" * (limit("source") - 20)}
    over = {"title": "T" * (limit("title") + 1), "outlet": "ا" * (limit("outlet") + 1),
            "language": "x" * (limit("language") + 1), "url": "https://example.org/" + "u" * limit("url")}
    files = {}
    for field in over:
        files[f"over-{field}.json"] = {"text": TEXT.format(n=len(files)), field: over[field]}
    files["at-limits.json"] = {"text": TEXT.format(n=99), **at_limit}
    for name, item in files.items():
        (tmp_path / name).write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    run = run_cli("ingest", *[str(tmp_path / name) for name in files], env=env, timeout=300)
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(over), errors
    for field in over:
        line = next(line for line in errors if f"over-{field}.json" in line)
        label = ARTICLE_LIMITS[field][1].split(" (")[0]
        assert label in line and f"limit is {limit(field):,}" in line, line
    assert "ingested 1," in run.stdout, run.stdout
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            stored = session.scalars(select(Article)).all()
            assert len(stored) == 1
            article = stored[0]
            assert (article.title, article.language, article.outlet.name, article.url) == (
                at_limit["title"], at_limit["language"], at_limit["outlet"], at_limit["url"])
    finally:
        engine.dispose()
