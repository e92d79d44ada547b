"""Checks shared by the browser tests."""

from axe_playwright_python.sync_playwright import Axe


def assert_accessible(axe: Axe, page) -> None:
    """Runs axe-core on the page as it is now and fails with its report on any violation."""
    results = axe.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
