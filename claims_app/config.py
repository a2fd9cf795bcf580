"""Every setting, read from the environment in one place."""
from __future__ import annotations

import datetime as dt
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"


def _instance_dir() -> Path:
    return Path(os.environ.get("CLAIMS_INSTANCE_DIR", DEFAULT_INSTANCE))


def default_database_url() -> str:
    return f"sqlite:///{_instance_dir() / 'claims.sqlite3'}"


def load_secret_key(instance_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the instance folder.

    There is deliberately no hard-coded fallback: a known key would let anyone forge sessions.
    """
    env = os.environ.get("SECRET_KEY")
    if env:
        return env
    instance_dir.mkdir(parents=True, exist_ok=True)
    key_file = instance_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="ascii").strip()
    key = secrets.token_hex(32)
    # O_EXCL: two processes starting together must not each write a different key.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
    return key


def _number_env(name: str, default, parse, what: str):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return parse(raw)
    except ValueError as exc:
        raise SystemExit(f"{name}={raw!r} is not {what}; set it to {what} or unset it") from exc


def _int_env(name: str, default: int) -> int:
    return _number_env(name, default, int, "a whole number")


def _float_env(name: str, default: float) -> float:
    return _number_env(name, default, float, "a number")


def _choice_env(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = (os.environ.get(name) or default).strip().lower()
    if raw not in choices:
        raise SystemExit(f"{name}={raw!r} is not one of {', '.join(choices)}; set one of them or unset it")
    return raw


def _bool_env(name: str, default: bool) -> bool:
    raw = (os.environ.get(name) or "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SystemExit(f"{name}={raw!r} is not true or false; set 1/0, true/false or unset it")


def _serving_from_env() -> dict:
    """How users reach the app: the URL scheme, trusted proxies, HTTPS-only cookies."""
    scheme = _choice_env("CLAIMS_URL_SCHEME", "http", ("http", "https"))
    hops = _int_env("CLAIMS_PROXY_HOPS", 0)
    if hops < 0:
        raise SystemExit(f"CLAIMS_PROXY_HOPS={hops} is negative; set the number of proxies in front (0 for none)")
    return {
        "PREFERRED_URL_SCHEME": scheme,
        "PROXY_HOPS": hops,
        # Behind HTTPS, cookies go over HTTPS only unless told otherwise.
        "SECURE_COOKIES": _bool_env("CLAIMS_SECURE_COOKIES", scheme == "https"),
    }


MAX_REMEMBER_DAYS = 30


def _remember_days(raw: int) -> int:
    if not 0 <= raw <= MAX_REMEMBER_DAYS:
        raise SystemExit(f"CLAIMS_REMEMBER_DAYS={raw} is out of range; use 0 to {MAX_REMEMBER_DAYS} days")
    return raw


@dataclass
class Config:
    """Application settings. ``from_env()`` is the only place the environment is read."""

    DATABASE_URL: str = field(default_factory=default_database_url)
    SECRET_KEY: str = ""
    INSTANCE_DIR: Path = field(default_factory=_instance_dir)
    MAX_ARTICLE_BYTES: int = 5 * 1024 * 1024
    SQL_TIMEOUT_SECONDS: float = 5.0
    SQL_ROW_CAP: int = 1000
    SQL_READONLY_URL: str | None = None   # PostgreSQL: a read-only role for the SQL console
    LOGIN_MAX_ATTEMPTS: int = 5
    LOGIN_WINDOW_SECONDS: int = 300
    LOGIN_MAX_ATTEMPTS_PER_ADDRESS: int = 20
    LOGIN_FIRST_DELAY_SECONDS: float = 2.0
    REMEMBER_DAYS: int = 14               # "keep me signed in"; at most MAX_REMEMBER_DAYS, 0 turns it off
    PREFERRED_URL_SCHEME: str = "http"
    PROXY_HOPS: int = 0              # trusted reverse proxies in front; 0 = ignore X-Forwarded-*
    SECURE_COOKIES: bool = False     # session and remember-me cookies only over HTTPS
    WTF_CSRF_ENABLED: bool = True
    TESTING: bool = False
    # --- operations: logs (see _logging_from_env below) ---------------------------------------------
    LOG_FORMAT: str = "text"         # text | json (one JSON object a line)
    LOG_LEVEL: str = "INFO"

    @classmethod
    def from_env(cls) -> "Config":
        instance = _instance_dir()
        return cls(
            DATABASE_URL=os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'claims.sqlite3'}",
            SECRET_KEY=load_secret_key(instance),
            INSTANCE_DIR=instance,
            MAX_ARTICLE_BYTES=_int_env("CLAIMS_MAX_ARTICLE_BYTES", 5 * 1024 * 1024),
            SQL_TIMEOUT_SECONDS=_float_env("CLAIMS_SQL_TIMEOUT", 5.0),
            SQL_ROW_CAP=_int_env("CLAIMS_SQL_ROW_CAP", 1000),
            SQL_READONLY_URL=os.environ.get("CLAIMS_SQL_READONLY_URL") or None,
            LOGIN_MAX_ATTEMPTS=_int_env("CLAIMS_LOGIN_MAX_ATTEMPTS", 5),
            LOGIN_WINDOW_SECONDS=_int_env("CLAIMS_LOGIN_WINDOW", 300),
            LOGIN_MAX_ATTEMPTS_PER_ADDRESS=_int_env("CLAIMS_LOGIN_MAX_ATTEMPTS_PER_ADDRESS", 20),
            LOGIN_FIRST_DELAY_SECONDS=_float_env("CLAIMS_LOGIN_FIRST_DELAY", 2.0),
            REMEMBER_DAYS=_remember_days(_int_env("CLAIMS_REMEMBER_DAYS", 14)),
            **_serving_from_env(),
            **_logging_from_env(),
        )

    def as_flask(self) -> dict:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["REMEMBER_COOKIE_DURATION"] = dt.timedelta(days=min(self.REMEMBER_DAYS, MAX_REMEMBER_DAYS))
        data["SESSION_COOKIE_SECURE"] = self.SECURE_COOKIES
        data["REMEMBER_COOKIE_SECURE"] = self.SECURE_COOKIES
        data["SESSION_COOKIE_HTTPONLY"] = True
        data["SESSION_COOKIE_SAMESITE"] = "Lax"
        data["REMEMBER_COOKIE_HTTPONLY"] = True
        data["REMEMBER_COOKIE_SAMESITE"] = "Lax"
        return data


# The engines the project supports, by URL scheme (the driver after '+' is SQLAlchemy's).
SUPPORTED_SCHEMES = ("sqlite", "postgresql")
DATABASE_URL_HELP = ("set DATABASE_URL to sqlite:///PATH/claims.sqlite3 (a writable folder) or "
                     "postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB")


class DatabaseUrlError(Exception):
    """DATABASE_URL names no database this program can use; the message is one line for the user."""


def masked_url(url: str) -> str:
    """The URL as it may be printed: any password replaced by ***."""
    import re

    return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", url)


def check_database_url(url: str, *, default_folder: Path | None = None) -> None:
    """Refuse, with one line naming the URL and the fix, a DATABASE_URL that cannot work.

    Only what can be told without connecting: the URL's shape, the engine, and for SQLite the
    file's folder (which must exist and be writable; the default instance folder is created).
    """
    scheme, sep, rest = url.partition("://")
    shown = masked_url(url)
    if not sep or not scheme:
        raise DatabaseUrlError(f"DATABASE_URL {shown!r} is not a database URL; {DATABASE_URL_HELP}")
    engine = scheme.split("+", 1)[0].lower()
    if engine not in SUPPORTED_SCHEMES:
        raise DatabaseUrlError(f"DATABASE_URL {shown!r} uses {engine!r}, which this program does not support "
                               f"(only SQLite and PostgreSQL); {DATABASE_URL_HELP}")
    if engine != "sqlite":
        return
    path = rest[1:] if rest.startswith("/") else rest
    path = path.split("?", 1)[0]
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    folder = Path(path).parent
    if not folder.exists() and default_folder is not None and folder == default_folder:
        folder.mkdir(parents=True, exist_ok=True)
    if not folder.is_dir():
        raise DatabaseUrlError(f"DATABASE_URL {shown!r}: the folder {str(folder)!r} does not exist "
                               f"(or is not a folder); create it "
                               f"or {DATABASE_URL_HELP}")
    target = Path(path)
    if target.is_dir():
        raise DatabaseUrlError(f"DATABASE_URL {shown!r}: {path!r} is a folder, not a database file; "
                               f"{DATABASE_URL_HELP}")
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.R_OK | os.W_OK)):
        raise DatabaseUrlError(f"DATABASE_URL {shown!r}: {path!r} is not writable by this user; fix the "
                               f"permissions or {DATABASE_URL_HELP}")


# --- operations: logs -----------------------------------------------------------------------------------

def _logging_from_env() -> dict:
    return {
        "LOG_FORMAT": _choice_env("CLAIMS_LOG_FORMAT", "text", ("text", "json")),
        "LOG_LEVEL": _choice_env("CLAIMS_LOG_LEVEL", "info", ("debug", "info", "warning", "error")).upper(),
    }
