"""The adult journeys in Chromium: by keyboard alone with axe-core on every page, and with JavaScript off."""

import re

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy import select

from portal.data.database import db
from portal.data.defaults import ensure_default_lists
from portal.data.models import Case
from portal.data.queries.teams import active_teams
from tests.browser.helpers import assert_accessible
from tests.browser.keyboard import fill_page, press_button
from tests.integration.intake.journey_data import comment_pages, complaint_pages, compliment_pages


@pytest.fixture
def team_id(app_context) -> str:
    ensure_default_lists()
    return str(active_teams()[0].id)


def journeys(team_id: str) -> dict:
    return {
        "complaint": complaint_pages(team_id),
        "comment": comment_pages(),
        "compliment": compliment_pages(team_id),
    }


def complete_by_keyboard(page: Page, live_server: str, axe, journey: str, pages) -> None:
    page.goto(f"{live_server}/{journey}")
    for slug, answers in pages:
        assert page.url.endswith(f"/{journey}/{slug}"), (page.url, slug)
        assert_accessible(axe, page)
        fill_page(page, answers)
        press_button(page, "Continue")
    assert page.url.endswith(f"/{journey}/check-answers")
    assert_accessible(axe, page)
    if journey == "complaint":
        fill_page(page, {"declaration": ["y"]})
    press_button(page, f"Send {journey}")
    assert page.url.endswith(f"/{journey}/sent")
    assert_accessible(axe, page)


@pytest.mark.parametrize("journey", ["complaint", "comment", "compliment"])
def test_journey_by_keyboard_alone(page: Page, live_server, axe, team_id, journey):
    complete_by_keyboard(page, live_server, axe, journey, journeys(team_id)[journey])
    case = db.session.scalar(select(Case))
    assert case.kind == journey
    assert case.reference in page.locator(".govuk-panel").inner_text()


def test_complaint_acknowledgement_reaches_the_smtp_sink(page: Page, live_server, axe, team_id, app_sends_by_smtp):
    complete_by_keyboard(page, live_server, axe, "complaint", complaint_pages(team_id))
    [case] = db.session.scalars(select(Case).order_by(Case.id)).all()
    assert case.reference in page.locator(".govuk-panel").inner_text()
    assert len(app_sends_by_smtp.messages) == 1
    email = app_sends_by_smtp.messages[0]
    assert email["Subject"] == f"We have received your complaint: {case.reference}"
    body = email.get_content()
    assert case.reference in body
    assert "We will contact you by" in body


def click_button(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def fill_without_javascript(page: Page, answers: dict) -> None:
    for name, value in answers.items():
        if value in ("", [], None):
            continue
        kind = page.evaluate("(n) => document.getElementsByName(n)[0].type", name)
        if kind == "radio":
            page.check(f"input[name='{name}'][value='{value}']")
        elif kind == "checkbox":
            for item in value:
                page.check(f"input[name='{name}'][value='{item}']")
        elif isinstance(value, list):
            for part, text in zip(("day", "month", "year"), value, strict=True):
                page.fill(f"#{name}-{part}", text)
        else:
            page.fill(f"[name='{name}']", value)


@pytest.mark.parametrize("journey", ["complaint", "comment", "compliment"])
def test_journey_without_javascript(browser: Browser, live_server, team_id, journey):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/{journey}")
    assert "js-enabled" not in page.evaluate("document.body.className")
    for slug, answers in journeys(team_id)[journey]:
        assert page.url.endswith(f"/{journey}/{slug}")
        fill_without_javascript(page, answers)
        click_button(page, "Continue")
    if journey == "complaint":
        page.check("input[name='declaration']")
    click_button(page, f"Send {journey}")
    assert page.url.endswith(f"/{journey}/sent")
    assert db.session.scalar(select(Case)).reference in page.content()
    context.close()


def test_save_on_page_3_and_resume_in_a_fresh_browser(browser: Browser, live_server, team_id, app_sends_by_smtp, axe):
    first = browser.new_context()
    page = first.new_page()
    page.goto(f"{live_server}/complaint")
    for _, answers in complaint_pages(team_id)[:3]:
        fill_without_javascript(page, answers)
        click_button(page, "Continue")
    assert page.url.endswith("/complaint/child-details")
    fill_without_javascript(page, complaint_pages(team_id)[3][1])
    click_button(page, "Save and come back later")
    assert_accessible(axe, page)
    click_button(page, "Send link")
    assert "Enter your email address" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(axe, page)
    page.fill("#email", "sam.fairweather@example.com")
    click_button(page, "Send link")
    assert "Your answers have been saved" in page.content()
    assert_accessible(axe, page)
    first.close()

    [email] = app_sends_by_smtp.messages
    assert email["To"] == "sam.fairweather@example.com"
    link = re.search(r"http://localhost(/resume/\S+)", email.get_content()).group(1)
    second = browser.new_context()
    page = second.new_page()
    page.goto(live_server + link)
    assert page.url.endswith("/complaint/child-agrees")
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.input_value("#child_name") == "Riley"
    assert page.input_value("#child_date_of_birth-year") == "2016"
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.is_checked("input[name='on_behalf_of_child'][value='yes']")
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.is_checked("input[name='about_child'][value='yes']")
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.is_checked("input[name='role'][value='parent']")
    page.goto(live_server + link + "tampered")
    assert "This link has expired" in page.content()
    assert_accessible(axe, page)
    second.close()


def test_script_typed_into_a_field_is_shown_as_text(page: Page, live_server, team_id):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = complaint_pages(team_id)
    pages[5] = ("what-happened", {"what_happened": "<script>alert(1)</script>They shouted"})
    page.goto(f"{live_server}/complaint")
    for _, answers in pages:
        fill_without_javascript(page, answers)
        click_button(page, "Continue")
    assert page.url.endswith("/complaint/check-answers")
    assert "<script>alert(1)</script>They shouted" in page.locator(".govuk-summary-list").inner_text()
    assert page.locator("main script").count() == 0
    assert dialogs == []


@pytest.mark.parametrize("journey", ["complaint", "comment", "compliment"])
def test_a_page_with_errors_is_accessible(page: Page, live_server, axe, team_id, journey):
    page.goto(f"{live_server}/{journey}")
    press_button(page, "Continue")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert page.title().startswith("Error: ")
    assert_accessible(axe, page)
