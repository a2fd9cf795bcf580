"""HTML articles through the installed command line, in a new process, as a new user runs it."""
from __future__ import annotations

import json
import re
import sqlite3
from importlib import metadata

from .helpers import cli_env, run_cli

BODY = " ".join(["The ministry said that more than 6,000 soldiers took part in the exercise."] * 4)
PAGE = f"""<!doctype html><html lang="en"><head><title>Exercise ends | Example</title>
<meta property="og:title" content="Exercise ends"></head><body>
<nav><a href="/">Home</a></nav><article><h1>Exercise ends</h1><p>{BODY}</p></article>
<script>var tracking = 1;</script></body></html>"""


def test_the_html_cleaner_is_a_declared_dependency():
    # lxml 6 moved lxml.html.clean, which trafilatura needs, into lxml_html_clean: pip installs
    # it only when the project names it (the html_clean extra of lxml is not enough on pip 23).
    required = {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].lower().replace("-", "_")
                for r in metadata.requires("claims-app") or []}
    assert "lxml_html_clean" in required and "trafilatura" in required


def test_ingest_and_extract_of_an_html_page_in_a_new_process(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    env = cli_env(tmp_path)
    assert run_cli("db", "upgrade", env=env).returncode == 0
    run = run_cli("ingest", str(page), env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "ingested 1," in run.stdout and "Traceback" not in run.stderr
    db = sqlite3.connect(tmp_path / "instance" / "claims.sqlite3")
    try:
        title, text = db.execute("select title, text from articles").fetchone()
    finally:
        db.close()
    assert title == "Exercise ends" and "6,000 soldiers" in text and "tracking" not in text
    run = run_cli("extract", "--format", "jsonl", str(page), env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout.splitlines()[0])
    assert any("6,000" in n["text"] for n in record["numeric_claims"])
