"""Claims list, review queue and bulk review. The claim page and its forms are in views_claim.py."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..errors import DomainError
from ..values import parse_id
from ..web import db_session, role_required
from . import services
from .forms import ActionForm, BulkForm, FilterForm, options
from .queries import (ClaimFilter, claim_page, count_matching, filter_choices, matching_ids, max_matching_id,
                      sentence_contexts)

bp = Blueprint("claims", __name__, template_folder="templates", url_prefix="/claims")

PAGE_SIZE = 50
# The review queue only shows review decisions; verdicts are given on the claim page.
REVIEW_STATUS_CHOICES = [("suggested", "suggested"), ("accepted", "accepted"), ("rejected", "rejected")]


def safe_next(target: str | None, fallback: str) -> str:
    # Same-site paths only: anything else would make these forms an open redirect.
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return fallback


def _filter_form(formdata, *, review: bool) -> tuple[FilterForm, ClaimFilter]:
    form = FilterForm(formdata=formdata)
    choices = filter_choices(db_session())
    form.outlet_id.choices = options([("", "any")] + choices["outlets"])
    form.tag_id.choices = options([("", "any")] + choices["tags"])
    form.language.choices = options([("", "any")] + [(lang, lang) for lang in choices["languages"]])
    if review:
        form.status.choices = options(REVIEW_STATUS_CHOICES)
        if not form.status.data:
            form.status.data = "suggested"
    form.validate()

    def value(name: str):
        # A filter field that does not validate is shown with its error and ignored.
        field = getattr(form, name)
        return None if field.errors else (field.data or None)

    flt = ClaimFilter(language=value("language"), outlet_id=value("outlet_id"), kind=value("kind"),
                      status=value("status"), speaker_id=value("speaker_id"), tag_id=value("tag_id"), q=value("q"),
                      article_id=value("article_id"))
    if review and flt.status not in dict(REVIEW_STATUS_CHOICES):
        flt = ClaimFilter(**(flt.as_params() | {"status": "suggested"}))
    return form, flt


def _after() -> int | None:
    return parse_id(request.args.get("after"))


@bp.get("/")
@role_required("researcher")
def index():
    form, flt = _filter_form(request.args, review=False)
    rows, next_after = claim_page(db_session(), flt, after=_after(), limit=PAGE_SIZE)
    return render_template("claims/index.html", form=form, flt=flt, rows=rows, next_after=next_after,
                           after=_after())


@bp.get("/review")
@role_required("editor")
def review():
    form, flt = _filter_form(request.args, review=True)
    rows, next_after = claim_page(db_session(), flt, after=_after(), limit=PAGE_SIZE, with_tags=False)
    return render_template("claims/review.html", form=form, flt=flt, rows=rows, next_after=next_after,
                           after=_after(), action_form=ActionForm(), bulk_form=BulkForm(formdata=None),
                           contexts=sentence_contexts(db_session(), rows))


@bp.post("/review/bulk")
@role_required("editor")
def bulk():
    session = db_session()
    form, flt = _filter_form(request.form, review=True)
    bulk_form = BulkForm()
    back = url_for("claims.review", **flt.as_params())
    if not bulk_form.validate():
        flash("The bulk action could not be read; choose the action again.", "error")
        return redirect(back)
    decision, scope = bulk_form.decision.data, bulk_form.scope.data
    if scope == "selected":
        ids = sorted({i for i in map(parse_id, request.form.getlist("claim_id")) if i is not None})
        if not ids:
            flash("No rows are selected; tick the rows first, or choose “everything matching”.", "error")
            return redirect(back)
        count = len(ids)
        max_id = None
    else:
        max_id = parse_id(bulk_form.max_id.data) or max_matching_id(session, flt)
        if max_id is None:
            flash("Nothing matches this filter.", "info")
            return redirect(back)
        ids = None
        count = count_matching(session, flt, max_id=max_id)
    if bulk_form.confirm.data != "yes":
        return render_template("claims/bulk_confirm.html", form=bulk_form, flt=flt, decision=decision,
                               scope=scope, ids=ids, count=count, max_id=max_id, back=back)
    if ids is None:
        ids = matching_ids(session, flt, max_id=max_id)
    done = services.bulk_review(session, ids, decision, actor=current_user)
    flash(f"{done} claims {'accepted' if decision == 'accept' else 'rejected'}.", "success")
    return redirect(back)


def _review_action(claim_id: int, action) -> object:
    form = ActionForm()
    target = safe_next(form.next.data, url_for("claims.show", claim_id=claim_id))
    if not form.validate():
        flash("The form expired; reload the page and try again.", "error")
        return redirect(target)
    version = parse_id(form.version.data)
    try:
        claim = action(db_session(), claim_id, actor=current_user, version=version)
    except DomainError as exc:
        if exc.http_status == 404:
            raise
        flash(str(exc), "error")
        return redirect(target)
    flash(f"Claim {claim.id} {claim.status}.", "success")
    return redirect(target)


@bp.post("/<int:claim_id>/accept")
@role_required("editor")
def accept(claim_id: int):
    return _review_action(claim_id, services.accept_claim)


@bp.post("/<int:claim_id>/reject")
@role_required("editor")
def reject(claim_id: int):
    return _review_action(claim_id, services.reject_claim)


from . import views_claim, views_new, views_tags, views_workbench  # noqa: E402,F401  (they register their routes on bp)
