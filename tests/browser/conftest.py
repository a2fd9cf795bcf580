"""A real browser against a real server: Debian's Chromium driven by Playwright.

The app runs in a thread on 127.0.0.1 (a free port) against a migrated SQLite file with the
seeds ingested. Without Chromium or Playwright the tests are skipped, except in CI (CI=true),
where a missing browser is a failure: the browser tests must run there.
"""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PASSWORD = "correct horse battery"


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests (CI=true)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def sync_playwright_api():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        _unavailable(f"{CHROMIUM} is missing; install Debian's chromium package")
    return sync_playwright


@pytest.fixture(scope="session")
def live_db(tmp_path_factory):
    """A migrated SQLite database with the five seeds ingested and an editor account."""
    from claims_app.accounts.services import create_user
    from claims_app.articles.readers import read_articles
    from claims_app.articles.services import ingest_article
    from claims_app.db import make_engine, make_session_factory, transaction
    from tests.conftest import migrate

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'claims.sqlite3'}"
    migrate(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        for path in sorted(SEEDS.glob("*.txt")):
            for item in read_articles(path):
                ingest_article(session, item)
        create_user(session, "editor1", PASSWORD, "editor")
    yield url, factory
    engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_db, tmp_path_factory):
    from werkzeug.serving import make_server

    from claims_app import create_app
    from claims_app.config import Config

    url, _ = live_db
    app = create_app(Config(DATABASE_URL=url, SECRET_KEY="browser-test-secret",
                            INSTANCE_DIR=tmp_path_factory.mktemp("instance")))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    app.extensions["claims_engine"].dispose()


@pytest.fixture(scope="session")
def browser(sync_playwright_api):
    manager = sync_playwright_api().start()
    try:
        chromium = manager.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"])
    except Exception as exc:  # noqa: BLE001 - a browser that does not start is reported, not hidden
        manager.stop()
        _unavailable(f"Chromium did not start: {exc}")
    yield chromium
    chromium.close()
    manager.stop()


@pytest.fixture
def page(browser, live_server):
    """A logged-in editor's page; fails the test on any script error in the page."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/login")
    page.fill("input[name=username]", "editor1")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/")
    yield page
    context.close()
    assert not errors, f"script errors in the page: {errors}"


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
