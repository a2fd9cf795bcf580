"""Operations: production serving, backup and restore."""
from __future__ import annotations

import os
import sys

from pathlib import Path

import click

from ..config import PROJECT_ROOT
from .context import database_url, fail


def run_production(host: str, port: int, workers: int | None) -> None:
    """Replace this process with gunicorn (so that a service manager's signals reach it)."""
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        fail("gunicorn is not installed; run: pip install -e .")
    conf = PROJECT_ROOT / "gunicorn.conf.py"
    args = [sys.executable, "-m", "gunicorn", "--bind", f"{host}:{port}"]
    if conf.exists():
        args += ["--config", str(conf)]
    if workers:
        args += ["--workers", str(workers)]
    args.append("claims_app:create_app()")
    click.echo(f"serving with gunicorn on http://{host}:{port}" + (f" ({workers} workers)" if workers else ""))
    sys.stdout.flush()
    os.execv(sys.executable, args)


def register(main: click.Group) -> None:
    @main.command()
    @click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="File to write (replaced at the end, never half-written).")
    def backup(output: Path) -> None:
        """Copy the database to a file while the app keeps serving.

        SQLite: the online backup API (a plain SQLite file). PostgreSQL: pg_dump -Fc.
        """
        from ..maintenance.backup import BackupError
        from ..maintenance.backup import backup as make_backup

        try:
            size = make_backup(database_url(), output)
        except BackupError as exc:
            fail(str(exc))
        click.echo(f"backup written to {output} ({size / 1e6:.1f} MB)")

    @main.command()
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--force", is_flag=True, help="Overwrite a database that holds data.")
    def restore(file: Path, force: bool) -> None:
        """Restore a backup made by 'backup' into the database at DATABASE_URL.

        The database must be empty (created, or migrated with no rows) unless --force is given.
        """
        from ..maintenance.backup import BackupError
        from ..maintenance.backup import restore as do_restore

        if not file.is_file():
            fail(f"{file}: no such backup file")
        try:
            do_restore(database_url(), file, force=force)
        except BackupError as exc:
            fail(str(exc))
        click.echo(f"restored {file}; run 'python manage.py db upgrade' if the backup is older than this code")
