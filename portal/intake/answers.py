"""Moving answers between forms and the draft: stored as JSON-friendly values, replayed as form data."""

from datetime import date

from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, IntegerField, MultipleFileField, SelectMultipleField

from portal.common.fields import GovukDateField
from portal.intake.forms import PageForm


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
    for name in _field_names(form_class):
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


def _field_names(form_class: type[PageForm]) -> list[str]:
    from portal.intake.journeys import field_names

    return list(field_names(form_class))
