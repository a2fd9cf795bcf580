"""SQL console benchmark: does a researcher's heavy query delay other users' pages?

    .venv/bin/python bench/bench_console.py [--postgres] [--attackers 8] [--seconds 20] [--timeout 5]

Serves the app on 127.0.0.1 (a threaded development server, its own port, stopped at the end)
on a fresh database with the seed articles, signs in a researcher and an editor, and measures
the editor's page (``GET /claims/review``) three ways: alone; while ``--attackers`` threads post
heavy console queries for ``--seconds`` (one VM step that never yields: ``printf('%.*c',
2147483647, 'x')``, 3 MB blobs over 1,000 rows, a runaway recursive query; on PostgreSQL
``pg_sleep`` behind ``set_config('statement_timeout', '0', …)`` and a huge ``repeat``); and
the answer time of the heavy queries themselves against the limit. Also the cost of one small
console query (worker start included). Prints figures; not run by pytest. Loopback only.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEAVY = {
    "sqlite": ["SELECT printf('%.*c', 2147483647, 'x')",
               "SELECT zeroblob(3000000) FROM (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r "
               "WHERE n < 1000) SELECT n FROM r)",
               "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"],
    "postgresql": ["SELECT pg_sleep(60)",
                   "SELECT repeat('x', 200000000) FROM generate_series(1, 100)",
                   "SELECT count(*) FROM generate_series(1, 10000000000)"],
}


def _client(base: str, username: str, password: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = urllib.parse.urlencode({"username": username, "password": password}).encode()
    opener.open(base + "/login", body, timeout=30).read()
    return opener


def _timed_get(opener, url: str) -> float:
    started = time.perf_counter()
    with opener.open(url, timeout=60) as response:
        response.read()
    return time.perf_counter() - started


def _figures(label: str, values: list[float]) -> None:
    values = sorted(values)
    p95 = values[max(0, int(len(values) * 0.95) - 1)]
    print(f"{label:<46} n={len(values):<4} median {statistics.median(values) * 1000:7.1f} ms   "
          f"p95 {p95 * 1000:7.1f} ms   max {values[-1] * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="run on a throwaway PostgreSQL cluster")
    parser.add_argument("--attackers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--timeout", type=float, default=5.0, help="the console's time limit")
    args = parser.parse_args()

    cluster = None
    folder = Path(tempfile.mkdtemp(prefix="bench-console-"))
    if args.postgres:
        from tests import pg

        cluster = pg.TempCluster(pg.find_bindir())
        url = cluster.start()
        pg.wait_for(url)
    else:
        url = f"sqlite:///{folder / 'claims.sqlite3'}"
    try:
        _run(args, url, folder)
    finally:
        if cluster is not None:
            cluster.stop()


def _run(args, url: str, folder: Path) -> None:
    from werkzeug.serving import make_server

    from claims_app import create_app
    from claims_app.accounts.services import create_user
    from claims_app.cli.core import upgrade_database
    from claims_app.cli.ingest import ingest_paths
    from claims_app.config import Config
    from claims_app.research.console_role import create_readonly_role
    from claims_app.research.readonly import ConsoleSettings
    from claims_app.research.sql import run_query

    dialect = "postgresql" if args.postgres else "sqlite"
    upgrade_database(url)
    import os

    os.environ["DATABASE_URL"] = url
    from claims_app.cli import context

    context._factory = None
    ingest_paths([ROOT / "seeds"], progress=False)
    readonly = create_readonly_role(url, "claims_console").url if args.postgres else None
    config = Config(DATABASE_URL=url, SQL_READONLY_URL=readonly, SECRET_KEY="bench", INSTANCE_DIR=folder,
                    WTF_CSRF_ENABLED=False, SQL_TIMEOUT_SECONDS=args.timeout)
    app = create_app(config)
    with app.extensions["claims_sessionmaker"]() as session:
        create_user(session, "bench-researcher", "correct horse battery", "researcher")
        create_user(session, "bench-editor", "correct horse battery", "editor")
        session.commit()
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings = ConsoleSettings(database_url=url, readonly_url=readonly, timeout_seconds=args.timeout)
        small = []
        for _ in range(20):
            started = time.perf_counter()
            run_query(settings, "SELECT count(*) FROM v_claims")
            small.append(time.perf_counter() - started)
            time.sleep(0.05)
        print(f"{dialect}: console limit {args.timeout:g} s, {args.attackers} attackers for {args.seconds:g} s")
        _figures("one small console query (worker included)", small)

        editor = _client(base, "bench-editor", "correct horse battery")
        page = base + "/claims/review"
        _figures("editor page, alone", [_timed_get(editor, page) for _ in range(30)])

        stop = time.monotonic() + args.seconds
        heavy_times, outcomes = [], {}
        lock = threading.Lock()

        researchers = [_client(base, "bench-researcher", "correct horse battery") for _ in range(args.attackers)]
        stop = time.monotonic() + args.seconds

        def attack(index: int) -> None:
            researcher = researchers[index]
            n = index
            while time.monotonic() < stop:
                sql = HEAVY[dialect][n % len(HEAVY[dialect])]
                n += 1
                body = urllib.parse.urlencode({"sql": sql, "run": "Run"}).encode()
                started = time.perf_counter()
                try:
                    with researcher.open(base + "/research/console", body, timeout=120) as response:
                        text = response.read().decode()
                        status = response.status
                except urllib.error.HTTPError as exc:
                    text, status = exc.read().decode(), exc.code
                elapsed = time.perf_counter() - started
                kind = ("stopped" if "was stopped after" in text else "busy" if "try again" in text
                        else "refused" if "refused" in text else str(status))
                with lock:
                    heavy_times.append(elapsed)
                    outcomes[kind] = outcomes.get(kind, 0) + 1

        attackers = [threading.Thread(target=attack, args=(i,)) for i in range(args.attackers)]
        for thread in attackers:
            thread.start()
        time.sleep(1.0)
        during = []
        while time.monotonic() < stop:
            during.append(_timed_get(editor, page))
            time.sleep(0.1)
        for thread in attackers:
            thread.join()
        _figures("editor page, during the attack", during)
        _figures("heavy console queries, answer time", heavy_times)
        print(f"heavy query outcomes: {dict(sorted(outcomes.items()))}; "
              f"slowest answer {max(heavy_times):.2f} s against a limit of {args.timeout:g} s")
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
