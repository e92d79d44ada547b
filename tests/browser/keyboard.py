"""Filling in GOV.UK forms with the keyboard alone, as someone who cannot use a mouse would."""

from playwright.sync_api import Page

MAX_TABS = 120


def tab_to(page: Page, selector: str) -> None:
    """Presses Tab until the element matching `selector` has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _focused_value(page: Page) -> str:
    return page.evaluate("document.activeElement.value")


def choose_radio(page: Page, name: str, value: str) -> None:
    tab_to(page, f"input[type=radio][name='{name}']")
    for _ in range(30):
        if _focused_value(page) == value:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"No radio {name}={value}")


def fill_page(page: Page, answers: dict) -> None:
    """Answers each question on the page by keyboard. Lists are checkboxes, or day, month and year."""
    for name, value in answers.items():
        if value in ("", [], None):
            continue
        kind = page.evaluate(
            "(n) => { const e = document.getElementsByName(n)[0]; return e ? (e.type || e.tagName) : null }", name
        )
        if kind == "radio":
            choose_radio(page, name, value)
        elif kind == "checkbox":
            for item in value if isinstance(value, list) else [value]:
                tab_to(page, f"input[type=checkbox][name='{name}'][value='{item}']")
                page.keyboard.press("Space")
        elif isinstance(value, list):
            for part, text in zip(("day", "month", "year"), value, strict=True):
                tab_to(page, f"#{name}-{part}")
                page.keyboard.type(text)
        else:
            tab_to(page, f"[name='{name}']")
            page.keyboard.type(value)


def choose_file(page: Page, selector: str, path: str) -> None:
    """Tabs to the file input and opens its file chooser with the Space bar, then picks the file at `path`."""
    tab_to(page, selector)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(path)


def _tab_to_and_enter(page: Page, tag: str, text: str) -> None:
    """Tabs to the `tag` element whose text is `text`, presses Enter and waits for the next page."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(
            "([tag, t]) => { const e = document.activeElement; "
            "return e && e.tagName === tag && e.textContent.replace(/\\s+/g, ' ').trim() === t }",
            [tag, text],
        ):
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
    raise AssertionError(f"Tab never reached the {tag.lower()} {text!r}")


def press_button(page: Page, text: str) -> None:
    _tab_to_and_enter(page, "BUTTON", text)


def follow_link(page: Page, text: str) -> None:
    _tab_to_and_enter(page, "A", text)
