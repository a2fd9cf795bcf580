"""Response headers every page carries, the client address behind proxies, and safe links.

The Content-Security-Policy allows scripts and styles from the app's own origin only: no
inline script, no inline event handler, no inline style, no framing by any site.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, request
from markupsafe import Markup

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
LINK_SCHEMES = ("http", "https")


def http_url(value) -> str | None:
    """``value`` if it is an absolute http(s) URL with a host, else None.

    The one test for whether a stored URL may become a link: ``javascript:``, ``data:`` and
    anything else a browser would run or open in the app's origin stays text.
    """
    if not isinstance(value, str):
        return None
    candidate = value.strip()
    # Browsers drop tabs and newlines inside URLs ("java\\tscript:"); refuse them outright.
    if not candidate or any(ch in candidate for ch in "\t\r\n") or any(ord(ch) < 32 for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return candidate


def external_link(value, text=None, rel: str = "noopener noreferrer nofollow") -> Markup:
    """An ``<a>`` to ``value`` labelled ``text`` when it is an http(s) URL; otherwise ``value``
    shown as plain text, never a link."""
    url = http_url(value)
    if url is None:
        return Markup('<span class="not-a-link">{}</span>').format("" if value is None else value)
    return Markup('<a href="{}" rel="{}">{}</a>').format(url, rel, value if text is None else text)


def init_app(app: Flask) -> None:
    hops = app.config.get("PROXY_HOPS", 0)
    if hops > 0 and not app.extensions.get("claims_proxy_fix"):
        # The client address (throttling counts by it) and the scheme come from the last
        # ``hops`` entries of X-Forwarded-*; anything further left is what the client claimed.
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops)
        app.extensions["claims_proxy_fix"] = True

    app.add_template_filter(http_url, "http_url")
    app.add_template_global(external_link, "external_link")

    @app.after_request
    def security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response
