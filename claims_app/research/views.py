"""The SQL console and the export page (researcher role and up)."""
from __future__ import annotations

import datetime as dt
import logging

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_login import current_user

from ..web import reads_only, role_required
from .csvout import csv_chunks
from .examples import EXAMPLES, get_example
from .export import EXPORT_COLUMNS, EXTENSIONS, MEDIA_TYPES, ExportInputError, export_chunks, parse_filters
from .forms import ConsoleForm, ExportForm
from .readonly import ConsoleSettings
from .sql import SqlError, console_unavailable, display_value, open_stream, run_query

FORM_NAMES = {"status": "Status", "since": "Published since", "until": "Published until", "tag": "Tag",
              "language": "Language"}

log = logging.getLogger("claims_app.sql_console")

bp = Blueprint("research", __name__, template_folder="templates", url_prefix="/research")


def _settings() -> ConsoleSettings:
    return ConsoleSettings.from_config(current_app.config)


def _download(chunks, filename: str, mimetype: str) -> Response:
    """A streamed attachment; an error after the first byte is written into the body, marked."""

    def body():
        try:
            yield from chunks
        except SqlError as exc:
            yield f"\r\n__STREAM_ERROR__: {exc}\r\n"

    response = Response(body(), mimetype=mimetype.split(";")[0])
    response.headers["Content-Type"] = mimetype
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Accel-Buffering"] = "no"
    return response


@bp.route("/console", methods=["GET", "POST"])
@role_required("researcher")
@reads_only
def console():
    form = ConsoleForm()
    settings = _settings()
    example = None
    query_id = request.args.get("query_id")
    if query_id:
        example = get_example(query_id)
        if example is None:
            abort(404)
        if not form.is_submitted():
            form.sql.data = example.sql
    result, error = None, None
    unavailable = console_unavailable(settings)
    if unavailable:
        # PostgreSQL without the console's own role: never run researcher SQL on the app's role.
        return render_template("research/console.html", form=form, result=None, error=unavailable,
                               examples=EXAMPLES, example=example, show=display_value,
                               timeout=settings.timeout_seconds), 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        log.info("SQL console query by user %s: %s", current_user.id, form.sql.data,
                 extra={"user_id": current_user.id, "sql": form.sql.data,
                        "download": bool(form.csv.data or form.excel.data)})
        try:
            if form.csv.data or form.excel.data:
                # The stream opens its own read-only connection: the request's session is
                # closed when the view returns, long before the last row is sent.
                columns, rows = open_stream(settings, form.sql.data)
                return _download(csv_chunks(columns, rows, bom=bool(form.excel.data)), "query.csv",
                                 "text/csv; charset=utf-8")
            result = run_query(settings, form.sql.data)
        except SqlError as exc:
            error = str(exc)
    elif example is not None and request.method == "GET":
        log.info("SQL console example %s by user %s", example.query_id, current_user.id,
                 extra={"user_id": current_user.id, "sql": example.sql})
        try:
            result = run_query(settings, example.sql)
        except SqlError as exc:
            error = str(exc)
    status = 400 if error or (form.is_submitted() and form.errors) else 200
    return render_template("research/console.html", form=form, result=result, error=error, examples=EXAMPLES,
                           example=example, show=display_value, timeout=settings.timeout_seconds), status


@bp.get("/export")
@role_required("researcher")
def export():
    form = ExportForm(request.args)
    error = None
    if "download" in request.args and form.validate():
        try:
            filters = parse_filters(status=form.status.data, tag=form.tag.data, language=form.language.data,
                                    since=form.since.data, until=form.until.data, names=FORM_NAMES)
            fmt = form.format.data
            chunks = export_chunks(_settings(), fmt, filters, bom=bool(form.excel.data) and fmt == "csv",
                                   names=FORM_NAMES)
        except (ExportInputError, SqlError) as exc:
            error = str(exc)
        else:
            filename = f"claims-{dt.date.today().isoformat()}.{EXTENSIONS[fmt]}"
            return _download(chunks, filename, MEDIA_TYPES[fmt])
    status = 400 if error or ("download" in request.args and form.errors) else 200
    return render_template("research/export.html", form=form, error=error,
                           columns=[name for name, _ in EXPORT_COLUMNS]), status
