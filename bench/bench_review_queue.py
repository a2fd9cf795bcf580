"""Review-queue benchmark: pages of the editor's queue over one million claims, through the app.

    .venv/bin/python bench/bench_review_queue.py [--claims 1000000] [--path /tmp/bench.sqlite3]

Builds (or reuses) the export benchmark's SQLite database, signs an editor in with Flask's test
client and times ``GET /claims/review`` (the whole request: query, template, response) for the
first page, a page deep in the queue (continued by key from the middle of the ids) and each
filter the queue offers; the median of ``--runs`` requests. The queue pages by key (``id > after``),
so a deep page should cost what the first one does. Not run by pytest.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--path", type=Path, help="a database made by bench_export.py (made if missing)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from bench_export import database

    from sqlalchemy import func, select

    from claims_app import create_app
    from claims_app.accounts.models import User
    from claims_app.accounts.services import create_user
    from claims_app.models import Claim   # every model, so that relationships resolve
    from claims_app.config import Config
    from claims_app.db import make_engine, make_session_factory

    folder, path = database(args.path, args.claims, "bench-queue-")
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        if session.scalar(select(User).where(User.username == "bench-editor")) is None:
            create_user(session, "bench-editor", "correct horse battery", "editor")
            session.commit()
        total, top = session.execute(select(func.count(), func.max(Claim.id))).one()
    engine.dispose()

    app = create_app(Config(DATABASE_URL=url, SECRET_KEY="bench", INSTANCE_DIR=folder, WTF_CSRF_ENABLED=False))
    client = app.test_client()
    answer = client.post("/login", data={"username": "bench-editor", "password": "correct horse battery"})
    if answer.status_code != 302:
        sys.exit("bench: could not sign in the benchmark editor")

    pages = [
        ("first page", {}),
        ("deep page (after the middle id)", {"after": str(top // 2)}),
        ("last pages (after 99.99%)", {"after": str(top - top // 10000)}),
        ("language=he", {"language": "he"}),
        ("kind=numeric", {"kind": "numeric"}),
        ("status=accepted", {"status": "accepted"}),
        ("outlet 7", {"outlet_id": "7"}),
        ("speaker 42", {"speaker_id": "42"}),
        ("tag 2", {"tag_id": "2"}),
        ("text 'التضخم'", {"q": "التضخم"}),
        ("language=ar + kind=numeric", {"language": "ar", "kind": "numeric"}),
        ("tag 2 + language=en", {"tag_id": "2", "language": "en"}),
    ]
    print(f"review queue over {total:,} claims, 50 rows a page, median of {args.runs} requests:")
    for label, query in pages:
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get("/claims/review", query_string=query)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"bench: {label}: HTTP {response.status_code}")
        rows = response.get_data(as_text=True).count('name="claim_id"')
        print(f"  {label:<38} {statistics.median(times):7.1f} ms  (max {max(times):6.1f} ms, {rows} rows)")


if __name__ == "__main__":
    main()
