"""Users, their roles, and the login attempts used for throttling."""
from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import Boolean, CheckConstraint, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import UTCDateTime, enum_check, utcnow

ROLES = ("admin", "editor", "researcher")
# What each role may do, from the least to the most trusted: a role inherits the ones below it.
ROLE_RANK = {"researcher": 1, "editor": 2, "admin": 3}


def new_session_token() -> str:
    return secrets.token_hex(16)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(enum_check("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="researcher")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Part of every session and remember-me cookie; replacing it (sign-out, new password)
    # ends every session of the user, on every device.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)

    # What the login layer asks of a user object (flask-login's protocol), written here so the
    # model does not import the web framework.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def has_role(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class LoginAttempt(Base):
    """Failed logins: who tried which name from where (a record; throttling uses LoginThrottle)."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_username_at", "username", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    remote_addr: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class LoginThrottle(Base):
    """A count of login attempts for one key (a client address, or an address and a name).

    Kept in the database, and changed under a row lock, so that it holds across worker
    processes and a burst of parallel attempts cannot slip past it.
    """

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
