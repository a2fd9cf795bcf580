"""Export benchmark: one million claims into a SQLite file, then the CSV export of all of them.

    .venv/bin/python bench/bench_export.py [--claims 1000000] [--path /tmp/bench.sqlite3] [--keep]

Prints the generation time, then the export's rows per second (wall clock and per CPU second,
which a busy machine does not distort) and peak memory. ``--query-only`` times the export's
SELECT alone, its rows read with ``fetchmany`` and nothing else, to show what SQLite and the
sqlite3 module cost before any serialisation. The export runs
in a fresh child process so that its peak resident memory (VmHWM) is its own, not the
generator's; ``--tracemalloc`` also reports the Python heap peak (and makes the export slower).
``--jobs N`` is the export's worker processes (export_parallel.py; default 2, as the CLI on a
machine with two cores); their peak memory is sampled from /proc and added to the export's,
and their CPU time to its CPU time. ``--jobs 1`` measures the one-process export.
Targets: at least 150,000 rows/s on SQLite, peak memory under 150 MB. Not run by pytest.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENTENCES = {
    "en": ('The minister said "unemployment fell to {v}% last year" while critics disagreed. ', "unemployment rate"),
    "ar": ('قال الوزير "ارتفع التضخم إلى {v}% هذا العام" في المؤتمر الصحفي. ', "inflation"),
    "he": ('אמר השר "האבטלה ירדה ל-{v}% בשנה שעברה" במסיבת העיתונאים. ', "unemployment rate"),
}
VERDICTS = ("verified", "false", "misleading", "disputed", "unverifiable")
STAMP = "2026-11-20 09:30:00.000000"


def database(path: Path | None, claims: int, prefix: str) -> tuple[Path, Path]:
    """(a new temporary folder, the database): ``path`` when it exists, else one generated there."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    path = path or folder / "bench.sqlite3"
    if path.exists():
        print(f"using the existing {path}")
    else:
        started = time.perf_counter()
        generate(path, claims)
        print(f"generated {claims:,} claims in {time.perf_counter() - started:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)")
    return folder, path


def generate(path: Path, claims: int, seed: int = 7) -> None:
    """Migrate an empty file, then fill it in one transaction with executemany."""
    from claims_app.cli.core import upgrade_database

    upgrade_database(f"sqlite:///{path}")
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    # A throwaway file: no journal, no fsync, and a cache big enough that the four claim
    # indexes are not re-read from disk for every insert.
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")
    # Secondary indexes are built once, sorted, after the load: much faster than row by row.
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                           "AND tbl_name IN ('claims', 'claim_tags', 'claim_links')").fetchall()
    conn.execute("BEGIN")
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    conn.executemany("INSERT INTO users (id, username, password_hash, role, active, created_at, session_token) "
                     "VALUES (?,?,?,?,1,?,?)", [(i, f"editor{i}", "x", "editor", STAMP, f"bench{i:02d}" * 4)
                                                for i in range(1, 6)])
    conn.executemany("INSERT INTO outlets (id, name, created_at) VALUES (?,?,?)",
                     [(i, f"Outlet {i}", STAMP) for i in range(1, 21)])
    conn.executemany("INSERT INTO speakers (id, name, kind, version, created_at) VALUES (?,?,?,1,?)",
                     [(i, f"Speaker {i}", "person" if i % 7 else "organisation", STAMP) for i in range(1, 1001)])
    conn.executemany("INSERT INTO speaker_aliases (speaker_id, name, normalized, skeleton) VALUES (?,?,?,?)",
                     [(i, f"S. {i}", f"s {i}", f"s{i}") for i in range(1, 1001)])
    conn.executemany("INSERT INTO tags (id, name, key, created_at) VALUES (?,?,?,?)",
                     [(i, name, name, STAMP) for i, name in ((i, f"tag{i}" if i > 1 else "=formula") for i in range(1, 21))])

    per_article = 100
    articles = (claims + per_article - 1) // per_article
    langs = list(SENTENCES)
    layout = {}
    article_rows = []
    for a in range(1, articles + 1):
        lang = langs[a % 3]
        template, metric = SENTENCES[lang]
        text, spans = "", []
        for k in range(per_article // 2):
            value = f"{rng.randint(1, 20)}.{rng.randint(0, 9)}"
            sentence = template.format(v=value)
            q_start = len(text) + sentence.index('"') + 1
            q_end = len(text) + sentence.index('"', q_start - len(text))
            n_start = len(text) + sentence.index(value)
            spans.append((q_start, q_end, n_start, n_start + len(value) + 1, value, metric))
            text += sentence
        layout[a] = (text, spans)
        article_rows.append((a, f"{a:064x}", text, len(text), f"Article {a}", lang, a % 20 + 1,
                             f"https://example.org/{a}", f"2026-{a % 12 + 1:02d}-{a % 28 + 1:02d}", STAMP))
    conn.executemany("INSERT INTO articles (id, sha256, text, char_count, title, language, outlet_id, url, published, "
                     "ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)", article_rows)

    def claim_rows():
        cid = 0
        for a in range(1, articles + 1):
            text, spans = layout[a]
            for q_start, q_end, n_start, n_end, value, metric in spans:
                for kind in ("quote", "numeric"):
                    cid += 1
                    if cid > claims:
                        return
                    start, end = (q_start, q_end) if kind == "quote" else (n_start, n_end)
                    checked = cid % 3 == 0
                    verdict = VERDICTS[cid % 5] if checked else None
                    speaker = cid % 1000 + 1
                    yield (cid, a, kind, start, end, text[start:end], text[max(0, start - 32):start], text[end:end + 32],
                           speaker if kind == "quote" else None, "the minister" if kind == "quote" else None,
                           ("-" if cid % 11 == 0 else "") + value if kind == "numeric" else None,
                           "exact", "percent" if kind == "numeric" else None, "%" if kind == "numeric" else None,
                           metric if kind == "numeric" else None, speaker if kind == "numeric" else None,
                           cid - 1 if kind == "numeric" else None,
                           verdict or ("accepted" if cid % 3 == 1 else "suggested"), verdict,
                           cid % 5 + 1 if checked else None, STAMP if checked else None,
                           "extractor:bench", STAMP, STAMP)

    started = time.perf_counter()
    conn.executemany(
        'INSERT INTO claims (id, article_id, kind, start, "end", exact, prefix, suffix, speaker_id, speaker_as_written, '
        "value, qualifier, numeric_kind, unit, metric, attributed_to_id, quote_id, status, verdict, reviewed_by_id, "
        "reviewed_at, origin, created_at, updated_at, version) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)", claim_rows())
    conn.executemany("INSERT INTO claim_tags (claim_id, tag_id, created_at) VALUES (?,?,?)",
                     ((c, c % 20 + 1, STAMP) for c in range(1, claims + 1, 5)))
    conn.executemany("INSERT INTO claim_links (source_id, target_id, relation, status, created_at) "
                     "VALUES (?,?,?,?,?)",
                     ((c, c + 2, "contradicts" if c % 2 else "updates", "confirmed", STAMP)
                      for c in range(1, claims - 2, 20)))
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode=WAL")   # as the application keeps it
    conn.close()
    elapsed = time.perf_counter() - started
    print(f"claims, tags and links inserted in {elapsed:.1f} s ({claims / elapsed:,.0f} claims/s)", flush=True)


def _peak_rss_mb() -> float:
    """This process's peak resident memory. ru_maxrss would also count the generator's memory
    (a child inherits its parent's high-water mark across fork and exec); VmHWM does not."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Children:
    """Samples the peak memory and CPU time of this process's children (the export's workers)."""

    def __init__(self):
        self.peaks: dict[int, float] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        me, tick = str(os.getpid()), os.sysconf("SC_CLK_TCK")
        while not self._stop.wait(0.02):
            for entry in Path("/proc").iterdir():
                if not entry.name.isdigit():
                    continue
                try:
                    stat = (entry / "stat").read_text()
                    fields = stat.rsplit(")", 1)[1].split()
                    if fields[1] != me:
                        continue
                    pid = int(entry.name)
                    self.cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
                    for line in (entry / "status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            self.peaks[pid] = int(line.split()[1]) / 1024
                except (OSError, IndexError, ValueError):
                    continue

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def export(path: Path, out: Path, use_tracemalloc: bool, jobs: int) -> None:
    """Child process: the CSV export of every claim, timed, with its peak memory."""
    from claims_app.research.export import export_chunks, parse_filters, write_atomically
    from claims_app.research.readonly import ConsoleSettings

    if use_tracemalloc:
        import tracemalloc

        tracemalloc.start()
    settings = ConsoleSettings(database_url=f"sqlite:///{path}")
    children = _Children()
    started, cpu_started = time.perf_counter(), time.process_time()
    written = write_atomically(out, lambda: export_chunks(settings, "csv", parse_filters(), jobs=jobs))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    children.stop()
    with open(out, encoding="utf-8", newline="") as fh:
        rows = sum(1 for _ in fh) - 1   # no line breaks inside the generated cells
    peak_rss = _peak_rss_mb()
    workers = sorted(children.peaks.values())
    total_cpu = cpu + sum(children.cpu.values())
    print(f"exported {rows:,} rows ({written / 1e6:.0f} MB) with --jobs {jobs} in {elapsed:.2f} s: "
          f"{rows / elapsed:,.0f} rows/s")
    print(f"peak memory {peak_rss + sum(workers):.0f} MB: this process {peak_rss:.0f} MB"
          + (f", {len(workers)} workers {' + '.join(f'{w:.0f}' for w in workers)} MB" if workers else ""))
    # On a shared machine the wall clock includes time spent waiting for a CPU.
    print(f"CPU time {total_cpu:.2f} s in all: {rows / total_cpu:,.0f} rows per CPU second; "
          f"load average {os.getloadavg()[0]:.1f}")
    if use_tracemalloc:
        _, peak = tracemalloc.get_traced_memory()
        print(f"Python heap peak (tracemalloc) {peak / 1e6:.1f} MB")


def query_only(path: Path) -> None:
    """Child process: the export SELECT read in batches and dropped; what is left is serialisation."""
    from claims_app.research.export import export_query, parse_filters
    from claims_app.research.export_stream import open_batches
    from claims_app.research.readonly import ConsoleSettings

    settings = ConsoleSettings(database_url=f"sqlite:///{path}")
    sql, params = export_query(parse_filters(), "sqlite")
    started, cpu_started = time.perf_counter(), time.process_time()
    rows = sum(len(batch) for batch in open_batches(settings, sql, params))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"query alone: {rows:,} rows in {elapsed:.2f} s: {rows / elapsed:,.0f} rows/s; "
          f"CPU {cpu:.2f} s: {rows / cpu:,.0f} rows per CPU second")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--path", type=Path)
    parser.add_argument("--keep", action="store_true", help="Keep the generated database and CSV.")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--query-only", action="store_true", help="Also time the SELECT alone, first.")
    parser.add_argument("--jobs", type=int, default=2, help="Worker processes of the export (1: none).")
    parser.add_argument("--export-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--query-alone", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_only and args.query_alone:
        query_only(args.export_only)
        return
    if args.export_only:
        export(args.export_only, args.out, args.tracemalloc, args.jobs)
        return
    folder, path = database(args.path, args.claims, "bench-export-")
    out = folder / "claims.csv"
    if args.query_only:
        subprocess.run([sys.executable, __file__, "--export-only", str(path), "--query-alone"], check=True)
    command = [sys.executable, __file__, "--export-only", str(path), "--out", str(out), "--jobs", str(args.jobs)]
    if args.tracemalloc:
        command.append("--tracemalloc")
    subprocess.run(command, check=True)
    if not args.keep:
        out.unlink(missing_ok=True)
        if not args.path:
            for p in folder.iterdir():
                p.unlink()
            os.rmdir(folder)
    else:
        print(f"kept {path} and {out}")


if __name__ == "__main__":
    main()
