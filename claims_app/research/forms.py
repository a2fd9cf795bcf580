"""Forms of the SQL console and the export page."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..articles.limits import limit
from ..claims.models import STATUSES
from .export import FORMATS

FORMAT_LABELS = {"csv": "CSV", "jsonl": "JSON Lines", "claimreview": "ClaimReview (JSON-LD, claims with a verdict)"}


class ConsoleForm(FlaskForm):
    sql = TextAreaField("SQL", validators=[DataRequired(message="Write a SELECT statement."), Length(max=20000)],
                        render_kw={"rows": 8, "spellcheck": "false", "dir": "ltr", "class": "sql"})
    run = SubmitField("Run")
    csv = SubmitField("Download CSV")
    excel = SubmitField("CSV for Excel")


class ExportForm(FlaskForm):
    """Read from the query string: an export only reads, so it needs no CSRF token."""

    class Meta:
        csrf = False

    format = SelectField("Format", choices=[SelectChoice(f, FORMAT_LABELS[f]) for f in FORMATS], default="csv")
    status = SelectField("Status", choices=[SelectChoice("", "any")] + [SelectChoice(s, s) for s in STATUSES], default="",
                         validators=[Optional()])
    tag = StringField("Tag", validators=[Optional(), Length(max=100)])
    language = StringField("Language", validators=[Optional(), Length(max=limit("language"))],
                           description="A language code such as en, ar or he.")
    since = StringField("Published since", validators=[Optional(), Length(max=10)],
                        render_kw={"placeholder": "YYYY-MM-DD", "inputmode": "numeric"})
    until = StringField("Published until", validators=[Optional(), Length(max=10)],
                        render_kw={"placeholder": "YYYY-MM-DD", "inputmode": "numeric"})
    excel = BooleanField("For Excel (CSV starts with a byte-order mark)")
