"""Batched storing decides what storing one article at a time decides: the same claims, the same
link suggestions (rule, score, direction) and a history row for each, on both engines."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.db import make_engine, make_session_factory
from claims_app.history.models import HistoryEntry
from claims_app.ingest.runner import ingest_paths
from claims_app.links.models import ClaimLink

from ..conftest import migrate, new_database_url
from .helpers import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch-corpus")
    write_corpus(folder, 120, per_file=30, seed=5)
    return folder


def _links(url: str) -> tuple[list, int, int]:
    """(every link as (relation, rule, score, source claim, target claim, change group size),
    history rows of links, articles) with claims named by (article sha256, kind, start, end)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            sha = dict(conn.execute(select(Article.id, Article.sha256)).all())
            claims = {cid: (sha[aid], kind, start, end)
                      for cid, aid, kind, start, end in conn.execute(
                          select(Claim.id, Claim.article_id, Claim.kind, Claim.start, Claim.end))}
            groups = dict(conn.execute(select(HistoryEntry.entity_id, HistoryEntry.change_group)
                                       .where(HistoryEntry.entity_type == "link")).all())
            sizes = dict(conn.execute(select(HistoryEntry.change_group, func.count())
                                      .where(HistoryEntry.entity_type == "link")
                                      .group_by(HistoryEntry.change_group)).all())
            links = sorted((relation, rule, round(score, 6), claims[s], claims[t], sizes[groups[lid]])
                           for lid, relation, rule, score, s, t in conn.execute(
                               select(ClaimLink.id, ClaimLink.relation, ClaimLink.rule, ClaimLink.score,
                                      ClaimLink.source_id, ClaimLink.target_id)))
            history = conn.scalar(select(func.count()).select_from(HistoryEntry)
                                  .where(HistoryEntry.entity_type == "link"))
            articles = conn.scalar(select(func.count()).select_from(Article))
        return links, history, articles
    finally:
        engine.dispose()


def _ingest(url: str, corpus, batch_size: int):
    migrate(url)
    engine = make_engine(url)
    summary = ingest_paths([corpus], make_session_factory(engine), max_bytes=5 << 20, jobs=1,
                           echo=lambda *a, **k: None, batch_size=batch_size, batch_seconds=60)
    engine.dispose()
    assert (summary.ingested, summary.failed) == (120, [])
    return summary


def test_batches_of_articles_suggest_the_links_one_article_at_a_time_would(backend, request, tmp_path_factory,
                                                                          corpus):
    one_url = new_database_url(backend, request, tmp_path_factory)
    batch_url = new_database_url(backend, request, tmp_path_factory)
    one = _ingest(one_url, corpus, batch_size=1)
    batched = _ingest(batch_url, corpus, batch_size=50)
    assert (batched.claims, batched.links) == (one.claims, one.links)
    links, history, articles = _links(batch_url)
    assert (links, history, articles) == _links(one_url)
    assert len(links) > 100 and history == len(links)
    # articles of one batch link to each other, not only to earlier batches
    assert any(rel == "same_claim" for rel, *_ in links)


def test_a_text_repeated_inside_a_batch_is_stored_once(backend, request, tmp_path_factory, tmp_path):
    url = new_database_url(backend, request, tmp_path_factory)
    migrate(url)
    text = 'The minister said "exports grew by 5% in 2020". Imports reached 40 million dollars.'
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(text if name != "b.txt" else text + " Unemployment fell to 7%.",
                                     encoding="utf-8")
    engine = make_engine(url)
    lines = []
    summary = ingest_paths([tmp_path], make_session_factory(engine), max_bytes=5 << 20, jobs=1,
                           echo=lambda msg, err=False: lines.append(msg))
    engine.dispose()
    assert (summary.ingested, summary.skipped, summary.failed) == (2, 1, [])
    assert any(line.startswith("skipped ") and "c.txt" in line for line in lines)


def test_an_article_that_fails_costs_only_itself_not_its_batch(tmp_path, monkeypatch):
    from claims_app.ingest import store

    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    migrate(url)
    folder = tmp_path / "in"
    write_corpus(folder, 12, per_file=12, seed=3)
    real = store._candidate_rows

    def failing(p, outcome, quotes, speakers):
        if p.item.source.endswith("/5"):
            raise RuntimeError("this article cannot be stored")
        return real(p, outcome, quotes, speakers)

    monkeypatch.setattr(store, "_candidate_rows", failing)
    engine = make_engine(url)
    lines = []
    summary = ingest_paths([folder], make_session_factory(engine), max_bytes=5 << 20, jobs=1,
                           echo=lambda msg, err=False: lines.append(msg), batch_size=100, batch_seconds=60)
    with engine.connect() as conn:
        sources = set(conn.scalars(select(Article.source)))
        orphans = conn.scalar(select(func.count()).select_from(Article)
                              .where(~select(Claim.id).where(Claim.article_id == Article.id).exists()))
    engine.dispose()
    assert summary.ingested == 11 and len(summary.failed) == 1 and "/5: RuntimeError" in summary.failed[0]
    assert len(sources) == 11 and not any(s.endswith("/5") for s in sources)
    assert orphans == 0
    assert any("could not store it" in line for line in lines)
