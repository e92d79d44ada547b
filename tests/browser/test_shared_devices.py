"""A child on a shared family computer: after the browser is closed without sending, the next person to open the
portal finds no trace of what the child wrote, on any page."""

from playwright.sync_api import Browser

from tests.browser.keyboard import fill_page, press_button
from tests.integration.young_people.journey_data import WORRIED, child_pages

SECRET = "My stepdad took my phone again and I am frightened of him"


def reopened_state(context) -> dict:
    """What a browser keeps when it is closed and opened again: cookies with an expiry date, and local storage.
    Cookies without one ("session cookies") are deleted on closing; that is the browser's own rule."""
    state = context.storage_state()
    return {**state, "cookies": [cookie for cookie in state["cookies"] if cookie["expires"] != -1]}


def test_a_childs_unsent_message_leaves_no_trace_after_the_browser_closes(browser: Browser, live_server, theme_ids):
    first = browser.new_context()
    page = first.new_page()
    page.goto(live_server + "/young-people/what-to-do")
    for _slug, answers in child_pages(WORRIED, theme_ids, words=SECRET)[:5]:
        fill_page(page, answers)
        press_button(page, "Continue")
    page.fill("#better", "Something typed but never sent")
    page.goto(live_server + "/young-people/your-words")
    assert page.locator("#words").input_value() == SECRET  # while the browser is open, the child's words are there
    state = reopened_state(first)
    first.close()

    second = browser.new_context(storage_state=state)
    page = second.new_page()
    for path in ("/young-people", "/young-people/your-words", "/young-people/check-answers", "/young-people/sent", "/"):
        page.goto(live_server + path)
        html = page.content()
        assert "stepdad" not in html and "never sent" not in html, path
        for field in page.locator("textarea, input[type=text]").all():
            assert field.input_value() == "", path
    assert state["origins"] == []  # nothing was left in local storage to survive the browser
    stored = page.evaluate("JSON.stringify([{...localStorage}, {...sessionStorage}])")
    assert "stepdad" not in stored and "never sent" not in stored
    second.close()
