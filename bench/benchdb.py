"""A fresh, migrated database for a benchmark: SQLite in a folder, or PostgreSQL on
CLAIMS_BENCH_POSTGRES_URL (a server's default database) or a throwaway cluster."""
from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path


def fresh_database(postgres: bool, workdir: Path):
    """(url, cleanup) for a fresh, migrated database."""
    from sqlalchemy import text

    from claims_app.cli.core import upgrade_database
    from claims_app.db import make_engine

    cleanup = []
    if not postgres:
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        server = os.environ.get("CLAIMS_BENCH_POSTGRES_URL")
        if not server:
            from tests import pg

            bindir = pg.find_bindir()
            if bindir is None:
                sys.exit("PostgreSQL binaries not found; set CLAIMS_BENCH_POSTGRES_URL")
            cluster = pg.TempCluster(bindir)
            server = cluster.start()
            pg.wait_for(server)
            cleanup.append(cluster.stop)
        name = f"claims_bench_{uuid.uuid4().hex[:8]}"
        admin = make_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = server.rsplit("/", 1)[0] + f"/{name}"
    upgrade_database(url)
    return url, cleanup
