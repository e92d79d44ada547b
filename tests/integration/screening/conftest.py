"""Fixtures for the screening, complaint points, acknowledgement and allocation pages."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from portal.data.database import db
from portal.data.models import Case, CaseChild, Person
from portal.domain.types import SubmitterRole
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.casework.conftest import case_factory, make_case  # noqa: F401


@pytest.fixture
def officer(app_context):
    return make_staff()


@pytest.fixture
def officer_client(client, officer):
    return signed_in_as(client, officer)


def parent_complaint(**fields) -> Case:
    """A parent's complaint about their child, sent online, as screening usually finds it."""
    values = {
        "received_on": date(2026, 11, 23),
        "description": "Family time with my son was cancelled three times.",
        "happened_on": date(2026, 10, 1),
        "on_behalf_of_child": False,
        "submitter": Person(
            role=SubmitterRole.PARENT,
            name="Sam Fairweather",
            email="sam@example.com",
            phone="07700 900 982",
            address="1 High Street\nAnytown",
            postcode="AN1 2BB",
            contact_methods=["email"],
        ),
        **fields,
    }
    case = make_case(**values)
    if not case.children:
        case.children.append(CaseChild(name="Riley Fairweather", date_of_birth=date(2016, 5, 4)))
        db.session.commit()
    return case


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def error_messages(response) -> list[str]:
    page = soup(response)
    return [item.get_text(" ", strip=True) for item in page.select(".govuk-error-summary__list li")]


def form_post(answers: dict, **overrides) -> dict:
    """Screening answers as a browser would post them: dates in three parts, nothing for empty answers."""
    values = {**answers, **overrides}
    data = {}
    for name, value in values.items():
        if value in (None, ""):
            continue
        if name == "grounds_arose_on":
            day = date.fromisoformat(value) if isinstance(value, str) else value
            data[name] = [str(day.day), str(day.month), str(day.year)]
        else:
            data[name] = str(value)
    return data


def screening_post(case: Case, **overrides) -> dict:
    """The screening form as it starts for `case`, with `overrides`, ready to post."""
    from portal.casework.screening import initial_answers

    return form_post(initial_answers(case), **overrides)
