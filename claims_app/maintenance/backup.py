"""Backup and restore with each engine's own tools.

SQLite: the online backup API copies a consistent snapshot while the app keeps serving (readers
and the one writer go on; the copy sees only committed transactions). PostgreSQL: ``pg_dump
-Fc`` (one snapshot, custom format) and ``pg_restore``. A backup is written to a temporary file
next to the target and renamed at the end, so a failed run leaves nothing half-written.
"""
from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect, select, table, text
from sqlalchemy.engine import Engine, make_url

from ..errors import DomainError

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(DomainError):
    http_status = 400


def engine_name(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError(f"{url}: an in-memory or URI SQLite database cannot be backed up; use a file path")
    return Path(database)


def libpq_url(url: str) -> str:
    """The SQLAlchemy URL as a libpq connection string for pg_dump / pg_restore."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def pg_tool(name: str) -> str:
    """``pg_dump`` / ``pg_restore``: from $PATH, else the newest of Debian's /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if candidates:
        return candidates[-1]
    raise BackupError(f"{name} not found; install the PostgreSQL client (apt-get install postgresql-client) "
                      "or put its bin folder on PATH")


def _temporary(out: Path) -> Path:
    return out.with_name(f".{out.name}.partial-{os.getpid()}")


def backup(url: str, out: Path) -> int:
    """Write a consistent copy of the database at ``url`` to ``out``; returns its size in bytes."""
    out = Path(out)
    if not out.parent.is_dir():
        raise BackupError(f"{out.parent}: folder does not exist; create it or choose another -o path")
    tmp = _temporary(out)
    try:
        if engine_name(url) == "sqlite":
            _backup_sqlite(sqlite_path(url), tmp)
        else:
            _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={tmp}", libpq_url(url)], "pg_dump")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out.stat().st_size


def _backup_sqlite(source: Path, tmp: Path) -> None:
    if not source.exists():
        raise BackupError(f"{source}: no such database file; check DATABASE_URL")
    src = sqlite3.connect(source)
    src.execute("PRAGMA busy_timeout=30000")
    dst = sqlite3.connect(tmp)
    try:
        # Copy in steps of 1,024 pages so that writers wait at most one step at a time; the
        # API restarts by itself when a write lands in between, so the result is one snapshot.
        src.backup(dst, pages=1024)
        dst.execute("PRAGMA journal_mode=DELETE")   # one self-contained file, no -wal beside it
    except sqlite3.Error as exc:
        raise BackupError(f"{source}: backup failed ({exc}); check the file and free disk space") from exc
    finally:
        dst.close()
        src.close()


def _run(args: list[str], what: str) -> None:
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=24 * 3600)
    except OSError as exc:
        raise BackupError(f"{what} could not run ({exc})") from exc
    if proc.returncode != 0:
        lines = [ln for ln in proc.stderr.strip().splitlines() if ln.strip()]
        detail = lines[0] if lines else f"exit code {proc.returncode}"
        raise BackupError(f"{what} failed: {detail}")


def backup_kind(path: Path) -> str:
    """``sqlite`` or ``postgresql``, from the file's first bytes."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise BackupError(f"{path}: cannot read it ({exc.strerror})") from exc
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path}: not a backup made by 'manage.py backup' (neither SQLite nor pg_dump -Fc)")


def non_empty_tables(engine: Engine) -> list[str]:
    """Tables holding rows, other than Alembic's own bookkeeping."""
    names = [n for n in inspect(engine).get_table_names() if n != "alembic_version"]
    found = []
    with engine.connect() as conn:
        for name in names:
            if conn.execute(select(text("1")).select_from(table(name)).limit(1)).first() is not None:
                found.append(name)
    return found


def restore(url: str, source: Path, *, force: bool = False) -> None:
    """Replace the database at ``url`` with the backup ``source``.

    Refuses a database that holds rows unless ``force``: a restore overwrites everything.
    """
    from ..db import make_engine

    source = Path(source)
    kind = backup_kind(source)
    target = engine_name(url)
    if kind != target:
        raise BackupError(f"{source}: a {kind} backup cannot be restored into {target} ({url}); "
                          f"point DATABASE_URL at a {kind} database")
    engine = make_engine(url)
    try:
        occupied = non_empty_tables(engine)
    finally:
        engine.dispose()
    if occupied and not force:
        raise BackupError(f"the database at DATABASE_URL holds data ({', '.join(occupied[:5])}"
                          f"{', …' if len(occupied) > 5 else ''}); restore into an empty database, "
                          "or add --force to overwrite it")
    if kind == "sqlite":
        _restore_sqlite(source, sqlite_path(url))
    else:
        # --clean drops what the dump recreates (a migrated, empty schema included); one
        # transaction, so a failure leaves the database as it was.
        _run([pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
              "--exit-on-error", f"--dbname={libpq_url(url)}", str(source)], "pg_restore")


def _restore_sqlite(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        check = src.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"{source}: the backup is damaged ({check}); use another one")
        target.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(target)
        try:
            dst.execute("PRAGMA busy_timeout=30000")
            src.backup(dst)   # page by page under the target's write lock: all or nothing
            dst.execute("PRAGMA journal_mode=WAL")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{target}: restore failed ({exc}); stop the app or check the file") from exc
    finally:
        src.close()
