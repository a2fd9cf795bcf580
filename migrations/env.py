"""Alembic environment: runs against a connection handed in by the caller, or DATABASE_URL."""
from __future__ import annotations

from alembic import context
from sqlalchemy.orm import configure_mappers

from claims_app.config import Config
from claims_app.db import make_engine
from claims_app.models import Base

configure_mappers()
target_metadata = Base.metadata


def _include_object(obj, name, type_, reflected, compare_to):
    # Views, FTS shadow tables and other objects made by hand-written migrations are not models.
    if type_ == "table" and reflected and compare_to is None:
        return False
    # PostgreSQL's full-text columns and indexes (migration 0003) have no SQLite equivalent to
    # declare on the models.
    if reflected and compare_to is None and name and (
            (type_ == "index" and name.endswith("_search_tsv")) or (type_ == "column" and name == "search_tsv")):
        return False
    return True


def _configure(connection) -> None:
    if connection.dialect.name == "sqlite":
        # Batch mode rebuilds a table and renames the copy into place; SQLite's modern RENAME
        # re-checks every view first and fails while the view's table is briefly missing.
        connection.connection.driver_connection.execute("PRAGMA legacy_alter_table=ON")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=_include_object,
    )


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.config.attributes.get("url") or Config.from_env().DATABASE_URL
    engine = make_engine(url)
    with engine.connect() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run them against a database")
run_migrations_online()
