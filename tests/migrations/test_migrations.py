"""Migrations are the schema: they build it from empty, tear it down, and match the models."""
from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from claims_app.cli.core import alembic_config
from claims_app.db import make_engine
from claims_app.models import Base

from ..conftest import new_database_url


@pytest.fixture
def empty_url(backend, request, tmp_path_factory):
    return new_database_url(backend, request, tmp_path_factory)


def test_single_head():
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1


def test_upgrade_from_empty_then_downgrade_to_base(empty_url):
    cfg = alembic_config(empty_url)
    command.upgrade(cfg, "head")
    engine = make_engine(empty_url)
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    command.downgrade(cfg, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(cfg, "head")  # and up again: downgrades leave nothing behind that blocks it
    engine.dispose()


def test_alembic_check_finds_no_drift(database_url):
    """`alembic check`: autogenerate finds no difference between the models and head."""
    command.check(alembic_config(database_url))
