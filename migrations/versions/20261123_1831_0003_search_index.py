"""Full-text search over articles and claims.

Both engines index the folded copies (``articles.search_text``, ``claims.search_text``), so a
query folded the same way matches every spelling variant (alef forms, harakat, niqqud).

SQLite: external-content FTS5 tables kept in step by triggers. A later migration that rebuilds
``articles`` or ``claims`` in batch mode drops these triggers with the old table: recreate them
(``create_sqlite_fts``) in that migration. tests/search/test_search_schema.py checks they exist.
PostgreSQL: a stored generated column ``search_tsv = to_tsvector('simple', search_text)`` with a
GIN index; 'simple' does no stemming, which suits text already folded and three languages in
one column. The column is not on the models (SQLite has no such type); migrations/env.py
leaves it and its index out of ``alembic check``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

FTS_TABLES = ("articles", "claims")


def _fold(text):
    # Imported here so that the migration module can be loaded without the package's extras.
    from claims_app.extraction.normalize import normalize_for_search

    return normalize_for_search(text or "")


def _backfill(bind) -> None:
    articles = sa.table("articles", sa.column("id"), sa.column("text"), sa.column("search_text"))
    rows = bind.execute(sa.select(articles.c.id, articles.c.text).where(articles.c.search_text.is_(None))).all()
    if rows:
        bind.execute(articles.update().where(articles.c.id == sa.bindparam("aid"))
                     .values(search_text=sa.bindparam("st")),
                     [{"aid": r.id, "st": _fold(r.text)} for r in rows])
    claims = sa.table("claims", sa.column("id"), sa.column("exact"), sa.column("metric"),
                      sa.column("speaker_as_written"), sa.column("speaker_id"), sa.column("attributed_to_id"),
                      sa.column("search_text"))
    speakers = sa.table("speakers", sa.column("id"), sa.column("name"))
    names = dict(bind.execute(sa.select(speakers.c.id, speakers.c.name)).all())
    rows = bind.execute(sa.select(claims.c.id, claims.c.exact, claims.c.metric, claims.c.speaker_as_written,
                                  claims.c.speaker_id, claims.c.attributed_to_id)).all()
    if rows:
        params = []
        for r in rows:
            parts = [r.exact, r.speaker_as_written, names.get(r.speaker_id), names.get(r.attributed_to_id), r.metric]
            params.append({"cid": r.id, "st": _fold(" ".join(p for p in parts if p))})
        bind.execute(claims.update().where(claims.c.id == sa.bindparam("cid")).values(search_text=sa.bindparam("st")),
                     params)


def create_sqlite_fts(table: str) -> None:
    fts = f"{table}_fts"
    op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', content_rowid='id', "
               "tokenize='unicode61 remove_diacritics 2')")
    op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
               f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END")
    op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END")
    op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF search_text ON {table} BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
               f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END")
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def drop_sqlite_fts(table: str) -> None:
    fts = f"{table}_fts"
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {fts}")


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("claims", sa.Column("search_text", sa.Text(), nullable=True))
    _backfill(bind)
    if bind.dialect.name == "sqlite":
        for table in FTS_TABLES:
            create_sqlite_fts(table)
    else:
        for table in FTS_TABLES:
            # Stored, so that rechecking a match reads the vector instead of re-parsing the text.
            op.execute(f"ALTER TABLE {table} ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS "
                       "(to_tsvector('simple', coalesce(search_text, ''))) STORED")
            op.execute(f"CREATE INDEX ix_{table}_search_tsv ON {table} USING gin (search_tsv)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table in FTS_TABLES:
            drop_sqlite_fts(table)
    else:
        for table in FTS_TABLES:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_tsv")
            op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_tsv")
    op.drop_column("claims", "search_text")
