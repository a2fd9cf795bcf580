"""Article list and reader."""
from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import login_required
from sqlalchemy import select

from ..claims.models import Claim
from ..web import db_session
from .models import Article
from .reading import paragraphs
from .services import list_articles

bp = Blueprint("articles", __name__, template_folder="templates")

RTL_LANGUAGES = {"ar", "he", "fa", "ur", "yi", "ps"}


@bp.get("/")
@login_required
def index():
    return render_template("articles/index.html", rows=list_articles(db_session()))


@bp.get("/articles/<int:article_id>")
@login_required
def read(article_id: int):
    session = db_session()
    article = session.get(Article, article_id)
    if article is None:
        abort(404)
    claims = session.scalars(select(Claim).where(Claim.article_id == article_id, Claim.status != "rejected")
                             .order_by(Claim.start)).all()
    paras = paragraphs(article.text, [(c.id, c.start, c.end) for c in claims])
    return render_template("articles/read.html", article=article, paragraphs=paras,
                           claims={c.id: c for c in claims},
                           direction="rtl" if article.language in RTL_LANGUAGES else "ltr")
