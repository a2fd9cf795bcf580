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


@bp.app_template_filter("short_title")
def short_title(title: str | None, width: int = 80) -> str:
    """The first line of a title, cut at a word boundary to about ``width`` characters."""
    line = (title or "").strip().split("\n", 1)[0].strip()
    if len(line) <= width:
        return line
    cut = line[:width + 1].rsplit(None, 1)[0] if " " in line[:width + 1] else line[:width]
    return cut.rstrip(" ,;:-–—،") + "…"


@bp.get("/")
@role_required("researcher")
def index():
    return render_template("articles/index.html", rows=list_articles(db_session()))


def _innermost(claim_ids, claims) -> Claim:
    # The shortest claim of a segment gives its colour: a figure inside a quote stays visible.
    return min((claims[i] for i in claim_ids), key=lambda c: (c.end - c.start, -c.id))


def reader_context(article: Article, *, include_rejected: bool = False) -> dict:
    """What the reader template needs: paragraphs cut at every claim, and the claims' short info."""
    stmt = select(Claim).where(Claim.article_id == article.id).options(joinedload(Claim.speaker)).order_by(Claim.start)
    if not include_rejected:
        stmt = stmt.where(Claim.status != "rejected")
    claims = db_session().scalars(stmt).all()
    by_id = {c.id: c for c in claims}
    return dict(article=article, paragraphs=paragraphs(article.text, [(c.id, c.start, c.end) for c in claims]),
                claims=by_id, innermost=lambda ids: _innermost(ids, by_id),
                claim_info={c.id: {"kind": c.kind, "status": c.status, "exact": c.exact[:120]} for c in claims},
                can_annotate=current_user.has_role("editor"),
                direction="rtl" if article.language in RTL_LANGUAGES else "ltr")


@bp.get("/articles/<int:article_id>")
@role_required("researcher")
def read(article_id: int):
    article = db_session().get(Article, article_id)
    if article is None:
        abort(404)
    context = reader_context(article)
    focus = request.args.get("claim", type=int)
    return render_template("articles/read.html", focus=focus if focus in context["claims"] else None, **context)
