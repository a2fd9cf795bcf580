"""A throwaway PostgreSQL cluster stops by itself when the process that started it is killed."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import pg

ROOT = Path(__file__).resolve().parent.parent

STARTER = """
import os, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from tests import pg
cluster = pg.TempCluster(pg.find_bindir())
cluster.start()
print(cluster.port, cluster.dir, flush=True)
os.kill(os.getpid(), 9)
"""


def _accepts(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_a_cluster_whose_starter_is_killed_stops_and_is_removed():
    if pg.find_bindir() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL binaries (initdb) not found")
        pytest.skip("PostgreSQL binaries not installed")
    run = subprocess.run([sys.executable, "-c", STARTER, str(ROOT)], capture_output=True, text=True, timeout=180)
    assert run.returncode == -9, run.stderr
    port, folder = run.stdout.split()
    deadline = time.monotonic() + 60
    while (_accepts(int(port)) or Path(folder).exists()) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _accepts(int(port)), "the cluster still answers after its starter was killed"
    assert not Path(folder).exists(), "the cluster's folder was left behind"
