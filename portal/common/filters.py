"""Jinja filters and the values every template can use."""

from datetime import date, datetime

from flask import Flask

from portal.data.queries.settings import council_settings


def govuk_date(value: date | datetime | None) -> str:
    """Formats a date the GOV.UK way: 6 January 2027."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def govuk_date_with_day(value: date | None) -> str:
    """Formats a date with its weekday: Wednesday 6 January 2027."""
    if value is None:
        return ""
    return f"{value:%A} {value.day} {value:%B %Y}"


def register(app: Flask) -> None:
    app.add_template_filter(govuk_date)
    app.add_template_filter(govuk_date_with_day)

    @app.context_processor
    def inject_council() -> dict:
        return {"council": council_settings()}
