"""Login security: throttling, argon2id hashes, cookie flags, CSRF, escaping."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from sqlalchemy import func, select, update

from claims_app.accounts.models import LoginAttempt, LoginThrottle, User
from claims_app.accounts.services import ThrottlePolicy, reserve_login_attempt
from claims_app.errors import LoginThrottled
from claims_app.speakers.models import Speaker, SpeakerAlias

from ..conftest import _session

PASSWORD = "correct horse battery"


def _attempts(db, username):
    return db.scalar(select(func.count()).select_from(LoginAttempt).where(LoginAttempt.username == username))


def _throttles(db):
    return {row.key: row.failures for row in db.scalars(select(LoginThrottle))}


def _post_login(client, username, password, addr="127.0.0.1"):
    return client.post("/login", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": addr})


def test_failed_logins_lock_that_address_and_name_out_even_for_the_right_password(client, db, make_user, app):
    make_user("target", "editor")
    limit = app.config["LOGIN_MAX_ATTEMPTS"]
    for _ in range(limit):
        assert _post_login(client, "target", "wrong guess!", "10.0.0.66").status_code == 200
    assert _attempts(db, "target") == limit          # kept in the database, not in the process
    locked = _post_login(client, "target", PASSWORD, "10.0.0.66")
    assert locked.status_code == 429 and "too many failed logins" in locked.get_data(as_text=True)
    # another name from the same address is not affected
    make_user("bystander", "editor")
    assert _post_login(app.test_client(), "bystander", PASSWORD, "10.0.0.66").status_code == 302


def test_guessing_from_elsewhere_cannot_lock_the_user_out(client, db, make_user, app):
    make_user("victim", "editor")
    for _ in range(app.config["LOGIN_MAX_ATTEMPTS"] * 3):
        _post_login(client, "victim", "wrong guess!", "198.51.100.9")
    assert _post_login(client, "victim", PASSWORD, "198.51.100.9").status_code == 429
    assert _post_login(app.test_client(), "victim", PASSWORD, "10.1.2.3").status_code == 302


def test_one_address_trying_many_names_is_throttled_by_its_address(client, db, make_user, app):
    make_user("last-name", "editor")
    per_address = app.config["LOGIN_MAX_ATTEMPTS_PER_ADDRESS"]
    assert per_address > app.config["LOGIN_MAX_ATTEMPTS"]
    for i in range(per_address):
        assert _post_login(client, f"name{i}", "wrong guess!", "192.0.2.50").status_code == 200
    locked = _post_login(client, "last-name", PASSWORD, "192.0.2.50")
    assert locked.status_code == 429 and "from this address" in locked.get_data(as_text=True)
    assert _post_login(app.test_client(), "last-name", PASSWORD, "192.0.2.51").status_code == 302


def test_lockout_ends_with_the_window_and_success_clears_the_count(client, db, make_user, app):
    make_user("patient", "editor")
    for _ in range(app.config["LOGIN_MAX_ATTEMPTS"]):
        _post_login(client, "patient", "nope nope")
    assert _post_login(client, "patient", PASSWORD).status_code == 429
    old = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=app.config["LOGIN_WINDOW_SECONDS"] + 5)
    db.execute(update(LoginThrottle).values(last_at=old))
    db.commit()
    assert _post_login(client, "patient", PASSWORD).status_code == 302
    assert _attempts(db, "patient") == 0
    counts = _throttles(db)
    assert "name 127.0.0.1 patient" not in counts      # success wipes the address-and-name count
    assert counts["addr 127.0.0.1"] == 0               # and takes back its own attempt


def test_a_successful_login_drops_counts_idle_for_a_whole_window(client, db, make_user, app):
    make_user("sweeper", "editor")
    for i in range(3):
        _post_login(client, f"sprayed{i}", "wrong guess!", "192.0.2.77")
    _post_login(client, "recent", "wrong guess!", "192.0.2.78")
    old = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=app.config["LOGIN_WINDOW_SECONDS"] + 5)
    db.execute(update(LoginThrottle).where(LoginThrottle.key.contains("192.0.2.77")).values(last_at=old))
    db.commit()
    assert _post_login(client, "sweeper", PASSWORD, "10.5.5.5").status_code == 302
    keys = set(_throttles(db))
    assert not any("192.0.2.77" in key for key in keys)
    assert "name 192.0.2.78 recent" in keys


def test_unknown_names_are_throttled_too(client, db, app):
    for _ in range(app.config["LOGIN_MAX_ATTEMPTS"]):
        assert _post_login(client, "ghost", "whatever1").status_code == 200
    assert _post_login(client, "ghost", "whatever1").status_code == 429


def test_each_attempt_past_the_limit_waits_twice_as_long(db):
    policy = ThrottlePolicy(max_attempts=3, max_attempts_per_address=100, window_seconds=3600,
                            first_delay_seconds=10)
    t0 = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    now = t0
    for _ in range(3):
        reserve_login_attempt(db, "slow", remote_addr="10.9.9.9", policy=policy, now=now)
    for delay in (10, 20, 40, 80):
        with pytest.raises(LoginThrottled, match=rf"wait {delay} seconds"):
            reserve_login_attempt(db, "slow", remote_addr="10.9.9.9", policy=policy, now=now)
        with pytest.raises(LoginThrottled):
            reserve_login_attempt(db, "slow", remote_addr="10.9.9.9", policy=policy,
                                  now=now + dt.timedelta(seconds=delay - 1))
        now += dt.timedelta(seconds=delay)
        reserve_login_attempt(db, "slow", remote_addr="10.9.9.9", policy=policy, now=now)
    # a whole window without attempts starts the count again
    now += dt.timedelta(seconds=3601)
    for _ in range(3):
        reserve_login_attempt(db, "slow", remote_addr="10.9.9.9", policy=policy, now=now)
    with pytest.raises(LoginThrottled):
        reserve_login_attempt(db, "slow", remote_addr="10.9.9.9", policy=policy, now=now)


def test_delays_never_exceed_the_window():
    policy = ThrottlePolicy(max_attempts=5, window_seconds=300, first_delay_seconds=2)
    assert [policy.wait(f, 5) for f in (4, 5, 6, 7)] == [0, 2, 4, 8]
    assert policy.wait(5 + 1000, 5) == 300


@pytest.fixture
def proxied_client(app_config, connection):
    from claims_app import create_app

    application = create_app(dataclasses.replace(app_config, PROXY_HOPS=1),
                             session_factory=lambda: _session(connection))
    application.config["TESTING"] = True
    return application.test_client()


def test_behind_a_trusted_proxy_the_forwarded_address_is_throttled(proxied_client, client, db, make_user):
    make_user("proxied", "editor")
    forwarded = {"X-Forwarded-For": "6.6.6.6, 203.0.113.7"}   # the client claimed 6.6.6.6; the proxy saw .7
    proxied_client.post("/login", data={"username": "proxied", "password": "wrong one"}, headers=forwarded)
    assert "name 203.0.113.7 proxied" in _throttles(db)
    # without a configured proxy the header is the client's word and is ignored
    client.post("/login", data={"username": "proxied", "password": "wrong one"}, headers=forwarded)
    assert "name 127.0.0.1 proxied" in _throttles(db)
    assert not any("6.6.6.6" in key for key in _throttles(db))


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
