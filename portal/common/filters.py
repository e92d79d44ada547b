"""Jinja filters and the values every template can use."""

import re
from datetime import date, datetime

from flask import Flask
from markupsafe import Markup, escape

from portal.common.clock import UK
from portal.common.drafts import something_to_forget
from portal.common.sanitise import BIDI_CONTROLS
from portal.data.queries.settings import council

# Shown as a visible code rather than acting on the text around them. Zero-width joiners are left alone: emoji
# sequences and Persian and Indic writing need them, and they cannot reorder or hide anything.
SHOWN_AS_CODES = re.compile(f"[{BIDI_CONTROLS}\u200b\u2060\ufeff]")


def govuk_date(value: date | datetime | None) -> str:
    """Formats a date the GOV.UK way: 6 January 2027."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def format_moment(moment: datetime) -> str:
    """A stored UTC time as GOV.UK writes it in UK time: "6 January 2027 at 4:05pm"."""
    local = moment.astimezone(UK)
    hour = local.hour % 12 or 12
    return f"{govuk_date(local.date())} at {hour}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"


def multiline(value) -> Markup:
    """Text people typed, escaped, with their line breaks kept and any invisible direction or spacing characters
    shown as their code (a right-to-left override shows as "[U+202E]" instead of reversing what follows)."""
    return Markup("<br>").join(_inert(escape(line)) for line in str(value or "").split("\n"))


def _inert(line: Markup) -> Markup:
    return Markup(
        SHOWN_AS_CODES.sub(lambda match: f'<span class="app-invisible-character">[U+{ord(match[0]):04X}]</span>', line)
    )


def uk_time(value: datetime | None) -> str:
    """A stored UTC time as GOV.UK writes it, in UK time: "4:05pm on 6 January 2027"."""
    if value is None:
        return ""
    local = value.astimezone(UK)
    hour = local.hour % 12 or 12
    return f"{hour}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'} on {govuk_date(local)}"


def govuk_date_with_day(value: date | None) -> str:
    """Formats a date with its weekday: Wednesday 6 January 2027."""
    if value is None:
        return ""
    return f"{value:%A} {value.day} {value:%B %Y}"


GROUPED_FIELD_TYPES = {"RadioField", "SelectMultipleField", "GovukDateField", "MultipleFileField"}


def govuk_field_params(field, as_heading: bool = False, size: str = "m", extra: dict | None = None) -> dict:
    """The label or legend a GOV.UK macro needs for a field: the page heading, or a heading-sized label."""
    text_style = {"text": field.label.text, "isPageHeading": as_heading}
    if field.type in GROUPED_FIELD_TYPES - {"MultipleFileField"}:
        params = {
            "fieldset": {"legend": {**text_style, "classes": f"govuk-fieldset__legend--{'l' if as_heading else size}"}}
        }
    else:
        params = {"label": {**text_style, "classes": f"govuk-label--{'l' if as_heading else size}"}}
    return {**params, **(extra or {})}


def register(app: Flask) -> None:
    app.add_template_filter(govuk_date)
    app.add_template_filter(govuk_date_with_day)
    app.add_template_filter(uk_time)
    app.add_template_filter(multiline)
    app.add_template_filter(format_moment)
    app.add_template_global(govuk_field_params)
    app.add_template_global(something_to_forget)

    @app.context_processor
    def inject_council() -> dict:
        return {"council": council()}
