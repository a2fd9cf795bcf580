"""Database migrations and the web server."""
from __future__ import annotations

from pathlib import Path

import click

from ..config import PROJECT_ROOT
from .context import config, fail


def alembic_config(url: str | None = None):
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig(str(PROJECT_ROOT / "alembic.ini"))
    cfg.attributes["url"] = url or config().DATABASE_URL
    return cfg


def upgrade_database(url: str | None = None, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def register(main: click.Group) -> None:
    @main.group()
    def db() -> None:
        """Create and migrate the database (DATABASE_URL, default a SQLite file in instance/)."""

    @db.command()
    @click.argument("revision", default="head")
    def upgrade(revision: str) -> None:
        """Migrate the database up to REVISION (default: the newest)."""
        upgrade_database(revision=revision)
        click.echo(f"database at {revision}")

    @db.command()
    @click.argument("revision", default="-1")
    def downgrade(revision: str) -> None:
        """Migrate the database down to REVISION (default: one step; 'base' empties it)."""
        from alembic import command

        command.downgrade(alembic_config(), revision)
        click.echo(f"database at {revision}")

    @db.command()
    def current() -> None:
        """Print the database's migration revision."""
        from alembic import command

        command.current(alembic_config())

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
            report = create(config().DATABASE_URL, name, app_role=app_role)
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
    def serve(host: str, port: int, debug: bool) -> None:
        """Serve the web UI (development server)."""
        from .. import create_app

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
