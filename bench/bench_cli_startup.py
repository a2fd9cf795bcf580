"""Start-up of manage.py commands: seconds to the first byte of output and peak memory (RSS).

    python bench/bench_cli_startup.py [--repeat 5]

Runs each command in a fresh process against a throwaway SQLite database (migrated first) and
prints the median time to first output and the largest peak RSS. Targets: extract of a file
< 0.4 s; commands that hash no password < 0.5 s and 60 MB. Wall-clock figures rise on a loaded
machine; the CPU seconds show what the command itself costs.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = 'The minister said "we will build 6,000 homes by 2030" on Monday, up 12% from last year.\n'


def measure(args: list[str], env: dict) -> tuple[float, float, float, float, int]:
    """(seconds to first output byte, seconds to exit, peak RSS in MB, CPU seconds, exit code) of one run.

    The CPU seconds (user + system) change little with the machine's load, unlike the wall clock.
    """
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    first = proc.stdout.read(1)
    elapsed = time.perf_counter() - start
    proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    total = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return ((elapsed if first else total), total, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime,
            proc.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CLAIMS_SQL_READONLY_URL")}
        env.update(CLAIMS_INSTANCE_DIR=str(Path(tmp) / "instance"), SECRET_KEY="bench")
        article = Path(tmp) / "article.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        subprocess.run([sys.executable, "manage.py", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        commands = [
            ["--help"],
            ["extract", str(article), "--format", "jsonl"],
            ["extract", str(article), "--format", "table"],
            ["user", "list"],
            ["sql", "SELECT count(*) FROM v_claims", "--format", "csv"],
            ["export", "--format", "csv"],
            ["db", "current"],
        ]
        print(f"{'command':<44} {'first output s':>14} {'total s':>8} {'cpu s':>6} {'peak MB':>8}")
        for args in commands:
            runs = [measure(args, env) for _ in range(opts.repeat)]
            bad = [code for *_rest, code in runs if code != 0]
            label = " ".join("FILE" if a == str(article) else a for a in args)
            print(f"{label:<44} {statistics.median(r[0] for r in runs):>14.3f} "
                  f"{statistics.median(r[1] for r in runs):>8.3f} {statistics.median(r[3] for r in runs):>6.3f} "
                  f"{max(r[2] for r in runs):>8.1f}"
                  + (f"  (exit {bad[0]})" if bad else ""))
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
