"""Ingest throughput with extraction and link suggestion on, over a generated multilingual corpus.

    .venv/bin/python bench/bench_ingest.py [--count 10000] [--jobs N] [--postgres] [--window 1000]

Writes ``--count`` articles (bench/corpus.py: Arabic, Hebrew, English, some French and Russian;
recurring speakers and metrics) as JSON-lines files, ingests them into a fresh database through
the same pipeline as ``manage.py ingest --jobs N``, and prints articles/s and MB/s for the first
and the last ``--window`` articles and overall, so that growth with the database shows.
``--postgres`` uses CLAIMS_BENCH_POSTGRES_URL (a server's default database) or starts a
throwaway cluster from the installed binaries. Not run by pytest.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchdb import fresh_database  # noqa: E402
from corpus import Corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--window", type=int, default=1000, help="articles in the first/last window")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--adversarial", action="store_true",
                        help="Time one article of 2,000 quotes and 2,000 figures (about 144 KB) instead.")
    args = parser.parse_args()
    if args.adversarial:
        adversarial(args.postgres)
        return
    window = min(args.window, max(1, args.count // 2))

    from claims_app.db import make_engine, make_session_factory
    from claims_app.ingest.runner import ingest_paths

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        workdir = Path(tmp)
        t0 = time.perf_counter()
        Corpus(seed=args.seed).write(workdir / "corpus", args.count)
        corpus_bytes = sum(p.stat().st_size for p in (workdir / "corpus").iterdir())
        print(f"corpus: {args.count} articles, {corpus_bytes / 1e6:.1f} MB of JSON lines "
              f"(generated in {time.perf_counter() - t0:.1f} s)")
        url, cleanup = fresh_database(args.postgres, workdir)
        engine = make_engine(url)
        marks: list[tuple[float, int]] = []   # (time stored, bytes) per article
        cpu: list[float] = []                  # the writer's CPU time when each article was stored
        link_seconds: list[float] = []         # time in link suggestion, per article
        pending = [0.0]
        from claims_app.links import suggest

        real_suggest = suggest.suggest_links_for_articles

        def timed_suggest(*a, **k):
            t = time.perf_counter()
            try:
                return real_suggest(*a, **k)
            finally:
                pending[0] += time.perf_counter() - t

        suggest.suggest_links_for_articles = timed_suggest   # the writer imports it at call time

        def on_article(outcome, size):
            marks.append((time.perf_counter(), size))
            cpu.append(time.process_time())
            link_seconds.append(pending[0])
            pending[0] = 0.0

        warnings = []
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        started, cpu_started = time.perf_counter(), time.process_time()
        summary = ingest_paths([workdir / "corpus"], make_session_factory(engine), max_bytes=5 << 20,
                               jobs=args.jobs, on_article=on_article,
                               echo=lambda msg, err=False: warnings.append(msg) if msg.startswith("warning") else None)
        total = time.perf_counter() - started
        done = resource.getrusage(resource.RUSAGE_CHILDREN)   # the extraction workers, once reaped
        workers_cpu = (done.ru_utime + done.ru_stime) - (children.ru_utime + children.ru_stime)
        engine.dispose()
        for stop in cleanup:
            stop()

    def rate(a: int, b: int, since: float) -> str:
        seconds = marks[b - 1][0] - since
        size = sum(s for _, s in marks[a:b])
        return f"{(b - a) / seconds:6.1f} articles/s, {size / 1e6 / seconds:5.2f} MB/s"

    n = len(marks)
    engine_name = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{engine_name}, --jobs {args.jobs}, {os.cpu_count()} cores (load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}):")
    print(f"  {summary.line()}; {len(warnings)} candidate warnings")
    print(f"  first {window:>5}: {rate(0, window, started)}")
    last_from = marks[n - window - 1][0]
    print(f"  last  {window:>5}: {rate(n - window, n, last_from)}")
    ratio = ((window / (marks[-1][0] - last_from)) / (window / (marks[window - 1][0] - started)))
    print(f"  overall     : {n / total:6.1f} articles/s, {sum(s for _, s in marks) / 1e6 / total:5.2f} MB/s "
          f"({total:.1f} s); last/first = {ratio:.2f}")

    def split(a: int, b: int, since: float) -> str:
        wall = (marks[b - 1][0] - since) / (b - a) * 1000
        links = sum(link_seconds[a:b]) / (b - a) * 1000
        return f"{wall:6.1f} ms an article, of which link suggestion {links:6.1f} ms, the rest {wall - links:6.1f} ms"

    print(f"  first {window:>5}: {split(0, window, started)}")
    print(f"  last  {window:>5}: {split(n - window, n, last_from)}")
    # CPU time says what wall time cannot on a shared machine: the work each article costs
    first_cpu = (cpu[window - 1] - cpu_started) / window * 1000
    last_cpu = (cpu[-1] - cpu[n - window - 1]) / window * 1000
    print(f"  CPU an article: writer {first_cpu:.1f} ms (first {window}), {last_cpu:.1f} ms (last {window}); "
          f"extraction workers {workers_cpu / max(n, 1) * 1000:.1f} ms (all, --jobs {args.jobs})")


def adversarial(postgres: bool) -> None:
    """One article holding 2,000 quotes and 2,000 figures: placement and storing must stay linear."""
    from claims_app.articles.readers import ArticleInput
    from claims_app.db import make_engine, make_session_factory
    from claims_app.ingest.runner import Writer
    from claims_app.ingest.prepare import prepare_article

    parts = [f'The minister {i % 40} said "exports grew by {i % 90 + 1}% in {2000 + i % 25}". '
             f'Imports reached {i * 7 % 900 + 10} million dollars. ' for i in range(2000)]
    text = "".join(parts)
    with tempfile.TemporaryDirectory(prefix="bench-adversarial-") as tmp:
        url, cleanup = fresh_database(postgres, Path(tmp))
        engine = make_engine(url)
        t0 = time.perf_counter()
        prepared = prepare_article(ArticleInput(text=text, source="adversarial.txt", language="en"))
        t1 = time.perf_counter()
        outcome = Writer(make_session_factory(engine)).store(prepared)
        t2 = time.perf_counter()
        engine.dispose()
        for stop in cleanup:
            stop()
    print(f"adversarial article: {len(text.encode()) / 1e3:.0f} KB, {len(prepared.quotes)} quotes and "
          f"{len(prepared.numbers)} figures proposed, {outcome.claims_added} stored; "
          f"prepare {t1 - t0:.1f} s, store with links {t2 - t1:.1f} s")


if __name__ == "__main__":
    main()
