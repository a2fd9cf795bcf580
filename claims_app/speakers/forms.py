"""Forms for editing speakers, their aliases, and merging."""
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from .models import SPEAKER_KINDS


class SpeakerForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=300)])
    kind = SelectField("Kind", choices=[SelectChoice(k, k) for k in SPEAKER_KINDS])
    wikidata_qid = StringField(
        "Wikidata id", validators=[Optional(), Length(max=20),
                                   Regexp(r"^\s*[Qq][1-9]\d{0,11}\s*$",
                                          message="Write the Wikidata item id as Q followed by digits, e.g. Q42.")],
        description="Optional, e.g. Q42.")
    reason = StringField("Reason", validators=[Optional(), Length(max=500)])
    version = HiddenField(validators=[DataRequired()])


class AliasForm(FlaskForm):
    name = StringField("New alias", validators=[DataRequired(), Length(max=300)],
                       description="The name exactly as an article writes it.")


class RemoveAliasForm(FlaskForm):
    alias_id = IntegerField(validators=[DataRequired(), NumberRange(min=1)])


class MergeForm(FlaskForm):
    into = IntegerField("Merge into speaker #", validators=[DataRequired(), NumberRange(min=1)],
                        description="The speaker to keep; this one's claims and aliases move there.")
    reason = StringField("Reason", validators=[Optional(), Length(max=500)])
    confirm = HiddenField()   # "yes" once the editor has seen both speakers side by side


class UndoForm(FlaskForm):
    """Only the CSRF token: a button that posts."""


class NameFilterForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Name", validators=[Optional(), Length(max=300)])
