"""The case-moving service: every move is checked by the domain with the case's progress and hold, keeps the state,
starts and completes the clocks the domain says, audits, queues messages and commits together, or changes nothing."""

from datetime import date

import pytest
from sqlalchemy import select

from portal.case_moves.moving import change_case, in_time, move_case
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import AuditEvent, Case, OutboxMessage, StageRecord
from portal.data.participation_models import FollowUp
from portal.data.queries.settings import timescale_policy
from portal.domain.clocks import due_date, start_clock
from portal.domain.moves import InvalidTransition
from portal.domain.types import CaseState, ClockEvent, Closure, Procedure, Progress, TimescaleStep
from portal.notifications import outbox
from tests.integration.auth.staff import make_staff
from tests.integration.casework.conftest import make_case
from tests.integration.stages.conftest import screen

RECEIVED = date(2027, 1, 4)
SCREENED = date(2027, 1, 6)
RESPONDED = date(2027, 1, 15)


@pytest.fixture
def officer(app_context):
    return make_staff()


def clock(procedure, step, started_on):
    return start_clock(procedure, step, started_on, timescale_policy(), council_calendar())


def screened(officer, procedure=Procedure.STATUTORY, **fields) -> Case:
    case = make_case(received_on=RECEIVED, **fields)
    screen(case, officer, procedure, on=SCREENED)
    return case


def rows(case: Case) -> list[StageRecord]:
    return list(db.session.scalars(select(StageRecord).where(StageRecord.case_id == case.id).order_by(StageRecord.id)))


def test_screening_into_the_statutory_procedure_starts_stage_1_from_receipt(officer):
    case = screened(officer)
    [row] = rows(case)
    expected = clock(Procedure.STATUTORY, TimescaleStep.STAGE_1_RESPONSE, RECEIVED)
    assert (row.state, row.procedure, row.step) == (CaseState.STAGE_1, Procedure.STATUTORY, expected.step)
    assert (row.started_on, row.clock_started_on, row.due_on, row.latest_due_on) == (
        RECEIVED,
        RECEIVED,
        expected.due_on,
        expected.latest_due_on,
    )
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_screened").order_by(AuditEvent.id))
    assert event.detail["changes"]["state"] == ["received", "stage_1"]
    assert event.detail["clocks"]["started"] == [
        {"state": "stage_1", "step": "stage_1_response", "clock_started_on": "2027-01-04", "due_on": "2027-01-18"}
    ]


def test_sending_the_stage_1_response_completes_its_step_and_starts_the_time_to_ask_for_stage_2(officer):
    case = screened(officer)
    move_case(
        case,
        officer,
        CaseState.STAGE_1_RESPONDED,
        on=RESPONDED,
        action="stage_1_response_sent",
        event=ClockEvent.STAGE_1_RESPONSE_SENT,
    )
    stage_1, window = rows(case)
    assert (stage_1.completed_on, stage_1.completed_by, in_time(stage_1)) == (
        RESPONDED,
        ClockEvent.STAGE_1_RESPONSE_SENT,
        True,
    )
    assert (window.step, window.clock_started_on) == (TimescaleStep.REQUEST_STAGE_2, RESPONDED)
    policy, calendar = timescale_policy(), council_calendar()
    assert window.due_on == due_date(Procedure.STATUTORY, TimescaleStep.REQUEST_STAGE_2, RESPONDED, policy, calendar)
    assert case.progress is Progress.STAGE_1


def test_a_case_closed_after_stage_1_reopens_only_into_stage_2_never_straight_into_stage_3(officer):
    case = screened(officer)
    move_case(
        case, officer, CaseState.STAGE_1_RESPONDED, on=RESPONDED, action="sent", event=ClockEvent.STAGE_1_RESPONSE_SENT
    )
    move_case(case, officer, CaseState.CLOSED, on=date(2027, 2, 20), action="closed", closure=Closure.RESOLVED)
    assert (case.state, case.progress, case.closure) == (CaseState.CLOSED, Progress.STAGE_1, Closure.RESOLVED)
    events_before = db.session.scalar(select(db.func.count(AuditEvent.id)))

    with pytest.raises(InvalidTransition):
        move_case(case, officer, CaseState.STAGE_3_REQUESTED, on=date(2027, 2, 22), action="reopened")
    db.session.refresh(case)
    assert case.state is CaseState.CLOSED
    assert db.session.scalar(select(db.func.count(AuditEvent.id))) == events_before

    move_case(
        case,
        officer,
        CaseState.STAGE_2_REQUESTED,
        on=date(2027, 2, 22),
        action="stage_2_requested",
        event=ClockEvent.STAGE_2_REQUESTED,
    )
    assert (case.state, case.closure, case.closed_on) == (CaseState.STAGE_2_REQUESTED, None, None)


def test_a_corporate_stage_1_clock_waits_for_the_acknowledgement(officer):
    case = screened(officer, procedure=Procedure.CORPORATE)
    [row] = rows(case)
    assert (row.step, row.clock_started_on, row.due_on) == (TimescaleStep.STAGE_1_RESPONSE, None, None)
    acknowledged = date(2027, 1, 8)
    with change_case(case, officer, "acknowledgement_sent", fields=("acknowledged_on",)) as change:
        case.acknowledged_on = acknowledged
        change.clock_event(ClockEvent.ACKNOWLEDGED, acknowledged)
    [row] = rows(case)
    expected = clock(Procedure.CORPORATE, TimescaleStep.STAGE_1_RESPONSE, acknowledged)
    assert (row.clock_started_on, row.due_on, row.latest_due_on) == (
        acknowledged,
        expected.due_on,
        expected.latest_due_on,
    )


def test_a_corporate_case_screened_again_after_its_acknowledgement_keeps_that_clock(officer):
    case = screened(officer, acknowledged_on=date(2027, 1, 5))
    move_case(case, officer, CaseState.STAGE_1, on=date(2027, 1, 7), action="rescreened", procedure=Procedure.CORPORATE)
    old, new = rows(case)
    assert old.completed_on == date(2027, 1, 7) and old.completed_by is None
    assert (new.procedure, new.clock_started_on) == (Procedure.CORPORATE, date(2027, 1, 5))


def test_a_hold_remembers_where_it_came_from_and_restarts_the_clock_when_it_ends(officer):
    case = screened(officer)
    move_case(case, officer, CaseState.ON_HOLD, on=date(2027, 1, 8), action="held", review_on=date(2027, 3, 1))
    assert (case.state, case.held_from) == (CaseState.ON_HOLD, "stage_1")
    hold = rows(case)[-1]
    assert (hold.state, hold.step, hold.due_on) == (CaseState.ON_HOLD, None, date(2027, 3, 1))

    with pytest.raises(InvalidTransition):
        move_case(case, officer, CaseState.STAGE_2, on=date(2027, 2, 1), action="ended")
    ended = date(2027, 2, 1)
    move_case(case, officer, CaseState.STAGE_1, on=ended, action="ended", clock_restarts_on=ended)
    restarted = rows(case)[-1]
    assert (case.held_from, restarted.clock_started_on) == (None, ended)
    assert restarted.due_on == clock(Procedure.STATUTORY, TimescaleStep.STAGE_1_RESPONSE, ended).due_on


def test_closing_calls_the_closing_the_loop_hook_and_a_comment_answered_is_in_time(officer):
    case = make_case(received_on=RECEIVED, made_by_child=True)
    screen(case, officer, Procedure.COMMENT, on=SCREENED)
    move_case(
        case,
        officer,
        CaseState.CLOSED,
        on=date(2027, 1, 12),
        action="case_closed",
        closure=Closure.RESOLVED,
        event=ClockEvent.COMMENT_ANSWERED,
    )
    [row] = rows(case)
    assert (row.completed_by, in_time(row)) == (ClockEvent.COMMENT_ANSWERED, True)
    assert db.session.scalar(select(FollowUp.case_id)) == case.id


def test_messages_queued_in_a_change_are_committed_with_it_and_none_when_it_is_refused(officer, app_sends_by_smtp):
    case = screened(officer)
    with pytest.raises(InvalidTransition):
        with change_case(case, officer, "refused") as change:
            change.queue([outbox.queue_email("sam@example.com", "test", "Refused", "Never sent", case_id=case.id)])
            change.move(CaseState.STAGE_3_FINDINGS, date(2027, 1, 8))
    assert db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id)) is None

    with change_case(case, officer, "held") as change:
        change.move(CaseState.ON_HOLD, date(2027, 1, 8), review_on=date(2027, 3, 1))
        change.queue([outbox.queue_email("sam@example.com", "test", "On hold", "It waits", case_id=case.id)])
    outbox.deliver_now(change.message_ids)
    assert [message["Subject"] for message in app_sends_by_smtp.messages] == ["On hold"]
