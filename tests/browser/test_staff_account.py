"""Your account in Chromium: see where you are signed in and sign out of another device, by keyboard alone, with and
without JavaScript; change your password; axe-core on every page and reflow at 320 pixels."""

import pytest
from playwright.sync_api import Browser, Page

from portal.data.database import db
from tests.browser.helpers import assert_accessible
from tests.browser.keyboard import fill_page, follow_link, press_button
from tests.browser.test_staff_case_page import sign_in
from tests.browser.test_staff_queues import assert_accessible_as_rendered
from tests.integration.auth.staff import PASSWORD, make_staff, signed_in_as

WINDOWS_CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0"


@pytest.fixture
def officer(live_server):
    return make_staff()


def another_device(app, user):
    """A second signed-in browser, on a Windows computer left signed in somewhere."""
    return signed_in_as(app.test_client(), user, user_agent=WINDOWS_CHROME)


def other_device_button(page: Page) -> str:
    return " ".join(page.locator("main form button").first.text_content().split())


def test_seeing_and_ending_another_session_by_keyboard(page: Page, live_server, app, officer, axe):
    sign_in(page, live_server, officer)
    laptop = another_device(app, officer)
    follow_link(page, "Your account")
    assert page.url == f"{live_server}/staff/account"
    assert page.get_by_role("heading", level=1).inner_text() == "Your account"
    assert page.locator(".govuk-summary-card__title").all_inner_texts() == [
        "Chrome on Linux (this device)",
        "Chrome on Windows",
    ]
    assert_accessible(axe, page)
    press_button(page, other_device_button(page))
    assert "You have signed out of that device" in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator(".govuk-summary-card").count() == 1
    assert_accessible(axe, page)
    db.session.expire_all()
    assert laptop.get("/staff/cases").status_code == 302


def test_the_account_page_works_without_javascript(browser: Browser, live_server, app, officer, axe):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, officer)
    for _ in range(2):
        another_device(app, officer)
    page.goto(f"{live_server}/staff/account")
    assert page.locator(".govuk-summary-card").count() == 3
    assert_accessible_as_rendered(axe, browser, page, live_server)
    press_button(page, "Sign out of every other device")
    assert "You have signed out of every other device" in page.content()
    assert page.locator(".govuk-summary-card").count() == 1
    context.close()


def test_changing_your_password(page: Page, live_server, officer, axe):
    sign_in(page, live_server, officer)
    page.goto(f"{live_server}/staff/account")
    follow_link(page, "Change your password")
    assert page.url == f"{live_server}/staff/account/password"
    assert_accessible(axe, page)
    fill_page(page, {"current_password": PASSWORD, "password": "Password1234", "confirm": "Password1234"})
    press_button(page, "Save password")
    summary = page.locator(".govuk-error-summary")
    assert "Password is on a list of common passwords" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert_accessible(axe, page)
    new = "lantern heron quartz meadow"
    fill_page(page, {"current_password": PASSWORD, "password": new, "confirm": new})
    press_button(page, "Save password")
    assert page.url == f"{live_server}/staff/account"
    assert "Your password has been changed" in page.locator(".govuk-notification-banner").inner_text()


@pytest.mark.parametrize("path", ["/staff/account", "/staff/account/password"])
def test_account_pages_reflow_at_320_pixels(page: Page, live_server, app, officer, path):
    sign_in(page, live_server, officer)
    another_device(app, officer)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
