"""The claim-tracking fact database: Flask application factory (wiring only)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .config import Config

if TYPE_CHECKING:  # Flask is imported when an app is built, so that the CLI starts without it
    from flask import Flask


def create_app(config: Config | None = None, *, session_factory=None) -> Flask:
    """Build the app. ``session_factory`` lets tests hand in sessions bound to their own connection."""
    from flask import Flask
    from flask_wtf.csrf import CSRFProtect

    from . import admin, errors_web, fields, nav, row_urls, security, serving
    from .accounts.views import init_login
    from .db import make_engine, make_session_factory

    config = config or Config.from_env()
    app = Flask(__name__, instance_path=str(config.INSTANCE_DIR), instance_relative_config=False)
    app.config.from_mapping(config.as_flask())
    write_factory = session_factory
    if session_factory is None:
        engine = make_engine(config.DATABASE_URL)
        app.extensions["claims_engine"] = engine
        session_factory = make_session_factory(engine, write=False)
        write_factory = make_session_factory(engine)
    # Pages answered to GET read; every other method may write (SQLite: BEGIN IMMEDIATE).
    app.extensions["claims_sessionmaker"] = session_factory
    app.extensions["claims_write_sessionmaker"] = write_factory
    # First: its timer starts before any other hook, and its log line, written after every other
    # after_request hook (they run in reverse order), has the commit's time and the final status.
    serving.init_app(app)
    CSRFProtect(app)
    init_login(app)
    fields.init_app(app)   # before the blueprints: their <int:...> routes use it
    _register_blueprints(app)
    errors_web.init_app(app)
    admin.init_app(app)
    nav.init_app(app)
    row_urls.init_app(app)
    security.init_app(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from .accounts.views import bp as accounts
    from .articles.views import bp as articles
    from .claims.views import bp as claims
    from .links.views import bp as links
    from .research.views import bp as research
    from .search.views import bp as search
    from .speakers.views import bp as speakers

    for blueprint in (accounts, articles, claims, speakers, links, research, search):
        app.register_blueprint(blueprint)
