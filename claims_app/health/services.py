"""The health check: database reachable, schema at the migrations' head."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session


@dataclass
class Health:
    ok: bool
    body: dict = field(default_factory=dict)


def migration_heads() -> set[str]:
    """The head revision(s) of the migrations shipped with this code."""
    from alembic.script import ScriptDirectory

    from ..config import PROJECT_ROOT

    return set(ScriptDirectory(str(PROJECT_ROOT / "migrations")).get_heads())


def check_health(session: Session, heads: set[str]) -> Health:
    """Ask the database for its migration revision; never raises."""
    try:
        current = set(session.execute(text("SELECT version_num FROM alembic_version")).scalars())
    except SQLAlchemyError as exc:
        session.rollback()
        reason = str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0][:200]
        if "alembic_version" in reason:   # reachable, but never migrated
            return Health(False, {"status": "error", "database": "ok", "migrations": "none",
                                  "reason": "the database has no schema; run: python manage.py db upgrade"})
        return Health(False, {"status": "error", "database": "unreachable", "reason": reason})
    if current == heads:
        return Health(True, {"status": "ok", "database": "ok", "migrations": "head"})
    return Health(False, {"status": "error", "database": "ok", "migrations": "behind",
                          "current": sorted(current), "head": sorted(heads),
                          "reason": "the database is not at the newest migration; run: python manage.py db upgrade"})
