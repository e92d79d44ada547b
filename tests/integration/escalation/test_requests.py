"""Asking for the next stage: checked against the complainant's window by the domain, late requests only with the
council's reason, closed cases reopened only into the stage after their last response, and the same service for the
tracking pages (no member of staff) and for staff."""

from datetime import date

import pytest
from sqlalchemy import select

from portal.case_moves.moving import in_time, move_case
from portal.case_moves.requests import (
    InvalidRequest,
    current_panel,
    current_stage_2,
    last_day_to_ask,
    record_stage_2_request,
    record_stage_3_request,
    requestable_stage,
)
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import AuditEvent, StageRecord
from portal.data.queries.settings import timescale_policy
from portal.domain.clocks import due_date
from portal.domain.types import CaseState, ClockEvent, Closure, Procedure, TimescaleStep
from tests.integration.escalation.conftest import RESPONDED, responded


def window(procedure=Procedure.STATUTORY, step=TimescaleStep.REQUEST_STAGE_2, opened=RESPONDED) -> date:
    return due_date(procedure, step, opened, timescale_policy(), council_calendar())


def test_a_request_in_time_moves_to_stage_2_requested_and_completes_the_window_in_time(officer):
    case = responded(officer)
    assert (requestable_stage(case), last_day_to_ask(case)) == (2, window())
    change = record_stage_2_request(
        case, date(2027, 1, 20), False, user=officer, details="They still cancel visits", today=date(2027, 1, 21)
    )
    assert case.state is CaseState.STAGE_2_REQUESTED
    stage_2 = current_stage_2(case)
    assert (stage_2.requested_on, stage_2.request_last_day, stage_2.request_in_time, stage_2.late_reason) == (
        date(2027, 1, 20),
        window(),
        True,
        None,
    )
    assert (stage_2.requested_through, stage_2.request_recorded_by_id, stage_2.request_details) == (
        "staff",
        officer.id,
        "They still cancel visits",
    )
    [asked] = [row for row in case.stages if row.step is TimescaleStep.REQUEST_STAGE_2]
    assert (asked.completed_on, asked.completed_by, in_time(asked)) == (
        date(2027, 1, 20),
        ClockEvent.STAGE_2_REQUESTED,
        True,
    )
    assert change.message_ids == []


def test_a_late_request_needs_the_councils_reason_and_is_kept_as_late(officer):
    case = responded(officer)
    late = window() + (date(2027, 3, 1) - date(2027, 2, 26))
    with pytest.raises(InvalidRequest, match="the last day to ask"):
        record_stage_2_request(case, late, False, user=officer, today=late)
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_1_RESPONDED
    record_stage_2_request(case, late, False, "They were in hospital", user=officer, today=late)
    stage_2 = current_stage_2(case)
    assert (stage_2.request_in_time, stage_2.late_reason) == (False, "They were in hospital")
    [asked] = [row for row in case.stages if row.step is TimescaleStep.REQUEST_STAGE_2]
    assert in_time(asked) is False


@pytest.mark.parametrize(
    ("asked", "message"),
    [(date(2027, 1, 14), "before the response"), (date(2027, 1, 25), "today or in the past")],
)
def test_a_request_cannot_be_dated_before_the_response_or_in_the_future(officer, asked, message):
    case = responded(officer)
    with pytest.raises(InvalidRequest, match=message):
        record_stage_2_request(case, asked, False, user=officer, today=date(2027, 1, 22))


def test_on_the_tracking_pages_the_complainant_asks_with_no_member_of_staff_and_it_is_audited(officer):
    case = responded(officer)
    record_stage_2_request(case, date(2027, 1, 22), True, details="Please look again", today=date(2027, 1, 22))
    stage_2 = current_stage_2(case)
    assert (stage_2.requested_through, stage_2.request_recorded_by_id) == ("online", None)
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "stage_2_requested").order_by(AuditEvent.id)
    )
    assert event.actor_id is None
    assert event.detail["requested_through"] == "online"


def test_a_case_closed_after_stage_1_reopens_only_into_stage_2_never_stage_3(officer):
    case = responded(officer)
    move_case(case, officer, CaseState.CLOSED, on=date(2027, 3, 1), action="closed", closure=Closure.NOT_PURSUED)
    assert requestable_stage(case) == 2
    with pytest.raises(InvalidRequest, match="review panel"):
        record_stage_3_request(case, date(2027, 3, 2), False, "Late", user=officer, today=date(2027, 3, 2))
    record_stage_2_request(case, date(2027, 3, 2), False, "They were in hospital", user=officer, today=date(2027, 3, 2))
    assert (case.state, case.closure) == (CaseState.STAGE_2_REQUESTED, None)


def test_a_corporate_request_starts_the_five_working_days_to_acknowledge_it(officer):
    case = responded(officer, procedure=Procedure.CORPORATE)
    record_stage_2_request(case, date(2027, 1, 20), False, user=officer, today=date(2027, 1, 20))
    [row] = db.session.scalars(
        select(StageRecord)
        .where(StageRecord.case_id == case.id, StageRecord.state == CaseState.STAGE_2_REQUESTED)
        .order_by(StageRecord.id)
    )
    expected = due_date(
        Procedure.CORPORATE,
        TimescaleStep.STAGE_2_ACKNOWLEDGE,
        date(2027, 1, 20),
        timescale_policy(),
        council_calendar(),
    )
    assert (row.step, row.clock_started_on, row.due_on) == (
        TimescaleStep.STAGE_2_ACKNOWLEDGE,
        date(2027, 1, 20),
        expected,
    )


def test_a_review_panel_is_asked_for_within_20_working_days_of_the_adjudication(officer):
    case = responded(officer)
    record_stage_2_request(case, date(2027, 1, 20), False, user=officer, today=date(2027, 1, 20))
    adjudicated = date(2027, 3, 1)
    move_case(
        case, officer, CaseState.STAGE_2, on=date(2027, 1, 25), action="tor", event=ClockEvent.TERMS_OF_REFERENCE_AGREED
    )
    move_case(
        case, officer, CaseState.STAGE_2_ADJUDICATED, on=adjudicated, action="sent", event=ClockEvent.ADJUDICATION_SENT
    )
    last = window(step=TimescaleStep.REQUEST_STAGE_3, opened=adjudicated)
    assert (requestable_stage(case), last_day_to_ask(case)) == (3, last)
    record_stage_3_request(case, last, True, today=last)
    panel = current_panel(case)
    assert (case.state, panel.request_in_time, panel.requested_through) == (CaseState.STAGE_3_REQUESTED, True, "online")
    [meeting] = [row for row in case.stages if row.step is TimescaleStep.STAGE_3_PANEL]
    assert meeting.due_on == due_date(
        Procedure.STATUTORY, TimescaleStep.STAGE_3_PANEL, last, timescale_policy(), council_calendar()
    )


def test_nothing_can_be_asked_for_before_the_stage_1_response(officer):
    case = responded(officer)
    move_case(case, officer, CaseState.STAGE_2_REQUESTED, on=date(2027, 1, 20), action="asked")
    assert requestable_stage(case) is None
    with pytest.raises(InvalidRequest, match="cannot be asked for now"):
        record_stage_2_request(case, date(2027, 1, 20), False, user=officer, today=date(2027, 1, 20))
