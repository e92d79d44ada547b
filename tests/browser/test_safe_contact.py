"""Issue 8 in Chromium, by keyboard alone, with axe-core on every page: a phone complaint recorded with "letters are
not safe" can only be acknowledged by email or text message, and the warning shows wherever a message is sent. Then
the new screening pages (hold, named staff, investigators, advocacy, corrections, the not-accepted letter) pass
axe-core too."""

from playwright.sync_api import Page
from sqlalchemy import select

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import Case, CaseChild, Person
from portal.domain.types import CaseState, Procedure, StaffRole, SubmitterRole
from tests.browser.helpers import assert_accessible, sign_in
from tests.browser.keyboard import fill_page, follow_link, press_button
from tests.integration.auth.staff import make_staff
from tests.integration.casework.conftest import make_case

LETTERS_WARNING = "Letters are not safe: never post anything to this person."


def test_a_phone_complaint_where_letters_are_not_safe_is_acknowledged_only_by_email_or_text(
    page: Page, live_server, axe, app_sends_by_smtp
):
    officer = make_staff()
    sign_in(page, live_server, officer)
    today = uk_today()

    # Recorded from a phone call: the parent says letters and voicemail are not safe.
    page.goto(f"{live_server}/staff/record")
    assert_accessible(axe, page)
    fill_page(
        page,
        {
            "kind": "complaint",
            "channel": "phone",
            "received_on": [str(today.day), str(today.month), str(today.year)],
            "submitter_role": SubmitterRole.PARENT.value,
            "made_by_child": "no",
            "full_name": "Sam Fairweather",
            "email": "sam@example.com",
            "phone": "07700 900 982",
            "contact_methods": ["email", "text"],
            "letters_ok": "no",
            "voicemail_ok": "no",
            "about_child": "yes",
            "on_behalf_of_child": "yes",
            "child_name": "Riley Fairweather",
            "summary": "Family time keeps being cancelled",
            "description": "Family time was cancelled three times. Please do not write to my home.",
        },
    )
    press_button(page, "Record it")
    case = db.session.scalar(select(Case))
    assert page.url == f"{live_server}/staff/cases/{case.reference}"
    assert LETTERS_WARNING in page.locator("#safe-contact").inner_text()
    assert_accessible(axe, page)

    # Screening: a parent of a child whose status is not known yet goes to the statutory procedure.
    follow_link(page, "Screen the case")
    assert (
        "Recommended: Statutory children's complaints procedure" in page.locator("#recommendation + div").inner_text()
    )
    assert "Check the child's status in the records" in page.locator("main").inner_text()
    fill_page(page, {"decision": Procedure.STATUTORY.value})
    press_button(page, "Save decision")
    fill_page(page, {"text": "Family time was cancelled three times without notice."})
    press_button(page, "Add point")

    # The acknowledgement offers email and text message only, beside the warning.
    follow_link(page, "Acknowledgement")
    assert_accessible(axe, page)
    assert LETTERS_WARNING in page.locator("#safe-contact").inner_text()
    assert "Voicemail is not safe" in page.locator("#safe-contact").inner_text()
    methods = page.locator("input[name=method]")
    assert [methods.nth(index).get_attribute("value") for index in range(methods.count())] == ["email", "text"]
    assert page.get_by_text("Download the letter to post (PDF)").count() == 0
    fill_page(page, {"method": "text"})
    press_button(page, "Send acknowledgement")
    assert "Acknowledgement sent by text message" in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(axe, page)

    # The messages page warns too.
    page.goto(f"{live_server}/staff/cases/{case.reference}/messages")
    assert LETTERS_WARNING in page.locator("#safe-contact").inner_text()
    assert_accessible(axe, page)

    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert (case.procedure, case.state, case.acknowledgement_method) == (
        Procedure.STATUTORY,
        CaseState.STAGE_1,
        "text",
    )
    assert case.submitter.letters_ok is False


def test_the_new_screening_pages_and_their_errors_are_accessible(page: Page, live_server, axe):
    officer = make_staff()
    make_staff("ira@anytown.example", StaffRole.INVESTIGATOR, name="Ira Pemberton")
    case = make_case(
        reference="CF-TST-BRW-SC2",
        received_on=uk_today(),
        submitter=Person(role=SubmitterRole.PARENT, name="Sam Fairweather", email="sam@example.com"),
        on_behalf_of_child=True,
    )
    case.children.append(CaseChild(name="Riley Fairweather", age=9))
    db.session.commit()
    sign_in(page, live_server, officer)
    base = f"{live_server}/staff/cases/{case.reference}"

    page.goto(f"{base}/screening")
    fill_page(page, {"concurrent_proceedings": "yes", "decision": Procedure.STATUTORY.value})
    press_button(page, "Save decision")
    assert page.url == f"{base}/hold"
    assert_accessible(axe, page)
    press_button(page, "Put on hold")
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(axe, page)
    review = uk_today().replace(year=uk_today().year + 1)
    fill_page(
        page,
        {
            "proceedings": ["police"],
            "reason": "A police enquiry into the same events is under way.",
            "review_on": [str(review.day), str(review.month), str(review.year)],
        },
    )
    press_button(page, "Put on hold")
    assert "On hold until at least" in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(axe, page)
    page.goto(f"{live_server}/staff/cases?queue=on-hold")
    assert case.reference in page.locator("#case-results").inner_text()
    assert_accessible(axe, page)

    for path in ("named-staff", "investigators", "advocacy", "corrections"):
        page.goto(f"{base}/{path}")
        assert_accessible(axe, page)
    page.goto(f"{base}/investigators")
    fill_page(page, {"staff": "Ira Pemberton (Investigator)"})
    press_button(page, "Assign")
    assert "Ira Pemberton is assigned to the case" in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(axe, page)

    other = make_case(reference="CF-TST-BRW-SC3", received_on=uk_today())
    page.goto(f"{live_server}/staff/cases/{other.reference}/screening")
    fill_page(
        page,
        {
            "repeat_of_investigated_case": "yes",
            "decision": Procedure.NOT_ACCEPTED.value,
            "reason": "We answered the same complaint in March.",
        },
    )
    press_button(page, "Save decision")
    assert page.url.endswith(f"/staff/cases/{other.reference}/screening/not-accepted")
    assert "Local Government and Social Care Ombudsman" in page.locator("#letter").inner_text()
    assert_accessible(axe, page)
