"""Users: creation, password hashing (argon2id, memory-hard) and throttled authentication."""
from __future__ import annotations

import datetime as dt
import functools

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..errors import DomainError, LoginThrottled
from ..types import utcnow
from .models import ROLES, LoginAttempt, User

# argon2id with 64 MiB of memory per hash (RFC 9106's second recommended option); named here
# so that the cost is visible and testable even while tests swap in a cheaper hasher.
HASH_PARAMETERS = profiles.RFC_9106_LOW_MEMORY
_hasher = PasswordHasher.from_parameters(HASH_PARAMETERS)
MIN_PASSWORD_LENGTH = 8


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def create_user(session: Session, username: str, password: str, role: str = "researcher") -> User:
    username = username.strip()
    if not username:
        raise DomainError("username is empty; give a name such as 'alice'")
    if role not in ROLES:
        raise DomainError(f"role {role!r} is unknown; use one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(f"password for {username!r} is too short; use at least {MIN_PASSWORD_LENGTH} characters")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise DomainError(f"user {username!r} exists already; pick another name or use 'user set-password'")
    user = User(username=username, password_hash=hash_password(password), role=role)
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, username: str, password: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise DomainError(f"no user {username!r}; create it with 'user create'")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(f"password for {username!r} is too short; use at least {MIN_PASSWORD_LENGTH} characters")
    user.password_hash = hash_password(password)
    return user


def authenticate(session: Session, username: str, password: str, *, remote_addr: str | None,
                 max_attempts: int = 5, window_seconds: int = 300) -> User | None:
    """The user if the password is right. Too many failures in the window lock the name out.

    The check runs before the password is verified, so a locked-out attacker learns nothing
    from guessing, and a failed attempt costs the same time whether the user exists or not.
    """
    since = utcnow() - dt.timedelta(seconds=window_seconds)
    failures = session.scalar(select(func.count()).select_from(LoginAttempt)
                              .where(LoginAttempt.username == username, LoginAttempt.at >= since))
    if failures >= max_attempts:
        raise LoginThrottled(f"too many failed logins for {username!r}; wait {window_seconds // 60} minutes")
    user = session.scalar(select(User).where(User.username == username))
    ok = False
    try:
        if user is not None:
            ok = _hasher.verify(user.password_hash, password)
        else:
            _hasher.verify(_dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None or not user.active:
        session.add(LoginAttempt(username=username, remote_addr=remote_addr))
        return None
    session.execute(delete(LoginAttempt).where(LoginAttempt.username == username))
    user.last_login_at = utcnow()
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


@functools.cache
def _dummy_hash() -> str:
    # Computed on the first unknown username rather than at import: an argon2 hash costs 64 MiB
    # and a noticeable fraction of a second, which every command would otherwise pay at start-up.
    return _hasher.hash("not a real password")
