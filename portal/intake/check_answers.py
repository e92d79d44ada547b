"""The rows of the check-answers page: each question, the answer as the person would say it, and a change link."""

from datetime import date

from flask import url_for
from wtforms.fields.core import UnboundField

from portal.common.fields import GovukDateField
from portal.common.filters import multiline
from portal.intake.journeys import AdultJourney

HIDDEN_PAGES = {"documents"}


def _label(unbound: UnboundField) -> str:
    label = unbound.args[0] if unbound.args else unbound.kwargs.get("label", "")
    return label.replace(" (optional)", "")


def _answer_text(unbound: UnboundField, value, team_names: dict[str, str]) -> str:
    choices = {choice.value: choice.label for choice in unbound.kwargs.get("choices") or []}
    if unbound.field_class is GovukDateField or issubclass(unbound.field_class, GovukDateField):
        day = date.fromisoformat(value)
        return f"{day.day} {day:%B %Y}"
    if isinstance(value, list):
        return ", ".join(choices.get(item, item) for item in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if str(value) in team_names:
        return team_names[str(value)]
    return choices.get(value, str(value))


def summary_rows(journey: AdultJourney, answers: dict, team_names: dict[str, str]) -> list[dict]:
    """GOV.UK summary list rows for the questions answered on the pages that apply, in the order they were asked,
    follow-up questions under the question they follow. Questions left blank are not listed."""
    team_names = {**team_names, "dont_know": "I do not know"}
    rows = []
    for page in journey.journey.pages_that_apply(answers):
        if page.slug in HIDDEN_PAGES:
            continue
        form_class = journey.questions[page.slug].form
        change_url = url_for("intake.question", journey_name=journey.name, slug=page.slug, change="1")
        for name in page.fields:
            if answers.get(name) in (None, "", []):
                continue
            unbound = getattr(form_class, name)
            label = _label(unbound)
            rows.append(
                {
                    "key": {"text": label},
                    "value": {"html": multiline(_answer_text(unbound, answers.get(name), team_names))},
                    "actions": {"items": [{"href": change_url, "text": "Change", "visuallyHiddenText": label.lower()}]},
                }
            )
    return rows
