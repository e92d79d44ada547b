"""Following a complaint online in Chromium (issue 12): by keyboard alone with axe-core on every page, and every
tracking page again with JavaScript off.

The journey: a parent sends a complaint with the adult form; staff screen it and send the acknowledgement; the parent
signs in with the code from the local SMTP sink and sees the acknowledgement date; staff send a message and the
Stage 1 response; the parent sees both, asks for Stage 2 within the window, and the staff queue shows the request.
"""

import re
import time

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy import select

from portal.case_moves.mediation import offer_mediation
from portal.case_moves.moving import move_case
from portal.casework.acknowledgement import send as send_acknowledgement
from portal.casework.case_page import write_note
from portal.common.case_links import case_link
from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import Case, ComplaintPoint
from portal.domain.contacts import contact_of
from portal.domain.types import CaseState, ClockEvent, Procedure, StaffRole
from portal.notifications import outbox
from tests.browser.helpers import assert_accessible
from tests.browser.keyboard import fill_page, follow_link, press_button
from tests.browser.test_intake_journeys import complete_by_keyboard
from tests.browser.test_staff_case_page import sign_in as staff_sign_in
from tests.browser.test_staff_queues import assert_accessible_as_rendered
from tests.fixtures.config import overridden_config
from tests.integration.auth.staff import make_staff
from tests.integration.intake.journey_data import complaint_pages
from tests.integration.tracking.conftest import (
    OTHER_EMAIL,
    code_sent,
    make_person_case,
    screen,
    send_stage_1_response,
)
from tests.unit.uploads.samples import png

EMAIL = "sam.fairweather@example.com"


@pytest.fixture(autouse=True)
def codes_sent_before_the_next_test():
    """Sign-in codes go in the background: each test waits for its own before the database is emptied."""
    yield
    outbox.wait_for_background()


@pytest.fixture
def file_store(app, tmp_path):
    with overridden_config(app, UPLOAD_FOLDER=str(tmp_path / "uploads")):
        yield


def code_from_the_sink(sink, to: str) -> str:
    """The sign-in code in the newest email to `to`: it is sent just after the page answers, so wait a little."""
    for _ in range(50):
        for message in reversed(sink.messages):
            if message["To"] == to and message["Subject"].startswith("Your security code"):
                return re.search(r"\b(\d{6})\b", message.get_content()).group(1)
        time.sleep(0.2)
    raise AssertionError(f"no code reached the SMTP sink for {to}")


def on_live_server(link: str, live_server: str) -> str:
    """A link the portal wrote for its public address, on the test server's."""
    return live_server + link[link.index("/track/") :]


def staff_screen_and_acknowledge(case: Case):
    officer = make_staff(name="Casey Marlowe")
    manager = make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Ellery")
    case.points = [ComplaintPoint(number=1, text="Family time was cancelled three times with no notice.")]
    db.session.commit()
    move_case(
        case,
        officer,
        CaseState.STAGE_1,
        on=uk_today(),
        action="case_screened",
        procedure=Procedure.STATUTORY,
        event=ClockEvent.RECEIVED,
        event_on=case.received_on,
    )
    sent = send_acknowledgement(case, officer, "email", uk_today())
    outbox.deliver_now(sent.message_ids)
    return officer, manager


def sign_in_by_keyboard(page: Page, live_server: str, axe, sink, reference: str, email: str) -> None:
    page.goto(f"{live_server}/track")
    assert_accessible(axe, page)
    fill_page(page, {"reference": reference.lower().replace("-", " "), "contact": email})
    press_button(page, "Send code")
    assert page.url == f"{live_server}/track/code"
    assert_accessible(axe, page)
    fill_page(page, {"code": code_from_the_sink(sink, email)})
    press_button(page, "Continue")


def test_follow_a_complaint_online_by_keyboard(
    page: Page, browser: Browser, live_server, axe, team_id, app_sends_by_smtp
):
    complete_by_keyboard(page, live_server, axe, "complaint", complaint_pages(team_id, email=EMAIL))
    case = db.session.scalar(select(Case))
    officer, manager = staff_screen_and_acknowledge(case)

    sign_in_by_keyboard(page, live_server, axe, app_sends_by_smtp, case.reference, EMAIL)
    assert page.url == f"{live_server}/track/cases/{case.reference}"
    assert_accessible(axe, page)
    summary = page.locator("#summary").inner_text()
    assert "Acknowledged" in summary and f"{uk_today().day} {uk_today():%B %Y}" in summary
    assert page.locator("#status").inner_text() == "We are looking into your complaint"

    write_note(officer, case, "We have asked the family time team for their records.", shared=True)
    send_stage_1_response(case, officer, manager, uk_today())
    page.reload()
    assert_accessible(axe, page)
    assert page.locator("#status").inner_text() == "We have replied"
    timeline = page.locator("#timeline + ol").inner_text()
    assert "We have asked the family time team for their records." in timeline
    assert "Our Stage 1 response" in timeline and "Download the letter" in timeline
    assert "Morgan Ellery" not in page.content() and "Casey Marlowe" not in page.content()

    follow_link(page, "Ask for Stage 2")
    assert_accessible(axe, page)
    press_button(page, "Send my request")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(axe, page)
    fill_page(page, {"reason": "The apology did not say what will change."})
    press_button(page, "Send my request")
    assert page.url == f"{live_server}/track/cases/{case.reference}"
    assert "Thank you. We have your request" in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator("#status").inner_text() == "You have asked for Stage 2"
    assert_accessible(axe, page)
    press_button(page, "Sign out")
    assert_accessible(axe, page)

    staff = browser.new_context()
    staff_page = staff.new_page()
    staff_sign_in(staff_page, live_server, officer)
    staff_page.goto(f"{live_server}/staff/cases?stage=stage_2_requested")
    row = staff_page.locator("#case-results tbody tr", has_text=case.reference)
    assert "Stage 2 requested" in row.inner_text()
    staff.close()


def test_every_tracking_page_works_without_javascript_by_keyboard(
    browser: Browser, live_server, axe, app_sends_by_smtp, file_store
):
    """Every tracking page, in a browser with JavaScript off, by keyboard alone (Tab, arrows, Space and Enter; only a
    file is chosen without the keyboard, as the file chooser is the operating system's), with axe-core on each page
    as the browser rendered it."""
    officer = make_staff(name="Casey Marlowe")
    manager = make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Ellery")
    case = screen(make_person_case(email=EMAIL, received_on=uk_today()), officer, on=uk_today())
    another = screen(make_person_case(email=EMAIL, received_on=uk_today()), officer, on=uk_today())
    make_person_case(email=OTHER_EMAIL)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    def checked() -> None:
        assert not page.evaluate("document.body.classList.contains('js-enabled')")
        assert_accessible_as_rendered(axe, browser, page, live_server)

    def visit(path: str) -> None:
        page.goto(f"{live_server}{path}")
        assert page.url.endswith(path), (page.url, path)
        checked()

    def press(button: str) -> None:
        press_button(page, button)
        checked()

    def follow(link: str, path: str) -> None:
        follow_link(page, link)
        assert page.url.endswith(path), (page.url, path)
        checked()

    case_path = f"/track/cases/{case.reference}"
    visit("/track")
    press("Send code")  # nothing filled in: the error summary
    assert "There is a problem" in page.content()
    fill_page(page, {"reference": case.reference, "contact": EMAIL})
    press("Send code")
    assert page.url.endswith("/track/code")
    fill_page(page, {"code": code_from_the_sink(app_sends_by_smtp, EMAIL)})
    press("Continue")
    assert page.url.endswith(case_path)
    checked()

    visit("/track/cases")
    assert another.reference in page.content() and case.reference in page.content()
    visit(case_path)
    fill_page(page, {"answer": "right"})
    press("Send")
    assert "We have told the team" in page.content()

    follow("Add information or files", f"{case_path}/add-information")
    fill_page(page, {"information": "A letter from the school."})
    page.set_input_files("#documents", files=[{"name": "letter.png", "mimeType": "image/png", "buffer": png()}])
    press("Send")
    assert "We have sent what you added" in page.content()

    follow("Ask for an advocate", f"{case_path}/advocate")
    press("Ask for an advocate")
    assert "We will arrange an advocate" in page.content()

    follow("Withdraw your complaint", f"{case_path}/withdraw")
    press("Continue")  # the confirmation must be answered
    assert "There is a problem" in page.content()
    fill_page(page, {"confirm": "no"})
    press("Continue")
    assert "still going ahead" in page.content()

    send_stage_1_response(case, officer, manager, uk_today())
    visit(case_path)
    follow("Ask for Stage 2", f"{case_path}/next-stage")
    fill_page(page, {"reason": "I want someone new to look at it."})
    press("Send my request")
    assert "You have asked for Stage 2" in page.content()

    offer_mediation(case, officer, uk_today())
    visit(case_path)
    assert "We have offered mediation" in page.content()
    follow("Tell us if you want mediation", f"{case_path}/mediation")
    fill_page(page, {"answer": "no"})
    press("Send")
    assert "Your Stage 2 request goes ahead" in page.content()

    visit(f"/track/cases/{another.reference}/withdraw")
    fill_page(page, {"confirm": "yes"})
    press("Continue")
    assert "You withdrew your complaint" in page.content()

    press("Sign out")
    assert page.url.endswith("/track/signed-out")
    visit("/track/young-people")
    page.goto(on_live_server(case_link(case.id, contact_of(EMAIL)), live_server))  # the acknowledgement's link
    assert page.url.endswith(case_path) and "You said no to mediation" in page.content()
    checked()
    press("Sign out")
    withdrawn = on_live_server(case_link(another.id, contact_of(EMAIL)), live_server)
    assert page.goto(withdrawn).status == 410
    assert "This link no longer works" in page.content()
    checked()
    visit("/track/link/not-a-real-link")
    follow("see your case with your reference", "/track")
    context.close()


def test_a_childs_case_by_keyboard(page: Page, live_server, axe, app_sends_by_smtp):
    officer = make_staff(name="Casey Marlowe")
    case = screen(
        make_person_case(
            email="ash@example.com",
            phone=None,
            made_by_child=True,
            points=("My visits got stopped",),
            received_on=uk_today(),
        ),
        officer,
        on=uk_today(),
    )
    page.goto(f"{live_server}/track/young-people")
    assert_accessible(axe, page)
    fill_page(page, {"reference": case.reference, "contact": "ash@example.com"})
    press_button(page, "Send me a code")
    assert_accessible(axe, page)
    fill_page(page, {"code": code_from_the_sink(app_sends_by_smtp, "ash@example.com")})
    press_button(page, "Continue")
    assert page.url == f"{live_server}/track/cases/{case.reference}"
    assert page.locator("#help-now").is_visible()
    assert_accessible(axe, page)
    follow_link(page, "Get someone to help you")
    assert_accessible(axe, page)
    press_button(page, "Ask for an advocate")
    assert "We will arrange an advocate" in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(axe, page)


def test_the_pause_after_wrong_codes_is_accessible(page: Page, live_server, axe, app_sends_by_smtp):
    officer = make_staff(name="Casey Marlowe")
    case = screen(make_person_case(email=EMAIL), officer)
    page.goto(f"{live_server}/track")
    fill_page(page, {"reference": case.reference, "contact": EMAIL})
    press_button(page, "Send code")
    wrong = "000000" if code_sent(EMAIL) != "000000" else "111111"
    for _ in range(5):
        page.fill("#code", wrong)
        press_button(page, "Continue")
    assert "Wait before you try again" in page.locator("h1").inner_text()
    assert_accessible(axe, page)
