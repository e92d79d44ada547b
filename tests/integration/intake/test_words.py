"""Words and validation as GOV.UK writes them: number errors with an example, no "(optional)" in any message,
implausible dates refused, a reference hint in the real format, and names without invisible characters."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import Case
from portal.domain.references import is_valid_reference
from portal.intake.journeys import JOURNEYS
from tests.integration.intake.conftest import post_pages
from tests.integration.intake.journey_data import complaint_pages

ON_BEHALF = complaint_pages("1")[:3]


def errors(response) -> list[str]:
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return [" ".join(item.get_text().split()) for item in page.select(".govuk-error-summary__list li")]


def test_an_age_that_is_not_a_number_says_how_to_write_it(client, team_id):
    post_pages(client, "complaint", ON_BEHALF)
    response = client.post(
        "/complaint/child-details",
        data={"child_name": "Riley", "child_date_of_birth": ["", "", ""], "child_age": "9yrs"},
    )
    assert errors(response) == ["Enter age as a number, like 12"]
    assert 'value="9yrs"' in response.get_data(as_text=True)  # what was typed stays, to be corrected


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (["31", "12", "1899"], "Date of birth must be the same as or after 1 January 1900"),
        (["1", "1", str(uk_today().year + 1)], "Date of birth must be today or in the past"),
    ],
)
def test_an_implausible_date_of_birth_is_refused(client, team_id, parts, message):
    post_pages(client, "complaint", ON_BEHALF)
    data = {"child_name": "Riley", "child_date_of_birth": parts, "child_age": ""}
    assert errors(client.post("/complaint/child-details", data=data)) == [message]


def test_a_birth_on_1_january_1900_is_accepted(client, team_id):
    post_pages(client, "complaint", ON_BEHALF)
    data = {"child_name": "Riley", "child_date_of_birth": ["1", "1", "1900"], "child_age": ""}
    assert client.post("/complaint/child-details", data=data).status_code == 302


def test_an_event_over_100_years_ago_or_in_the_future_is_refused(client, team_id):
    pages = complaint_pages(team_id)
    post_pages(client, "complaint", pages[:6])
    today = uk_today()
    long_ago = date(today.year - 101, 6, 1)
    response = client.post(
        "/complaint/when-it-happened",
        data={"happened_on": [str(long_ago.day), str(long_ago.month), str(long_ago.year)], "happened_when": ""},
    )
    [message] = errors(response)
    assert message.startswith("The date it happened must be the same as or after ")
    assert str(today.year - 100) in message
    future = {"happened_on": ["1", "1", str(today.year + 1)], "happened_when": ""}
    assert errors(client.post("/complaint/when-it-happened", data=future)) == [
        "The date it happened must be today or in the past"
    ]


def test_the_reference_hint_shows_a_real_reference(client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id)[:9])
    hint = BeautifulSoup(client.get("/complaint/raised-before").data, "html.parser").select_one(
        "#previous_reference-hint"
    )
    example = hint.get_text().strip().removeprefix("For example, ")
    assert is_valid_reference(example), example


def test_no_error_message_says_optional(client, team_id):
    """Every page of every journey, sent with every text box far too long: no message mentions "(optional)"."""
    messages = []
    for journey in JOURNEYS.values():
        for slug, question in journey.questions.items():
            form = question.form
            data = {name: "x" * 20001 for name in dir(form) if not name.startswith("_")}
            messages += errors(client.post(f"/{journey.name}/{slug}", data=data))
    assert messages
    assert not [message for message in messages if "optional" in message.lower()]


def test_invisible_characters_are_removed_from_names_but_kept_in_what_happened(client, team_id):
    pages = complaint_pages(team_id)
    pages[3] = ("child-details", {"child_name": "Ri\u202eyel\u200b", "child_date_of_birth": ["4", "5", "2016"]})
    pages[5] = ("what-happened", {"what_happened": "He wrote \u202eolleh\u202c on the wall"})
    post_pages(client, "complaint", pages)
    check = client.get("/complaint/check-answers").get_data(as_text=True)
    assert '<span class="app-invisible-character">[U+202E]</span>olleh' in check
    client.post("/complaint/check-answers", data={"declaration": "y"})
    case = db.session.scalar(select(Case))
    assert case.children[0].name == "Riyel"
    assert case.description == "He wrote \u202eolleh\u202c on the wall"
