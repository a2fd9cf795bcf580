"""A DATABASE_URL that cannot work: every command says so in one line, exit code 1, no traceback.

Run from the user's side: ``manage.py`` in a new process, as after a typo in the environment.
"""
from __future__ import annotations

import socket
import sqlite3

import click
import pytest

from claims_app.cli import main

from ..conftest import SEEDS
from .helpers import cli_env, run_cli


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]   # nobody listens on it once the socket is closed


BAD_URLS = {
    "not a url": "notaurl",
    "unsupported engine": "mysql://reader:s3cret-pw@127.0.0.1/claims",
    "missing folder": "sqlite:///{tmp}/missing/sub/claims.sqlite3",
    "a file as folder": "sqlite:////dev/null/claims.sqlite3",
    "unwritable place": "sqlite:////proc/claims.sqlite3",
    "closed port": f"postgresql+psycopg://app:s3cret-pw@127.0.0.1:{_closed_port()}/claims",
}

SEED = str(sorted(SEEDS.glob("*.txt"))[0])
# The arguments each command is tried with; every command of manage.py must be listed here.
COMMANDS = {
    ("db", "upgrade"): [],
    ("db", "downgrade"): ["--yes"],
    ("db", "current"): [],
    ("db", "create-readonly-role"): [],
    ("serve",): ["--port", str(_closed_port())],
    ("demo",): ["--no-serve"],
    ("ingest",): [SEED],
    ("extract",): ["--all"],
    ("user", "create"): ["someone", "--role", "editor", "--password", "long-enough-1"],
    ("user", "set-password"): ["someone", "--password", "long-enough-1"],
    ("user", "list"): [],
    ("sql",): ["SELECT count(*) FROM v_claims"],
    ("export",): ["--format", "csv"],
    ("export", "links"): [],
    ("links", "suggest"): ["--all"],
    ("backup",): ["-o", "{tmp}/backup.sqlite3"],
    ("restore",): [SEED, "--force"],
}
# Commands that never open the database (extract of files reads files only).
NO_DATABASE = {("extract",): "extract FILES reads files only; extract --all is tried above"}


def _leaf_commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        path = prefix + (name,)
        if isinstance(command, click.Group):
            if command.invoke_without_command:
                yield path
            yield from _leaf_commands(command, path)
        else:
            yield path


def test_every_command_is_tried_with_a_bad_url():
    missing = set(_leaf_commands(main)) - set(COMMANDS)
    assert not missing, f"add arguments for {sorted(missing)} to COMMANDS, so that a bad DATABASE_URL is tried on them"


@pytest.mark.parametrize("command", list(COMMANDS), ids=" ".join)
@pytest.mark.parametrize("label", list(BAD_URLS))
def test_a_bad_database_url_is_one_line_and_exit_1(tmp_path, label, command):
    url = BAD_URLS[label].format(tmp=tmp_path)
    args = [a.format(tmp=tmp_path) for a in COMMANDS[command]]
    run = run_cli(*command, *args, env=cli_env(tmp_path, DATABASE_URL=url), timeout=60)
    assert run.returncode == 1, (run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("error: ") and "Traceback" not in run.stderr
    assert "s3cret-pw" not in run.stderr + run.stdout          # the password is masked
    shown = url.replace("s3cret-pw", "***")
    assert shown in lines[0]                                 # the URL is named
    assert "DATABASE_URL" in lines[0]                        # and what to change
    assert "serving on" not in run.stdout and "password:" not in run.stdout
    assert not (tmp_path / "missing").exists()                # no folder made on a guess


def test_serve_refuses_a_database_without_tables(tmp_path):
    db = tmp_path / "empty.sqlite3"
    sqlite3.connect(db).close()
    env = cli_env(tmp_path, DATABASE_URL=f"sqlite:///{db}")
    run = run_cli("serve", "--port", str(_closed_port()), env=env, timeout=60)
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "db upgrade" in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr


@pytest.mark.parametrize("command", [("user", "list"), ("links", "suggest", "--all"), ("extract", "--all")],
                         ids=" ".join)
def test_a_database_without_tables_says_run_db_upgrade(tmp_path, command):
    db = tmp_path / "empty.sqlite3"
    sqlite3.connect(db).close()
    run = run_cli(*command, env=cli_env(tmp_path, DATABASE_URL=f"sqlite:///{db}"), timeout=60)
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "db upgrade" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
