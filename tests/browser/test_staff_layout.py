"""Staff screens fit a working day on a 1280 by 800 screen: the whole width is used, the case list shows every column
without scrolling sideways, and the screening decision is within two screens of the top."""

from datetime import date

import pytest
from playwright.sync_api import Page

from portal.data.database import db
from portal.data.models import CaseChild, Person
from portal.domain.types import CaseState, SubmitterRole
from tests.browser.test_staff_queues import sign_in
from tests.integration.casework.conftest import make_case

SCREEN = {"width": 1280, "height": 800}
LONG_TEXT = (
    "Family time with my son was cancelled three times with no notice, and nobody returned my calls for a fortnight. "
) * 12


@pytest.fixture
def screen(page: Page) -> Page:
    page.set_viewport_size(SCREEN)
    return page


def a_long_complaint(reference: str, **fields):
    case = make_case(
        reference=reference,
        submitter=Person(
            role=SubmitterRole.PARENT,
            name="Alexandra Montgomery-Fairweather",
            email="alexandra.montgomery-fairweather@example.com",
            phone="07700 900 982",
            contact_methods=["email"],
        ),
        safeguarding_flag=True,
        received_on=date(2026, 11, 23),
        acknowledgement_due_on=date(2026, 11, 26),
        summary=LONG_TEXT[:200],
        description=LONG_TEXT,
        desired_outcome=LONG_TEXT[:400],
        happened_on=date(2026, 10, 1),
        **fields,
    )
    case.children.append(CaseChild(name="Riley Montgomery-Fairweather", date_of_birth=date(2016, 5, 4)))
    db.session.commit()
    return case


def test_the_case_list_shows_every_column_at_1280_pixels(screen: Page, live_server):
    for number in range(5):
        a_long_complaint(f"CF-LNG-LNG-LN{number}", state=CaseState.STAGE_1)
    sign_in(screen, live_server)
    sizes = screen.evaluate(
        """() => {
            const table = document.querySelector(".app-case-list");
            const headers = [...table.querySelectorAll("thead th")].map((cell) => cell.getBoundingClientRect().right);
            return {
                page: document.documentElement.scrollWidth,
                screen: window.innerWidth,
                table: table.getBoundingClientRect().right,
                container: table.parentElement.getBoundingClientRect().right,
                headers,
                main: document.querySelector("main").getBoundingClientRect().width,
            };
        }"""
    )
    assert sizes["page"] <= sizes["screen"], sizes  # no sideways scrolling
    assert sizes["table"] <= sizes["container"] + 1, sizes
    assert len(sizes["headers"]) == 6
    assert max(sizes["headers"]) <= sizes["screen"], sizes  # every column in view
    assert sizes["main"] > 1100, sizes  # the full width, not GOV.UK's 960 pixels


def test_the_screening_decision_is_within_two_screens_beside_the_recommendation(screen: Page, live_server):
    case = a_long_complaint("CF-SCR-EEN-ING")
    for number in range(4):  # earlier cases from the same person, listed on the page
        a_long_complaint(f"CF-EAR-LIE-RC{number}", state=CaseState.CLOSED)
    sign_in(screen, live_server)
    screen.goto(f"{live_server}/staff/cases/{case.reference}/screening")
    place = screen.evaluate(
        """() => {
            const button = [...document.querySelectorAll("button")]
                .find((b) => b.textContent.trim() === "Save decision");
            const recommendation = document.getElementById("recommendation").getBoundingClientRect();
            const decision = document.querySelector("[name=decision]").getBoundingClientRect();
            return {
                button: button.getBoundingClientRect().bottom + window.scrollY,
                recommendationTop: recommendation.top,
                recommendationRight: recommendation.right,
                decisionLeft: decision.left,
            };
        }"""
    )
    assert place["button"] <= 2 * SCREEN["height"], place
    # Beside, not below: the decision starts to the right of the recommendation's column.
    assert place["decisionLeft"] >= SCREEN["width"] / 2 - 60, place
    # What they sent in full and the earlier cases wait behind summary sections.
    summaries = screen.locator("details.govuk-details summary").all_inner_texts()
    assert any("Every answer as it was sent" in text for text in summaries)
    assert any("Earlier cases" in text for text in summaries)
