"""Speakers: list, page with their claims, editing, aliases, merging and likely duplicates."""
from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from ..errors import ClaimConflict, DomainError
from ..web import db_session, role_required
from .autocomplete import speaker_suggestions
from .duplicates import likely_duplicates
from .forms import AliasForm, MergeForm, NameFilterForm, RemoveAliasForm, SpeakerForm, UndoForm
from .merge import check_mergeable, last_merge, merge_speakers, merged_here, unmerge_speaker
from .services import (add_speaker_alias, get_speaker, list_speakers, remove_speaker_alias, speaker_claims,
                       update_speaker)

bp = Blueprint("speakers", __name__, template_folder="templates", url_prefix="/speakers")

RTL_LANGUAGES = {"ar", "he", "fa", "ur", "yi", "ps"}
SCRIPT_LANG = {"Arab": "ar", "Hebr": "he", "Latn": "en", "Cyrl": "ru"}


@bp.app_template_filter("script_lang")
def script_lang(script: str | None) -> str:
    return SCRIPT_LANG.get(script or "", "")


@bp.get("/")
@role_required("researcher")
def index():
    form = NameFilterForm(request.args)
    rows = list_speakers(db_session(), name=form.name.data if form.validate() else None)
    return render_template("speakers/index.html", rows=rows, form=form)


@bp.get("/duplicates")
@role_required("researcher")
def duplicates():
    return render_template("speakers/duplicates.html", groups=likely_duplicates(db_session()), form=UndoForm())


@bp.get("/suggest")
@role_required("researcher")
def suggest():
    """Names and aliases for an autocomplete, as JSON (``?q=`` the text typed so far)."""
    return jsonify(speaker_suggestions(db_session(), request.args.get("q", "")[:200]))


@bp.get("/<int:speaker_id>")
@role_required("researcher")
def show(speaker_id: int):
    session = db_session()
    speaker = get_speaker(session, speaker_id)
    merged_into = get_speaker(session, speaker.merged_into_id) if speaker.merged_into_id else None
    return render_template("speakers/show.html", speaker=speaker, claims=speaker_claims(session, speaker_id),
                           merged_into=merged_into, can_undo=merged_into is not None and last_merge(session, speaker_id),
                           absorbed=merged_here(session, speaker_id),
                           alias_form=AliasForm(), remove_form=RemoveAliasForm(), merge_form=MergeForm(),
                           undo_form=UndoForm(), rtl=RTL_LANGUAGES)


@bp.route("/<int:speaker_id>/edit", methods=["GET", "POST"])
@role_required("editor")
def edit(speaker_id: int):
    session = db_session()
    speaker = get_speaker(session, speaker_id)
    form = SpeakerForm(obj=speaker)
    if form.validate_on_submit():
        try:
            update_speaker(session, speaker_id, name=form.name.data, kind=form.kind.data,
                           wikidata_qid=form.wikidata_qid.data, version=int(form.version.data),
                           actor=current_user, reason=form.reason.data or None)
        except ClaimConflict as exc:
            flash(str(exc), "error")
            return render_template("speakers/edit.html", speaker=speaker, form=form), 409
        except DomainError as exc:
            form.name.errors.append(str(exc))
            return render_template("speakers/edit.html", speaker=speaker, form=form), 400
        flash(f"Saved {speaker.name}.", "success")
        return redirect(url_for("speakers.show", speaker_id=speaker_id))
    status = 400 if request.method == "POST" else 200
    return render_template("speakers/edit.html", speaker=speaker, form=form), status


@bp.post("/<int:speaker_id>/aliases")
@role_required("editor")
def add_alias(speaker_id: int):
    form = AliasForm()
    if not form.validate_on_submit():
        abort(400, "; ".join(e for errors in form.errors.values() for e in errors))
    add_speaker_alias(db_session(), speaker_id, form.name.data, actor=current_user)
    flash(f"Alias {form.name.data} added.", "success")
    return redirect(url_for("speakers.show", speaker_id=speaker_id))


@bp.post("/<int:speaker_id>/aliases/remove")
@role_required("editor")
def remove_alias(speaker_id: int):
    form = RemoveAliasForm()
    if not form.validate_on_submit():
        abort(400)
    remove_speaker_alias(db_session(), speaker_id, form.alias_id.data, actor=current_user)
    flash("Alias removed.", "success")
    return redirect(url_for("speakers.show", speaker_id=speaker_id))


@bp.post("/<int:speaker_id>/merge")
@role_required("editor")
def merge(speaker_id: int):
    form = MergeForm()
    if not form.validate_on_submit():
        abort(400, "give the number of the speaker to merge into")
    session = db_session()
    source, target = check_mergeable(session, speaker_id, form.into.data)
    if form.confirm.data != "yes":
        # Nothing changes yet: both speakers side by side, then a second, deliberate click.
        form.confirm.data = "yes"
        return render_template("speakers/merge_confirm.html", source=source, target=target, form=form,
                               source_claims=speaker_claims(session, source.id),
                               target_claims=speaker_claims(session, target.id))
    merge_speakers(session, source.id, target.id, actor=current_user, reason=form.reason.data or None)
    flash(f"Merged {source.name} into {target.name}. “Undo the merge” on either speaker's page takes it back.",
          "success")
    return redirect(url_for("speakers.show", speaker_id=target.id))


@bp.post("/<int:speaker_id>/unmerge")
@role_required("editor")
def unmerge(speaker_id: int):
    if not UndoForm().validate_on_submit():
        abort(400)
    unmerge_speaker(db_session(), speaker_id, actor=current_user)
    flash("Merge undone.", "success")
    next_url = request.form.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect(url_for("speakers.show", speaker_id=speaker_id))
