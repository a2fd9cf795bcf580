"""Sessions end everywhere on sign-out and on a new password; cookies are short-lived and Secure over HTTPS."""
from __future__ import annotations

import dataclasses
import datetime as dt
from email.utils import parsedate_to_datetime

import pytest
from sqlalchemy import update

from claims_app.accounts.models import User
from claims_app.accounts.services import set_password
from claims_app.config import Config

from ..conftest import _session

PASSWORD = "correct horse battery"


def _signed_in(client) -> bool:
    response = client.get("/speakers/")
    return response.status_code == 200


def _login(app, username, *, remember=False):
    client = app.test_client()
    data = {"username": username, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client, response


def _copy_cookies(source, target) -> None:
    for name in ("session", "remember_token"):
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value)


def test_signing_out_ends_every_session_of_the_user(app, make_user):
    make_user("two-devices", "editor")
    laptop, _ = _login(app, "two-devices")
    phone, _ = _login(app, "two-devices", remember=True)
    stolen = app.test_client()
    _copy_cookies(laptop, stolen)
    assert _signed_in(laptop) and _signed_in(phone) and _signed_in(stolen)
    assert laptop.post("/logout").status_code == 302
    assert not _signed_in(laptop)
    assert not _signed_in(phone)        # its remember-me cookie names the old token too
    assert not _signed_in(stolen)       # a copy of the old cookie replayed
    fresh, _ = _login(app, "two-devices")
    assert _signed_in(fresh)


def test_a_new_password_ends_every_session(app, db, make_user):
    make_user("rotated", "editor")
    client, _ = _login(app, "rotated", remember=True)
    remembered = app.test_client()
    remembered.set_cookie("remember_token", client.get_cookie("remember_token").value)
    assert _signed_in(client) and _signed_in(remembered)
    set_password(db, "rotated", "a brand new passphrase")
    db.commit()
    assert not _signed_in(client)
    assert not _signed_in(remembered)


def test_a_deactivated_user_is_signed_out(app, db, make_user):
    user = make_user("leaver", "editor")
    client, _ = _login(app, "leaver")
    db.execute(update(User).where(User.id == user.id).values(active=False))
    db.commit()
    assert not _signed_in(client)


def test_a_cookie_with_only_the_user_id_signs_nobody_in(app, make_user):
    """Cookies from before session tokens (and forged ids) carry no token."""
    user = make_user("legacy", "editor")
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["_user_id"] = str(user.id)
        sess["_fresh"] = True
    assert not _signed_in(client)
    with client.session_transaction() as sess:
        sess["_user_id"] = f"{user.id}:{'0' * 32}"
    assert not _signed_in(client)


def test_remember_me_lasts_the_configured_days_and_never_more_than_30(app, make_user):
    make_user("remember", "editor")
    _, response = _login(app, "remember", remember=True)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token="))
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    days = (expires - dt.datetime.now(dt.timezone.utc)).total_seconds() / 86400
    assert app.config["REMEMBER_DAYS"] - 1 < days <= app.config["REMEMBER_DAYS"] <= 30


@pytest.mark.parametrize("scheme, secure", [("https", True), ("http", False)])
def test_an_https_url_scheme_turns_secure_cookies_on(monkeypatch, tmp_path, scheme, secure):
    monkeypatch.setenv("CLAIMS_INSTANCE_DIR", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "x")
    monkeypatch.setenv("CLAIMS_URL_SCHEME", scheme)
    flask_config = Config.from_env().as_flask()
    assert flask_config["SESSION_COOKIE_SECURE"] is secure and flask_config["REMEMBER_COOKIE_SECURE"] is secure
    assert flask_config["PREFERRED_URL_SCHEME"] == scheme


@pytest.mark.parametrize("raw, ok", [("30", True), ("0", True), ("31", False), ("365", False), ("-1", False)])
def test_remember_days_above_30_are_refused(monkeypatch, tmp_path, raw, ok):
    monkeypatch.setenv("CLAIMS_INSTANCE_DIR", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "x")
    monkeypatch.setenv("CLAIMS_REMEMBER_DAYS", raw)
    if ok:
        assert Config.from_env().as_flask()["REMEMBER_COOKIE_DURATION"] == dt.timedelta(days=int(raw))
    else:
        with pytest.raises(SystemExit, match="CLAIMS_REMEMBER_DAYS"):
            Config.from_env()


def test_remember_days_zero_sets_no_remember_cookie(app_config, connection, make_user):
    from claims_app import create_app

    application = create_app(dataclasses.replace(app_config, REMEMBER_DAYS=0),
                             session_factory=lambda: _session(connection))
    make_user("no-remember", "editor")
    _, response = _login(application, "no-remember", remember=True)
    assert not any(c.startswith("remember_token=") for c in response.headers.getlist("Set-Cookie"))


@pytest.mark.parametrize("https", [True, False])
def test_cookies_are_secure_when_served_over_https(app_config, connection, make_user, https):
    from claims_app import create_app

    application = create_app(dataclasses.replace(app_config, SECURE_COOKIES=https),
                             session_factory=lambda: _session(connection))
    make_user("secure", "editor")
    client = application.test_client()
    response = client.post("/login", data={"username": "secure", "password": PASSWORD, "remember": "y"},
                           base_url="https://localhost" if https else "http://localhost")
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(("session=", "remember_token="))]
    assert len(cookies) == 2
    for cookie in cookies:
        assert ("; Secure" in cookie) is https, cookie
    assert ("Strict-Transport-Security" in response.headers) is https


def test_an_admin_setting_a_new_password_ends_the_users_sessions(app, db, make_user):
    from sqlalchemy import select

    from claims_app.history.models import HistoryEntry

    user = make_user("managed", "editor")
    victim, _ = _login(app, "managed")
    make_user("boss", "admin")
    admin, _ = _login(app, "boss")
    details = admin.get(f"/admin/users/details/?id={user.id}").get_data(as_text=True)
    assert user.session_token not in details
    response = admin.post(f"/admin/users/edit/?id={user.id}",
                          data={"username": "managed", "role": "researcher", "active": "y",
                                "new_password": "set by the admin"})
    assert response.status_code == 302
    assert not _signed_in(victim)
    entries = db.scalars(select(HistoryEntry).where(HistoryEntry.entity_type == "user",
                                                    HistoryEntry.entity_id == user.id)).all()
    assert entries and all("session_token" not in (e.after or {}) and "session_token" not in (e.before or {})
                           for e in entries)


def test_changing_ones_password_keeps_this_session_and_ends_the_others(app, db, make_user):
    make_user("changer", "researcher")
    here, _ = _login(app, "changer")
    elsewhere, _ = _login(app, "changer", remember=True)
    assert here.get("/account/password").status_code == 200
    wrong = here.post("/account/password", data={"current": "not my password", "new": "new secret words",
                                                 "confirm": "new secret words"})
    assert wrong.status_code == 400 and "not your current password" in wrong.get_data(as_text=True)
    assert _signed_in(elsewhere)
    differ = here.post("/account/password", data={"current": PASSWORD, "new": "new secret words",
                                                  "confirm": "other secret words"})
    assert differ.status_code == 400 and _signed_in(elsewhere)
    done = here.post("/account/password", data={"current": PASSWORD, "new": "new secret words",
                                                "confirm": "new secret words"})
    assert done.status_code == 302
    assert _signed_in(here)
    assert not _signed_in(elsewhere)
    fresh = app.test_client()
    assert fresh.post("/login", data={"username": "changer", "password": PASSWORD}).status_code == 200
    assert fresh.post("/login", data={"username": "changer", "password": "new secret words"}).status_code == 302


def test_the_migration_gives_existing_users_distinct_tokens(backend, request, tmp_path_factory):
    """Users from before the session tokens each get a random one; their old id-only cookies die."""
    from sqlalchemy import text

    from claims_app.db import make_engine

    from ..conftest import migrate, new_database_url

    url = new_database_url(backend, request, tmp_path_factory)
    migrate(url, "0006")
    engine = make_engine(url)
    with engine.begin() as conn:
        for name in ("old1", "old2"):
            conn.execute(text("INSERT INTO users (username, password_hash, role, active, created_at) "
                              "VALUES (:n, 'x', 'editor', true, CURRENT_TIMESTAMP)"), {"n": name})
    migrate(url, "head")
    with engine.connect() as conn:
        tokens = conn.execute(text("SELECT session_token FROM users ORDER BY username")).scalars().all()
    engine.dispose()
    assert len(tokens) == 2 and len(set(tokens)) == 2 and all(len(t) == 32 for t in tokens)
