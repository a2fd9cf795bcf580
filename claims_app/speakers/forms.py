"""Forms for editing speakers, their aliases, and merging."""
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from ..fields import IdField
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
    # str(): a form built from the speaker row (obj=) holds the version as an int
    version = HiddenField(validators=[DataRequired(message="the form lost its version; reload the page"),
                                      Regexp(r"^[0-9]{1,10}$", message="the form's version is not a number; reload the page")],
                          filters=[lambda v: None if v is None else str(v)])


class AliasForm(FlaskForm):
    name = StringField("New alias", validators=[DataRequired(), Length(max=300)],
                       description="The name exactly as an article writes it.")


class RemoveAliasForm(FlaskForm):
    alias_id = IdField(validators=[DataRequired()])


class MergeForm(FlaskForm):
    into = IdField("Merge into speaker #", validators=[DataRequired()],
                   description="The speaker to keep; this one's claims and aliases move there.")
    reason = StringField("Reason", validators=[Optional(), Length(max=500)])
    confirm = HiddenField()   # "yes" once the editor has seen both speakers side by side


class UndoForm(FlaskForm):
    """Only the CSRF token: a button that posts."""


class NameFilterForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Name", validators=[Optional(), Length(max=300)])
