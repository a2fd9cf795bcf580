"""Console queries run in worker processes (console_worker.py), one process per query.

A spare worker per engine is started ahead of time, so a query does not wait for an interpreter
to start: taking it costs a socket message, and a new spare is started at once. The parent
waits for each message with a deadline (the time limit plus ``GRACE``) and kills the worker
when it passes, whatever the worker is doing; a killed or crashed worker is a clear error.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Callable

WORKER = Path(__file__).with_name("console_worker.py")
# How long past its time limit a worker may take to stop by itself before it is killed.
GRACE = 0.5
# Waiting for the connection and the first answer of a query without a time limit.
NO_LIMIT_WAIT = 3600.0
# Console queries running at once in one server process; more wait for a turn, then are told to
# come back: each worker may use MEMORY_LIMIT bytes, and the server's other pages need the cores.
MAX_RUNNING = 3
BUSY_WAIT = 2.0


class Busy(Exception):
    """Every console worker of this process is taken."""


class WorkerGone(Exception):
    """The worker died or was killed; ``overran`` says whether it was for its time."""

    def __init__(self, overran: bool, detail: str = ""):
        super().__init__(detail)
        self.overran = overran


@dataclass
class Worker:
    process: subprocess.Popen
    channel: Connection
    slot: bool = False
    backend_pid: int | None = None      # PostgreSQL: the server process running the query
    on_kill: Callable[[int], None] | None = None
    finished: bool = False

    def send(self, request: dict) -> None:
        self.channel.send(request)

    def receive(self, wait: float | None):
        """The next message; kills the worker and raises WorkerGone if none comes within ``wait`` s."""
        deadline = None if wait is None else time.monotonic() + max(0.0, wait)
        while True:
            message = self._receive(deadline)
            if message[0] == "backend":
                self.backend_pid = message[1]
                continue
            if message[0] in ("end", "error"):
                self.finished = True
            return message

    def _receive(self, deadline: float | None):
        try:
            wait = NO_LIMIT_WAIT if deadline is None else max(0.0, deadline - time.monotonic())
            if not self.channel.poll(wait):
                self.kill()
                raise WorkerGone(True)
            return self.channel.recv()
        except (EOFError, OSError) as exc:
            code = self.process.wait(timeout=5)
            raise WorkerGone(False, _exit_detail(code)) from exc

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            # A killed client does not stop the server's work: cancel the query there too.
            if not self.finished and self.backend_pid is not None and self.on_kill is not None:
                self.on_kill(self.backend_pid)

    def close(self) -> None:
        if self.channel.closed:
            return
        try:
            self.channel.close()
        finally:
            self.kill()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:   # pragma: no cover - a killed process always ends
                pass
            if self.slot:
                self.slot = False
                _running.release()


def _exit_detail(code: int | None) -> str:
    if code is not None and code < 0:
        import signal

        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        return f"stopped by {name}"
    return f"exit status {code}"


def _start(dialect: str) -> Worker:
    parent, child = socket.socketpair()
    try:
        env = dict(os.environ, MALLOC_ARENA_MAX="2")
        process = subprocess.Popen([sys.executable, "-I", str(WORKER), str(child.fileno()), dialect],
                                   pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                                   close_fds=True)
    except BaseException:
        parent.close()
        raise
    finally:
        child.close()
    return Worker(process, Connection(parent.detach()))


_lock = threading.Lock()
_running = threading.BoundedSemaphore(MAX_RUNNING)
_spares: dict[str, Worker] = {}
_owner = os.getpid()


def take(dialect: str) -> Worker:
    """A started worker for ``dialect`` (``close()`` it); a spare is started in its place.

    Raises Busy when MAX_RUNNING queries of this process are still running after BUSY_WAIT s.
    """
    if not _running.acquire(timeout=BUSY_WAIT):
        raise Busy()
    try:
        worker = _take(dialect)
    except BaseException:
        _running.release()
        raise
    worker.slot = True
    return worker


def _take(dialect: str) -> Worker:
    global _owner
    with _lock:
        if _owner != os.getpid():   # a forked server process: the spares belong to the parent
            _spares.clear()
            _owner = os.getpid()
        worker = _spares.pop(dialect, None)
        if worker is not None and worker.process.poll() is not None:
            worker.close()
            worker = None
        if worker is None:
            worker = _start(dialect)
        try:
            _spares[dialect] = _start(dialect)
        except OSError:   # no spare this time (out of processes): the next query starts its own
            pass
    return worker


def deadline_after(seconds: float | None) -> float | None:
    return None if not seconds else time.monotonic() + seconds + GRACE


def remaining(deadline: float | None) -> float | None:
    return None if deadline is None else deadline - time.monotonic()
