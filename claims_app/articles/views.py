"""Article list and reader."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..claims.models import Claim
from ..web import db_session, role_required
from .models import Article
from .reading import paragraphs
from .services import list_articles

bp = Blueprint("articles", __name__, template_folder="templates")

RTL_LANGUAGES = {"ar", "he", "fa", "ur", "yi", "ps"}


@bp.get("/")
@role_required("researcher")
def index():
    return render_template("articles/index.html", rows=list_articles(db_session()))


def _innermost(claim_ids, claims) -> Claim:
    # The shortest claim of a segment gives its colour: a figure inside a quote stays visible.
    return min((claims[i] for i in claim_ids), key=lambda c: (c.end - c.start, -c.id))


@bp.get("/articles/<int:article_id>")
@role_required("researcher")
def read(article_id: int):
    session = db_session()
    article = session.get(Article, article_id)
    if article is None:
        abort(404)
    claims = session.scalars(select(Claim).where(Claim.article_id == article_id, Claim.status != "rejected")
                             .options(joinedload(Claim.speaker)).order_by(Claim.start)).all()
    paras = paragraphs(article.text, [(c.id, c.start, c.end) for c in claims])
    focus = request.args.get("claim", type=int)
    by_id = {c.id: c for c in claims}
    claim_info = {c.id: {"kind": c.kind, "status": c.status, "exact": c.exact[:120]} for c in claims}
    return render_template("articles/read.html", article=article, paragraphs=paras, claims=by_id,
                           innermost=lambda ids: _innermost(ids, by_id), claim_info=claim_info,
                           focus=focus if focus in by_id else None,
                           can_annotate=current_user.has_role("editor"),
                           direction="rtl" if article.language in RTL_LANGUAGES else "ltr")
