"""Login and logout."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import LoginManager, current_user, login_user, logout_user

from ..errors import LoginThrottled
from ..web import db_session, role_required
from .forms import LoginForm
from .models import User
from .services import authenticate

bp = Blueprint("accounts", __name__, template_folder="templates")


def init_login(app) -> None:
    manager = LoginManager(app)
    manager.login_view = "accounts.login"
    manager.login_message_category = "info"

    @manager.user_loader
    def load_user(user_id: str):
        user = db_session().get(User, int(user_id))
        return user if user is not None and user.active else None


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an absolute URL here would make the login page an open redirect.
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("articles.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("articles.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        session = db_session()
        try:
            user = authenticate(session, form.username.data, form.password.data, remote_addr=request.remote_addr,
                                max_attempts=current_app.config["LOGIN_MAX_ATTEMPTS"],
                                window_seconds=current_app.config["LOGIN_WINDOW_SECONDS"])
        except LoginThrottled as exc:
            flash(str(exc), "error")
            return render_template("accounts/login.html", form=form), 429
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")))
        # Failed attempts must be stored, so this response commits: it is not an error status.
        flash("Wrong username or password.", "error")
    elif request.method == "POST":
        status = 400
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
@role_required("researcher")
def logout():
    logout_user()
    flash("Signed out.", "info")
    return redirect(url_for("accounts.login"))
