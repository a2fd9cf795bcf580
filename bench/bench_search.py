"""Search benchmark: query time over a synthetic corpus of Arabic, Hebrew and English articles.

    .venv/bin/python bench/bench_search.py [--articles 20000] [--postgres]

Builds the corpus from the seed articles' paragraphs (shuffled, so every article is new), runs
the migrations (FTS5 on SQLite, GIN on PostgreSQL) and times a few queries through
``claims_app.search.services.search``: the median of 20 runs for the first page, and the count.
``--postgres`` starts a throwaway cluster from the installed binaries. Not run by pytest.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ["أذربيجان", "اسرائيل اذربيجان", "موشياشفيلي", "שָׁלוֹם", "ניתוחים", "نتنياهو العقوبات"]


def build(url: str, n: int) -> float:
    import claims_app.models  # noqa: F401
    from sqlalchemy import insert

    from claims_app.articles.models import Article
    from claims_app.cli.core import upgrade_database
    from claims_app.db import make_engine
    from claims_app.extraction.normalize import normalize_for_search

    upgrade_database(url)
    paragraphs = [p for f in sorted((ROOT / "seeds").glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n") if len(p) > 40]
    rng = random.Random(7)
    engine = make_engine(url)
    start = time.perf_counter()
    with engine.begin() as conn:
        batch = []
        for i in range(n):
            text = "\n".join(rng.sample(paragraphs, 6)) + f"\n{i}"
            batch.append({"sha256": hashlib.sha256(text.encode()).hexdigest(), "text": text,
                          "search_text": normalize_for_search(text), "char_count": len(text),
                          "title": f"a{i}", "language": "ar", "source": f"bench/{i}"})
            if len(batch) == 1000:
                conn.execute(insert(Article), batch)
                batch = []
        if batch:
            conn.execute(insert(Article), batch)
    engine.dispose()
    return time.perf_counter() - start


def measure(url: str) -> None:
    from sqlalchemy.orm import Session

    from claims_app.db import make_engine
    from claims_app.search.services import count_matches, search

    engine = make_engine(url)
    with Session(engine) as session:
        if engine.dialect.name == "postgresql":
            session.connection().exec_driver_sql("ANALYZE articles")
        for query in QUERIES:
            times = []
            for _ in range(20):
                t = time.perf_counter()
                page = search(session, query, scope="articles")
                times.append(time.perf_counter() - t)
            t = time.perf_counter()
            total = count_matches(session, query, "articles")
            count_ms = (time.perf_counter() - t) * 1000
            print(f"  {query!r:28} page of {len(page.items):2} in {statistics.median(times) * 1000:7.1f} ms "
                  f"(median of 20); count {total:6} in {count_ms:7.1f} ms")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    if args.postgres:
        from tests import pg

        cluster = pg.TempCluster(pg.find_bindir())
        url = cluster.start()
        pg.wait_for(url)
    else:
        cluster = None
        url = f"sqlite:///{tempfile.mkdtemp(prefix='bench-search-')}/search.sqlite3"
    try:
        took = build(url, args.articles)
        print(f"{url.split(':')[0]}: {args.articles} articles inserted and indexed in {took:.1f} s")
        measure(url)
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
