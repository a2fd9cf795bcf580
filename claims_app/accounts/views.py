"""Login, logout and a new password."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import LoginManager, current_user, login_user, logout_user

from ..errors import LoginThrottled
from ..web import db_session, end_request_read, own_transaction, read_session, role_required
from .forms import LoginForm, PasswordForm
from .services import (ThrottlePolicy, end_sessions, find_login, hash_password, password_matches, record_login,
                       reserve_login_attempt, session_user, store_password_hash)

bp = Blueprint("accounts", __name__, template_folder="templates")


def init_login(app) -> None:
    manager = LoginManager(app)
    manager.login_view = "accounts.login"
    manager.login_message_category = "info"

    @manager.user_loader
    def load_user(session_id: str):
        # The id carries the user's session token: a cookie from before a sign-out or a new
        # password names an old token and signs nobody in.
        return session_user(db_session(), session_id)


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an absolute URL here would make the login page an open redirect.
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("articles.index")


def _policy() -> ThrottlePolicy:
    config = current_app.config
    return ThrottlePolicy(max_attempts=config["LOGIN_MAX_ATTEMPTS"],
                          max_attempts_per_address=config["LOGIN_MAX_ATTEMPTS_PER_ADDRESS"],
                          window_seconds=config["LOGIN_WINDOW_SECONDS"],
                          first_delay_seconds=config["LOGIN_FIRST_DELAY_SECONDS"])


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("articles.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        username, addr = form.username.data, request.remote_addr
        try:
            # Counted and committed before the (slow) password check, so that parallel
            # attempts see each other and the write lock is not held while hashing.
            with own_transaction() as session:
                reserve_login_attempt(session, username, remote_addr=addr, policy=_policy())
        except LoginThrottled as exc:
            flash(str(exc), "error")
            return render_template("accounts/login.html", form=form), 429
        # Checked outside any write transaction: hashing is slow and SQLite has one write lock.
        with read_session() as session:
            found = find_login(session, username)
        user_id = password_matches(found, form.password.data)
        user = record_login(db_session(), username, form.password.data, user_id, remote_addr=addr,
                            window_seconds=current_app.config["LOGIN_WINDOW_SECONDS"])
        if user is not None:
            remember = bool(form.remember.data) and current_app.config["REMEMBER_DAYS"] > 0
            login_user(user, remember=remember)
            return redirect(_safe_next(request.args.get("next")))
        # Failed attempts must be stored, so this response commits: it is not an error status.
        flash("Wrong username or password.", "error")
    elif request.method == "POST":
        status = 400
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
@role_required("researcher")
def logout():
    # Signing out ends every session of the user, here and on other devices.
    end_sessions(current_user._get_current_object())
    logout_user()
    flash("Signed out.", "info")
    return redirect(url_for("accounts.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@role_required("researcher")
def change_password():
    """A new password for the signed-in user; every other session of theirs ends."""
    form = PasswordForm()
    if not form.validate_on_submit():
        return render_template("accounts/password.html", form=form), 400 if request.method == "POST" else 200
    user_id, username = current_user.id, current_user.username
    # The hashing is slow: no transaction (on SQLite, no write lock) stays open meanwhile.
    end_request_read()
    with read_session() as session:
        found = find_login(session, username)
    if password_matches(found, form.current.data) != user_id:
        form.current.errors = ["this is not your current password"]
        return render_template("accounts/password.html", form=form), 400
    new_hash = hash_password(form.new.data)
    with own_transaction() as session:
        user = store_password_hash(session, user_id, new_hash)
        login_user(user)     # this session carries the new token; the others end
    flash("Password changed. You were signed out everywhere else.", "success")
    return redirect(url_for("articles.index"))
