"""The search box (GET, so results can be bookmarked and paged by link)."""
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

from ..fields import IdField


class SearchForm(FlaskForm):
    class Meta:
        csrf = False   # a read-only GET form: nothing to forge

    q = StringField("Search", validators=[Optional(), Length(max=300)],
                    description="Every word must occur; spelling variants and diacritics are ignored.")
    scope = SelectField("In", choices=[SelectChoice("claims", "Claims"), SelectChoice("articles", "Articles")], default="claims")
    before = IdField("Before", validators=[Optional()])
