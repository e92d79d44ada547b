"""Staff sign-in in Chromium: by keyboard alone, with two-factor codes, and axe-core on every page."""

import re
from datetime import date, timedelta

import pyotp
import pytest
from playwright.sync_api import Page
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import OutboxMessage, Person
from portal.domain.types import SubmitterRole
from tests.browser.helpers import assert_accessible
from tests.browser.keyboard import fill_page, press_button
from tests.integration.auth.staff import PASSWORD, make_staff
from tests.integration.casework.conftest import make_case


def add_cases(count: int) -> None:
    make_case(summary="Says they are <not safe> at home", safeguarding_flag=True, submitter=None)
    for number in range(count - 1):
        make_case(
            received_on=date(2027, 1, 4) - timedelta(days=number),
            submitter=Person(role=SubmitterRole.PARENT, name=f"Parent {number}"),
        )


def enter_password(page: Page, live_server: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server}/staff/sign-in")
    fill_page(page, {"email": email, "password": password})
    press_button(page, "Continue")


def test_sign_in_with_two_factor_by_keyboard_alone(page: Page, live_server, axe):
    user = make_staff()
    add_cases(51)
    page.goto(f"{live_server}/staff/sign-in")
    assert_accessible(axe, page)

    enter_password(page, live_server, user.email)
    assert page.url == f"{live_server}/staff/two-factor"
    assert_accessible(axe, page)
    fill_page(page, {"code": pyotp.TOTP(user.totp_secret).now()})
    press_button(page, "Continue")

    assert page.url == f"{live_server}/staff/cases"
    assert page.get_by_role("heading", level=1).inner_text() == "Cases"
    first_row = page.locator("tbody tr").first
    assert first_row.locator(".govuk-tag--red").inner_text() == "Possible safeguarding concern"
    assert "<not safe>" in first_row.inner_text()
    assert page.locator("tbody tr").count() == 50
    assert_accessible(axe, page)

    press_button(page, "Sign out")
    assert page.url == f"{live_server}/staff/sign-in"
    assert "You have signed out" in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(axe, page)


def test_first_sign_in_sets_up_an_authenticator_app(page: Page, live_server, axe):
    user = make_staff(two_factor=False)
    enter_password(page, live_server, user.email)
    assert page.url == f"{live_server}/staff/two-factor/set-up"
    assert_accessible(axe, page)
    secret = page.locator("#setup-key").inner_text().replace(" ", "")
    fill_page(page, {"code": pyotp.TOTP(secret).now()})
    press_button(page, "Continue")
    assert page.url == f"{live_server}/staff/cases"
    assert "There are no cases yet." in page.content()
    assert_accessible(axe, page)


def test_errors_are_summarised_accessibly(page: Page, live_server, axe):
    user = make_staff()
    enter_password(page, live_server, user.email, "not the password")
    summary = page.locator(".govuk-error-summary")
    assert "Enter a correct email address and password" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(axe, page)

    enter_password(page, live_server, user.email)
    fill_page(page, {"code": "12345"})
    press_button(page, "Continue")
    assert "The security code must be 6 numbers" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(axe, page)


def test_password_reset_pages(page: Page, live_server, axe):
    user = make_staff()
    page.goto(f"{live_server}/staff/sign-in")
    page.get_by_role("link", name="I have forgotten my password").click()
    assert_accessible(axe, page)
    fill_page(page, {"email": user.email})
    press_button(page, "Send link")
    assert "If that address has an account, we have sent a link" in page.content()
    assert_accessible(axe, page)

    body = db.session.scalar(select(OutboxMessage.body).order_by(OutboxMessage.id))
    path = re.search(r"http://localhost(/staff/reset-password/\S+)", body).group(1)
    page.goto(live_server + path)
    assert_accessible(axe, page)
    fill_page(page, {"password": "a brand new passphrase", "confirm": "a brand new passphrase"})
    press_button(page, "Save password")
    assert page.url == f"{live_server}/staff/sign-in"
    assert "Your password has been changed" in page.content()

    page.goto(live_server + path)
    assert "This link has expired" in page.content()
    assert_accessible(axe, page)


@pytest.mark.parametrize("two_factor", [True, False], ids=["code", "set-up"])
def test_sign_in_pages_reflow_at_320_pixels(page: Page, live_server, two_factor):
    user = make_staff(two_factor=two_factor)
    page.set_viewport_size({"width": 320, "height": 640})
    enter_password(page, live_server, user.email)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
