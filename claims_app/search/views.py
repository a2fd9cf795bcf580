"""Full-text search over articles and claims."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from ..web import db_session, role_required
from .forms import SearchForm
from .services import COUNT_CAP, count_matches, search

bp = Blueprint("search", __name__, template_folder="templates", url_prefix="/search")

RTL_LANGUAGES = {"ar", "he", "fa", "ur", "yi", "ps"}


@bp.get("/")
@role_required("researcher")
def index():
    form = SearchForm(request.args)
    page = counts = None
    status = 200
    if form.q.data and form.validate():
        session = db_session()
        page = search(session, form.q.data, scope=form.scope.data, before=form.before.data)
        counts = {scope: count_matches(session, form.q.data, scope) for scope in ("claims", "articles")}
    elif form.q.data:
        status = 400
    return render_template("search/index.html", form=form, page=page, counts=counts,
                           count_cap=COUNT_CAP, rtl=RTL_LANGUAGES, has_claim_page="claims.show" in current_app.view_functions), status
