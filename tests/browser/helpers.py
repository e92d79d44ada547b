"""Checks shared by the browser tests."""

from axe_playwright_python.sync_playwright import Axe


def assert_accessible(axe: Axe, page) -> None:
    """Runs axe-core once the page has its main heading, and fails with its report on any violation.

    Waiting for the heading keeps a check that follows a click from running on the page being left.
    """
    page.locator("main h1").first.wait_for()
    results = axe.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
