"""Article review mode: one article's candidates beside its text, decided from the keyboard.

The page loads once; every decision is a small form post (CSRF token, version seen) answered with
the claim's new state as JSON, so the review goes on without a page load. The same endpoints
serve the review queue's keys. Validation is the edit form's own, and a stale version is a 409
carrying both versions, shown in place.
"""
from __future__ import annotations

from flask import abort, jsonify, render_template, request, url_for
from flask_login import current_user

from ..articles.models import Article
from ..articles.views import reader_context
from ..errors import ClaimConflict, DomainError
from ..history.models import HistoryEntry
from ..history.services import revert_entry, revert_group
from ..values import parse_id
from ..web import db_session, role_required
from . import services
from .forms import ActionForm, EditClaimForm
from .models import QUALIFIERS, Claim
from .queries import article_candidates, count_suggested, latest_claim_entry_id, next_article_with_suggestions
from .views import bp
from .views_claim import save_edit

REVIEWED = ("accepted", "rejected", "verified", "disputed", "false", "misleading", "unverifiable")


def claim_state(claim: Claim) -> dict:
    """What the review screens show and send back for one claim (JSON-safe)."""
    speaker = claim.speaker if claim.kind == "quote" else claim.attributed_to

    def text(value):
        return None if value is None else str(value)

    return {
        "id": claim.id, "version": claim.version, "kind": claim.kind, "status": claim.status,
        "start": claim.start, "end": claim.end, "exact": claim.exact,
        "speaker": speaker.name if speaker else None, "speaker_as_written": claim.speaker_as_written,
        "value": text(claim.value), "low": text(claim.low), "high": text(claim.high),
        "qualifier": claim.qualifier, "numeric_kind": claim.numeric_kind or "", "unit": claim.unit,
        "period_start": claim.period_start, "period_end": claim.period_end, "metric": claim.metric,
    }


def _answer(claim: Claim, status: int = 200):
    db_session().expire(claim, ["speaker", "attributed_to"])   # the ids may have changed under them
    return jsonify(claim=claim_state(claim), history_id=latest_claim_entry_id(db_session(), claim.id)), status


def _conflict_answer(exc: ClaimConflict):
    return jsonify(error=str(exc), conflict=True, current=exc.current, attempted=exc.attempted), 409


def _error(message: str, status: int = 400, **extra):
    return jsonify(error=message, **extra), status


def _answer_change(change):
    """Run ``change`` (it returns the claim); the claim's new state, or its refusal, as JSON."""
    try:
        claim = change()
    except ClaimConflict as exc:
        return _conflict_answer(exc)
    except DomainError as exc:
        return _error(str(exc), exc.http_status)
    return _answer(claim)


@bp.get("/review/article/<int:article_id>")
@role_required("editor")
def review_article(article_id: int):
    session = db_session()
    article = session.get(Article, article_id)
    if article is None:
        abort(404)
    candidates = article_candidates(session, article_id)
    nxt = next_article_with_suggestions(session, article_id)
    return render_template(
        "claims/review_article.html", **reader_context(article, include_rejected=True),
        candidates=candidates, states=[claim_state(c) for c in candidates], action_form=ActionForm(),
        reviewed=sum(c.status in REVIEWED for c in candidates), qualifiers=QUALIFIERS,
        next_url=url_for("claims.review_article", article_id=nxt) if nxt else None,
        left_everywhere=count_suggested(session))


@bp.post("/<int:claim_id>/decide")
@role_required("editor")
def decide(claim_id: int):
    """accept / reject without a page load: answers the claim's new state as JSON."""
    form = ActionForm()
    if not form.validate():
        return _error("the form expired; reload the page", 400)
    action = {"accept": services.accept_claim, "reject": services.reject_claim}.get(request.form.get("action", ""))
    if action is None:
        return _error("action must be accept or reject", 400)
    version = parse_id(form.version.data)
    return _answer_change(lambda: action(db_session(), claim_id, actor=current_user, version=version))


@bp.post("/<int:claim_id>/quick-edit")
@role_required("editor")
def quick_edit(claim_id: int):
    """The edit form posted from the review mode: saves and accepts, answers JSON."""
    session = db_session()
    claim = services.get_claim(session, claim_id)
    form = EditClaimForm()
    if not form.validate():
        return _error("check the highlighted fields", 400,
                      fields={name: errors for name, errors in form.errors.items()})
    return _answer_change(lambda: save_edit(claim, form, accept=True))


@bp.post("/<int:claim_id>/undo")
@role_required("editor")
def undo(claim_id: int):
    """Undo the decision the review mode made last on this claim (its history entry or group)."""
    form = ActionForm()
    entry_id = parse_id(request.form.get("history_id"))
    if not form.validate() or entry_id is None:
        return _error("nothing to undo; reload the page", 400)
    session = db_session()
    entry = session.get(HistoryEntry, entry_id)
    if entry is None or entry.entity_type != "claim" or entry.entity_id != claim_id:
        return _error("that change is not this claim's; reload the page", 404)

    def revert():
        if entry.change_group:
            revert_group(session, entry.change_group, actor=current_user)
        else:
            revert_entry(session, entry.id, actor=current_user)
        session.expire_all()
        return services.get_claim(session, claim_id)

    return _answer_change(revert)
