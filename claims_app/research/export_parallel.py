"""A large SQLite CSV export shared out to worker processes, one snapshot for all of them.

One process renders about 120,000 lines a second (csv_sqlite.py), and the work is the engine's:
threads do not help (they queue on SQLite's memory lock), processes do. Each worker is the small
program ``WORKER``, run with ``python -c`` so that it imports nothing of the app and costs little
memory, with a read-only connection of its own. The claim ids are cut into blocks of
``BLOCK_IDS``; block k goes to worker k mod n, at most two blocks a worker are in flight, and
the blocks are written in order, so memory stays flat whatever the size.

One snapshot: this process and every worker open a read transaction and read a fingerprint of
the database (the newest id of every table an edit, an ingest or an extraction adds to; every
editor's change adds a history entry). If the fingerprints differ, a write landed between the
openings and all of them start again; after ``ATTEMPTS`` tries the export runs in one process.
Lines that need Python (see csv_sqlite.py) are re-rendered here, inside this process's
transaction, so they come from the same snapshot.
"""
from __future__ import annotations

import json
import struct
import subprocess
import sys
from typing import Iterator, Sequence
from urllib.parse import quote

from .csv_sqlite import FOLD_FROM, NEEDLES, header_bytes, holds_nul, line_query, repair
from .export_sql import claims_query
from .guard import SqlError, sqlite_authorizer
from .readonly import ConsoleSettings, ReadOnlyConnection, sqlite_path

BLOCK_IDS = 2_500
# Below this many claim ids, starting workers costs more than it saves.
MIN_IDS = 50_000
ATTEMPTS = 5
FINGERPRINT = "SELECT " + ", ".join(
    f"(SELECT max(id) FROM {table})"
    for table in ("history", "claims", "articles", "outlets", "speakers", "speaker_aliases", "tags", "claim_links",
                  "users"))

# Requests are length-prefixed JSON: {"op": "begin", "sql": ..., "fold": ..., "needles": ...}
# opens a read transaction and answers the fingerprint (and sets csv_sqlite.py's quick test);
# {"op": "lines", "sql": ..., "params": ...} answers the CSV chunk of the rows' single column
# (b"D"), or, when the quick test finds a suspect line, the lines joined with NUL (b"S": CSV
# lines may hold CRLF, no exported text holds NUL). An answer is its kind (D, S, or E for an
# error message), an 8-byte length and the payload.
WORKER = r'''
import json, os, sqlite3, struct, sys

inp, out = sys.stdin.buffer, sys.stdout.buffer


def send(kind, payload):
    out.write(kind + struct.pack("<Q", len(payload)))
    out.write(payload)
    out.flush()


def receive():
    head = inp.read(8)
    if len(head) < 8:
        return None
    return json.loads(inp.read(struct.unpack("<Q", head)[0]))


try:
    con = sqlite3.connect(sys.argv[1], uri=True, isolation_level=None)
    con.execute("PRAGMA query_only=1")
    con.execute("PRAGMA busy_timeout=5000")
    con.text_factory = bytes
    while True:
        request = receive()
        if request is None:
            break
        if request["op"] == "begin":
            fold = bytes.maketrans(bytes.fromhex(request["fold"]), b"=" * (len(request["fold"]) // 2))
            needles = [bytes.fromhex(needle) for needle in request["needles"]]
            if con.in_transaction:
                con.execute("ROLLBACK")
            con.execute("BEGIN")
            send(b"D", json.dumps(con.execute(request["sql"]).fetchone()).encode())
        else:
            lines = [row[0] for row in con.execute(request["sql"], request["params"]).fetchall()]
            chunk = b"\r\n".join(lines) + b"\r\n" if lines else b""
            if b'"=' in chunk.translate(fold) or any(needle in chunk for needle in needles):
                send(b"S", b"\0".join(lines))
            else:
                send(b"D", chunk)
except BrokenPipeError:
    pass
except BaseException as exc:
    try:
        send(b"E", (type(exc).__name__ + ": " + str(exc)).encode("utf-8", "replace"))
    except BrokenPipeError:
        pass
os._exit(0)
'''


class _Worker:
    def __init__(self, uri: str):
        self.proc = subprocess.Popen([sys.executable, "-c", WORKER, uri], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)

    def ask(self, request: dict) -> None:
        data = json.dumps(request).encode("utf-8")
        try:
            self.proc.stdin.write(struct.pack("<Q", len(data)) + data)
            self.proc.stdin.flush()
        except OSError:
            pass    # the worker has gone: its next answer says why (its error message, or none)

    def answer(self) -> tuple[bytes, bytes]:
        """(kind, payload): D a CSV chunk, S lines joined with NUL to be checked here."""
        head = self.proc.stdout.read(9)
        if len(head) < 9:
            self._died()
        payload = self.proc.stdout.read(struct.unpack("<Q", head[1:])[0])
        if head[:1] == b"E":
            raise SqlError(f"an export worker failed: {payload.decode('utf-8', 'replace')}")
        return head[:1], payload

    def _died(self):
        code = self.proc.wait()
        raise SqlError(f"an export worker stopped (exit code {code}); run the export again with --jobs 1")

    def close(self) -> None:
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def parallel_csv(settings: ConsoleSettings, columns: Sequence[tuple[str, str]], where: list[str], params: dict,
                 *, jobs: int, bom: bool = False) -> Iterator[bytes] | None:
    """The CSV export in ``jobs`` worker processes, or None when one process is the better way

    (few claims, a NUL character in the data, or a database that kept changing while the
    workers opened their transactions). The snapshot is taken before this returns.
    """
    conn = ReadOnlyConnection(settings, timeout=None)
    raw = conn.raw
    raw.set_progress_handler(None, 0)
    workers: list[_Worker] = []
    try:
        low, high = raw.execute("SELECT min(id), max(id) FROM claims").fetchone()
        if jobs < 2 or low is None or high - low + 1 < MIN_IDS or holds_nul(raw):
            conn.close()
            return None
        uri = f"file:{quote(sqlite_path(settings.database_url))}?mode=ro"
        workers = [_Worker(uri) for _ in range(jobs)]
        for _ in range(ATTEMPTS):
            raw.set_authorizer(None)        # the transaction statements only; reads stay checked
            if raw.in_transaction:
                raw.execute("ROLLBACK")
            raw.execute("BEGIN")
            raw.set_authorizer(sqlite_authorizer)
            mine = list(raw.execute(FINGERPRINT).fetchone())
            for worker in workers:
                worker.ask({"op": "begin", "sql": FINGERPRINT, "fold": FOLD_FROM.hex(),
                            "needles": [needle.hex() for needle in NEEDLES]})
            theirs = [worker.answer()[1] for worker in workers]   # every answer read, so none is left behind
            if all(fingerprint == json.dumps(mine).encode() for fingerprint in theirs):
                break
        else:
            _close(workers, conn)
            return None
        low, high = raw.execute("SELECT min(id), max(id) FROM claims").fetchone()
    except BaseException:
        _close(workers, conn)
        raise
    if low is None:
        low = high = 0
    return _stream(conn, workers, columns, where, params, (low, high), bom)


def _stream(conn: ReadOnlyConnection, workers: list[_Worker], columns, where, params, bounds,
            bom: bool) -> Iterator[bytes]:
    blocks = [(lo, min(lo + BLOCK_IDS - 1, bounds[1])) for lo in range(bounds[0], bounds[1] + 1, BLOCK_IDS)]
    n = len(workers)
    ahead = 2 * n

    def request(k: int) -> dict:
        inner = claims_query(columns, where, "sqlite", id_range=blocks[k])
        return {"op": "lines", "sql": line_query(inner, columns), "params": params}

    def rerender(ids: list[int]) -> list[tuple]:
        return conn.raw.execute(claims_query(columns, [], "sqlite", only_ids=ids)).fetchall()

    try:
        yield header_bytes([name for name, _ in columns], bom=bom)
        for k in range(min(ahead, len(blocks))):
            workers[k % n].ask(request(k))
        for k in range(len(blocks)):
            kind, block = workers[k % n].answer()
            if k + ahead < len(blocks):
                workers[k % n].ask(request(k + ahead))
            if kind == b"S":
                block = repair(block.split(b"\0"), rerender)
            if block:
                yield block
    finally:
        _close(workers, conn)


def _close(workers: list[_Worker], conn: ReadOnlyConnection) -> None:
    for worker in workers:
        worker.close()
    conn.close()
