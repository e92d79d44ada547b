"""The Participation Team in Chromium: closing the loop with a child from the closed complaint to the results report,
and a compliment from recording to its public page. Every page is checked with axe-core; the child uses only the
keyboard, on a phone-sized screen."""

import re

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from portal.case_moves.closing import close_case
from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import CaseChild
from portal.data.participation_models import Compliment, FollowUp
from portal.domain.closing_the_loop import AnswerMethod, FollowUpStatus
from portal.domain.types import AdvocacyStatus, Closure, StaffRole
from tests.browser.helpers import assert_accessible
from tests.browser.keyboard import fill_page, follow_link, press_button
from tests.browser.test_staff_case_page import sign_in
from tests.browser.test_young_people import PHONE, check_child_page, exit_url  # noqa: F401
from tests.integration.auth.staff import make_staff, make_team
from tests.integration.participation.conftest import CHILD_PHONE, add_referral, child_comment, child_complaint
from tests.integration.participation.test_follow_ups import ANSWERS

LINK = re.compile(r"(http://localhost)(/survey/[A-Za-z0-9_-]+)")


def test_closing_the_loop_with_a_child(
    page: Page,
    browser: Browser,
    live_server,
    axe,
    app_sends_by_notify,
    exit_url,  # noqa: F811
):
    officer = make_staff("pat@anytown.example", StaffRole.PARTICIPATION_OFFICER, name="Pat Quillfeather")
    case = child_complaint(children=[CaseChild(name="Kit Farrowby", age=13)])
    # Stage 1 to closure screens are another piece of work: the case closes through the closing service.
    close_case(case, officer, Closure.RESOLVED, uk_today())

    sign_in(page, live_server, officer)
    page.goto(f"{live_server}/staff/participation/follow-ups")
    to_do = page.locator("table", has_text=case.reference)
    expect(to_do.locator(".govuk-tag")).to_have_text("To do")
    assert_accessible(axe, page)
    follow_link(page, case.reference)
    assert page.locator("input[name=phone]").input_value() == CHILD_PHONE
    assert_accessible(axe, page)
    press_button(page, "Send survey")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Survey sent by text message")
    assert_accessible(axe, page)

    # The text went through the GOV.UK Notify client to the local stand-in.
    [text] = app_sends_by_notify.accepted
    assert text.path == "/v2/notifications/sms" and text.json["phone_number"] == CHILD_PHONE
    link = live_server + LINK.search(text.json["personalisation"]["body"]).group(2)

    child = browser.new_context(viewport=PHONE).new_page()
    child.goto(link)
    check_child_page(child, axe, exit_url)
    fill_page(child, ANSWERS)
    press_button(child, "Send")
    expect(child.locator("h1, .govuk-panel__title").first).to_contain_text("Thank you")
    check_child_page(child, axe, exit_url)

    follow_up = db.session.scalar(select(FollowUp).where(FollowUp.case_id == case.id))
    db.session.refresh(follow_up)
    assert (follow_up.status, follow_up.answered_via) == (FollowUpStatus.ANSWERED, AnswerMethod.ONLINE)
    assert follow_up.answers == {key: value for key, value in ANSWERS.items() if key not in ("feeling", "comment")}
    assert follow_up.comment == ANSWERS["comment"]

    # The link cannot be used again.
    child.goto(link)
    expect(child.locator("h1")).to_contain_text("You have already answered")
    check_child_page(child, axe, exit_url)
    child.context.close()

    page.goto(f"{live_server}/staff/participation/survey-results")
    summary = page.locator("p", has_text="Asked:").first
    expect(summary).to_have_text(re.compile(r"Asked: 1\. Answering: 1\."))
    rights = page.locator("tr", has_text="Did you understand your rights").first
    expect(rights.locator("td").first).to_have_text("1")
    assert_accessible(axe, page)


def test_the_workspace_pages_are_accessible_and_fit_a_small_screen(page: Page, live_server, axe):
    officer = make_staff("pat@anytown.example", StaffRole.PARTICIPATION_OFFICER, name="Pat Quillfeather")
    case = child_complaint()
    referral = add_referral(case, AdvocacyStatus.REFERRED, referred_on=uk_today())
    child_comment()
    closed = child_complaint()
    close_case(closed, officer, Closure.RESOLVED, uk_today())
    follow_up = db.session.scalar(select(FollowUp))
    sign_in(page, live_server, officer)
    workspace = f"{live_server}/staff/participation"
    case_pages = f"{workspace}/cases/{case.reference}"
    for url in (
        workspace,
        f"{workspace}?show=all",
        f"{workspace}/informal-feedback",
        f"{workspace}/advocacy",
        f"{case_pages}/advocacy/{referral.id}",
        f"{case_pages}/advocacy/new",
        f"{case_pages}/contacts",
        f"{workspace}/weekly-list",
        f"{workspace}/follow-ups",
        f"{workspace}/cases/{closed.reference}/follow-ups/{follow_up.id}",
        f"{workspace}/cases/{closed.reference}/follow-ups/{follow_up.id}/answers",
        f"{workspace}/survey-results",
    ):
        page.goto(url)
        assert_accessible(axe, page)
    # Errors use the GOV.UK error summary, and are accessible too.
    page.goto(f"{case_pages}/contacts")
    press_button(page, "Add contact")
    assert page.title().startswith("Error: ")
    assert_accessible(axe, page)
    page.goto(f"{workspace}/cases/{closed.reference}/follow-ups/{follow_up.id}")
    press_button(page, "Mark as not answered")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why there is no answer")
    assert_accessible(axe, page)

    page.set_viewport_size({"width": 320, "height": 640})
    for url in (workspace, f"{workspace}/advocacy", f"{workspace}/weekly-list", f"{case_pages}/contacts"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, url


def test_a_compliment_from_recording_to_its_public_page(
    page: Page, browser: Browser, live_server, axe, app_sends_by_smtp
):
    team = make_team("Children in Care")
    make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team, name="Jamie Thistlewood")
    officer = make_staff()
    manager = make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Ellery")
    today = uk_today()

    sign_in(page, live_server, officer)
    page.goto(f"{live_server}/staff/compliments/new")
    assert_accessible(axe, page)
    fill_page(
        page,
        {
            "received_on": [str(today.day), str(today.month), str(today.year)],
            "channel": "letter",
            "source": "school",
            "internal": "external",
            "teams": [str(team.id)],
            "text": "Lee Brightwater came to every meeting for Kit Farrowby. Thank you Lee!",
            "staff_name": "Lee Brightwater",
            "staff_job_title": "Social worker",
            "staff_email": "lee@anytown.example",
            "children_named": "Kit Farrowby",
            "may_share": "yes",
            "may_publish": "yes",
        },
    )
    press_button(page, "Record compliment")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Compliment recorded")
    assert_accessible(axe, page)

    press_button(page, "Share by email")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Shared by email with 2 people")
    assert sorted(email["To"] for email in app_sends_by_smtp.messages) == [
        "jamie@anytown.example",
        "lee@anytown.example",
    ]

    follow_link(page, "Prepare the anonymised version")
    assert_accessible(axe, page)
    suggested = "SW came to every meeting for YP. Thank you SW!"
    assert page.locator("textarea[name=anonymised_text]").input_value() == suggested
    press_button(page, "Save anonymised version")
    expect(page.locator("#anonymised-text")).to_have_text(suggested)
    page.goto(f"{live_server}/staff/compliments")
    assert_accessible(axe, page)

    manager_page = browser.new_page()
    sign_in(manager_page, live_server, manager)
    compliment = db.session.scalar(select(Compliment))
    manager_page.goto(f"{live_server}/staff/compliments/{compliment.id}")
    press_button(manager_page, "Approve the anonymised version")
    press_button(manager_page, "Publish on the compliments page")
    expect(manager_page.locator(".govuk-notification-banner")).to_contain_text("Published")
    assert_accessible(axe, manager_page)
    manager_page.goto(f"{live_server}/staff/compliments/counts")
    assert_accessible(axe, manager_page)
    manager_page.context.close()

    page.goto(f"{live_server}/compliments")
    assert_accessible(axe, page)
    published = page.locator("main").inner_text()
    assert suggested in published
    for name in ("Lee", "Brightwater", "Kit", "Farrowby"):
        assert name not in published
