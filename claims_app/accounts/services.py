"""Users: creation, password hashing (argon2id, memory-hard), throttled authentication, sessions."""
from __future__ import annotations

import datetime as dt
import functools
import hmac
import math
from dataclasses import dataclass

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..errors import DomainError, LoginThrottled
from ..types import utcnow
from .models import ROLES, LoginAttempt, LoginThrottle, User, new_session_token

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
    """A new password; every session of the user (on any device) ends with the old one."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise DomainError(f"no user {username!r}; create it with 'user create'")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(f"password for {username!r} is too short; use at least {MIN_PASSWORD_LENGTH} characters")
    user.password_hash = hash_password(password)
    end_sessions(user)
    return user


def store_password_hash(session: Session, user_id: int, password_hash: str) -> User:
    """A password hashed beforehand (outside the transaction); every session of the user ends."""
    user = session.get(User, user_id)
    if user is None:
        raise DomainError(f"user {user_id} no longer exists")
    user.password_hash = password_hash
    end_sessions(user)
    return user


def end_sessions(user: User) -> None:
    """Every session and remember-me cookie of ``user`` stops working (they carry the old token)."""
    user.session_token = new_session_token()


def session_user(session: Session, session_id: str) -> User | None:
    """The active user a session cookie's id (``"<user id>:<session token>"``) names, if still valid."""
    user_id, _, token = (session_id or "").partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = session.get(User, int(user_id))
    if user is None or not user.active or not hmac.compare_digest(user.session_token.encode(), token.encode()):
        return None
    return user


@dataclass(frozen=True)
class ThrottlePolicy:
    """How many failed logins are let through, per client address and per address and name.

    Past the limit each further attempt must wait, twice as long as the one before (starting
    at ``first_delay``, never more than ``window``); ``window`` seconds without an attempt wipe
    the count. Counting per address and name, not per name, means that nobody can lock a user
    out by guessing from elsewhere; the per-address count stops one address from trying many names.
    """

    max_attempts: int = 5
    max_attempts_per_address: int = 20
    window_seconds: int = 300
    first_delay_seconds: float = 2.0

    def wait(self, failures: int, limit: int) -> float:
        if failures < limit:
            return 0.0
        return min(self.first_delay_seconds * 2 ** min(failures - limit, 32), float(self.window_seconds))


def _throttle_keys(username: str, remote_addr: str | None) -> tuple[str, str]:
    addr = remote_addr or "unknown"
    return f"addr {addr}", f"name {addr} {username}"[:200]


def _locked_throttle(session: Session, key: str, now: dt.datetime) -> LoginThrottle:
    """The throttle row of ``key``, created if missing, locked until the transaction ends.

    PostgreSQL locks the row (FOR UPDATE); SQLite needs nothing more, as the caller's write
    transaction began IMMEDIATE and holds the database's write lock.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(LoginThrottle).values(key=key, failures=0, last_at=now)
                    .on_conflict_do_nothing(index_elements=["key"]))
    return session.scalars(select(LoginThrottle).where(LoginThrottle.key == key)
                           .with_for_update().execution_options(populate_existing=True)).one()


def reserve_login_attempt(session: Session, username: str, *, remote_addr: str | None,
                          policy: ThrottlePolicy = ThrottlePolicy(), now: dt.datetime | None = None) -> None:
    """Count one login attempt before its password is checked, or raise ``LoginThrottled``.

    The attempt counts as a failure until ``login_succeeded`` takes it back, so that parallel
    attempts each see the others: commit this at once, in a transaction of its own, before the
    password is checked. A burst of parallel guesses thus gets at most the limit checked.
    """
    addr_key, name_key = _throttle_keys(username, remote_addr)
    rows = [(_locked_throttle(session, addr_key, now or utcnow()), policy.max_attempts_per_address),
            (_locked_throttle(session, name_key, now or utcnow()), policy.max_attempts)]
    # The time is read once the rows are locked: another process may have counted an attempt
    # while this one waited, and its time must not lie in this one's future.
    now = now or utcnow()
    for row, limit in rows:
        elapsed = max(0.0, (now - row.last_at).total_seconds())
        if elapsed > policy.window_seconds:
            row.failures = 0
        remaining = policy.wait(row.failures, limit) - elapsed
        if row.failures >= limit and remaining > 0:
            who = "from this address" if row is rows[0][0] else f"for {username!r} from this address"
            raise LoginThrottled(f"too many failed logins {who}; wait {math.ceil(remaining)} seconds and try again")
    for row, _ in rows:
        row.failures += 1
        row.last_at = now
    session.flush()


def login_succeeded(session: Session, username: str, *, remote_addr: str | None,
                    window_seconds: int = ThrottlePolicy.window_seconds) -> None:
    """Take back the attempt ``reserve_login_attempt`` counted: the password was right.

    Also drops counts idle for longer than the window (they no longer throttle anything), so
    that names sprayed at the login form do not pile up; rows another login holds are skipped.
    """
    addr_key, name_key = _throttle_keys(username, remote_addr)
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == name_key))
    session.execute(update(LoginThrottle).where(LoginThrottle.key == addr_key, LoginThrottle.failures > 0)
                    .values(failures=LoginThrottle.failures - 1))
    cutoff = utcnow() - dt.timedelta(seconds=window_seconds)
    idle = (select(LoginThrottle.key).where(LoginThrottle.last_at < cutoff).limit(1000)
            .with_for_update(skip_locked=True))
    session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(idle.scalar_subquery())))


def find_login(session: Session, username: str):
    """What a password check needs of ``username`` (id, hash, active), or None; reads only."""
    return session.execute(select(User.id, User.password_hash, User.active).where(User.username == username)).first()


def password_matches(found, password: str) -> int | None:
    """The user id if ``password`` matches the hash ``find_login`` found and the user is active.

    No database work: the caller ends its read first, so that no transaction stays open for
    the time argon2 takes. A failed check costs the same whether the user exists or not.
    """
    try:
        if found is None:
            _hasher.verify(_dummy_hash(), password)
            return None
        ok = _hasher.verify(found.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return found.id if ok and found.active else None


def record_login(session: Session, username: str, password: str, user_id: int | None, *,
                 remote_addr: str | None, window_seconds: int = ThrottlePolicy.window_seconds) -> User | None:
    """Store the outcome of a password check: a failure is kept; a success stamps the user."""
    user = session.get(User, user_id) if user_id is not None else None
    if user is None or not user.active:
        session.add(LoginAttempt(username=username[:80], remote_addr=(remote_addr or "")[:64] or None))
        return None
    session.execute(delete(LoginAttempt).where(LoginAttempt.username == username))
    user.last_login_at = utcnow()
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    login_succeeded(session, username, remote_addr=remote_addr, window_seconds=window_seconds)
    return user


@functools.cache
def _dummy_hash() -> str:
    # Computed on the first unknown username rather than at import: an argon2 hash costs 64 MiB
    # and a noticeable fraction of a second, which every command would otherwise pay at start-up.
    return _hasher.hash("not a real password")
