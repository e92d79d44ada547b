"""The learning lead in Chromium, by keyboard alone: their home, the open-actions list filtered to overdue actions,
and completing an action, first without evidence (the GOV.UK error summary) and then with it. Every page is checked
with axe-core, and the learning pages fit a 320 pixel wide screen."""

from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.data.database import db
from portal.data.learning_models import LearningAction
from portal.domain.types import Finding, LearningActionStatus, StaffRole
from tests.browser.helpers import assert_accessible
from tests.browser.keyboard import fill_page, follow_link, press_button
from tests.browser.test_safe_contact import sign_in
from tests.integration.auth.staff import make_staff, make_team
from tests.integration.learning.conftest import add_categories, add_learning, days_from_today, upheld_case


def world():
    add_categories()
    lead = make_staff("drew@anytown.example", StaffRole.LEARNING_LEAD, name="Drew Kestrel")
    officer = make_staff("casey@anytown.example", name="Casey Marlowe")
    add_learning(
        upheld_case(reference="CF-FOS-TER-ING", team=make_team("Fostering")),
        "Improve communication",
        actions=[("Remind the team to return calls within a day", lead, days_from_today(-4))],
    )
    add_learning(
        upheld_case(reference="CF-ASS-ESS-MNT", team=make_team("Assessment"), finding=Finding.PARTIALLY_UPHELD),
        "Provide training",
        actions=[("Training on sharing assessments with families", officer, days_from_today(12))],
    )
    upheld_case(reference="CF-NO-LEA-RNG")
    return lead


def test_the_learning_lead_completes_an_overdue_action_by_keyboard(page: Page, live_server, axe):
    lead = world()
    sign_in(page, live_server, lead)
    # The learning lead lands on their home.
    assert page.url == f"{live_server}/staff/learning"
    expect(page.locator("h1")).to_have_text("Learning from complaints")
    expect(page.locator(".app-learning-counts")).to_contain_text("2 open actions")
    expect(page.locator("table", has_text="CF-NO-LEA-RNG")).to_contain_text("Record learning")
    assert_accessible(axe, page)

    follow_link(page, "1 overdue")
    assert page.url.endswith("/staff/learning/actions?status=overdue")
    rows = page.locator("#action-results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".govuk-tag--red")).to_contain_text("Overdue by")
    assert_accessible(axe, page)

    follow_link(page, "Clear filters")
    expect(page.locator("#action-results tbody tr")).to_have_count(2)
    assert_accessible(axe, page)

    follow_link(page, "Mark as done: Remind the team to return calls within a day")
    expect(page.locator("h1")).to_have_text("Mark the action as done")
    assert_accessible(axe, page)
    press_button(page, "Mark as done")
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the evidence that the action is done")
    expect(summary).to_be_focused()
    assert_accessible(axe, page)

    fill_page(page, {"evidence": "Team meeting: every worker reminded; the minutes are on the team drive."})
    press_button(page, "Mark as done")
    assert page.url == f"{live_server}/staff/learning/actions"
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Action marked as done")
    remaining = page.locator("#action-results tbody tr")
    expect(remaining).to_have_count(1)
    expect(remaining.first).to_contain_text("Training on sharing assessments with families")
    assert_accessible(axe, page)

    action = db.session.scalar(select(LearningAction).where(LearningAction.description.startswith("Remind")))
    db.session.refresh(action)
    assert action.status is LearningActionStatus.DONE
    assert action.evidence.startswith("Team meeting")


def test_the_learning_pages_are_accessible_and_fit_a_small_screen(page: Page, live_server, axe):
    lead = world()
    record = db.session.scalar(select(LearningAction)).record
    sign_in(page, live_server, lead)
    page.set_viewport_size({"width": 320, "height": 640})
    for path in (
        "/staff/learning",
        "/staff/learning/actions",
        "/staff/learning/records",
        f"/staff/learning/records/{record.id}",
        f"/staff/learning/records/{record.id}/change",
        f"/staff/learning/records/{record.id}/actions/new",
        f"/staff/learning/actions/{record.actions[0].id}",
        f"/staff/learning/actions/{record.actions[0].id}/change",
        "/staff/learning/cases/CF-NO-LEA-RNG/new",
    ):
        response = page.goto(live_server + path)
        assert response.status == 200, path
        assert_accessible(axe, page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    # The form's errors use the GOV.UK error summary, and are accessible too.
    press_button(page, "Record the learning")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a category")
    assert_accessible(axe, page)
