"""Configuration is read from the environment in one place."""
from __future__ import annotations

import pytest

from claims_app.config import Config


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CLAIMS_INSTANCE_DIR", str(tmp_path))
    first = Config.from_env()
    second = Config.from_env()
    assert len(first.SECRET_KEY) >= 32 and first.SECRET_KEY == second.SECRET_KEY
    assert (tmp_path / "secret_key").read_text() == first.SECRET_KEY
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by the owner only
    assert first.DATABASE_URL == f"sqlite:///{tmp_path / 'claims.sqlite3'}"


def test_environment_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_INSTANCE_DIR", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("CLAIMS_MAX_ARTICLE_BYTES", "1234")
    config = Config.from_env()
    assert (config.SECRET_KEY, config.DATABASE_URL, config.MAX_ARTICLE_BYTES) == (
        "from-env", "postgresql+psycopg://u@h/db", 1234)
    assert not (tmp_path / "secret_key").exists()


def test_a_malformed_number_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_INSTANCE_DIR", str(tmp_path))
    monkeypatch.setenv("CLAIMS_SQL_ROW_CAP", "lots")
    with pytest.raises(SystemExit, match="CLAIMS_SQL_ROW_CAP='lots' is not a whole number"):
        Config.from_env()
