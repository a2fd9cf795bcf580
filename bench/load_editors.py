"""Load test: concurrent editors reviewing and editing under gunicorn while an ingest runs.

    .venv/bin/python bench/load_editors.py [--engine sqlite|postgresql] [--editors 20] [--seconds 60]
                                           [--workers 4] [--ingest-articles 150]

Builds a fresh database (SQLite file, or a throwaway PostgreSQL cluster from the installed
binaries), ingests the seeds and a synthetic corpus to review, creates the editors (production
argon2 cost), serves the app as in production (``manage.py serve --prod``: gunicorn with the
shipped ``gunicorn.conf.py``) on 127.0.0.1 and, while ``manage.py ingest`` stores another
synthetic corpus in batched transactions, lets every editor loop for ``--seconds``:
accept or reject a claim from the review queue, edit a numeric claim from a small shared set
(so that editors collide), read claim and article pages, with a pause between actions. Every request has a timeout; the
server, the ingest and the cluster are stopped at the end whatever happens.

Prints the count of 5xx answers (must be 0), saves stored and saves refused as conflicts,
both checked against the history table, and latency percentiles. Exit code 1 when any answer
was 5xx or the history does not match. Not run by pytest.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live_http import Browser  # noqa: E402

PASSWORD = "load test passphrase"
HOT_CLAIMS = 40          # numeric claims every editor edits: small enough for collisions
REQUEST_TIMEOUT = 60.0


# --- corpus ---------------------------------------------------------------------------------------

def seed_paragraphs() -> list[str]:
    return [p for f in sorted((ROOT / "seeds").glob("*.txt"))
            for p in f.read_text(encoding="utf-8").split("\n") if len(p) > 40]


def synthetic_articles(n: int, seed: int) -> list[str]:
    """Articles made of shuffled seed paragraphs: new texts with real quotes and numbers."""
    paragraphs = seed_paragraphs()
    rng = random.Random(seed)
    return [f"Synthetic article {seed}-{i}\n\n" + "\n\n".join(rng.sample(paragraphs, min(8, len(paragraphs))))
            for i in range(n)]


def write_corpus(folder: Path, texts: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"article-{i:04d}.txt").write_text(text, encoding="utf-8")


# --- database -------------------------------------------------------------------------------------

def prepare(url: str, editors: int, review_articles: int) -> tuple[list[int], list[int]]:
    """Migrate, ingest seeds and a corpus to review, create editors; returns (editor ids, hot claim ids)."""
    from sqlalchemy import select

    from claims_app.accounts.services import create_user
    from claims_app.articles.readers import read_articles
    from claims_app.articles.services import ingest_article
    from claims_app.claims.models import Claim
    from claims_app.cli.core import upgrade_database
    from claims_app.db import make_engine, make_session_factory, transaction

    upgrade_database(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_corpus(folder, synthetic_articles(review_articles, seed=1))
        paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(folder.glob("*.txt"))
        for path in paths:
            for item in read_articles(path):
                with transaction(factory) as session:
                    ingest_article(session, item)
    with transaction(factory) as session:
        ids = [create_user(session, f"editor{i:02d}", PASSWORD, "editor").id for i in range(editors)]
    with factory() as session:
        hot = session.scalars(select(Claim.id).where(Claim.kind == "numeric", Claim.qualifier != "range")
                              .order_by(Claim.id).limit(HOT_CLAIMS)).all()
    engine.dispose()
    return ids, list(hot)


def article_count(url: str) -> int:
    from sqlalchemy import func, select

    from claims_app.articles.models import Article
    from claims_app.db import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(Article)).scalar_one()
    engine.dispose()
    return n


def history_counts(url: str, editor_ids: list[int], since) -> Counter:
    from sqlalchemy import func, select

    from claims_app.db import make_engine
    from claims_app.history.models import HistoryEntry

    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(HistoryEntry.action, func.count())
                            .where(HistoryEntry.entity_type == "claim", HistoryEntry.actor_id.in_(editor_ids),
                                   HistoryEntry.at >= since)
                            .group_by(HistoryEntry.action)).all()
    engine.dispose()
    return Counter(dict(rows))


# --- forms ----------------------------------------------------------------------------------------

class Forms(HTMLParser):
    """Every form of a page: its action and the values a browser would send."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, dict]] = []
        self._select = None
        self._textarea = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append((a.get("action") or "", {}))
        elif not self.forms:
            return
        fields = self.forms[-1][1]
        if tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") not in ("submit", "button"):
                fields[a["name"]] = a.get("value") or ""
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select:
            if "selected" in a or self._select not in fields:
                fields[self._select] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a.get("name")
            fields[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1][1][self._textarea] += data

    def find(self, pattern: str) -> list[tuple[str, dict]]:
        return [(action, fields) for action, fields in self.forms if re.search(pattern, action)]


# --- editors --------------------------------------------------------------------------------------

# Each request is timed under its kind (method and route); kinds are summed up into groups.
KINDS = {
    "GET /login": "pages", "POST /login": "logins",
    "GET /claims/review": "pages", "POST /claims/<id>/accept|reject": "saves",
    "GET /claims/<id>/edit": "pages", "POST /claims/<id>/edit": "saves",
    "GET /claims/<id>": "pages", "GET /articles/<id>": "pages",
}


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = {kind: [] for kind in KINDS}
        self.status = Counter()
        self.outcome = Counter()
        self.errors: list[str] = []

    def timed(self, kind: str, call):
        start = time.perf_counter()
        try:
            status, body = call()
        except OSError as exc:                      # a timeout or a refused connection
            with self.lock:
                self.status["no answer"] += 1
                self.errors.append(f"{exc.__class__.__name__}: {exc}")
            return None, ""
        elapsed = time.perf_counter() - start
        with self.lock:
            self.latency[kind].append(elapsed)
            self.status[status] += 1
            if status >= 500:
                self.errors.append(f"{status}: {re.sub(r'<[^>]+>', ' ', body)[-300:].strip()}")
        return status, body

    def count(self, outcome: str) -> None:
        with self.lock:
            self.outcome[outcome] += 1


def editor_loop(base: str, name: str, hot: list[int], deadline: float, stats: Stats, seed: int,
                think: float) -> None:
    rng = random.Random(seed)
    browser = Browser(base, timeout=REQUEST_TIMEOUT)
    stats.timed("GET /login", lambda: browser.get("/login"))
    status, _ = stats.timed("POST /login", lambda: browser.post("/login", {"username": name, "password": PASSWORD}))
    if status != 302:
        stats.count("login failed")
        return
    while time.monotonic() < deadline:
        time.sleep(rng.uniform(0, 2 * think))   # an editor reads before the next action
        roll = rng.random()
        if roll < 0.45:
            review(browser, rng, stats)
        elif roll < 0.85:
            edit(browser, rng.choice(hot), rng, stats)
        else:
            claim_id = rng.choice(hot)
            status, page = stats.timed("GET /claims/<id>", lambda: browser.get(f"/claims/{claim_id}"))
            article = re.search(r'href="/articles/(\d+)', page or "")
            if article:
                stats.timed("GET /articles/<id>", lambda: browser.get(f"/articles/{article.group(1)}"))


def review(browser: Browser, rng: random.Random, stats: Stats) -> None:
    status, page = stats.timed("GET /claims/review", lambda: browser.get("/claims/review"))
    if status != 200:
        return
    decision = "accept" if rng.random() < 0.7 else "reject"
    forms = Forms(page).find(rf"/claims/\d+/{decision}$")[:10]
    if not forms:
        return
    action, fields = rng.choice(forms)
    status, _ = stats.timed("POST /claims/<id>/accept|reject", lambda: browser.post(action, fields))
    if status == 409:              # both saved at the same instant: the version check in the UPDATE
        stats.count("review conflict")
        return
    if status != 302:
        stats.count(f"review answered {status}")
        return
    # The outcome is on the page the redirect leads to, as a flash message.
    status, after = stats.timed("GET /claims/review", lambda: browser.get(fields.get("next") or "/claims/review"))
    if "flash-success" in after:
        stats.count("review stored")
    elif "changed by someone else" in after:
        stats.count("review conflict")
    else:
        stats.count("review refused (other)")


def edit(browser: Browser, claim_id: int, rng: random.Random, stats: Stats) -> None:
    status, page = stats.timed("GET /claims/<id>/edit", lambda: browser.get(f"/claims/{claim_id}/edit"))
    if status != 200:
        return
    forms = Forms(page).find(rf"/claims/{claim_id}/edit")
    if not forms:
        return
    _, fields = forms[0]
    fields["metric"] = f"load test metric {rng.randrange(10**6)}"
    fields["reason"] = "load test"
    time.sleep(rng.uniform(0.0, 0.3))   # an editor reads the form before saving
    status, _ = stats.timed("POST /claims/<id>/edit", lambda: browser.post(f"/claims/{claim_id}/edit", fields))
    if status == 302:
        stats.count("edit stored")
    elif status == 409:
        stats.count("edit conflict")
    else:
        stats.count(f"edit answered {status}")


# --- the ingest beside them ---------------------------------------------------------------------

# Runs manage.py (argv[1:]) with every transaction of the process timed from BEGIN to COMMIT or
# ROLLBACK; prints one line of figures when it ends. Observes only: the ingest itself is unchanged.
INGEST_TIMED = """
import atexit, runpy, sys, time
from sqlalchemy import event
from sqlalchemy.engine import Engine
held, began = [], {}
event.listen(Engine, "begin", lambda conn: began.__setitem__(id(conn.connection), time.perf_counter()))
def ended(conn):
    start = began.pop(id(conn.connection), None)
    if start is not None:
        held.append(time.perf_counter() - start)
event.listen(Engine, "commit", ended)
event.listen(Engine, "rollback", ended)
@atexit.register
def report():
    if held:
        s = sorted(held)
        print(f"ingest transactions: {len(s)}, held p50 {s[len(s) // 2] * 1000:.0f} ms, "
              f"p95 {s[round(0.95 * (len(s) - 1))] * 1000:.0f} ms, max {s[-1] * 1000:.0f} ms, "
              f"total {sum(s):.1f} s", flush=True)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


# --- servers --------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, seconds: float) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(base + "/login", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer on {base} within {seconds:.0f} s")
            time.sleep(0.3)


def stop(process: subprocess.Popen | None, name: str) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        print(f"{name} did not stop on SIGTERM; killing it", file=sys.stderr)
        process.kill()
        process.wait(timeout=10)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def served_by(workers: int | None) -> str:
    """The gunicorn settings in force: gunicorn.conf.py's, with --workers and GUNICORN_CMD_ARGS over them."""
    import runpy

    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    text = f"{workers or conf['workers']} {conf['worker_class']} workers × {conf.get('threads', 1)} threads"
    extra = os.environ.get("GUNICORN_CMD_ARGS")
    return text + (f" (GUNICORN_CMD_ARGS: {extra})" if extra else "")


def latency_line(values: list[float]) -> str:
    return (f"p50 {statistics.median(values) * 1000:5.0f}, p95 {percentile(values, 0.95) * 1000:5.0f}, "
            f"p99 {percentile(values, 0.99) * 1000:5.0f}, max {max(values) * 1000:5.0f} (n={len(values)})")


REQUEST_LINE = re.compile(r"claims_app\.request: (GET|POST) (\S+) (\d{3}) ([\d.]+)ms .*?cpu_ms=([\d.]+) "
                          r"lock_ms=([\d.]+)")


def server_times(log_text: str) -> tuple[dict[str, list[float]], ...]:
    """Seconds each request spent in the app, CPU seconds it used there and seconds it waited for
    SQLite's write lock, by kind, read from the app's one line per request."""
    times: dict[str, list[float]] = {"all requests": []}
    cpu: dict[str, list[float]] = {"all requests": []}
    lock: dict[str, list[float]] = {"all requests": []}
    for method, path, _status, ms, cpu_ms, lock_ms in REQUEST_LINE.findall(log_text):
        route = re.sub(r"/\d+", "/<id>", path)
        kind = f"  {method} {route.replace('/accept', '/accept|reject').replace('/reject', '/accept|reject')}"
        for into, value in ((times, ms), (cpu, cpu_ms), (lock, lock_ms)):
            into["all requests"].append(float(value) / 1000)
            into.setdefault(kind, []).append(float(value) / 1000)
    return times, cpu, lock


def run(url: str, args, tmp: Path) -> int:
    import datetime as dt

    print(f"preparing the {args.engine} database ...", flush=True)
    editor_ids, hot = prepare(url, args.editors, args.review_articles)
    if not hot:
        raise SystemExit("the corpus produced no numeric claims to edit")
    articles_before = article_count(url)
    ingest_dir = tmp / "ingest"
    write_corpus(ingest_dir, synthetic_articles(args.ingest_articles, seed=2))
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY=secrets.token_hex(16), CLAIMS_INSTANCE_DIR=str(tmp),
               PYTHONPATH=str(ROOT))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = ingest = server_log = None
    try:
        # served as in production: manage.py serve --prod (gunicorn with the shipped gunicorn.conf.py)
        server_log = open(tmp / "server.log", "w")
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "serve", "--prod", "--host", "127.0.0.1", "--port", str(port),
             *(["--workers", str(args.workers)] if args.workers else [])],
            cwd=tmp, env={**env, "CLAIMS_LOG_LEVEL": "info"}, stdout=server_log, stderr=subprocess.STDOUT)
        wait_until_up(base, 60)
        since = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)
        ingest_log = open(tmp / "ingest.log", "w")
        ingest_started = time.monotonic()
        if args.ingest_articles:
            # manage.py ingest, with its transactions timed (each holds SQLite's one write lock)
            ingest = subprocess.Popen([sys.executable, "-c", INGEST_TIMED, str(ROOT / "manage.py"), "ingest",
                                       str(ingest_dir)],
                                      cwd=tmp, env=env, stdout=ingest_log, stderr=subprocess.STDOUT)
        stats = Stats()
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=editor_loop, daemon=True,
                                    args=(base, f"editor{i:02d}", hot, deadline, stats, i, args.think))
                   for i in range(args.editors)]
        started = time.monotonic()
        client_cpu = time.process_time()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.seconds + REQUEST_TIMEOUT * 3)
        elapsed = time.monotonic() - started
        client_cpu = time.process_time() - client_cpu   # this process: the editors' HTTP and HTML parsing
        if ingest is None:
            ingest_state = "not run"
        elif ingest.poll() is not None:
            ingest_state = f"finished in {time.monotonic() - ingest_started:.0f} s"
        else:
            ingest_state = "still running at the end (stopped)"
        stop(ingest, "ingest")
        ingest_log.close()
    finally:
        stop(ingest, "ingest")
        stop(server, "gunicorn")
        if server_log is not None:
            server_log.close()

    server_text = (tmp / "server.log").read_text(encoding="utf-8", errors="replace")
    lock_waits = [float(w) for w in re.findall(r"waited ([\d.]+) s for the SQLite write lock", server_text)]
    served, cpu, lock = server_times(server_text)
    history = history_counts(url, editor_ids, since)
    ingested = article_count(url) - articles_before
    out = stats.outcome
    requests = sum(stats.status.values())
    fivexx = sum(n for s, n in stats.status.items() if isinstance(s, int) and s >= 500)
    no_answer = stats.status.get("no answer", 0)
    edits_ok = history["update"] == out["edit stored"]
    reviews_ok = history["accept"] + history["reject"] == out["review stored"]
    groups: dict[str, list[float]] = {"all requests": [], "pages": [], "saves": [], "logins": []}
    for kind, values in stats.latency.items():
        groups["all requests"] += values
        groups[KINDS[kind]] += values
    ingest_lines = (tmp / "ingest.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()
    ingest_tail = [line for line in ingest_lines if line.startswith("ingested ")][-1:]
    ingest_held = [line for line in ingest_lines if line.startswith("ingest transactions:")]

    print(f"\nengine {args.engine}: {args.editors} editors (mean pause {args.think} s) for {elapsed:.0f} s, "
          f"gunicorn {served_by(args.workers)}, "
          f"ingest of {args.ingest_articles} articles {ingest_state}, {ingested} stored meanwhile")
    if ingest_tail:
        print(f"  ingest said: {ingest_tail[0]}")
    if ingest_held:
        print(f"  {ingest_held[0]}")
    print(f"requests: {requests} ({requests / elapsed:.1f}/s); statuses {dict(sorted(stats.status.items(), key=str))}")
    print(f"the editors' side (this process, on the same cores) used {client_cpu:.1f} CPU s, "
          f"the app {sum(cpu['all requests']) if served['all requests'] else float('nan'):.1f} CPU s in requests")
    print(f"5xx answers: {fivexx}; requests without an answer: {no_answer}")
    print(f"edits:   stored {out['edit stored']}, conflicts (409) {out['edit conflict']}; "
          f"history 'update' rows {history['update']} -> {'match' if edits_ok else 'MISMATCH'}")
    print(f"reviews: stored {out['review stored']}, conflicts {out['review conflict']}, "
          f"other refusals {out['review refused (other)']}; history accept+reject rows "
          f"{history['accept'] + history['reject']} -> {'match' if reviews_ok else 'MISMATCH'}")
    other = {k: v for k, v in out.items() if k not in ("edit stored", "edit conflict", "review stored",
                                                      "review conflict", "review refused (other)")}
    if other:
        print(f"other outcomes: {other}")
    print("latency as the editors saw it (ms):")
    for label, values in [*groups.items(), *((f"  {kind}", values) for kind, values in stats.latency.items())]:
        if values:
            print(f"  {label:32s} {latency_line(values)}")
    if served["all requests"]:
        print("time inside the app, from its request log (ms; the rest is waiting for a worker):")
        for label, values in served.items():
            print(f"  {label:32s} {latency_line(values)}")
        print("CPU time of the app per request (ms; time inside the app above it is waiting for a core or a lock):")
        for label, values in cpu.items():
            print(f"  {label:32s} {latency_line(values)}  total {sum(values):.1f} s")
        if args.engine == "sqlite":
            print("time waiting for SQLite's write lock (ms), requests that write:")
            for label, values in lock.items():
                if label == "all requests" or label.startswith("  POST"):
                    print(f"  {label:32s} {latency_line(values)}  total {sum(values):.1f} s")
    if args.engine == "sqlite":
        print(f"writers that waited over 1 s for the write lock: {len(lock_waits)}"
              + (f" (longest {max(lock_waits):.1f} s)" if lock_waits else ""))
    for line in stats.errors[:5]:
        print(f"  error: {line}")
    return 0 if fivexx == 0 and no_answer == 0 and edits_ok and reviews_ok else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, help="gunicorn worker processes (default: gunicorn.conf.py's)")
    parser.add_argument("--think", type=float, default=0.5,
                        help="mean pause of an editor between two actions, seconds (0 for none)")
    parser.add_argument("--review-articles", type=int, default=60, help="synthetic articles to review")
    parser.add_argument("--ingest-articles", type=int, default=150, help="articles ingested during the run (0: no ingest)")
    args = parser.parse_args(argv)
    if not (1 <= args.editors <= 100 and 1 <= args.seconds <= 600 and 1 <= (args.workers or 1) <= 16):
        parser.error("keep it bounded: 1-100 editors, 1-600 seconds, 1-16 workers")
    with tempfile.TemporaryDirectory(prefix="claims-load-") as scratch:
        tmp = Path(scratch)
        if args.engine == "sqlite":
            return run(f"sqlite:///{tmp / 'claims.sqlite3'}", args, tmp)
        from tests import pg

        bindir = pg.find_bindir()
        if bindir is None:
            raise SystemExit("PostgreSQL binaries (initdb) not found; install postgresql")
        cluster = pg.TempCluster(bindir)
        try:
            server_url = cluster.start()
            pg.wait_for(server_url)
            import psycopg

            name = "claims_load_" + hashlib.sha1(scratch.encode()).hexdigest()[:8]
            with psycopg.connect(server_url.replace("postgresql+psycopg://", "postgresql://"),
                                 autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            return run(server_url.rsplit("/", 1)[0] + f"/{name}", args, tmp)
        finally:
            cluster.stop()


if __name__ == "__main__":
    raise SystemExit(main())
