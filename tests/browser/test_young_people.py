"""Your Voice in Chromium: each choice by keyboard alone on a 320 pixel wide screen, with axe-core, the exit and help
now checked on every page; once with JavaScript off; and the exit by pressing Shift three times."""

import pytest
import textstat
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AdvocacyReferral, Case
from portal.data.queries.settings import council_settings
from tests.browser.helpers import assert_accessible
from tests.browser.keyboard import fill_page, press_button, tab_to
from tests.integration.young_people.journey_data import CHOICES, SOMETHING_WRONG, child_pages
from tests.integration.young_people.reading import sentences

HELP_NOW = "If you are in danger right now, call 999. Childline is free, any time: 0800 1111"
KINDS = {
    "something_wrong": "complaint",
    "worried": "complaint",
    "idea": "comment",
    "thank_you": "compliment",
    "speak_up": "advocacy_request",
}
PHONE = {"width": 320, "height": 640}


@pytest.fixture
def exit_url(live_server) -> str:
    """The exit goes to a page of the live server, so leaving can be seen without the internet."""
    url = live_server + "/"
    council_settings().exit_page_url = url
    db.session.commit()
    return url


def check_child_page(page: Page, axe, exit_url: str) -> None:
    """What every Your Voice page must have: no sideways scrolling, no axe-core violations, the exit, help now, and
    words a ten-year-old can read."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
    assert_accessible(axe, page)
    assert page.locator(".govuk-exit-this-page__button").get_attribute("href") == "/leave"
    assert HELP_NOW in " ".join(page.locator("#help-now").inner_text().split())
    text = sentences(page.evaluate("document.body.innerText"))
    assert textstat.flesch_reading_ease(text) >= 80, (page.url, text)


def follow_link_by_keyboard(page: Page, selector: str) -> None:
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("choice", CHOICES)
def test_each_choice_by_keyboard_alone_on_a_small_screen(page: Page, live_server, axe, theme_ids, exit_url, choice):
    page.set_viewport_size(PHONE)
    page.goto(live_server + "/young-people")
    check_child_page(page, axe, exit_url)
    follow_link_by_keyboard(page, "#start")
    for slug, answers in child_pages(choice, theme_ids):
        assert page.url.endswith(f"/young-people/{slug}"), (page.url, slug)
        check_child_page(page, axe, exit_url)
        fill_page(page, answers)
        press_button(page, "Continue")
    assert page.url.endswith("/young-people/check-answers")
    check_child_page(page, axe, exit_url)
    press_button(page, "Send")
    assert page.url.endswith("/young-people/sent")
    check_child_page(page, axe, exit_url)

    case = db.session.scalar(select(Case))
    assert case.kind == KINDS[choice]
    assert case.made_by_child
    assert page.locator("#reference").inner_text() == case.reference


def test_the_journey_works_with_javascript_off(browser: Browser, live_server, theme_ids, exit_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(live_server + "/young-people")
        assert not page.evaluate("document.body.classList.contains('js-enabled')")
        page.click("#start")
        for slug, answers in child_pages(SOMETHING_WRONG, theme_ids):
            assert page.url.endswith(f"/young-people/{slug}"), (page.url, slug)
            # The URL changes before the new page has finished loading: wait for the box rather than catch it early.
            expect(page.locator("#help-now")).to_be_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            for name, value in answers.items():
                if isinstance(value, list):
                    for item in value:
                        page.check(f"input[name='{name}'][value='{item}']")
                elif page.locator(f"input[type=radio][name='{name}']").count():
                    page.check(f"input[name='{name}'][value='{value}']")
                elif value:
                    page.fill(f"[name='{name}']", value)
            page.click("#continue")
        page.click("#send")
        assert page.url.endswith("/young-people/sent")
        case = db.session.scalar(select(Case))
        assert page.locator("#reference").inner_text() == case.reference
        assert db.session.scalar(select(AdvocacyReferral)).case_id == case.id

        # Without JavaScript the exit is still a working link.
        page.goto(live_server + "/young-people/what-to-do")
        exit_button = page.locator(".govuk-exit-this-page__button")
        assert exit_button.is_visible()
        exit_button.click()
        page.wait_for_url(exit_url)
    finally:
        context.close()


def test_a_page_with_errors_is_accessible_and_focuses_the_summary(page: Page, live_server, axe, theme_ids, exit_url):
    page.set_viewport_size(PHONE)
    page.goto(live_server + "/young-people/what-to-do")
    press_button(page, "Continue")
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    check_child_page(page, axe, exit_url)


def test_pressing_shift_three_times_leaves_the_page_and_forgets_the_answers(
    page: Page, live_server, theme_ids, exit_url
):
    page.goto(live_server + "/young-people/what-to-do")
    fill_page(page, {"choice": SOMETHING_WRONG})
    press_button(page, "Continue")
    # GOV.UK Frontend marks the body once the exit is listening for the Shift key.
    page.wait_for_function("document.body.dataset.govukFrontendExitThisPageKeypress === 'true'")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_url, timeout=5000)
    page.goto(live_server + "/young-people/what-about")
    assert page.url.endswith("/young-people/what-to-do")  # nothing the child chose is reachable any more
    assert not page.locator("input[name=choice]:checked").count()


def test_the_exit_button_leaves_by_keyboard(page: Page, live_server, theme_ids, exit_url):
    page.goto(live_server + "/young-people")
    tab_to(page, ".govuk-exit-this-page__button")
    page.keyboard.press("Enter")
    page.wait_for_url(exit_url, timeout=5000)
