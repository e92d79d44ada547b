"""The work queues in Chromium: search and filter by keyboard alone, with JavaScript (the results change in place)
and without it (the Apply filters button sends the form), checked with axe-core."""

import re
from datetime import date, timedelta
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import Browser, Page, expect

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import CaseChild, Person
from portal.domain.types import CaseState, FeedbackKind, SubmitterRole
from tests.browser.helpers import assert_accessible
from tests.browser.keyboard import fill_page, press_button, tab_to
from tests.integration.auth.staff import PASSWORD, make_staff
from tests.integration.casework.conftest import make_case

STATIC = Path(__file__).resolve().parents[2] / "static"


@pytest.fixture
def cases(live_server):
    make_case(
        reference="CF-AAA-AAA-AAA",
        kind=FeedbackKind.COMMENT,
        submitter=Person(role=SubmitterRole.FOSTER_CARER, name="Quinn Hartley", email="quinn@example.com"),
        received_on=date(2027, 1, 5),
    )
    riley = make_case(
        reference="CF-BBB-BBB-BBB",
        submitter=Person(role=SubmitterRole.PARENT, name="Sam Hartley"),
        safeguarding_flag=True,
        acknowledgement_due_on=uk_today() - timedelta(days=20),
        received_on=date(2027, 1, 4),
    )
    riley.children.append(CaseChild(name="Riley"))
    db.session.commit()
    for number in range(3):
        make_case(reference=f"CF-CCC-CCC-CC{number}", state=CaseState.STAGE_1, received_on=date(2027, 1, 6))


def sign_in(page: Page, live_server: str) -> None:
    user = make_staff()
    page.goto(f"{live_server}/staff/sign-in")
    fill_page(page, {"email": user.email, "password": PASSWORD})
    press_button(page, "Continue")
    fill_page(page, {"code": pyotp.TOTP(user.totp_secret).now()})
    press_button(page, "Continue")
    assert page.url == f"{live_server}/staff/cases"


def assert_accessible_as_rendered(axe, browser: Browser, page: Page, live_server: str) -> None:
    """axe-core needs JavaScript, which this page does not have: so axe checks a copy of the page exactly as the
    browser without JavaScript rendered it, in a second browser that has the page's styles but none of its scripts.
    Files come straight from static/ so that closing the second browser never cuts off the live server mid-file."""
    html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.DOTALL | re.IGNORECASE)
    html = html.replace("<head>", f'<head><base href="{live_server}/">', 1)
    branding = page.request.get(f"{live_server}/branding.css").text()

    def serve(route):
        path = route.request.url.removeprefix(live_server)
        if path.startswith("/assets/"):
            route.fulfill(path=STATIC / path.removeprefix("/assets/").split("?")[0])
        elif path == "/branding.css":
            route.fulfill(body=branding, content_type="text/css")
        else:
            route.abort()

    checker = browser.new_context()
    try:
        copy = checker.new_page()
        copy.route(f"{live_server}/**", serve)
        copy.set_content(html)
        assert not copy.evaluate("document.body.classList.contains('js-enabled')")
        # The styles are there: visually hidden text is taken out of the flow.
        assert (
            copy.evaluate("getComputedStyle(document.querySelector('.govuk-visually-hidden')).position") == "absolute"
        )
        assert_accessible(axe, copy)
    finally:
        checker.close()


def listed(page: Page) -> list[str]:
    return page.locator("#case-results tbody th a").all_inner_texts()


def test_search_and_filter_by_keyboard_with_javascript(page: Page, live_server, axe, cases):
    sign_in(page, live_server)
    assert len(listed(page)) == 5
    assert_accessible(axe, page)
    page.evaluate("window.notReloaded = true")

    tab_to(page, "input[name=q]")
    page.keyboard.type("hartley")
    expect(page.locator("#case-results tbody tr")).to_have_count(2)
    # The flagged case comes first, with its tag; the page itself was not reloaded and focus stayed in the box.
    assert listed(page) == ["CF-BBB-BBB-BBB", "CF-AAA-AAA-AAA"]
    assert page.locator("#case-results tbody tr").first.locator(".govuk-tag--red").first.inner_text() == (
        "Possible safeguarding concern"
    )
    assert page.evaluate("window.notReloaded === true")
    assert page.evaluate("document.activeElement.name") == "q"
    page.wait_for_url(f"{live_server}/staff/cases?**q=hartley**")
    assert page.locator("#case-results").get_attribute("aria-live") == "polite"
    assert page.locator("#case-results").count() == 1
    assert_accessible(axe, page)

    tab_to(page, "input[name=kind][value=comment]")
    page.keyboard.press("Space")
    expect(page.locator("#case-results tbody tr")).to_have_count(1)
    assert listed(page) == ["CF-AAA-AAA-AAA"]
    assert page.evaluate("window.notReloaded === true")
    page.wait_for_url("**kind=comment**")
    assert_accessible(axe, page)

    # Back goes to the search before the filter. The results are never kept in the browser's storage, so htmx asks
    # the server for the whole page again.
    with page.expect_request(lambda request: request.headers.get("hx-history-restore-request") == "true"):
        page.go_back()
    expect(page.locator("#case-results tbody tr")).to_have_count(2)
    assert "kind=comment" not in page.url
    assert page.locator("h1").count() == 1
    assert page.locator("#case-results").count() == 1
    page.go_forward()
    expect(page.locator("#case-results tbody tr")).to_have_count(1)

    # Sorting is an ordinary link, followed by keyboard.
    tab_to(page, "#case-results thead th:first-child a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "sort=reference" in page.url
    assert page.locator("#case-results th[aria-sort=ascending]").inner_text().startswith("Reference")
    assert listed(page) == ["CF-AAA-AAA-AAA"]

    # Going back to the whole list from the queue navigation.
    tab_to(page, ".moj-sub-navigation a[href$='queue=due']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert listed(page) == ["CF-BBB-BBB-BBB"]
    assert "Overdue by" in page.locator("#case-results .app-deadline").inner_text()
    assert_accessible(axe, page)


def test_search_and_filter_by_keyboard_without_javascript(browser: Browser, live_server, axe, cases):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, live_server)
        assert not page.evaluate("document.body.classList.contains('js-enabled')")
        assert len(listed(page)) == 5
        assert_accessible_as_rendered(axe, browser, page, live_server)

        tab_to(page, "input[name=q]")
        page.keyboard.type("riley")
        press_button(page, "Apply filters")
        assert "q=riley" in page.url
        assert listed(page) == ["CF-BBB-BBB-BBB"]
        assert page.locator("input[name=q]").input_value() == "riley"
        assert_accessible_as_rendered(axe, browser, page, live_server)

        tab_to(page, "input[name=q]")
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        tab_to(page, "input[name=stage][value=stage_1]")
        page.keyboard.press("Space")
        press_button(page, "Apply filters")
        assert sorted(listed(page)) == ["CF-CCC-CCC-CC0", "CF-CCC-CCC-CC1", "CF-CCC-CCC-CC2"]
        assert page.locator("input[name=stage][value=stage_1]").is_checked()
        assert_accessible_as_rendered(axe, browser, page, live_server)
    finally:
        context.close()
