"""gunicorn settings for serving the app in production.

    gunicorn -c gunicorn.conf.py            # or: python manage.py serve --prod [--workers N]

Everything can be overridden on the command line or through the environment variables read
below. The app itself reads DATABASE_URL, SECRET_KEY and the other CLAIMS_* variables.
"""
import multiprocessing
import os

wsgi_app = "claims_app:create_app()"
# Listen on the loopback only: put a TLS reverse proxy (nginx, Caddy) in front.
bind = os.environ.get("CLAIMS_BIND", "127.0.0.1:5000")
# Threaded workers, one process per core: each process serves THREADS requests at once, each
# with its own database connection. A request that waits (a save queued for SQLite's one write
# lock while an ingest batch commits, a PostgreSQL row lock, a slow client) no longer holds up
# the requests behind it, as a sync worker did; more processes than cores only split the same
# CPU into more pieces. Measured with bench/load_editors.py (20 editors, an ingest beside them,
# 2 cores shared with other work): see the README's "Twenty editors at once".
workers = int(os.environ.get("CLAIMS_WORKERS") or multiprocessing.cpu_count())
worker_class = "gthread"
threads = int(os.environ.get("CLAIMS_THREADS") or 4)
timeout = int(os.environ.get("CLAIMS_WORKER_TIMEOUT", "60"))   # the SQL console stops queries well before
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak cannot grow for months.
max_requests = 5000
max_requests_jitter = 500
# The app writes one line per request itself (method, path, status, ms, user, request id).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("CLAIMS_LOG_LEVEL", "info").lower()
# X-Forwarded-* are honoured by the app alone (CLAIMS_PROXY_HOPS, werkzeug's ProxyFix): one
# place decides which proxies are trusted.
forwarded_allow_ips = ""
secure_scheme_headers = {}
