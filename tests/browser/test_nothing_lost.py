"""Nothing cut or lost without telling: pasted text over a limit stays in the box with an error naming the limit, with
and without JavaScript; and when the session-timeout warning fires and nobody answers, what was typed on the page is
there again after the break, in the adult journey and in Your Voice."""

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.helpers import assert_accessible
from tests.integration.young_people.journey_data import WORRIED, child_pages

PASTED = ("I wrote this down as it happened. " * 400)[:12000]
TYPED = "They said <mum> would not be told, and that was not true."
# The complaint's first pages, for a parent complaining for themselves: "What happened?" comes next.
BEFORE_WHAT_HAPPENED = [("who-are-you", {"role": "parent"}), ("about-a-child", {"about_child": "no"})]


def answer_pages_before(page: Page, live_server: str, prefix: str, pages) -> None:
    """Posts the earlier pages from this browser, sharing its cookies, as quickly as a test can."""
    for slug, answers in pages:
        response = page.request.post(f"{live_server}/{prefix}/{slug}", form=flatten(answers), max_redirects=0)
        assert response.status == 302, (slug, response.text()[:500])


def flatten(answers: dict) -> dict:
    """Playwright posts one value per name: lists (checkboxes, date parts) are sent the way the forms read them."""
    return {name: value for name, value in answers.items() if not isinstance(value, list)}


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_pasting_12000_characters_into_a_10000_character_answer(
    browser: Browser, live_server, axe, team_id, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    answer_pages_before(page, live_server, "complaint", BEFORE_WHAT_HAPPENED)
    page.goto(f"{live_server}/complaint/what-happened")
    if javascript:
        assert "You can enter up to 10,000 characters" in page.locator("#what_happened-info").inner_text()
    page.focus("#what_happened")
    page.keyboard.insert_text(PASTED)  # as a paste arrives: a maxlength attribute would cut it here without a word
    assert len(page.locator("#what_happened").input_value()) == 12000
    if javascript:
        assert "You have 2,000 characters too many" in page.locator(".govuk-character-count__status").inner_text()
    page.click("#continue")

    assert page.url.endswith("/complaint/what-happened")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "What happened must be 10,000 characters or fewer" in summary
    assert page.locator("#what_happened").input_value() == PASTED
    if javascript:
        assert_accessible(axe, page)
    context.close()


# The page's timers run on Playwright's clock, so these tests wait for no real timer: the session keeps its usual
# length and the warning comes at its usual time, in fake time.


def run_until_the_warning(page: Page, app) -> None:
    lifetime, warning = app.config["PERMANENT_SESSION_LIFETIME"], app.config["SESSION_WARNING_SECONDS"]
    dialog = page.locator("dialog[data-module='app-timeout-warning']")
    page.clock.run_for((lifetime - warning - 1) * 1000)
    assert not dialog.is_visible()
    page.clock.run_for(2000)
    dialog.wait_for(state="visible")


def run_out_the_warning(page: Page, app) -> None:
    page.clock.run_for(app.config["SESSION_WARNING_SECONDS"] * 1000)


def test_an_adult_who_does_nothing_finds_what_they_typed_after_the_timeout(page: Page, live_server, app, axe):
    page.clock.install()
    answer_pages_before(page, live_server, "complaint", BEFORE_WHAT_HAPPENED)
    page.goto(f"{live_server}/complaint/what-happened")
    page.fill("#what_happened", TYPED)
    run_until_the_warning(page, app)
    assert "including what you have typed on this page" in page.locator("dialog").inner_text()
    assert_accessible(axe, page)
    run_out_the_warning(page, app)
    page.wait_for_url("**/complaint/save-and-return?from=what-happened")
    assert "We have saved your answers so far" in page.locator("main").inner_text()
    page.click(".govuk-back-link")
    assert page.url.endswith("/complaint/what-happened")
    assert page.locator("#what_happened").input_value() == TYPED


def test_more_time_keeps_the_person_on_the_page(page: Page, live_server, app):
    page.clock.install()
    page.goto(f"{live_server}/complaint")
    run_until_the_warning(page, app)
    page.keyboard.press("Enter")
    dialog = page.locator("dialog[data-module='app-timeout-warning']")
    dialog.wait_for(state="hidden")
    assert page.url.endswith("/complaint/who-are-you")
    # The clock starts again: the warning comes back only after another full spell.
    run_until_the_warning(page, app)


def test_a_child_who_takes_a_break_finds_what_they_wrote(page: Page, live_server, app, axe, theme_ids):
    page.clock.install()
    answer_pages_before(page, live_server, "young-people", child_pages(WORRIED, theme_ids)[:1])
    page.goto(f"{live_server}/young-people/what-about")
    page.check(f"input[name=themes][value='{theme_ids[0]}']")
    page.click("#continue")
    page.fill("#words", TYPED)
    run_until_the_warning(page, app)
    dialog_text = page.locator("dialog").inner_text()
    assert "Are you still there?" in dialog_text
    assert_accessible(axe, page)
    run_out_the_warning(page, app)
    page.wait_for_url("**/young-people/break?from=your-words")
    text = page.locator("main").inner_text()
    assert "We saved your answers. That includes what you wrote on the last page." in text
    assert page.locator(".govuk-exit-this-page").count() == 1 and page.locator("#help-now").count() == 1
    assert_accessible(axe, page)
    page.click("#carry-on")
    assert page.url.endswith("/young-people/your-words")
    assert page.locator("#words").input_value() == TYPED
