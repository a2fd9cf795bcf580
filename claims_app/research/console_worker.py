"""One SQL console query in a process of its own, walled in by the database engine and the kernel.

Started by ``console_pool.py`` as ``python -I console_worker.py FD DIALECT``: a small script that
imports only the standard library (and psycopg for PostgreSQL), so a spare one is ready in a few
milliseconds. It reads one request from the socket FD, runs it, sends the rows back in batches,
and exits. The parent kills it when it overruns its time; the kernel stops it when it allocates
more than ``MEMORY_LIMIT`` bytes, so no SQL function, VM step or value can outlive its limit or
take the web server down with it.

SQLite: see console_sqlite.py (read-only file, limits, an authorizer for the documented views).

PostgreSQL: the read-only role's URL (``db create-readonly-role``), checked to be neither a
superuser nor able to read password hashes, in a read-only transaction; the deadline is a timer
in this process that cancels the query from outside the session, so ``set_config`` cannot lift it.
"""
from __future__ import annotations

import os
import resource
import sqlite3
import sys
import threading

try:   # run as a script (the worker) or imported from the package (the app)
    from .console_sqlite import Refused, SqliteRun, sqlite_error
except ImportError:
    # Appended, not prepended: nothing in this folder may shadow a module of the standard library.
    sys.path.append(os.path.dirname(os.path.abspath(__file__)))
    from console_sqlite import Refused, SqliteRun, sqlite_error

MAX_ROW_BYTES = 16 * 1024 * 1024         # one row sent to the parent
MAX_PAGE_BYTES = 16 * 1024 * 1024        # all the rows of one console page
BATCH_BYTES = 1024 * 1024                # a batch of a download
MEMORY_LIMIT = 384 * 1024 * 1024         # address space of this process (RLIMIT_AS)
NICENESS = 10                            # the web server's own work comes first
FETCH_ROWS = 16                          # rows read from the cursor at a time


# ---------------------------------------------------------------- PostgreSQL

ROLE_CHECK = """
SELECT r.rolsuper OR r.rolbypassrls,
       has_column_privilege('public.users', 'password_hash', 'SELECT'),
       COALESCE(has_table_privilege(to_regclass('public.login_attempts'), 'SELECT'), false),
       current_user
FROM pg_roles r WHERE r.rolname = current_user"""


class PostgresRun:
    def __init__(self, request: dict, on_connect=None):
        import psycopg

        self.psycopg = psycopg
        self.timeout = request["timeout"]
        self.timer, self.conn = None, None
        self.arm()   # from before the connection: the parent's deadline counts it too
        self.conn = psycopg.connect(request["url"], autocommit=False, connect_timeout=10,
                                    application_name="claims-sql-console")
        if on_connect is not None:
            on_connect(self.conn.info.backend_pid)
        with self.conn.cursor() as cur:
            cur.execute(ROLE_CHECK)
            unsafe, hashes, attempts, user = cur.fetchone()
            if unsafe or hashes or attempts:
                what = "is a superuser" if unsafe else "can read users.password_hash" if hashes else \
                    "can read login_attempts"
                raise Refused("config", f"CLAIMS_SQL_READONLY_URL connects as {user!r}, which {what}; create a "
                                        "console role with 'python manage.py db create-readonly-role' and use its URL")
            cur.execute("SET TRANSACTION READ ONLY")
            cur.execute("SET LOCAL lock_timeout = 2000")
            cur.execute("SET LOCAL idle_in_transaction_session_timeout = 900000")
        sql = request["sql"]
        explain = sql.lstrip().lower().startswith("explain")
        # A named (server-side) cursor reads in batches; EXPLAIN cannot be declared as one.
        self.cursor = self.conn.cursor() if explain else self.conn.cursor(name="console")
        if explain:
            self.cursor.execute(sql, prepare=True)
        else:
            self.cursor.execute(sql)

    def _cancel(self) -> None:
        if self.conn is None:   # still connecting: the parent's kill ends it
            return
        try:
            cancel = getattr(self.conn, "cancel_safe", None)
            cancel() if cancel else self.conn.cancel()
        except Exception:   # noqa: BLE001 - the parent's kill is the last word anyway
            pass

    def arm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        if self.timeout:
            self.timer = threading.Timer(self.timeout, self._cancel)
            self.timer.daemon = True
            self.timer.start()

    def fetch(self, n: int) -> list:
        return self.cursor.fetchmany(n)

    def close(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.conn.close()


def postgres_error(exc: Exception) -> Refused:
    from psycopg import errors

    first = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
    if isinstance(exc, errors.QueryCanceled):
        return Refused("timeout", "")
    if isinstance(exc, (errors.ReadOnlySqlTransaction, errors.InsufficientPrivilege)):
        return Refused("denied", f"refused: {first} (the console reads only the documented views, "
                                 "see docs/schema.md)")
    if isinstance(exc, errors.ProgramLimitExceeded) or "out of memory" in first:
        return Refused("toobig", f"refused: {first}")
    return Refused("error", f"SQL error: {first}")


# ---------------------------------------------------------------- the run

def row_size(row) -> int:
    return sum(len(v) if isinstance(v, (str, bytes)) else 16 for v in row)


def serve(channel, request: dict) -> None:
    run = None
    try:
        if request["dialect"] == "sqlite":
            run = SqliteRun(request)
        else:
            # The parent learns the backend first: should it have to kill this process, it then
            # cancels the query on the server too.
            run = PostgresRun(request, on_connect=lambda pid: channel.send(("backend", pid)))
        columns = [d[0] for d in run.cursor.description or ()]
        channel.send(("columns", columns))
        if request["mode"] == "page":
            _send_page(channel, run, request["row_cap"], bool(columns))
        else:
            _send_stream(channel, run, request["batch_rows"], bool(columns))
    except Refused as exc:
        channel.send(("error", exc.kind, str(exc)))
    except MemoryError:
        channel.send(("error", "toobig", f"refused: the query needed more than {MEMORY_LIMIT // 2**20} MB of memory"))
    except Exception as exc:  # noqa: BLE001 - every engine error becomes one line for the user
        if isinstance(exc, sqlite3.Error):
            refused = sqlite_error(exc)
        elif type(exc).__module__.startswith("psycopg"):
            refused = postgres_error(exc)
        else:
            refused = Refused("error", f"the console failed: {exc.__class__.__name__}: {exc}")
        channel.send(("error", refused.kind, str(refused)))
    finally:
        if run is not None:
            try:
                run.close()
            except Exception:  # noqa: BLE001
                pass


def _checked(row) -> tuple:
    row = tuple(row)
    if row_size(row) > MAX_ROW_BYTES:
        raise Refused("toobig", f"refused: a row larger than {MAX_ROW_BYTES // 2**20} MB")
    return row


def _rows(run):
    """Every row, checked; read a few at a time so that large values never pile up in memory."""
    while True:
        batch = run.fetch(FETCH_ROWS)
        for row in batch:
            yield _checked(row)
        if len(batch) < FETCH_ROWS:
            return


def _send_page(channel, run, row_cap: int, has_rows: bool) -> None:
    rows, size, too_big = [], 0, False
    for row in _rows(run) if has_rows else ():
        size += row_size(row)
        if size > MAX_PAGE_BYTES:
            too_big = True
            break
        rows.append(row)
        if len(rows) > row_cap:
            break
    truncated = too_big or len(rows) > row_cap
    channel.send(("rows", rows[:row_cap]))
    channel.send(("end", {"truncated": truncated, "too_big": too_big}))


def _send_stream(channel, run, batch_rows: int, has_rows: bool) -> None:
    batch, size = [], 0
    for row in _rows(run) if has_rows else ():
        batch.append(row)
        size += row_size(row)
        if len(batch) >= batch_rows or size >= BATCH_BYTES:
            channel.send(("rows", batch))
            batch, size = [], 0
            run.arm()   # the time limit counts the reading of each batch, not the client's download
    if batch:
        channel.send(("rows", batch))
    channel.send(("end", {"truncated": False, "too_big": False}))


def main(argv: list[str]) -> int:
    from multiprocessing.connection import Connection

    # No parent-death signal: Linux sends it when the *thread* that started this process ends,
    # and servers start it from short-lived request threads. An orphan ends anyway: idle, at the
    # closed socket; running, at its CPU limit or its next write.
    fd, dialect = int(argv[1]), argv[2]
    if dialect == "sqlite":   # the work is done here; on PostgreSQL it is the server's, and the
        os.nice(NICENESS)     # cancel timer must not wait for a CPU
    if dialect == "postgresql":
        import psycopg  # noqa: F401 - imported while idle, so the query does not wait for it
    # Nothing this process prints may mix with the protocol; it speaks only on its socket.
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    channel = Connection(fd)
    try:
        request = channel.recv()
    except (EOFError, OSError):
        return 0
    if request.get("cpu_seconds"):
        cpu = int(request["cpu_seconds"])
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        serve(channel, request)
    except (BrokenPipeError, ConnectionResetError, EOFError):
        pass   # the parent went away or stopped reading: nothing left to do
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
