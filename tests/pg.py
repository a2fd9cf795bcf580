"""A throwaway PostgreSQL cluster for the test run, started from the installed binaries.

Used when CLAIMS_TEST_POSTGRES_URL is not set. As root (CI), the server runs as the
``postgres`` system user, because PostgreSQL refuses to run as root. A small watchdog process
stops the cluster and removes its folder when the process that started it is gone, so a test run
killed outright (a timeout, ``kill -9``) leaves no server behind.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import sys
import time
from pathlib import Path

# Run by a separate Python: wait for the starting process to end, then stop the cluster.
_WATCHDOG = """
import os, shutil, subprocess, sys, time
parent, folder, stop = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
while True:
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        break
    except PermissionError:
        pass
    time.sleep(1)
subprocess.run(stop, capture_output=True, timeout=120)
shutil.rmtree(folder, ignore_errors=True)
"""


def find_bindir() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TempCluster:
    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="claims-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.as_user = "postgres" if os.geteuid() == 0 else None

    def _command(self, *args: str) -> list[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        return ["runuser", "-u", self.as_user, "--", *cmd] if self.as_user else cmd

    def _run(self, *args: str) -> None:
        subprocess.run(self._command(*args), check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> str:
        if self.as_user:
            shutil.chown(self.dir, self.as_user)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-w", "-t", "60", "-o",
                  f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c fsync=off "
                  "-c synchronous_commit=off -c full_page_writes=off", "start")
        subprocess.Popen([sys.executable, "-c", _WATCHDOG, str(os.getpid()), str(self.dir),
                          *self._command("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def wait_for(url: str, seconds: float = 30) -> None:
    import psycopg

    deadline = time.monotonic() + seconds
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    while True:
        try:
            psycopg.connect(dsn, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
