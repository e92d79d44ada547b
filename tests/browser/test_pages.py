"""Every public page in real Chromium: axe-core finds nothing, and the keyboard reaches the main links."""

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import assert_accessible

PAGES = ["/", "/accessibility", "/privacy", "/cookies", "/contact", "/no-such-page"]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(page: Page, live_server, axe, path):
    response = page.goto(live_server + path)
    assert response.status == (404 if path == "/no-such-page" else 200)
    assert_accessible(axe, page)


@pytest.mark.parametrize("path", PAGES)
def test_page_reflows_at_320_pixels(page: Page, live_server, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def tab_until(page: Page, link_text: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == link_text:
            return
    raise AssertionError(f"Tabbing {limit} times never reached {link_text!r}")


def test_start_page_main_links_are_reachable_by_keyboard(page: Page, live_server):
    page.goto(live_server + "/")
    for link in [
        "Skip to main content",
        "I'm a child or young person",
        "Make a complaint",
        "Leave a comment",
        "Send a compliment",
        "contact the complaints team",
        "Accessibility statement",
        "Privacy notice",
        "Cookies",
        "Contact us",
    ]:
        tab_until(page, link)


def test_skip_link_moves_focus_to_the_main_content(page: Page, live_server):
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


@pytest.mark.parametrize("path", ["/", "/complaint/who-are-you"])
def test_pages_load_their_scripts_without_console_errors(page: Page, live_server, path):
    """The content security policy lets GOV.UK Frontend's inline script mark the page as having JavaScript: a
    blocked script would leave the class off and log an error."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(live_server + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert page.evaluate("typeof window.htmx") == "object"
    assert errors == []
