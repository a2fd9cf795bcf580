"""Shared by the ingest tests: a small generated corpus and a per-article picture of what is stored."""
from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import select

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.db import make_engine

ROOT = Path(__file__).resolve().parents[2]


def write_corpus(folder: Path, count: int, *, per_file: int = 10, seed: int = 11) -> list[Path]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus import Corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return Corpus(seed=seed).write(folder, count, per_file=per_file)


def stored_picture(url: str) -> dict[str, set[tuple]]:
    """sha256 -> the (kind, start, end) of every claim of that article; raises on a duplicate article."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            articles = conn.execute(select(Article.id, Article.sha256)).all()
            shas = [sha for _, sha in articles]
            assert len(shas) == len(set(shas)), "an article is stored twice"
            by_id = {aid: sha for aid, sha in articles}
            picture: dict[str, set[tuple]] = {sha: set() for sha in shas}
            for aid, kind, start, end in conn.execute(select(Claim.article_id, Claim.kind, Claim.start, Claim.end)):
                picture[by_id[aid]].add((kind, start, end))
            return picture
    finally:
        engine.dispose()
