"""User administration."""
from __future__ import annotations

import click

from .context import session_factory, unit_of_work


class _RoleChoice(click.Choice):
    """The roles of the accounts model, read when the option is used: the CLI starts without the ORM."""

    def __init__(self) -> None:
        super().__init__((), case_sensitive=True)

    @property
    def choices(self):
        from ..accounts.models import ROLES

        return ROLES

    @choices.setter
    def choices(self, _value) -> None:
        pass


def register(main: click.Group) -> None:
    @main.group()
    def user() -> None:
        """Create users and set passwords."""

    @user.command("create")
    @click.argument("username")
    @click.option("--role", type=_RoleChoice(), default="editor", show_default=True)
    @click.password_option(help="Prompted for when not given.")
    def create(username: str, role: str, password: str) -> None:
        """Create USERNAME with a role (admin, editor or researcher)."""
        from ..accounts.services import create_user

        with unit_of_work() as session:
            create_user(session, username, password, role)
        click.echo(f"created {role} {username!r}")

    @user.command("set-password")
    @click.argument("username")
    @click.password_option()
    def set_pw(username: str, password: str) -> None:
        """Set a new password for USERNAME."""
        from ..accounts.services import set_password

        with unit_of_work() as session:
            set_password(session, username, password)
        click.echo(f"password changed for {username!r}")

    @user.command("list")
    def list_users() -> None:
        """List users with their roles."""
        from sqlalchemy import select

        from ..accounts.models import User

        with session_factory()() as session:
            for u in session.scalars(select(User).order_by(User.username)):
                click.echo(f"{u.username}\t{u.role}\t{'active' if u.active else 'disabled'}")
