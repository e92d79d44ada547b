"""The reports in Chromium: the dashboard, the annual report with its charts and tables, its words page and the census
figures, each with zero axe-core violations, reached by keyboard from the staff menu; the report reflows at 320
pixels."""

from datetime import date

from playwright.sync_api import Page, expect

from portal.common.clock import uk_today
from portal.domain.types import StaffRole
from portal.reporting import importing
from tests.browser.helpers import assert_accessible, sign_in
from tests.browser.keyboard import follow_link
from tests.integration.auth.staff import make_staff
from tests.integration.reporting.history import answered, row, to_csv


def _history() -> None:
    rows = [
        answered("B-1", date(2022, 5, 3), "upheld", themes="Poor communication"),
        answered("B-2", date(2022, 9, 9), "not_upheld", procedure="corporate", themes="Delay in services"),
        row("B-3", date(2023, 1, 12)),
        row("B-4", uk_today(), procedure="comment"),
    ]
    result = importing.check_file(to_csv(rows), uk_today())
    assert result.ok, result.problems
    importing.import_checked(result, None, "history.csv")


def test_the_dashboard_and_annual_report_pages_are_accessible(page: Page, live_server, axe):
    _history()
    manager = make_staff("quinn@anytown.example", StaffRole.COMPLAINTS_MANAGER)
    sign_in(page, live_server, manager)
    page.goto(f"{live_server}/staff/cases")
    follow_link(page, "Reports")
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="Complaints received month by month")).to_be_visible()
    assert_accessible(axe, page)

    follow_link(page, "Annual report")
    page.goto(f"{live_server}/staff/reports/annual?first_day=2022-04-01&last_day=2023-03-31")
    expect(page.get_by_role("heading", name="Annual report 2022/23")).to_be_visible()
    expect(page.get_by_role("img", name="Complaints received and resolved")).to_be_visible()
    assert_accessible(axe, page)

    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 800})

    follow_link(page, "Write the introduction, commentary and examples")
    assert_accessible(axe, page)
    page.goto(f"{live_server}/staff/reports/census")
    assert_accessible(axe, page)
    page.goto(f"{live_server}/staff/reports/annual?first_day=nonsense")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(axe, page)


def test_the_import_page_is_accessible_with_its_problems_listed(page: Page, live_server, axe):
    admin = make_staff("ash@anytown.example", StaffRole.ADMINISTRATOR)
    sign_in(page, live_server, admin)
    page.goto(f"{live_server}/staff/reports/import")
    assert_accessible(axe, page)
    bad = to_csv([row("C-1", date(2022, 5, 3)) | {"received_on": "2022-02-30"}])
    page.get_by_label("CSV file of case history").set_input_files(
        {"name": "history.csv", "mimeType": "text/csv", "buffer": bad.encode()}
    )
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_text("Nothing was imported: 1 problem found")).to_be_visible()
    assert_accessible(axe, page)
