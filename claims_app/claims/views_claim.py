"""The claim page and everything done on it: edit, verify, tags, links, history."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..errors import ClaimConflict, DomainError
from ..history.models import HistoryEntry
from ..history.services import entry_changes, history_for_claim, revert_entry, revert_group
from ..history.words import describe, names_for
from ..links import services as links
from ..speakers.merge import merge_groups
from ..speakers.services import resolve_speaker
from ..web import db_session, role_required
from . import services
from .forms import ActionForm, EditClaimForm, LinkForm, TagForm, VerifyForm
from .queries import search_claims, tag_names
from .views import bp, safe_next

NUMERIC_FIELDS = ("value", "low", "high", "qualifier", "numeric_kind", "unit", "period_start", "period_end", "metric")


def numeric_values(form) -> dict:
    values = {name: getattr(form, name).data for name in NUMERIC_FIELDS}
    values["numeric_kind"] = values["numeric_kind"] or None
    return values


def _render_show(claim, *, verify_form=None, tag_form=None, link_form=None, status=200):
    session = db_session()
    link_q = request.args.get("link_q", "").strip()[:200]
    history = history_for_claim(session, claim.id)
    names = names_for(session, history)
    return render_template(
        "claims/show.html", claim=claim, article=claim.article,
        verify_form=verify_form or VerifyForm(formdata=None, verdict=claim.verdict or "",
                                              version=claim.version, current_verdict=claim.verdict,
                                              evidence_urls="\n".join(claim.evidence_urls or [])),
        tag_form=tag_form or TagForm(formdata=None), link_form=link_form or LinkForm(formdata=None),
        action_form=ActionForm(formdata=None), links=links.links_for_claim(session, claim.id),
        history=history, changes={e.id: entry_changes(e) for e in history}, link_q=link_q,
        words={e.id: describe(e, names, claim_id=claim.id) for e in history},
        merges=merge_groups(session, (e.change_group for e in history)),
        tag_names=tag_names(session),
        link_results=search_claims(session, link_q, exclude_id=claim.id) if link_q else [],
    ), status


@bp.get("/<int:claim_id>")
@role_required("researcher")
def show(claim_id: int):
    return _render_show(services.get_claim(db_session(), claim_id))


def _speaker_changes(claim, name: str | None) -> dict:
    field = "speaker_id" if claim.kind == "quote" else "attributed_to_id"
    current = claim.speaker if claim.kind == "quote" else claim.attributed_to
    if name is None:
        return {field: None}
    if current is not None and current.name == name:
        return {}
    return {field: resolve_speaker(db_session(), name).id}


def save_edit(claim, form: EditClaimForm, *, accept: bool = False):
    """Store a validated edit form; raises ClaimConflict (with what was attempted) or DomainError.

    ``accept``: the editor also accepts the claim (the review mode's "save and accept").
    """
    session = db_session()
    changes = numeric_values(form) if claim.kind == "numeric" else {}
    attempted = {k: (str(v) if v is not None else None) for k, v in changes.items()} | {"speaker": form.speaker.data}
    version = int(form.version.data)
    # Checked before resolving the speaker, which could otherwise create a speaker row.
    services.check_version(claim, version, attempted)
    changes |= _speaker_changes(claim, form.speaker.data)
    group = services.new_change_group() if accept else None
    services.edit_claim(session, claim.id, changes, actor=current_user, version=version, reason=form.reason.data,
                        change_group=group)
    if accept and claim.status not in ("accepted", *services.VERDICTS):
        services.accept_claim(session, claim.id, actor=current_user, change_group=group)
    return claim


def _conflict(claim, exc: ClaimConflict, attempted: dict):
    return render_template("claims/conflict.html", claim=claim, current=exc.current, attempted=attempted,
                           message=str(exc)), 409


@bp.route("/<int:claim_id>/edit", methods=["GET", "POST"])
@role_required("editor")
def edit(claim_id: int):
    session = db_session()
    claim = services.get_claim(session, claim_id)
    if request.method == "GET":
        speaker = claim.speaker if claim.kind == "quote" else claim.attributed_to
        # The form is filled from plain values: handed the row itself, it would read claim.speaker,
        # a Speaker, into a text field.
        data = {name: getattr(claim, name) for name in NUMERIC_FIELDS}
        form = EditClaimForm(formdata=None, data=data | {"speaker": speaker.name if speaker else None,
                                                         "version": claim.version, "next": request.args.get("next")})
        return render_template("claims/edit.html", claim=claim, form=form)
    form = EditClaimForm()
    if not form.validate():
        return render_template("claims/edit.html", claim=claim, form=form), 400
    try:
        save_edit(claim, form)
    except ClaimConflict as exc:
        return _conflict(claim, exc, exc.attempted)
    except DomainError as exc:
        if exc.http_status == 404:
            raise
        flash(str(exc), "error")
        return render_template("claims/edit.html", claim=claim, form=form), 400
    flash(f"Claim {claim.id} saved.", "success")
    return redirect(safe_next(form.next.data, url_for("claims.show", claim_id=claim.id)))


@bp.post("/<int:claim_id>/verify")
@role_required("editor")
def verify(claim_id: int):
    session = db_session()
    claim = services.get_claim(session, claim_id)
    form = VerifyForm(current_verdict=claim.verdict)
    if not form.validate():
        return _render_show(claim, verify_form=form, status=400)
    urls = (form.evidence_urls.data or "").splitlines()
    try:
        services.verify_claim(session, claim.id, form.verdict.data, actor=current_user,
                              version=int(form.version.data), note=form.note.data, evidence_urls=urls)
    except ClaimConflict as exc:
        return _conflict(claim, exc, {"verdict": form.verdict.data, "verdict_note": form.note.data,
                                      "evidence_urls": [u.strip() for u in urls if u.strip()]})
    except DomainError as exc:
        form.note.errors = [str(exc)]
        return _render_show(claim, verify_form=form, status=400)
    flash(f"Claim {claim.id} is now {claim.status}.", "success")
    return redirect(url_for("claims.show", claim_id=claim.id))


@bp.post("/<int:claim_id>/tags")
@role_required("editor")
def add_tag(claim_id: int):
    session = db_session()
    claim = services.get_claim(session, claim_id)
    form = TagForm()
    if form.validate():
        try:
            tag = services.tag_claim(session, claim.id, form.name.data, actor=current_user)
        except DomainError as exc:
            form.name.errors = [str(exc)]
        else:
            flash(f"Tag “{tag.name}” added.", "success")
            return redirect(url_for("claims.show", claim_id=claim.id) + "#tags")
    return _render_show(claim, tag_form=form, status=400)


@bp.post("/<int:claim_id>/tags/<int:tag_id>/remove")
@role_required("editor")
def remove_tag(claim_id: int, tag_id: int):
    if not ActionForm().validate():
        abort(400)
    tag = services.untag_claim(db_session(), claim_id, tag_id, actor=current_user)
    flash(f"Tag “{tag.name}” removed.", "success")
    return redirect(url_for("claims.show", claim_id=claim_id) + "#tags")


@bp.post("/<int:claim_id>/links")
@role_required("editor")
def add_link(claim_id: int):
    session = db_session()
    claim = services.get_claim(session, claim_id)
    form = LinkForm()
    if form.validate():
        try:
            links.add_link(session, claim.id, form.target_id.data, form.relation.data, actor=current_user,
                           note=form.note.data)
        except DomainError as exc:
            form.target_id.errors = [str(exc)]
        else:
            flash(f"Linked to claim {form.target_id.data} ({form.relation.data}).", "success")
            return redirect(url_for("claims.show", claim_id=claim.id) + "#links")
    return _render_show(claim, link_form=form, status=400)


def _link_action(claim_id: int, link_id: int, action, done: str):
    if not ActionForm().validate():
        abort(400)
    link = links.get_link(db_session(), link_id)
    if claim_id not in (link.source_id, link.target_id):
        abort(404)
    try:
        action(db_session(), link_id, actor=current_user)
    except DomainError as exc:
        if exc.http_status == 404:
            raise
        flash(str(exc), "error")
    else:
        flash(f"Link {link_id} {done}.", "success")
    return redirect(url_for("claims.show", claim_id=claim_id) + "#links")


@bp.post("/<int:claim_id>/links/<int:link_id>/confirm")
@role_required("editor")
def confirm_link(claim_id: int, link_id: int):
    return _link_action(claim_id, link_id, links.confirm_link, "confirmed")


@bp.post("/<int:claim_id>/links/<int:link_id>/dismiss")
@role_required("editor")
def dismiss_link(claim_id: int, link_id: int):
    return _link_action(claim_id, link_id, links.dismiss_link, "dismissed")


@bp.post("/<int:claim_id>/links/<int:link_id>/remove")
@role_required("editor")
def remove_link(claim_id: int, link_id: int):
    return _link_action(claim_id, link_id, links.remove_link, "removed")


@bp.post("/history/<int:entry_id>/revert")
@role_required("editor")
def revert(entry_id: int):
    return _revert(entry_id, whole_group=False)


@bp.post("/history/<int:entry_id>/revert-group")
@role_required("editor")
def revert_change_group(entry_id: int):
    """Undo the whole action the entry belongs to (every row of a bulk accept, say)."""
    return _revert(entry_id, whole_group=True)


def _revert(entry_id: int, *, whole_group: bool):
    form = ActionForm()
    if not form.validate():
        abort(400)
    session = db_session()
    entry = session.get(HistoryEntry, entry_id)
    if entry is None:
        abort(404)
    target = safe_next(form.next.data, url_for("claims.index"))
    if whole_group and not entry.change_group:
        abort(404)
    try:
        if whole_group:
            done = len(revert_group(session, entry.change_group, actor=current_user))
        else:
            revert_entry(session, entry_id, actor=current_user)
            done = 1
    except DomainError as exc:
        if exc.http_status == 404:
            raise
        flash(str(exc), "error")
        return redirect(target)
    flash(f"{done} change{'s' if done != 1 else ''} reverted.", "success")
    return redirect(target)
