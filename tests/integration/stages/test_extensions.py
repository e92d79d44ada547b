"""Extensions: up to the policy's limit (statutory Stage 1 to 20 working days in all, corporate Stage 1 once only),
with a reason and a new working day; the complainant is told; the case summary shows the new date and the history."""

from datetime import date

from sqlalchemy import select

from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import AuditEvent, StageRecord
from portal.data.queries.settings import timescale_policy
from portal.data.stage_models import Extension
from portal.domain.calendar import format_date
from portal.domain.clocks import start_clock
from portal.domain.types import Procedure, TimescaleStep
from tests.integration.stages.conftest import RECEIVED, error_messages, soup, stage_1_case


def url(case) -> str:
    return f"/staff/cases/{case.reference}/extension"


def parts(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def clock(procedure, started_on):
    return start_clock(procedure, TimescaleStep.STAGE_1_RESPONSE, started_on, timescale_policy(), council_calendar())


def stage_row(case) -> StageRecord:
    db.session.expire_all()
    return db.session.scalars(select(StageRecord).where(StageRecord.case_id == case.id).order_by(StageRecord.id)).one()


def test_a_statutory_stage_1_extension_to_the_latest_date_tells_the_complainant(
    officer, manager, client_for, app_sends_by_smtp
):
    case = stage_1_case(officer, manager)
    limit = clock(Procedure.STATUTORY, RECEIVED).latest_due_on
    team = client_for(officer)
    page = soup(team.get(url(case)))
    assert format_date(limit) in page.get_text()
    reason = "The complaint is complex: we are waiting for records from the school."
    response = team.post(url(case), data={"new_due_on": parts(limit), "reason": reason, "method": "email"})
    assert response.status_code == 302
    row = stage_row(case)
    assert (row.extended_to, row.current_due_on) == (limit, limit)
    assert row.case.next_due_on == limit, "the case list's due date"
    [extension] = row.extensions
    assert (extension.reason, extension.granted_by_id, extension.told_by) == (reason, officer.id, "email")
    [email] = app_sends_by_smtp.messages
    assert reason in email.get_content() and format_date(limit) in email.get_content()
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "deadline_extended").order_by(AuditEvent.id)
    )
    assert event.detail["changes"]["due_on"] == [row.due_on.isoformat(), limit.isoformat()]
    summary = soup(team.get(f"/staff/cases/{case.reference}"))
    assert reason in summary.select_one("#extensions + ul").get_text()
    assert f"Extended from {format_date(row.due_on)}" in summary.select_one(".app-table--deadlines").get_text()


def test_an_extension_past_the_limit_or_to_a_weekend_is_refused(officer, manager, client_for):
    case = stage_1_case(officer, manager)
    limit = clock(Procedure.STATUTORY, RECEIVED).latest_due_on
    team = client_for(officer)
    late = date.fromordinal(limit.toordinal() + 1)
    response = team.post(url(case), data={"new_due_on": parts(late), "reason": "Complex", "method": "email"})
    assert error_messages(response)[0].startswith(f"The new due date cannot be later than {format_date(limit)}")
    saturday = date(2027, 3, 20)
    response = team.post(url(case), data={"new_due_on": parts(saturday), "reason": "Complex", "method": "email"})
    assert error_messages(response) == [f"{format_date(saturday)} is not a working day: choose a working day."]
    response = team.post(url(case), data={"new_due_on": parts(limit), "reason": "", "method": "email"})
    assert error_messages(response) == ["Enter why more time is needed"]
    assert db.session.scalar(select(Extension)) is None


def test_a_corporate_stage_1_is_extended_once_only(officer, manager, client_for):
    case = stage_1_case(officer, manager, procedure=Procedure.CORPORATE)
    row = stage_row(case)
    first = date.fromordinal(row.due_on.toordinal() + 1)
    while first.weekday() >= 5:
        first = date.fromordinal(first.toordinal() + 1)
    team = client_for(officer)
    team.post(url(case), data={"new_due_on": parts(first), "reason": "Records needed", "method": "email"})
    assert stage_row(case).extended_to == first
    second = date.fromordinal(first.toordinal() + 1)
    response = team.post(url(case), data={"new_due_on": parts(second), "reason": "Again", "method": "email"})
    assert "has been extended once already" in soup(response).get_text()
    assert stage_row(case).extended_to == first


def test_only_the_complaints_team_extends_deadlines(officer, manager, client_for):
    case = stage_1_case(officer, manager)
    assert client_for(manager).get(url(case)).status_code == 403
