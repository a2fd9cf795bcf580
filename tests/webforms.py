"""Reading a page's forms the way a browser submits them, for tests that post what a user would.

``forms(html)`` finds every ``<form>`` with its action, method and fields: text inputs and
hidden inputs with their values, the selected option of each select (the first one when none is
selected, as a browser does), textareas, checked checkboxes. Buttons are left out: a test adds
the one it presses.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    # every field name the form has, including unchecked boxes and selects' options
    names: list[str] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)

    def data(self, **changes) -> dict[str, list[str]]:
        """The submitted values, as a dict of lists, with ``changes`` replacing whole fields."""
        out: dict[str, list[str]] = {}
        for name, value in self.fields:
            out.setdefault(name, []).append(value)
        for name, value in changes.items():
            out[name] = value if isinstance(value, list) else [value]
        return out

    def value(self, name: str) -> str | None:
        return next((v for n, v in self.fields if n == name), None)


class _Parser(HTMLParser):
    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: str | None = None
        self.select_options: list[tuple[str, bool]] = []
        self.option: tuple[str | None, bool] | None = None
        self.option_text = ""
        self.textarea: str | None = None
        self.textarea_text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = Form(action=a.get("action") or self.base, method=(a.get("method") or "get").lower())
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            self.form.names.append(name)
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.form.fields.append((name, a.get("value") or "on"))
                return
            self.form.fields.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self.select, self.select_options = name, []
            self.form.names.append(name)
        elif tag == "option" and self.select is not None:
            self.option, self.option_text = (a.get("value"), "selected" in a), ""
        elif tag == "textarea" and name:
            self.textarea, self.textarea_text = name, ""
            self.form.names.append(name)

    def handle_data(self, data):
        if self.option is not None:
            self.option_text += data
        if self.textarea is not None:
            self.textarea_text += data

    def handle_endtag(self, tag):
        if tag == "option" and self.option is not None:
            value, selected = self.option
            self.select_options.append((value if value is not None else self.option_text.strip(), selected))
            self.option = None
        elif tag == "select" and self.select is not None and self.form is not None:
            values = [v for v, _ in self.select_options]
            self.form.options[self.select] = values
            chosen = next((v for v, s in self.select_options if s), values[0] if values else None)
            if chosen is not None:
                self.form.fields.append((self.select, chosen))
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            # a browser drops one line break right after <textarea>
            text = self.textarea_text[1:] if self.textarea_text.startswith("\n") else self.textarea_text
            self.form.fields.append((self.textarea, text))
            self.textarea = None
        elif tag == "form":
            self.form = None


def forms(html: str, base: str = "") -> list[Form]:
    parser = _Parser(base)
    parser.feed(html)
    return parser.forms


def form_posting_to(html: str, action: str, base: str = "") -> Form:
    found = [f for f in forms(html, base) if f.action.split("?")[0].split("#")[0] == action]
    assert found, f"no form posts to {action}"
    return found[0]
