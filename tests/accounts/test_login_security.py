"""Login security: throttling, argon2id hashes, cookie flags, CSRF, escaping."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from sqlalchemy import func, select, update

from claims_app.accounts.models import LoginAttempt, User
from claims_app.speakers.models import Speaker, SpeakerAlias

from ..conftest import _session

PASSWORD = "correct horse battery"


def _attempts(db, username):
    return db.scalar(select(func.count()).select_from(LoginAttempt).where(LoginAttempt.username == username))


def test_failed_logins_lock_the_name_out_even_for_the_right_password(client, db, make_user, app):
    make_user("target", "editor")
    limit = app.config["LOGIN_MAX_ATTEMPTS"]
    for _ in range(limit):
        response = client.post("/login", data={"username": "target", "password": "wrong guess!"})
        assert response.status_code == 200
    assert _attempts(db, "target") == limit          # kept in the database, not in the process
    locked = client.post("/login", data={"username": "target", "password": PASSWORD})
    assert locked.status_code == 429 and "too many failed logins" in locked.get_data(as_text=True)
    # another name is not affected
    make_user("bystander", "editor")
    assert client.post("/login", data={"username": "bystander", "password": PASSWORD}).status_code == 302


def test_lockout_ends_with_the_window_and_success_clears_the_count(client, db, make_user, app):
    make_user("patient", "editor")
    for _ in range(app.config["LOGIN_MAX_ATTEMPTS"]):
        client.post("/login", data={"username": "patient", "password": "nope nope"})
    assert client.post("/login", data={"username": "patient", "password": PASSWORD}).status_code == 429
    old = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=app.config["LOGIN_WINDOW_SECONDS"] + 5)
    db.execute(update(LoginAttempt).where(LoginAttempt.username == "patient").values(at=old))
    db.commit()
    assert client.post("/login", data={"username": "patient", "password": PASSWORD}).status_code == 302
    assert _attempts(db, "patient") == 0


def test_unknown_names_are_throttled_too(client, db, app):
    for _ in range(app.config["LOGIN_MAX_ATTEMPTS"]):
        assert client.post("/login", data={"username": "ghost", "password": "whatever1"}).status_code == 200
    assert client.post("/login", data={"username": "ghost", "password": "whatever1"}).status_code == 429


def _params(encoded: str) -> dict:
    return {k: int(v) for k, v in (p.split("=") for p in encoded.split("$")[3].split(","))}


def test_passwords_are_stored_as_argon2id(db, make_user):
    user = make_user("hashme", "researcher")
    stored = db.scalar(select(User.password_hash).where(User.id == user.id))
    assert stored.startswith("$argon2id$v=19$") and PASSWORD not in stored
    assert PasswordHasher().verify(stored, PASSWORD)
    with pytest.raises(VerifyMismatchError):
        PasswordHasher().verify(stored, "not it")
    # a random salt: the same password never gives the same hash
    assert make_user("hashme2", "researcher").password_hash != stored


def test_production_hash_parameters_are_memory_hard():
    from argon2 import Type

    from claims_app.accounts.services import HASH_PARAMETERS

    assert HASH_PARAMETERS.type is Type.ID
    assert HASH_PARAMETERS.memory_cost >= 19 * 1024      # OWASP's minimum for argon2id is 19 MiB
    encoded = PasswordHasher.from_parameters(HASH_PARAMETERS).hash(PASSWORD)
    assert encoded.startswith("$argon2id$")
    assert _params(encoded)["m"] == HASH_PARAMETERS.memory_cost


def test_session_cookies_are_httponly_and_samesite(client, make_user):
    make_user("cookie", "researcher")
    response = client.post("/login", data={"username": "cookie", "password": PASSWORD, "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    remember_cookie = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session_cookie, remember_cookie):
        assert "HttpOnly" in cookie and re.search(r"SameSite=(Lax|Strict)", cookie), cookie


@pytest.fixture
def csrf_client(app_config, connection):
    from claims_app import create_app

    config = dataclasses.replace(app_config, WTF_CSRF_ENABLED=True)
    application = create_app(config, session_factory=lambda: _session(connection))
    application.config["TESTING"] = True
    return application.test_client()


def _token(page: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def test_csrf_rejects_posts_without_a_token(csrf_client, db, make_user):
    make_user("csrf", "editor")
    assert csrf_client.post("/login", data={"username": "csrf", "password": PASSWORD}).status_code == 400
    token = _token(csrf_client.get("/login").get_data(as_text=True))
    assert csrf_client.post("/login", data={"username": "csrf", "password": PASSWORD,
                                            "csrf_token": token}).status_code == 302
    speaker = Speaker(name="Gideon Sa'ar")
    db.add(speaker)
    db.commit()
    url = f"/speakers/{speaker.id}/aliases"
    assert csrf_client.post(url, data={"name": "גדעון סער"}).status_code == 400
    assert csrf_client.post(url, data={"name": "גדעון סער", "csrf_token": "forged"}).status_code == 400
    assert db.scalar(select(SpeakerAlias).where(SpeakerAlias.name == "גדעון סער")) is None
    token = _token(csrf_client.get(f"/speakers/{speaker.id}").get_data(as_text=True))
    assert csrf_client.post(url, data={"name": "גדעון סער", "csrf_token": token}).status_code == 302
    # Flask-Admin's forms are protected by the same token
    assert csrf_client.post("/admin/tags/new/", data={"name": "no-token"}).status_code == 400
    token = _token(csrf_client.get("/admin/tags/new/").get_data(as_text=True))
    assert csrf_client.post("/admin/tags/new/", data={"name": "with-token", "csrf_token": token}).status_code == 302


def test_markup_in_a_username_renders_as_text(client, login):
    login("researcher", username='<img src=x onerror=alert(1)>')
    page = client.get("/speakers/").get_data(as_text=True)
    assert "<img src=x" not in page and "&lt;img src=x" in page
