"""Login and password forms."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from .services import MIN_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    remember = BooleanField("Keep me signed in")


class PasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired(), Length(max=200)])
    new = PasswordField("New password", validators=[
        DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200,
                               message=f"use at least {MIN_PASSWORD_LENGTH} characters")])
    confirm = PasswordField("New password again", validators=[
        DataRequired(), EqualTo("new", message="the two new passwords differ; type the same one twice")])
