"""The search box (GET, so results can be bookmarked and paged by link)."""
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, NumberRange, Optional


class SearchForm(FlaskForm):
    class Meta:
        csrf = False   # a read-only GET form: nothing to forge

    q = StringField("Search", validators=[Optional(), Length(max=300)],
                    description="Every word must occur; spelling variants and diacritics are ignored.")
    scope = SelectField("In", choices=[SelectChoice("claims", "Claims"), SelectChoice("articles", "Articles")], default="claims")
    before = IntegerField("Before", validators=[Optional(), NumberRange(min=1)])
