"""Question pages of the public journeys: the form each page is, its fields in the order asked, and moving its
answers between the form and the draft (stored as JSON-friendly values, replayed as form data)."""

from datetime import date

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, IntegerField, MultipleFileField, SelectMultipleField
from wtforms.fields.core import UnboundField

from portal.common.fields import GovukDateField


class PageForm(FlaskForm):
    """A question page. `answers()` is what the page stores in the draft; `draft_answers` are the other pages'."""

    def __init__(self, *args, draft_answers: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft_answers = draft_answers or {}

    def answers(self) -> dict:
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}

    def check_whole_page(self) -> bool:
        """Rules across fields, run after each field has passed its own checks."""
        return True

    def validate(self, extra_validators=None) -> bool:
        fields_valid = super().validate(extra_validators)
        return self.check_whole_page() and fields_valid


def field_names(form_class: type[PageForm]) -> tuple[str, ...]:
    """The form's fields in the order they are declared, which is the order the page asks them."""
    unbound = [(name, getattr(form_class, name, None)) for name in dir(form_class)]
    fields = sorted(
        ((name, field) for name, field in unbound if isinstance(field, UnboundField)),
        key=lambda pair: pair[1].creation_counter,
    )
    return tuple(name for name, _ in fields)


def stored_answers(form: PageForm) -> dict:
    """The page's answers as JSON values. A date that could not be read is left out rather than stored wrongly."""
    values = {}
    for name, field in form._fields.items():
        if name == "csrf_token" or isinstance(field, MultipleFileField):
            continue
        data = field.data
        if isinstance(field, GovukDateField):
            data = data.isoformat() if isinstance(data, date) else None
        values[name] = data
    extra = form.answers()
    return {**values, **{key: value for key, value in extra.items() if key not in form._fields}}


def as_formdata(form_class: type[PageForm], answers: dict) -> MultiDict:
    """Stored answers as the form data a browser would have posted, so a stored page can be checked again."""
    form = form_class.__new__(form_class)
    formdata = MultiDict()
    for name in field_names(form_class):
        value = answers.get(name)
        if value in (None, "", []):
            continue
        unbound = getattr(form, name)
        field_class = unbound.field_class
        if issubclass(field_class, GovukDateField):
            day = date.fromisoformat(value)
            for part in (day.day, day.month, day.year):
                formdata.add(name, str(part))
        elif issubclass(field_class, SelectMultipleField):
            for item in value:
                formdata.add(name, item)
        elif issubclass(field_class, BooleanField):
            formdata.add(name, "y")
        elif issubclass(field_class, IntegerField):
            formdata.add(name, str(value))
        else:
            formdata.add(name, value)
    return formdata
