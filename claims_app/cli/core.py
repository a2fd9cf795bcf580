"""Database migrations and the web server."""
from __future__ import annotations

import sys

import click

from ..config import PROJECT_ROOT, masked_url
from .context import database_url, fail


def alembic_config(url: str | None = None):
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig(str(PROJECT_ROOT / "alembic.ini"))
    cfg.attributes["url"] = url or database_url()
    return cfg


def upgrade_database(url: str | None = None, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def revisions(url: str) -> tuple[str | None, str]:
    """(the database's current revision or None when empty, the newest revision of the code)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from ..db import make_engine

    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()
    return current, head


def describe_revision(url: str) -> str:
    current, head = revisions(url)
    if current is None:
        return "database at base (no tables)"
    return f"database at {current}" + (" (newest)" if current == head else f" (newest is {head})")


def require_migrated(url: str) -> None:
    """Refuse to go on with a database the code's tables are not (all) in."""
    current, head = revisions(url)
    if current != head:
        fail(f"the database {masked_url(url)!r} is at revision {current or 'base (no tables)'}, not {head}; "
             "run 'python manage.py db upgrade' first")


def port_in_use(host: str, port: int) -> bool:
    """True when a server listens on host:port already (bound as the web server binds it)."""
    import socket

    try:
        family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror:
        fail(f"--host {host!r} is not an address of this machine; use e.g. 127.0.0.1")
    with socket.socket(family, kind, proto) as sock:
        # as the server does, so that a port a stopped server left in TIME_WAIT counts as free
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError:
            return True
    return False


def require_free_port(host: str, port: int) -> None:
    if port_in_use(host, port):
        fail(f"port {port} on {host} is in use (is the demo or another server already running?); "
             "stop it or choose another --port")


def register(main: click.Group) -> None:
    @main.group()
    def db() -> None:
        """Create and migrate the database (DATABASE_URL, default a SQLite file in instance/)."""

    @db.command()
    @click.argument("revision", default="head")
    def upgrade(revision: str) -> None:
        """Migrate the database up to REVISION (default: the newest)."""
        url = database_url()
        upgrade_database(url, revision=revision)
        click.echo(describe_revision(url))

    @db.command()
    @click.argument("revision", default="-1")
    @click.option("--yes", is_flag=True, help="Do not ask before dropping tables and columns.")
    def downgrade(revision: str, yes: bool) -> None:
        """Migrate the database down to REVISION (default: one step; 'base' empties it).

        A downgrade drops tables or columns with their data, so it asks first; --yes skips the question.
        """
        from alembic import command

        url = database_url()
        current, _head = revisions(url)
        if current is None:
            click.echo("database at base (no tables); nothing to downgrade")
            return
        if not yes:
            target = "base, dropping EVERY table and all data" if revision == "base" else revision
            if not sys.stdin.isatty():
                fail(f"db downgrade {revision} would migrate {masked_url(url)!r} from {current} down to {target}; "
                     "nothing changed: run it in a terminal to confirm, or add --yes")
            if not click.confirm(f"Migrate {masked_url(url)!r} from {current} down to {target}?", default=False):
                fail("downgrade cancelled; nothing changed")
        command.downgrade(alembic_config(url), revision)
        click.echo(describe_revision(url))

    @db.command()
    def current() -> None:
        """Print the database's migration revision."""
        click.echo(describe_revision(database_url()))

    @db.command("create-readonly-role")
    @click.option("--name", default="claims_console", show_default=True, help="Name of the role to create or reset.")
    @click.option("--app-role", help="The role the app runs as, which keeps the functions taken from PUBLIC "
                                     "(default: DATABASE_URL's role).")
    def create_readonly_role(name: str, app_role: str | None) -> None:
        """PostgreSQL: create the role the SQL console runs as; print the CLAIMS_SQL_READONLY_URL to set.

        The role may only SELECT from the documented views (docs/schema.md). Run it with a
        DATABASE_URL that may create roles (the app's owner, or a superuser to also take the
        signalling and locking functions from PUBLIC); running it again resets the password.
        """
        from ..research.console_role import RoleError, create_readonly_role as create

        try:
            report = create(database_url(), name, app_role=app_role)
        except RoleError as exc:
            fail(str(exc))
        for line in report.done:
            click.echo(f"  {line}", err=True)
        for line in report.not_done:
            click.echo(f"  warning: {line}", err=True)
        click.echo(f"CLAIMS_SQL_READONLY_URL={report.url}")

    @main.command()
    @click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
    @click.option("--port", default=5000, show_default=True, type=int)
    @click.option("--debug/--no-debug", default=False)
    @click.option("--prod", is_flag=True, help="Serve with gunicorn (gunicorn.conf.py) instead of the development server.")
    @click.option("--workers", type=click.IntRange(1, 64), help="With --prod: worker processes (default: one per core, 4 threads each).")
    def serve(host: str, port: int, debug: bool, prod: bool, workers: int | None) -> None:
        """Serve the web UI (development server; --prod for gunicorn)."""
        from .. import create_app

        require_migrated(database_url())
        require_free_port(host, port)
        if prod:
            from .ops import run_production

            run_production(host, port, workers)

        create_app().run(host=host, port=port, debug=debug, use_reloader=False)

    @main.command()
    @click.option("--port", default=5000, show_default=True, type=int)
    @click.option("--serve/--no-serve", "serve_", default=True, help="Start the web server afterwards.")
    def demo(port: int, serve_: bool) -> None:
        """Set up a SQLite demo: migrate, ingest seeds/, create demo accounts, serve the UI.

        Running it again is safe: known articles are skipped and the accounts get new passwords.
        """
        import secrets

        from sqlalchemy import select

        from ..accounts.models import User
        from ..accounts.services import create_user, set_password
        from .context import unit_of_work
        from .ingest import ingest_paths

        if serve_:  # before anything changes: a running demo keeps its passwords
            require_free_port("127.0.0.1", port)
        upgrade_database()
        seeds = PROJECT_ROOT / "seeds"
        if not seeds.is_dir():
            fail(f"{seeds}: seed folder missing; run demo from a checkout of the project")
        summary = ingest_paths([seeds], progress=False)
        click.echo(summary.line())
        if summary.failed:
            fail("the demo could not ingest every seed article; see the errors above")
        credentials = []
        with unit_of_work() as session:
            for username, role in (("admin", "admin"), ("editor", "editor"), ("researcher", "researcher")):
                password = secrets.token_urlsafe(9)
                if session.scalar(select(User.id).where(User.username == username)) is None:
                    create_user(session, username, password, role)
                else:
                    set_password(session, username, password)
                credentials.append((username, role, password))
        click.echo("demo accounts (new passwords each run):")
        for username, role, password in credentials:
            click.echo(f"  {role:<10} username: {username:<10} password: {password}")
        if serve_:
            from .. import create_app

            click.echo(f"serving on http://127.0.0.1:{port}  (Ctrl+C to stop)")
            create_app().run(host="127.0.0.1", port=port, use_reloader=False)
