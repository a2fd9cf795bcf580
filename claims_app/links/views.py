"""The metric view (an index of metrics, each metric's figures across sources in time order) and
stories (the articles that report one event, their linked quotes and conflicting figures)."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from ..web import db_session, role_required
from ..articles.models import Article
from .metrics import MetricKey, metric_index, metric_timeline
from .stories import story_for_article, story_summary

bp = Blueprint("links", __name__, template_folder="templates", url_prefix="/links")

INDEX_LIMIT = 500
RTL_LANGUAGES = {"ar", "he", "fa", "ur", "yi", "ps"}


@bp.get("/metrics")
@role_required("researcher")
def metrics():
    """Without arguments, the index of metrics; with kind/topic/entity, that metric's timeline."""
    args = request.args
    if not any(args.get(name) for name in ("kind", "topic", "entity")):
        rows = metric_index(db_session())
        return render_template("links/metrics.html", rows=rows[:INDEX_LIMIT], total=len(rows))
    key = MetricKey.parse(args.get("kind"), args.get("topic"), args.get("entity"))
    if key is None:
        abort(404)
    entries = metric_timeline(db_session(), key)
    return render_template("links/metric.html", key=key, entries=entries, rtl=RTL_LANGUAGES,
                           conflicts=sum(1 for e in entries if e.conflicts_with))


@bp.get("/stories/<int:article_id>")
@role_required("researcher")
def story(article_id: int):
    """The story an article belongs to: articles and languages, quotes side by side, conflicts."""
    session = db_session()
    article = session.get(Article, article_id)
    if article is None:
        abort(404)
    return render_template("links/story.html", story=story_for_article(session, article), rtl=RTL_LANGUAGES)


@bp.app_template_global()
def story_of(article_id: int):
    """For the 'also reported by' panel of the reader and the claim page (None: reported alone)."""
    return story_summary(db_session(), article_id)
