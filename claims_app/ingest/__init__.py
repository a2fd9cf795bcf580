"""The ingest pipeline: read → prepare (extract, fold; pure, any process) → store (one writer).

``prepare.py`` turns an ``ArticleInput`` into everything that can be computed without the
database; it runs in worker processes for ``ingest --jobs N``. ``store.py`` writes one prepared
article in one transaction: the article row (``ON CONFLICT DO NOTHING`` on its sha256, so that
several ingest processes may run over the same folders), its candidates in batched inserts,
speakers through an in-memory cache, derived data through ``search.indexing.reindex_claims``, then link
suggestions. ``runner.py`` drives files and folders through both.
"""
