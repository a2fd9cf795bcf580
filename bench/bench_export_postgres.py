"""PostgreSQL CSV export: the app's export (COPY of server-rendered lines) against ``psql \\copy``
of the same SELECT in CSV, and against the row-by-row Python writer.

    .venv/bin/python bench/bench_export_postgres.py [--claims 200000]

Generates the claims on the server (generate_series: a few articles, speakers, tags and
confirmed links, numeric and quote claims in three languages), then times each export to a file
and prints rows/s. Uses CLAIMS_BENCH_POSTGRES_URL (a server's default database) or starts a
throwaway cluster from the installed binaries. The target: the app's export within 1.5× of
psql. Not run by pytest.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

GENERATE = """
INSERT INTO outlets (name, created_at) VALUES ('Daily Record', now()), ('يومية', now()), ('יומון', now());
INSERT INTO speakers (name, kind, version, created_at)
SELECT 'Speaker ' || g, 'person', 1, now() FROM generate_series(1, 500) g;
INSERT INTO articles (sha256, text, search_text, char_count, title, language, outlet_id, url, published, source,
                      ingested_at)
SELECT md5(g::text) || md5((g + 1)::text), repeat('The minister said "unemployment fell to 4.5% last year". ', 20),
       '', 1100, 'Article ' || g, (ARRAY['en', 'ar', 'he'])[1 + g % 3], 1 + g % 3,
       'https://example.org/' || g, DATE '2024-01-01' + (g % 700), 'bench', now()
FROM generate_series(1, 2000) g;
INSERT INTO claims (article_id, kind, start, "end", exact, prefix, suffix, speaker_id, speaker_as_written, value,
                    low, high, qualifier, numeric_kind, unit, metric, status, verdict, verdict_note, origin,
                    created_at, updated_at, version)
SELECT 1 + g % 2000, CASE WHEN g % 4 = 0 THEN 'quote' ELSE 'numeric' END, 18, 40,
       CASE g % 3 WHEN 0 THEN 'unemployment fell to 4.5%' WHEN 1 THEN 'ارتفع التضخم إلى 3.2%'
                  ELSE 'האבטלה ירדה ל-4.5%' END,
       'The minister said "', '" last year. ', 1 + g % 500, 'the minister',
       CASE WHEN g % 4 = 0 THEN NULL ELSE (g % 1000) / 10.0 END, NULL, NULL, 'exact', 'percent', '%',
       'unemployment rate', CASE WHEN g % 5 = 0 THEN 'verified' ELSE 'suggested' END,
       CASE WHEN g % 5 = 0 THEN 'verified' END, CASE WHEN g % 50 = 0 THEN 'checked, "twice"' END,
       'extractor:bench', now(), now(), 1
FROM generate_series(1, %(claims)s) g;
INSERT INTO tags (name, key, created_at) VALUES ('economy', 'economy', now()), ('labour', 'labour', now());
INSERT INTO claim_tags (claim_id, tag_id, created_at) SELECT id, 1 + id % 2, now() FROM claims WHERE id % 7 = 0;
INSERT INTO claim_links (source_id, target_id, relation, status, rule, score, created_at)
SELECT id, id + 1, 'same_claim', 'confirmed', 'bench', 1.0, now() FROM claims WHERE id % 11 = 0
  AND id + 1 <= (SELECT max(id) FROM claims);
ANALYZE;
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=200_000)
    args = parser.parse_args()

    import psycopg

    from claims_app.maintenance.backup import libpq_url, pg_tool
    from claims_app.research.export import export_chunks, export_query, parse_filters
    from claims_app.research.readonly import ConsoleSettings

    from benchdb import fresh_database

    workdir = Path(tempfile.mkdtemp(prefix="bench-export-pg-"))
    url, cleanup = fresh_database(True, workdir)
    try:
        started = time.perf_counter()
        with psycopg.connect(libpq_url(url), autocommit=True) as conn:
            conn.execute(GENERATE.replace("%(claims)s", str(int(args.claims))))
        print(f"generated {args.claims:,} claims in {time.perf_counter() - started:.1f} s")
        settings = ConsoleSettings(database_url=url)
        sql, params = export_query(parse_filters(), "postgresql")
        with tempfile.TemporaryDirectory() as tmp:
            def timed(label, fn):
                out = Path(tmp) / f"{label}.csv"
                t0, c0 = time.perf_counter(), time.process_time()
                fn(out)
                wall = time.perf_counter() - t0
                cpu = time.process_time() - c0
                print(f"  {label:<22} {args.claims / wall:>9,.0f} rows/s  ({wall:.2f} s wall, "
                      f"{cpu:.2f} s CPU here, {out.stat().st_size / 1e6:.0f} MB)")
                return wall

            def app(out: Path, engine_lines: bool = True) -> None:
                with open(out, "wb") as fh:
                    for chunk in export_chunks(settings, "csv", parse_filters(), engine_lines=engine_lines):
                        fh.write(chunk)

            def psql(out: Path) -> None:
                inline = sql.replace("\n", " ")
                subprocess.run([shutil.which("psql") or pg_tool("psql"), "-X", "-q",
                                libpq_url(url), "-c", f"\\copy ({inline}) TO '{out}' WITH (FORMAT csv, HEADER)"],
                               check=True)

            print(f"CSV export of {args.claims:,} claims on PostgreSQL ({os.cpu_count()} cores, load average "
                  f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}):")
            reference = timed("psql \\copy", psql)
            mine = timed("export (COPY lines)", app)
            timed("export (Python writer)", lambda out: app(out, engine_lines=False))
            print(f"  export / psql = {mine / reference:.2f}")
    finally:
        for stop in cleanup:
            stop()


if __name__ == "__main__":
    main()
