"""New claims from a selection in the reader: the browser's offsets become code points, checked."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..articles.models import Article
from ..errors import DomainError, InvalidSpan
from ..speakers.services import resolve_speaker
from ..values import parse_id
from ..web import db_session, role_required
from . import services
from .forms import NewClaimForm
from .spans import make_span, snap_to_words, utf16_to_codepoints
from .views import bp
from .views_claim import numeric_values


def _selection(form_or_args, article: Article) -> tuple[int, int]:
    """The browser's UTF-16 offsets as code points of the stored text."""
    try:
        start16, end16 = int(form_or_args.get("start", "")), int(form_or_args.get("end", ""))
    except ValueError as exc:
        raise InvalidSpan("the selection offsets are not whole numbers; select the text again") from exc
    return utf16_to_codepoints(article.text, start16), utf16_to_codepoints(article.text, end16)


def _prefill(form: NewClaimForm, article: Article, exact: str) -> None:
    """Numeric fields guessed by the extractor from the selected words; the editor checks them."""
    from ..extraction import extract

    try:
        found = extract(exact, article.language).numeric_claims
    except Exception:  # noqa: BLE001 - a guess that fails leaves the fields empty, nothing more
        return
    if found:
        best = max(found, key=lambda n: n.end - n.start)
        for name in ("value", "low", "high", "qualifier", "unit", "period_start", "period_end", "metric"):
            getattr(form, name).data = getattr(best, name)
        form.numeric_kind.data = best.kind


@bp.route("/new", methods=["GET", "POST"])
@role_required("editor")
def new():
    session = db_session()
    source = request.form if request.method == "POST" else request.args
    article_id = parse_id(source.get("article_id"))
    article = session.get(Article, article_id) if article_id is not None else None
    if article is None:
        abort(404)
    form = NewClaimForm(formdata=request.form if request.method == "POST" else request.args)
    try:
        start, end = _selection(source, article)
        make_span(article.text, start, end, source.get("exact"))   # the selection is what the page showed
        span = make_span(article.text, *snap_to_words(article.text, start, end))
    except InvalidSpan as exc:
        return render_template("claims/new.html", form=form, article=article, span=None, error=str(exc)), 422
    if request.method == "GET":
        if form.kind.data == "numeric":
            _prefill(form, article, span.exact)
        return render_template("claims/new.html", form=form, article=article, span=span, error=None)
    if not form.validate():
        return render_template("claims/new.html", form=form, article=article, span=span, error=None), 400
    fields = numeric_values(form) if form.kind.data == "numeric" else {}
    if form.speaker.data:
        speaker_id = resolve_speaker(session, form.speaker.data).id
        fields["speaker_id" if form.kind.data == "quote" else "attributed_to_id"] = speaker_id
    try:
        claim = services.create_claim_from_span(session, article.id, form.kind.data, span.start, span.end,
                                                span.exact, actor=current_user, fields=fields)
    except DomainError as exc:
        return render_template("claims/new.html", form=form, article=article, span=span, error=str(exc)), 422
    flash(f"{claim.kind.capitalize()} claim {claim.id} created.", "success")
    return redirect(url_for("claims.show", claim_id=claim.id))
