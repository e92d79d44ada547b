"""Issue 5, acceptance 1, in Chromium by keyboard alone with axe-core on every staff page: sign in with two-factor,
screen a new complaint into the statutory procedure, define three points, allocate, send the acknowledgement
(checked in the local SMTP sink) and see the acknowledgement date the domain core gives."""

import pyotp
from playwright.sync_api import Page
from sqlalchemy import select

from portal.common.clock import uk_today
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import AuditEvent, Case, CaseChild, Person
from portal.data.queries.settings import timescale_policy
from portal.domain.types import CaseState, ChildStatus, Procedure, StaffRole, SubmitterRole
from portal.domain.workflow import acknowledgement_due, format_date
from tests.browser.helpers import assert_accessible
from tests.browser.keyboard import MAX_TABS, fill_page, follow_link, press_button
from tests.integration.auth.staff import make_staff, make_team
from tests.integration.casework.conftest import make_case

POINTS = [
    "Family time with Riley was cancelled three times in October without notice.",
    "Nobody returned my calls to the social worker or the team manager.",
    "The child in need plan was not shared with me after the review meeting.",
]


def new_complaint() -> Case:
    case = make_case(
        reference="CF-TST-BRW-SR1",
        received_on=uk_today(),
        description="Family time with my son was cancelled again and nobody calls me back.",
        submitter=Person(
            role=SubmitterRole.PARENT,
            name="Sam Fairweather",
            email="sam@example.com",
            contact_methods=["email"],
        ),
    )
    case.children.append(CaseChild(name="Riley Fairweather", age=9))
    db.session.commit()
    return case


def test_screen_define_points_allocate_and_acknowledge_by_keyboard(page: Page, live_server, axe, app_sends_by_smtp):
    officer = make_staff()
    manager = make_staff(
        "jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=make_team("Children in Need"), name="Jamie Rivers"
    )
    case = new_complaint()
    expected_due = acknowledgement_due(Procedure.STATUTORY, case.received_on, timescale_policy(), council_calendar())

    # Sign in with a password and a two-factor code.
    page.goto(f"{live_server}/staff/sign-in")
    assert_accessible(axe, page)
    fill_page(page, {"email": officer.email, "password": "correct horse battery"})
    press_button(page, "Continue")
    assert_accessible(axe, page)
    fill_page(page, {"code": pyotp.TOTP(officer.totp_secret).now()})
    press_button(page, "Continue")
    assert page.url == f"{live_server}/staff/cases"
    assert_accessible(axe, page)

    # Screening: the records show the child is in need, so the statutory procedure is recommended and chosen.
    page.goto(f"{live_server}/staff/cases/{case.reference}/screening")
    assert_accessible(axe, page)
    fill_page(page, {"child_status": ChildStatus.IN_NEED.value})
    press_button(page, "Update the recommendation")
    assert (
        "Recommended: Statutory children's complaints procedure" in page.locator("#recommendation + div").inner_text()
    )
    assert_accessible(axe, page)
    fill_page(page, {"decision": Procedure.STATUTORY.value})
    press_button(page, "Save decision")

    # Three complaint points.
    assert page.url == f"{live_server}/staff/cases/{case.reference}/points"
    assert_accessible(axe, page)
    for text in POINTS:
        fill_page(page, {"text": text})
        press_button(page, "Add point")
    assert page.locator("#points h2").all_inner_texts() == ["Point 1", "Point 2", "Point 3"]
    assert_accessible(axe, page)

    # Allocation to a responding manager, who is emailed.
    follow_link(page, "Allocation")
    assert_accessible(axe, page)
    fill_page(page, {"team": "Children in Need", "manager": "Jamie Rivers"})
    press_button(page, "Allocate")

    # The acknowledgement: its deadline is the domain core's, and it goes by email with the three points.
    assert page.url == f"{live_server}/staff/cases/{case.reference}/acknowledgement"
    assert_accessible(axe, page)
    deadline = page.locator("main .govuk-summary-list__row", has_text="Acknowledge by").locator("dd")
    assert deadline.inner_text().strip() == format_date(expected_due)
    press_button(page, "Send acknowledgement")
    assert f"Acknowledged on {format_date(uk_today())}: on time" in page.locator("main").inner_text()
    assert_accessible(axe, page)

    emails = {message["To"]: message for message in app_sends_by_smtp.messages}
    assert set(emails) == {"jamie@anytown.example", "sam@example.com"}
    assert case.reference in emails["jamie@anytown.example"]["Subject"]
    acknowledgement = emails["sam@example.com"].get_content()
    assert "\n".join(f"{number}. {text}" for number, text in enumerate(POINTS, start=1)) in acknowledgement
    assert "tell us if we have got this wrong" in acknowledgement

    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert (case.procedure, case.state, case.responding_manager_id) == (
        Procedure.STATUTORY,
        CaseState.STAGE_1,
        manager.id,
    )
    assert case.acknowledgement_due_on == expected_due
    assert (case.acknowledged_on, case.acknowledgement_method) == (uk_today(), "email")
    actions = db.session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.case_id == case.id, AuditEvent.actor_id == officer.id)
        .order_by(AuditEvent.id)
    ).all()
    for action in ("case_viewed", "screening_answers_saved", "case_screened", "case_allocated", "acknowledgement_sent"):
        assert action in actions
    assert actions.count("complaint_point_added") == 3


def test_the_other_screening_pages_and_their_errors_are_accessible(page: Page, live_server, axe):
    officer = make_staff()
    case = new_complaint()
    page.goto(f"{live_server}/staff/sign-in")
    fill_page(page, {"email": officer.email, "password": "correct horse battery"})
    press_button(page, "Continue")
    fill_page(page, {"code": pyotp.TOTP(officer.totp_secret).now()})
    press_button(page, "Continue")

    # A decision that differs from the recommendation without a reason: the error summary takes focus.
    page.goto(f"{live_server}/staff/cases/{case.reference}/screening")
    fill_page(page, {"decision": Procedure.CORPORATE.value})
    press_button(page, "Save decision")
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(axe, page)

    # Points: moving one with htmx swaps the list in place and says what happened.
    page.goto(f"{live_server}/staff/cases/{case.reference}/points")
    for text in ("First point", "Second point"):
        fill_page(page, {"text": text})
        press_button(page, "Add point")
    url = page.url
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim() === 'Move down point 1'"):
            break
    page.keyboard.press("Enter")
    page.locator("#points [role=status]").wait_for()
    assert page.locator("#points [role=status]").inner_text() == "Point 1 is now point 2"
    assert page.locator("#points li p").all_inner_texts() == ["Second point", "First point"]
    assert page.url == url
    # Focus stays on the moved point, now second and last, on its other button.
    assert page.evaluate("document.activeElement.textContent.trim()") == "Move up point 2"
    assert_accessible(axe, page)

    follow_link(page, "Change point 1")
    assert_accessible(axe, page)
    page.goto(page.url.replace("/edit", "/delete"))
    assert_accessible(axe, page)

    page.goto(f"{live_server}/staff/cases/{case.reference}/allocation")
    press_button(page, "Allocate")
    assert page.title().startswith("Error: ")
    assert_accessible(axe, page)

    page.goto(f"{live_server}/staff/duty-matters/new")
    assert_accessible(axe, page)
    press_button(page, "Record duty matter")
    assert page.title().startswith("Error: ")
    assert_accessible(axe, page)
