"""A real HTTP server on 127.0.0.1 for concurrency tests, and a small cookie-keeping client."""
from __future__ import annotations

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager


@contextmanager
def serve(app):
    """``app`` served by a threaded WSGI server on a free loopback port; yields its base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Keeps cookies, reads the CSRF token from pages, never follows redirects."""

    def __init__(self, base: str, timeout: float = 60):
        self.base = base
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())
        self.token = None

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        body = None
        if data is not None:
            fields = dict(data)
            if self.token:
                fields.setdefault("csrf_token", self.token)
            body = urllib.parse.urlencode(fields).encode()
        req = urllib.request.Request(self.base + path, data=body, method=method)
        try:
            with self.opener.open(req, timeout=self.timeout) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode("utf-8", "replace")
        found = re.search(r'name="csrf-token" content="([^"]+)"', text)
        if found:
            self.token = found.group(1)
        return status, text

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> tuple[int, str]:
        return self.request("POST", path, data)

    def login(self, username: str, password: str) -> int:
        self.get("/login")
        return self.post("/login", {"username": username, "password": password})[0]
