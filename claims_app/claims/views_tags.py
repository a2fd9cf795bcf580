"""Tags: the list with claim counts, and renaming or merging for admins."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from ..errors import DomainError
from ..web import db_session, role_required
from . import services
from .forms import MergeTagForm, RenameTagForm, options
from .queries import tags_with_counts
from .views import bp


def _tags():
    return tags_with_counts(db_session())


def _with_choices(form, rows):
    """The form with every tag (and its claim count) as the choices of its tag menus."""
    for field in form:
        if field.type == "SelectField":
            field.choices = options((str(tag.id), f"{tag.name} ({n})") for tag, n in rows)
    return form


def _render(rename_form=None, merge_form=None, status=200):
    rows = _tags()
    return render_template("claims/tags.html", rows=rows,
                           rename_form=_with_choices(rename_form or RenameTagForm(formdata=None), rows),
                           merge_form=_with_choices(merge_form or MergeTagForm(formdata=None), rows)), status


@bp.get("/tags")
@role_required("researcher")
def tags():
    return _render()


@bp.post("/tags/rename")
@role_required("admin")
def rename_tag():
    form = _with_choices(RenameTagForm(), _tags())
    if form.validate():
        try:
            tag = services.rename_tag(db_session(), int(form.tag_id.data), form.name.data, actor=current_user)
        except DomainError as exc:
            form.name.errors = [str(exc)]
        else:
            flash(f"Tag renamed to “{tag.name}”.", "success")
            return redirect(url_for("claims.tags"))
    return _render(rename_form=form, status=400)


@bp.post("/tags/merge")
@role_required("admin")
def merge_tags():
    form = _with_choices(MergeTagForm(), _tags())
    if form.validate():
        session = db_session()
        names = {t.id: t.name for t, _ in _tags()}
        source, into = int(form.source_id.data), int(form.into_id.data)
        try:
            moved = services.merge_tags(session, source, into, actor=current_user)
        except DomainError as exc:
            form.into_id.errors = [str(exc)]
        else:
            flash(f"“{names.get(source)}” merged into “{names.get(into)}”: {moved} claims moved. "
                  "The claim pages' history can revert the whole merge.", "success")
            return redirect(url_for("claims.tags"))
    return _render(merge_form=form, status=400)
