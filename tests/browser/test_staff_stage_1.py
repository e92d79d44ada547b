"""Issue 11 in Chromium, by keyboard alone, with axe-core on every page: a statutory complaint from screening through
Stage 1 with an extension and the response letter, to the SMTP sink; a corporate one through Stage 1 and closing.
Every deadline shown is the domain core's."""

from playwright.sync_api import Page

from portal.case_moves.moving import change_case
from portal.common.clock import uk_today
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import Case, CaseChild, ComplaintPoint, Person
from portal.data.queries.settings import timescale_policy
from portal.domain.calendar import format_date
from portal.domain.clocks import due_date, start_clock
from portal.domain.types import (
    CaseState,
    ChildStatus,
    ClockEvent,
    Closure,
    Finding,
    Procedure,
    StaffRole,
    SubmitterRole,
    TimescaleStep,
)
from tests.browser.helpers import assert_accessible, sign_in
from tests.browser.keyboard import fill_page, follow_link, press_button
from tests.integration.auth.staff import make_staff, make_team
from tests.integration.casework.conftest import make_case
from tests.integration.stages.conftest import screen

POINTS = [
    "Family time with Riley was cancelled three times without notice.",
    "Nobody returned my calls to the social worker.",
]
REASON = "We are waiting for the records of the family time sessions from the contact centre."


def new_complaint() -> Case:
    case = make_case(
        reference="CF-TST-STG-ONE",
        received_on=uk_today(),
        description="Family time with my son was cancelled again and nobody calls me back.",
        submitter=Person(
            role=SubmitterRole.PARENT, name="Sam Fairweather", email="sam@example.com", contact_methods=["email"]
        ),
    )
    case.children.append(CaseChild(name="Riley Fairweather", age=9))
    db.session.commit()
    return case


def cell(page: Page, key: str) -> str:
    """The value of the summary-list row whose key is exactly ``key`` (the first, when several lists have one)."""
    for row in page.locator("main .govuk-summary-list__row").all():
        if row.locator("dt").inner_text().strip() == key:
            return row.locator("dd").inner_text().strip()
    raise AssertionError(f"No row {key!r}")


def record_findings(page: Page, axe, live_server: str, case: Case, findings: list[str]) -> None:
    page.goto(f"{live_server}/staff/cases/{case.reference}/findings")
    assert_accessible(axe, page)
    points = db.session.query(ComplaintPoint).filter_by(case_id=case.id).order_by(ComplaintPoint.number).all()
    fill_page(page, {f"finding-{point.id}": finding for point, finding in zip(points, findings, strict=True)})
    fill_page(page, {f"notes-{points[0].id}": "Three sessions were cancelled because no worker was free."})
    press_button(page, "Save findings")
    assert "Findings saved" in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(axe, page)


def test_a_statutory_complaint_through_stage_1_with_an_extension_and_the_response(
    page: Page, browser, live_server, axe, app_sends_by_smtp
):
    officer = make_staff()
    team = make_team("Children in Need")
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team, name="Jamie Rivers")
    checker = make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Lake")
    case = new_complaint()
    today = uk_today()
    policy, calendar = timescale_policy(), council_calendar()
    stage_1 = start_clock(Procedure.STATUTORY, TimescaleStep.STAGE_1_RESPONSE, today, policy, calendar)

    # The Complaints Team screens it into the statutory procedure, defines the points, allocates and acknowledges.
    sign_in(page, live_server, officer)
    page.goto(f"{live_server}/staff/cases/{case.reference}/screening")
    fill_page(page, {"child_status": ChildStatus.IN_NEED.value, "decision": Procedure.STATUTORY.value})
    press_button(page, "Save decision")
    for text in POINTS:
        fill_page(page, {"text": text})
        press_button(page, "Add point")
    follow_link(page, "Allocation")
    fill_page(page, {"team": "Children in Need", "manager": "Jamie Rivers"})
    press_button(page, "Allocate")
    press_button(page, "Send acknowledgement")

    # The case page shows Stage 1 with the domain's due date.
    page.goto(f"{live_server}/staff/cases/{case.reference}")
    assert_accessible(axe, page)
    assert format_date(stage_1.due_on) in cell(page, "Due")
    assert page.locator(".app-table--deadlines tbody tr").first.inner_text().startswith("Stage 1 response")

    # An extension to the longest the policy allows (20 working days in all), with the reason the person is told.
    follow_link(page, "Extend the deadline")
    assert_accessible(axe, page)
    assert cell(page, "Latest date allowed") == format_date(stage_1.latest_due_on)
    latest = stage_1.latest_due_on
    fill_page(page, {"new_due_on": [str(latest.day), str(latest.month), str(latest.year)], "reason": REASON})
    press_button(page, "Extend and tell the complainant")
    assert_accessible(axe, page)
    assert format_date(latest) in cell(page, "Due")
    assert REASON in page.locator("#extensions + ul").inner_text()

    # The responding manager, in a browser of their own, records the findings and a remedy and drafts the letter.
    managers = browser.new_context().new_page()
    sign_in(managers, live_server, manager)
    record_findings(managers, axe, live_server, case, [Finding.UPHELD.value, Finding.NOT_UPHELD.value])
    fill_page(managers, {"kind": "apology"})
    press_button(managers, "Add remedy")
    follow_link(managers, "Response")
    assert_accessible(axe, managers)
    press_button(managers, "Draft the response")
    assert_accessible(axe, managers)
    assert "Our finding: upheld." in managers.locator("textarea[name=body]").input_value()
    press_button(managers, "Send for the quality check")
    assert_accessible(axe, managers)

    # Someone else in the Complaints Team checks it and sends it by email.
    checkers = browser.new_context().new_page()
    sign_in(checkers, live_server, checker)
    checkers.goto(f"{live_server}/staff/cases/{case.reference}/response")
    assert_accessible(axe, checkers)
    press_button(checkers, "Approve")
    assert_accessible(axe, checkers)
    fill_page(checkers, {"method": "email"})
    press_button(checkers, "Send the response")
    assert_accessible(axe, checkers)

    last_day = due_date(Procedure.STATUTORY, TimescaleStep.REQUEST_STAGE_2, today, policy, calendar)
    emails = [message for message in app_sends_by_smtp.messages if message["To"] == "sam@example.com"]
    subjects = [message["Subject"] for message in emails]
    assert subjects == [
        f"Your complaint {case.reference}: what happens next",
        f"We need more time to respond to your complaint {case.reference}",
        f"Our response to your complaint {case.reference}",
    ]
    assert REASON in emails[1].get_content() and format_date(latest) in emails[1].get_content()
    assert f"contact us by {format_date(last_day)}" in emails[2].get_content()

    # The case waits for the complainant's Stage 2 request until the domain's last day.
    checkers.goto(f"{live_server}/staff/cases/{case.reference}")
    assert_accessible(axe, checkers)
    assert cell(checkers, "Current step") == "Last day to ask for Stage 2"
    assert format_date(last_day) in cell(checkers, "Due")
    assert "in time" in checkers.locator(".app-table--deadlines tbody tr").first.inner_text()


def corporate_case(officer, manager) -> Case:
    case = new_complaint()
    case.team, case.responding_manager = manager.team, manager
    case.points.extend(ComplaintPoint(number=number, text=text) for number, text in enumerate(POINTS, start=1))
    db.session.commit()
    screen(case, officer, Procedure.CORPORATE)
    today = uk_today()
    with change_case(case, officer, "acknowledgement_sent", fields=("acknowledged_on",)) as change:
        case.acknowledged_on = today
        change.clock_event(ClockEvent.ACKNOWLEDGED, today)
    return case


def test_a_corporate_complaint_through_stage_1_and_closing(page: Page, browser, live_server, axe, app_sends_by_smtp):
    officer = make_staff()
    checker = make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Lake")
    manager = make_staff(
        "jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=make_team("Assessment"), name="Jamie Rivers"
    )
    case = corporate_case(officer, manager)
    today = uk_today()
    policy, calendar = timescale_policy(), council_calendar()

    sign_in(page, live_server, officer)
    page.goto(f"{live_server}/staff/cases/{case.reference}")
    assert_accessible(axe, page)
    stage_1 = start_clock(Procedure.CORPORATE, TimescaleStep.STAGE_1_RESPONSE, today, policy, calendar)
    assert format_date(stage_1.due_on) in cell(page, "Due")

    record_findings(page, axe, live_server, case, [Finding.NOT_UPHELD.value, Finding.NOT_UPHELD.value])
    follow_link(page, "Response")
    press_button(page, "Draft the response")
    press_button(page, "Send for the quality check")
    assert_accessible(axe, page)

    checkers = browser.new_context().new_page()
    sign_in(checkers, live_server, checker)
    checkers.goto(f"{live_server}/staff/cases/{case.reference}/response")
    press_button(checkers, "Approve")
    fill_page(checkers, {"method": "email"})
    press_button(checkers, "Send the response")
    [response] = app_sends_by_smtp.messages
    last_day = due_date(Procedure.CORPORATE, TimescaleStep.REQUEST_STAGE_2, today, policy, calendar)
    assert f"contact us by {format_date(last_day)}" in response.get_content()

    # The complainant is content: the Complaints Team closes it, and the outcome is the findings'.
    follow_link(checkers, "Close the case")
    assert_accessible(axe, checkers)
    assert "The findings on the complaint points give: not upheld." in checkers.locator("main").inner_text()
    fill_page(checkers, {"closure": Closure.RESOLVED.value})
    press_button(checkers, "Close the case")
    assert_accessible(axe, checkers)
    assert cell(checkers, "Current step") == "Closed: resolved"

    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert (case.state, case.closure, case.finding) == (CaseState.CLOSED, Closure.RESOLVED, Finding.NOT_UPHELD)
