"""Forms of the claims screens. Every POST form carries a CSRF token (Flask-WTF)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from ..fields import IdField, QuantityField, WholeNumberField
from ..links.models import RELATIONS
from ..values import parse_id
from .models import CLAIM_KINDS, NUMERIC_KINDS, QUALIFIERS, STATUSES, VERDICTS
from .queries import VERDICT_VIEW


def options(pairs) -> list[SelectChoice]:
    return [SelectChoice(str(value), label) for value, label in pairs]


def _choices(values, blank: str | None = None) -> list[SelectChoice]:
    items = [(v, v.replace("_", " ")) for v in values]
    return options(([("", blank)] if blank is not None else []) + items)


def _none_if_blank(value):
    return value or None


def _strip_or_none(value):
    return value.strip() or None if isinstance(value, str) else value


def coerce_id(value):
    """A select's id choice: None when blank; a ValueError (a form error) for what names no row."""
    if value in (None, "", "None"):
        return None
    if isinstance(value, int):
        return value
    parsed = parse_id(str(value))
    if parsed is None:
        raise ValueError(f"{str(value)[:40]!r} is not an id")
    return parsed


class FilterForm(FlaskForm):
    """Read from the query string; a GET form needs no CSRF token."""

    class Meta:
        csrf = False

    q = StringField("Text", validators=[Optional(), Length(max=200)], filters=[lambda v: (v or "").strip() or None])
    language = SelectField("Language", validate_choice=False, default="")
    outlet_id = SelectField("Outlet", coerce=coerce_id, validate_choice=False)
    kind = SelectField("Kind", choices=_choices(CLAIM_KINDS, "any"), default="")
    status = SelectField("Status", choices=_choices(STATUSES, "any") + options([(VERDICT_VIEW, "with a verdict")]),
                         default="")
    speaker_id = IdField("Speaker id", validators=[Optional()])
    tag_id = SelectField("Tag", coerce=coerce_id, validate_choice=False)
    article_id = IdField("Article id", validators=[Optional()])


class ActionForm(FlaskForm):
    """A button that changes one thing: only the CSRF token, the version seen and where to go next."""

    version = HiddenField()
    next = HiddenField()


def _version_field():
    return HiddenField(validators=[InputRequired(message="the form lost its version; reload the page"),
                                   Regexp(r"^[0-9]{1,10}$", message="the form's version is not a number; reload the page")])


class NumericFieldsMixin:
    value = QuantityField("Value", validators=[Optional()])
    low = QuantityField("Low", validators=[Optional()])
    high = QuantityField("High", validators=[Optional()])
    qualifier = SelectField("Qualifier", choices=_choices(QUALIFIERS), default="exact")
    numeric_kind = SelectField("Numeric kind", choices=_choices(NUMERIC_KINDS, "—"), default="")
    unit = StringField("Unit", validators=[Optional(), Length(max=100)], filters=[_none_if_blank])
    period_start = WholeNumberField("Period from (year)", validators=[Optional()], low=1, high=9999)
    period_end = WholeNumberField("Period to (year)", validators=[Optional()], low=1, high=9999)
    metric = StringField("Metric (what is measured)", validators=[Optional(), Length(max=500)],
                         filters=[_none_if_blank])
    speaker = StringField("Speaker or source", validators=[Optional(), Length(max=300)], filters=[_strip_or_none])

    def validate_high(self, field):
        if self.low.data is not None and field.data is not None and self.low.data > field.data:
            raise ValidationError("High is below low; swap them.")

    def validate_low(self, field):
        if self.qualifier.data == "range" and (field.data is None or self.high.data is None):
            raise ValidationError("A range needs both low and high.")

    def validate_period_end(self, field):
        if self.period_start.data and field.data and field.data < self.period_start.data:
            raise ValidationError("The period ends before it starts.")


class EditClaimForm(NumericFieldsMixin, FlaskForm):
    version = _version_field()
    next = HiddenField()
    reason = StringField("Why (optional)", validators=[Optional(), Length(max=500)], filters=[_none_if_blank])


class NewClaimForm(NumericFieldsMixin, FlaskForm):
    """A span selected in the reader. ``start``/``end`` are the browser's UTF-16 offsets."""

    article_id = HiddenField(validators=[InputRequired()])
    kind = SelectField("Kind", choices=_choices(CLAIM_KINDS))
    start = HiddenField(validators=[InputRequired()])
    end = HiddenField(validators=[InputRequired()])
    exact = HiddenField(validators=[InputRequired(message="nothing was selected")])

    def validate_start(self, field):
        for f in (self.start, self.end, self.article_id):
            if parse_id(f.data) is None and f.data != "0":
                raise ValidationError("The selection offsets are not whole numbers; select the text again.")


def _check_urls(form, field):
    for line in (field.data or "").splitlines():
        url = line.strip()
        if not url:
            continue
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValidationError(f"{url[:80]!r} is not an http(s) address; put one URL per line.")


class VerifyForm(FlaskForm):
    version = _version_field()
    # No default: a claim nobody checked must not be one click away from "verified".
    verdict = SelectField("Verdict", choices=_choices(VERDICTS, "— choose a verdict —"), default="",
                          validators=[DataRequired(message="Choose a verdict.")])
    evidence_urls = TextAreaField("Evidence URLs (one per line)", validators=[Optional(), Length(max=10000),
                                                                             _check_urls])
    # No Optional() here: it would stop validation before validate_note sees an empty note.
    note = TextAreaField("Note", validators=[Length(max=5000)],
                         description="Required when the verdict changes.")

    def __init__(self, *args, current_verdict: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_verdict = current_verdict

    def validate_note(self, field):
        if self.verdict.data and self.verdict.data != self.current_verdict and not (field.data or "").strip():
            raise ValidationError("A note is required when the verdict changes: say why.")


class TagForm(FlaskForm):
    name = StringField("Tag", validators=[DataRequired(message="Type a tag name."), Length(max=100)],
                       filters=[lambda v: " ".join((v or "").split())])


class RenameTagForm(FlaskForm):
    tag_id = SelectField("Tag", validate_choice=True)
    name = StringField("New name", validators=[DataRequired(message="Type the new name."), Length(max=100)],
                       filters=[lambda v: " ".join((v or "").split())])


class MergeTagForm(FlaskForm):
    source_id = SelectField("Merge this tag", validate_choice=True)
    into_id = SelectField("into", validate_choice=True)


class LinkForm(FlaskForm):
    target_id = IdField("Target claim id", validators=[DataRequired(message="Choose the claim to link to.")])
    relation = SelectField("Relation", choices=_choices(RELATIONS))
    note = StringField("Note", validators=[Optional(), Length(max=1000)], filters=[_none_if_blank])


class BulkForm(FlaskForm):
    """Bulk accept/reject: of the ticked rows (``ids``) or of everything the filter matches."""

    decision = SelectField("Action", choices=options([("accept", "accept"), ("reject", "reject")]))
    scope = SelectField("Scope", choices=options([("selected", "selected rows"), ("filter", "everything matching")]))
    max_id = HiddenField()
    confirm = HiddenField()
