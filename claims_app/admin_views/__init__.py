"""The admin shell (Flask-Admin) for reference data: users, outlets, tags, speakers."""
from __future__ import annotations

import importlib
import sys


def load_sqla_contrib():
    """Import ``flask_admin.contrib.sqla``, working around Flask-Admin 2.2.1's import of a
    Flask-SQLAlchemy type name (``T_SESSION``) that fails when Flask-SQLAlchemy is not
    installed. This project uses plain SQLAlchemy sessions, so the name is given that type."""
    try:
        return importlib.import_module("flask_admin.contrib.sqla")
    except ImportError as exc:
        if "T_SESSION" not in str(exc):
            raise
    from sqlalchemy.orm import Session

    sys.modules["flask_admin.contrib.sqla._types"].T_SESSION = Session
    return importlib.import_module("flask_admin.contrib.sqla")


load_sqla_contrib()
