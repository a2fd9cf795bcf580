"""Keyboard review benchmark: every candidate of the five seed articles reviewed in the browser.

    .venv/bin/python bench/bench_review_keyboard.py [--screenshots DIR]

Builds the README's SQLite setup in a temporary folder (migrations, the seeds ingested with
extraction, an editor account), serves the app on 127.0.0.1 and drives Debian's Chromium through
the article review mode with the keyboard only: most candidates accepted (a), every fourth
rejected (r), three edited in place (a figure's value, a figure's qualifier, a quote's speaker
through the autocomplete), n to the next article. Every key press is counted, page loads are
counted from the browser's own navigations, and each decision is timed from the key press to the
moment the panel shows the stored version. Afterwards the database is read and every claim must
hold the decision made; the exit code is 1 otherwise.

Prints ``keys_per_candidate=X page_loads=N p95_decision_ms=M`` (and the details). Not run by
pytest.
"""
from __future__ import annotations

import argparse
import math
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "keyboard bench password"


def build_database(folder: Path) -> str:
    from claims_app.accounts.services import create_user
    from claims_app.articles.readers import read_articles
    from claims_app.articles.services import ingest_article
    from claims_app.db import make_engine, make_session_factory, transaction
    from tests.conftest import migrate

    url = f"sqlite:///{folder / 'claims.sqlite3'}"
    migrate(url)
    engine = make_engine(url)
    with transaction(make_session_factory(engine)) as session:
        for path in sorted((ROOT / "seeds").glob("*.txt")):
            for item in read_articles(path):
                ingest_article(session, item)
        create_user(session, "editor1", PASSWORD, "editor")
    engine.dispose()
    return url


def serve(url: str, folder: Path):
    from werkzeug.serving import make_server

    from claims_app import create_app
    from claims_app.config import Config

    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = create_app(Config(DATABASE_URL=url, SECRET_KEY="keyboard-bench", INSTANCE_DIR=folder))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


class Driver:
    """Presses keys, counting them, and times each decision until the panel shows it stored."""

    def __init__(self, page):
        self.page = page
        self.keys = 0
        self.decision_ms: list[float] = []

    def press(self, key: str) -> None:
        self.keys += 1
        self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        for ch in text:            # one key per character, as a person types
            self.keys += 1
            self.page.keyboard.type(ch)

    def current(self) -> dict:
        return self.page.evaluate("""() => {
            const li = document.querySelector('li.cand.current');
            return {id: Number(li.dataset.id), saved: li.dataset.saved || '', status: li.dataset.status};
        }""")

    def wait_saved(self, claim_id: int, before: str, started: float) -> None:
        self.page.wait_for_function(
            "([id, before]) => { const li = document.getElementById('cand-' + id);"
            " return li && (li.dataset.saved || '') !== before && !li.classList.contains('saving'); }",
            arg=[claim_id, before], timeout=10_000, polling="raf")
        self.decision_ms.append((time.perf_counter() - started) * 1000)


def states_of(page) -> dict[int, dict]:
    raw = page.evaluate("() => JSON.parse(document.getElementById('candidate-states').textContent)")
    return {s["id"]: s for s in raw}


def review(base: str, screenshots: Path | None) -> tuple[Driver, int, int, dict[int, dict]]:
    from playwright.sync_api import sync_playwright

    expected: dict[int, dict] = {}
    edits_left = ["value", "qualifier", "speaker"]
    loads = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/login")
        page.fill("input[name=username]", "editor1")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")

        def count_load(frame):
            nonlocal loads
            if frame == page.main_frame:
                loads += 1

        page.on("framenavigated", count_load)
        drv = Driver(page)
        page.goto(f"{base}/claims/review/article/1")
        names_seen: list[str] = []
        total = 0
        while True:
            page.wait_for_selector("body[data-ready='1']")
            states = states_of(page)
            names_seen += [s["speaker"] for s in states.values() if s["speaker"]]
            for _ in range(len(states)):
                cur = drv.current()
                cid, before = cur["id"], cur["saved"]
                s = states[cid]
                total += 1
                started = time.perf_counter()
                if s["kind"] == "numeric" and s["value"] and "value" in edits_left:
                    edits_left.remove("value")
                    new = "13" if Decimal(s["value"]) == 12 else "12"
                    drv.press("e")
                    drv.type(new)
                    drv.press("Enter")
                    expected[cid] = {"status": "accepted", "value": Decimal(new)}
                elif s["kind"] == "numeric" and s["qualifier"] == "exact" and "qualifier" in edits_left:
                    edits_left.remove("qualifier")
                    drv.press("e")
                    drv.press("Tab")
                    drv.press("a")          # the select jumps to "approx"
                    drv.press("Enter")
                    expected[cid] = {"status": "accepted", "qualifier": "approx"}
                elif (s["kind"] == "quote" and "speaker" in edits_left
                      and any(n and n != s["speaker"] and len(n) >= 3 for n in names_seen)):
                    edits_left.remove("speaker")
                    name = next(n for n in names_seen if n and n != s["speaker"] and len(n) >= 3)
                    drv.press("s")
                    drv.type(name[:3])
                    drv.press("Enter")      # waits for the suggestions, takes the first match
                    expected[cid] = {"status": "accepted", "speaker_prefix": name[:3]}
                elif total % 4 == 0:
                    drv.press("r")
                    expected[cid] = {"status": "rejected"}
                else:
                    drv.press("a")
                    expected[cid] = {"status": "accepted"}
                drv.wait_saved(cid, before, started)
            if screenshots:
                page.screenshot(path=str(screenshots / f"review-mode-{len(expected)}.png"), full_page=False)
            if not page.evaluate("() => Boolean(document.querySelector('.workbench').dataset.nextUrl)"):
                break
            drv.press("n")
            page.wait_for_load_state()
        browser.close()
    if errors:
        raise SystemExit(f"script errors in the page: {errors}")
    if edits_left:
        raise SystemExit(f"the seeds offered no candidate for these edits: {edits_left}")
    return drv, loads, total, expected


def check(url: str, expected: dict[int, dict]) -> list[str]:
    from sqlalchemy import select

    from claims_app.db import make_engine, make_session_factory
    from claims_app.models import Claim

    engine = make_engine(url)
    wrong = []
    with make_session_factory(engine)() as session:
        claims = {c.id: c for c in session.scalars(select(Claim))}
        for cid, want in expected.items():
            c = claims[cid]
            if c.status != want["status"]:
                wrong.append(f"claim {cid}: status {c.status}, expected {want['status']}")
            if "value" in want and c.value != want["value"]:
                wrong.append(f"claim {cid}: value {c.value}, expected {want['value']}")
            if "qualifier" in want and c.qualifier != want["qualifier"]:
                wrong.append(f"claim {cid}: qualifier {c.qualifier}, expected {want['qualifier']}")
            if "speaker_prefix" in want:
                name = c.speaker.name if c.speaker else ""
                aliases = [a.name for a in c.speaker.aliases] if c.speaker else []
                if not any(n.startswith(want["speaker_prefix"]) for n in [name, *aliases]):
                    wrong.append(f"claim {cid}: speaker {name!r}, expected one starting {want['speaker_prefix']!r}")
        missing = set(claims) - set(expected)
        if missing:
            wrong.append(f"claims never reviewed: {sorted(missing)}")
    engine.dispose()
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshots", type=Path, help="save a screenshot of each article's review")
    args = parser.parse_args()
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="claims-keys-") as tmp:
        folder = Path(tmp)
        url = build_database(folder)
        server, base = serve(url, folder)
        try:
            drv, loads, total, expected = review(base, args.screenshots)
        finally:
            server.shutdown()
        wrong = check(url, expected)
    times = sorted(drv.decision_ms)
    p95 = times[max(0, math.ceil(0.95 * len(times)) - 1)]
    print(f"candidates={total} keys={drv.keys} decisions={len(times)} median_decision_ms={times[len(times) // 2]:.0f}")
    print(f"keys_per_candidate={drv.keys / total:.2f} page_loads={loads} p95_decision_ms={p95:.0f}")
    if wrong:
        print("decisions not stored as made:", *wrong, sep="\n  ")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
