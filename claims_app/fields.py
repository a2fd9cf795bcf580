"""Form fields and the URL converter for numbers and ids, shared by every feature's forms and routes.

Every number a person types goes through ``claims_app.values``: Arabic-Indic and Persian digits
and thousands separators are read, anything else is a form error, never a silently empty value.
Number fields render as text inputs: a browser's ``type=number`` input drops ٦٠٠٠ before the
server ever sees it.
"""
from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter
from wtforms import Field
from wtforms.widgets import TextInput

from .values import MAX_ID, NumberError, parse_id, parse_int, parse_quantity


class _NumberField(Field):
    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {})
        kwargs["render_kw"] = {"inputmode": "decimal", "autocomplete": "off", "dir": "ltr"} | kwargs["render_kw"]
        super().__init__(label, validators, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return self.format(self.data)

    def format(self, data) -> str:
        return str(data)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        try:
            self.data = self.parse(valuelist[0])
        except NumberError as exc:
            self.data = None
            raise ValueError(str(exc)[:1].upper() + str(exc)[1:] + ".") from exc

    def parse(self, raw: str):
        raise NotImplementedError


class QuantityField(_NumberField):
    """A claim's value, low or high: a Decimal the claims' columns hold exactly, or None."""

    def format(self, data) -> str:
        return format(data, "f")

    def parse(self, raw: str):
        return parse_quantity(raw, (self.label.text if self.label else self.name).lower())


class WholeNumberField(_NumberField):
    """A whole number between ``low`` and ``high`` (a year, a count), in any accepted script."""

    def __init__(self, label=None, validators=None, *, low: int, high: int, **kwargs):
        kwargs.setdefault("render_kw", {})
        kwargs["render_kw"] = {"inputmode": "numeric"} | kwargs["render_kw"]
        super().__init__(label, validators, **kwargs)
        self.low, self.high = low, high

    def parse(self, raw: str):
        return parse_int(raw, low=self.low, high=self.high, name=(self.label.text if self.label else self.name))


class IdField(_NumberField):
    """The id of a row (a claim to link to, a speaker to merge into): ASCII digits within the id range."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {})
        kwargs["render_kw"] = {"inputmode": "numeric"} | kwargs["render_kw"]
        super().__init__(label, validators, **kwargs)

    def parse(self, raw: str):
        raw = raw.strip().lstrip("#")
        if not raw:
            return None
        value = parse_id(raw)
        if value is None:
            raise NumberError(f"{raw[:40]!r} is not a number from 1 to {MAX_ID}; give the number shown as #id")
        return value


class IdConverter(IntegerConverter):
    """``<int:...>`` in every route: ASCII digits within the id range, anything else is a 404.

    Werkzeug's own converter matches any Unicode digit and any size, so ``/claims/<2**64>`` reached
    the database and failed there with a 500.
    """

    regex = r"[0-9]{1,10}"

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Make ``int`` in route patterns the bounded id converter; call before blueprints are registered."""
    app.url_map.converters["int"] = IdConverter
