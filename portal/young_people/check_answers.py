"""The rows of the children's check-answers page: a short name for each question, the answer, and a change link."""

from flask import url_for

from portal.common.filters import multiline
from portal.common.page_forms import field_names
from portal.young_people.journey import JOURNEY, child_page

NOT_GIVEN = "Not given"
HIDDEN_PAGES = {"add-a-picture"}
FIELD_NAMES = {"phone": "Phone number", "email": "Email address", "safe_times": "When it is safe"}


def _answer_text(unbound, value, theme_names: dict[str, str]) -> str:
    if value in (None, "", []):
        return NOT_GIVEN
    choices = {choice.value: choice.label for choice in unbound.kwargs.get("choices") or []}
    if isinstance(value, list):
        return ", ".join(theme_names.get(str(item), choices.get(item, str(item))) for item in value)
    return choices.get(value, str(value))


def _fields(slug: str, form_class, answers: dict) -> list[str]:
    names = field_names(form_class)
    if slug == "contact-details":
        wanted = "email" if answers.get("contact_method") == "email" else "phone"
        return [name for name in names if name in (wanted, "safe_times")]
    return names


def summary_rows(answers: dict, theme_names: dict[str, str]) -> list[dict]:
    """GOV.UK summary list rows for every question on the pages that apply."""
    rows = []
    for page in JOURNEY.pages_that_apply(answers):
        if page.slug in HIDDEN_PAGES:
            continue
        child = child_page(page.slug)
        change_url = url_for("young_people.question", slug=page.slug, change="1")
        for name in _fields(page.slug, child.form, answers):
            key = FIELD_NAMES.get(name, child.short_name)
            rows.append(
                {
                    "key": {"text": key},
                    "value": {
                        "html": multiline(_answer_text(getattr(child.form, name), answers.get(name), theme_names))
                    },
                    "actions": {"items": [{"href": change_url, "text": "Change", "visuallyHiddenText": key.lower()}]},
                }
            )
    return rows
