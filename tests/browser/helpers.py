"""Checks shared by the browser tests."""

import pyotp
from axe_playwright_python.sync_playwright import Axe

from portal.common.clock import utc_now
from tests.browser.keyboard import fill_page, press_button
from tests.integration.auth.staff import PASSWORD


def assert_accessible(axe: Axe, page) -> None:
    """Runs axe-core once the page has its main heading, and fails with its report on any violation.

    Waiting for the heading keeps a check that follows a click from running on the page being left.
    """
    page.locator("main h1").first.wait_for()
    results = axe.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def sign_in(page, live_server: str, user) -> None:
    """Signs a member of staff in by keyboard: password, then their two-factor code, the one for the app's time (which
    a test may have moved)."""
    page.goto(f"{live_server}/staff/sign-in")
    fill_page(page, {"email": user.email, "password": PASSWORD})
    press_button(page, "Continue")
    fill_page(page, {"code": pyotp.TOTP(user.totp_secret).at(utc_now())})
    press_button(page, "Continue")
