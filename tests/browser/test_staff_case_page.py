"""Assisted entry and the case page in Chromium: a letter complaint recorded by keyboard alone, then every section
of its case page, a note added in place with htmx, and the manager's audit trail, each checked with axe-core."""

from datetime import date

import pyotp
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.common.clock import uk_today
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import AuditEvent, Case
from portal.domain.calendar import subtract_working_days
from portal.domain.types import StaffRole
from tests.browser.helpers import assert_accessible
from tests.browser.keyboard import fill_page, press_button, tab_to
from tests.fixtures.config import overridden_config
from tests.integration.auth.staff import PASSWORD, make_staff

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def sign_in(page: Page, live_server: str, user) -> None:
    page.goto(f"{live_server}/staff/sign-in")
    fill_page(page, {"email": user.email, "password": PASSWORD})
    press_button(page, "Continue")
    fill_page(page, {"code": pyotp.TOTP(user.totp_secret).now()})
    press_button(page, "Continue")
    assert page.url.startswith(f"{live_server}/staff/cases")


def working_days_ago(count: int) -> date:
    return subtract_working_days(uk_today(), count, council_calendar().bank_holidays)


def follow_section_link(page: Page, text: str) -> None:
    """Tabs to a link in the case's sub-navigation and follows it with Enter."""
    tab_to(page, f".moj-sub-navigation__link[href$='/{text.lower()}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.fixture
def file_store(app, tmp_path):
    with overridden_config(app, UPLOAD_FOLDER=str(tmp_path / "uploads")):
        yield


def test_a_letter_complaint_recorded_by_keyboard_and_its_case_page(page: Page, live_server, axe, file_store):
    officer = make_staff(name="Casey Marlowe")
    manager = make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Ellery")
    received = working_days_ago(10)
    sign_in(page, live_server, officer)
    page.goto(f"{live_server}/staff/record")
    assert_accessible(axe, page)

    # A first try with the date left out shows the error summary, which must be accessible too.
    press_button(page, "Record it")
    assert page.title().startswith("Error: ")
    assert "Enter the date it was received" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(axe, page)

    page.goto(f"{live_server}/staff/record")
    fill_page(
        page,
        {
            "kind": "complaint",
            "channel": "letter",
            "received_on": [str(received.day), str(received.month), str(received.year)],
            "submitter_role": "parent",
            "made_by_child": "no",
            "full_name": "Sam Fairweather",
            "email": "sam@example.com",
            "contact_methods": ["email"],
            "about_child": "yes",
            "on_behalf_of_child": "yes",
            "child_name": "Riley",
            "summary": "Family time keeps being cancelled",
            "description": "Family time was cancelled three times.\nNobody told us why.",
        },
    )
    page.set_input_files("#documents", files=[{"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    press_button(page, "Record it")

    case = db.session.scalar(select(Case))
    assert page.url == f"{live_server}/staff/cases/{case.reference}"
    assert "Complaint recorded" in page.locator(".govuk-notification-banner").inner_text()
    acknowledgement = page.locator(".govuk-summary-list__row", has_text="Acknowledgement")
    expect(acknowledgement.locator(".govuk-tag")).to_have_text("Overdue")
    assert_accessible(axe, page)

    follow_section_link(page, "Documents")
    assert "letter.pdf" in page.locator("table").inner_text()
    assert_accessible(axe, page)

    follow_section_link(page, "Notes")
    assert_accessible(axe, page)
    page.evaluate("window.notReloaded = true")
    tab_to(page, "textarea[name=body]")
    page.keyboard.type("Rang the parent: no answer.")
    tab_to(page, "#notes button")
    page.keyboard.press("Enter")
    expect(page.locator("#notes [role=alert]")).to_contain_text("Note added")
    expect(page.locator("#notes")).to_contain_text("Rang the parent: no answer.")
    assert page.evaluate("window.notReloaded === true"), "htmx should have swapped the notes in place"
    assert_accessible(axe, page)

    follow_section_link(page, "Messages")
    assert "emailed to them at sam@example.com" in page.content()
    assert_accessible(axe, page)

    follow_section_link(page, "Timeline")
    titles = page.locator(".moj-timeline__title").all_inner_texts()
    assert titles == [
        "Internal note added",
        "Document added",
        "Recorded the case for the person who sent it",
        "Complaint received",
    ]
    assert_accessible(axe, page)

    press_button(page, "Sign out")
    sign_in(page, live_server, manager)
    page.goto(f"{live_server}/staff/cases/{case.reference}/audit")
    assert_accessible(axe, page)
    audit = page.locator(".app-audit-table tbody").inner_text()
    for action in ("Recorded the case for the person who sent it", "Added an internal note", "Viewed the case"):
        assert action in audit
    page.goto(f"{live_server}/staff/audit?staff={officer.id}")
    assert_accessible(axe, page)

    # Every view and change made above is in the audit trail.
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id)).all()
    officer_events = [(event.action, event.detail.get("section")) for event in events if event.actor_id == officer.id]
    assert officer_events == [
        ("case_recorded", None),
        ("case_viewed", "summary"),
        ("case_viewed", "documents"),
        ("case_viewed", "notes"),
        ("note_added", None),
        ("case_viewed", "messages"),
        ("case_viewed", "timeline"),
    ]
