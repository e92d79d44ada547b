"""The child's survey pages are Your Voice pages: easy to read, with the exit and help now on every one, and faces
that only decorate the words."""

import pytest
import textstat
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.case_moves.closing import close_case
from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.participation_models import FollowUp
from portal.domain.types import Closure
from tests.integration.participation.conftest import add_sent_link, child_complaint
from tests.integration.young_people.reading import visible_text
from tests.integration.young_people.test_every_page import HELP_NOW, MIN_READING_EASE

TOKEN = "a-test-token-that-is-long-enough-to-look-real"


@pytest.fixture
def token(officer):
    """A child's follow-up with a link sent, without going through a sender."""
    case = child_complaint()
    close_case(case, officer, Closure.RESOLVED, uk_today())
    add_sent_link(db.session.scalar(select(FollowUp)), TOKEN)
    return TOKEN


def check_child_page(html: str, where: str) -> BeautifulSoup:
    page = BeautifulSoup(html, "html.parser")
    ease = textstat.flesch_reading_ease(visible_text(html))
    assert ease >= MIN_READING_EASE, (where, ease, visible_text(html))
    assert page.select_one(".govuk-exit-this-page a")["href"] == "/leave", where
    assert HELP_NOW in " ".join(page.select_one("#help-now").get_text().split()), where
    assert "child-voice" in page.body["class"], where
    return page


def test_every_survey_page_is_easy_to_read_with_the_exit_and_help_now(client, token):
    survey = client.get(f"/survey/{token}")
    page = check_child_page(survey.get_data(as_text=True), "survey")
    # The faces are decoration beside words: hidden from screen readers, never the only label.
    faces = page.select(".child-icon")
    assert len(faces) >= 5
    for face in faces:
        assert face["aria-hidden"] == "true"
        assert face.parent.get_text(" ", strip=True).replace(face.get_text(strip=True), "").strip()
    labels = [label.get_text(" ", strip=True) for label in page.select("input[name=feeling] + label")]
    assert [label.split(" ", 1)[1] for label in labels] == ["Very happy", "Happy", "OK", "Sad", "Very sad"]

    check_child_page(client.post(f"/survey/{token}", data={}).get_data(as_text=True), "survey with an error")
    done = client.post(f"/survey/{token}", data={"rights": "yes"}, follow_redirects=True)
    check_child_page(done.get_data(as_text=True), "thank you")
    check_child_page(client.get(f"/survey/{token}").get_data(as_text=True), "already answered")
    check_child_page(client.get("/survey/no-such-link").get_data(as_text=True), "not working")


def test_the_thank_you_page_needs_a_survey_just_sent(client):
    assert client.get("/survey/thank-you").status_code == 302
