"""Role checks and history for every admin view."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from flask import abort, flash, redirect, request, url_for
from flask_admin import AdminIndexView, expose
from flask_admin.actions import action
from flask_admin.contrib.sqla import ModelView
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy import inspect

from ..history.services import new_change_group, record, snapshot
from ..values import parse_id
from ..web import db_session

# Never written into history: a password hash (or session token) is a secret even when it is old.
_SECRET = {"password_hash", "session_token"}


def _allowed(role: str) -> bool:
    return current_user.is_authenticated and current_user.has_role(role)


def _refuse():
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=request.full_path))
    abort(403)


def clean_snapshot(obj) -> dict:
    return {k: v for k, v in snapshot(obj).items() if k not in _SECRET}


def _json(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def snapshot_before_change(obj) -> dict:
    """The column values an object had when loaded, read from SQLAlchemy's attribute history."""
    state = inspect(obj)
    values = clean_snapshot(obj)
    for key in values:
        deleted = state.attrs[key].history.deleted
        if deleted:
            values[key] = _json(deleted[0])
    return values


# Flask-Admin's templates write a few inline onclick handlers, which the Content-Security-Policy
# refuses. Rendered pages carry them as data-onclick instead; static/admin_csp.js attaches the
# known ones as listeners. (Jinja escapes every quote in text, so this matches markup only.)
_INLINE_ONCLICK = re.compile(r'(\s)onclick="')


def defuse_inline_handlers(html: str) -> str:
    return _INLINE_ONCLICK.sub(r'\1data-onclick="', html)


class AdminForm(FlaskForm):
    """Flask-WTF's form (the app's CSRF token), keeping the edited row as Flask-Admin's own
    base form does: its unique-value validator compares against ``_obj``."""

    def __init__(self, *args, **kwargs):
        self._obj = kwargs.get("obj", args[1] if len(args) > 1 else None)
        super().__init__(*args, **kwargs)


class ShellIndexView(AdminIndexView):
    least_role = "editor"

    def is_accessible(self) -> bool:
        return _allowed(self.least_role)

    def inaccessible_callback(self, name, **kwargs):
        return _refuse()

    @expose("/")
    def index(self):
        return self.render("admin_shell/index.html")


class SecureModelView(ModelView):
    """A model view that needs a role and writes every change into history."""

    least_role = "editor"
    entity_type = ""              # history entity type of the rows this view edits
    form_base_class = AdminForm
    can_view_details = True
    page_size = 50

    def is_accessible(self) -> bool:
        return _allowed(self.least_role)

    def inaccessible_callback(self, name, **kwargs):
        return _refuse()

    def get_one(self, id):
        # ?id= of the edit, details and delete views: what names no row is "does not exist", not a 500
        return super().get_one(id) if parse_id(str(id)) is not None else None

    def handle_action(self, return_view=None):
        if any(parse_id(i) is None for i in request.form.getlist("rowid")):
            flash("The selection could not be read; tick the rows again.", "error")
            return redirect(url_for(".index_view"))
        return super().handle_action(return_view)

    def render(self, template, **kwargs):
        return defuse_inline_handlers(super().render(template, **kwargs))

    def _actor_id(self) -> int | None:
        return current_user.id if current_user.is_authenticated else None

    def _group(self) -> str:
        # one admin request (a save with inline rows, a bulk action) is one change group
        from flask import g

        if "admin_change_group" not in g:
            g.admin_change_group = new_change_group()
        return g.admin_change_group

    def set_column(self, model, ids, column: str, value) -> int:
        """A bulk action's change: ``column`` set to ``value`` on the selected rows, each change in
        the history. Returns how many rows were selected."""
        session = db_session()
        rows = session.scalars(select(model).where(model.id.in_([int(i) for i in ids]))).all()
        for row in rows:
            if getattr(row, column) != value:
                before = snapshot_before_change(row)
                setattr(row, column, value)
                session.flush()
                record(session, entity_type=self.entity_type, entity_id=row.id, action="update",
                       actor_id=self._actor_id(), before=before, after=clean_snapshot(row),
                       reason="admin shell", change_group=self._group())
        return len(rows)

    def on_model_change(self, form, model, is_created: bool) -> None:
        before = None if is_created else snapshot_before_change(model)
        self.before_record(form, model, is_created)
        db_session().flush()
        after = clean_snapshot(model)
        if before != after:
            record(db_session(), entity_type=self.entity_type, entity_id=model.id,
                   action="create" if is_created else "update", actor_id=self._actor_id(),
                   before=before, after=after, reason="admin shell", change_group=self._group())
        self.after_record(form, model, is_created)

    def before_record(self, form, model, is_created: bool) -> None:
        """Hook for subclasses: adjust the row before it is flushed and recorded."""

    def after_record(self, form, model, is_created: bool) -> None:
        """Hook for subclasses: record related rows once the row has its id."""

    @action("delete", "Delete", "Delete the selected records? Each deletion is kept in history.")
    def action_delete(self, ids):
        # Flask-Admin binds the ids as strings, which PostgreSQL will not compare with integers.
        return super().action_delete(tuple(int(i) for i in ids))

    def on_model_delete(self, model) -> None:
        record(db_session(), entity_type=self.entity_type, entity_id=model.id, action="delete",
               actor_id=self._actor_id(), before=clean_snapshot(model), reason="admin shell",
               change_group=self._group())
