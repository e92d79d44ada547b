"""Acceptance (issue 11): a corporate case runs Stage 1 and a Stage 2 review through the pages; assigning the Stage 1
handler to Stage 2 is refused with a message, unless the council's setting allows it; the request is screened,
acknowledged within the Code's 5 working days with the date of the answer as the domain counts it, or refused with
the reason and the Ombudsman's details."""

from sqlalchemy import select

from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import AuditEvent, StageRecord
from portal.data.queries.settings import council_settings, timescale_policy
from portal.data.stage_models import ResponseLetter
from portal.domain.calendar import format_date
from portal.domain.clocks import due_date
from portal.domain.types import CaseState, Closure, LetterStatus, Procedure, Progress, StaffRole, TimescaleStep
from tests.integration.auth.staff import make_staff
from tests.integration.escalation.conftest import day, page, send_response
from tests.integration.stages.conftest import TODAY, error_messages, soup, stage_1_case

CORPORATE = Procedure.CORPORATE
HANDLER_REFUSED = (
    "Jamie Rivers handled Stage 1. Choose someone who did not answer Stage 1: the Complaint Handling Code says Stage 2 "
    "is answered by someone else."
)


def letter(case, kind) -> ResponseLetter:
    db.session.expire_all()
    return db.session.scalars(
        select(ResponseLetter)
        .where(ResponseLetter.case_id == case.id, ResponseLetter.kind == kind)
        .order_by(ResponseLetter.id)
    ).one()


def due(step, started_on, procedure=CORPORATE):
    return due_date(procedure, step, started_on, timescale_policy(), council_calendar())


def test_a_corporate_case_runs_stage_1_and_a_stage_2_review(officer, checker, manager, client_for, app_sends_by_smtp):
    reviewer = make_staff("robin.feltham@anytown.example", StaffRole.RESPONDING_MANAGER, name="Robin Feltham")
    case = stage_1_case(officer, manager, procedure=CORPORATE)
    team, other, writer = client_for(officer), client_for(checker), client_for(manager)
    send_response(case, writer, other, team)
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_1_RESPONDED

    response = team.post(
        page(case, "/stage-2/request"),
        data={"requested_on": day(TODAY), "details": "The visits are still being cancelled."},
    )
    assert response.status_code == 302, error_messages(response)
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_2_REQUESTED
    stage_2_page = soup(team.get(page(case, "/stage-2"))).get_text(" ", strip=True)
    acknowledge_by = due(TimescaleStep.STAGE_2_ACKNOWLEDGE, TODAY)
    assert f"stage 2 acknowledgement due {format_date(acknowledge_by)}" in stage_2_page

    # The Stage 1 handler may not review Stage 2: the Complaint Handling Code.
    response = team.post(page(case, "/stage-2/people"), data={"reviewer": str(manager.id)})
    assert error_messages(response) == [HANDLER_REFUSED]
    assert case.stage_2s[-1].investigating_officer_id is None
    response = team.post(page(case, "/stage-2/screening"), data={"decision": "accept", "method": "email"})
    assert error_messages(response) == ["Choose the Stage 2 reviewer first"]

    team.post(page(case, "/stage-2/people"), data={"reviewer": str(reviewer.id)})
    response = team.post(page(case, "/stage-2/screening"), data={"decision": "accept", "method": "email"})
    assert response.status_code == 302, error_messages(response)
    db.session.refresh(case)
    answer_by = due(TimescaleStep.STAGE_2_RESPONSE, TODAY)
    acknowledgement = app_sends_by_smtp.messages[-1]
    assert acknowledgement["Subject"] == f"We will review your complaint {case.reference} at Stage 2"
    assert f"We will send you our response by {format_date(answer_by)}." in acknowledgement.get_content()
    assert "Robin Feltham, who did not deal with your complaint at Stage 1, will review it." in (
        acknowledgement.get_content().replace("\n", " ")
    )
    stage_2 = case.stage_2s[-1]
    assert (case.state, stage_2.accepted, stage_2.acknowledged_on) == (CaseState.STAGE_2, True, TODAY)
    rows = {
        row.step: row
        for row in db.session.scalars(
            select(StageRecord).where(StageRecord.case_id == case.id).order_by(StageRecord.id)
        )
    }
    assert rows[TimescaleStep.STAGE_2_ACKNOWLEDGE].completed_on == TODAY
    assert (rows[TimescaleStep.STAGE_2_RESPONSE].due_on, rows[TimescaleStep.STAGE_2_RESPONSE].handler_id) == (
        answer_by,
        reviewer.id,
    )

    # The reviewer now sees the case and answers it; the Complaints Team checks and sends the answer.
    reviewing = client_for(reviewer)
    assert reviewing.get(page(case, "/stage-2")).status_code == 200
    send_response(case, reviewing, other, team)
    db.session.refresh(case)
    assert (case.state, case.progress, case.closure) == (CaseState.CLOSED, Progress.STAGE_2, Closure.RESOLVED)
    answer = app_sends_by_smtp.messages[-1]
    assert answer["Subject"] == f"Our Stage 2 response to your complaint {case.reference}"
    assert "Local Government and Social Care Ombudsman" in answer.get_content()
    assert "Robin Feltham" in answer.get_content()
    assert case.stage_2s[-1].response_sent_on == TODAY
    assert (
        db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "stage_2_request_accepted").order_by(AuditEvent.id)
        )
        is not None
    )


def test_the_council_may_let_the_stage_1_handler_review_stage_2(officer, manager, client_for):
    council_settings().timescale_overrides = {"corporate": {"stage_1_handler_may_handle_stage_2": True}}
    db.session.commit()
    case = stage_1_case(officer, manager, procedure=CORPORATE)
    case.stages[0].handler_id = manager.id
    case.state = CaseState.STAGE_2_REQUESTED
    db.session.commit()
    team = client_for(officer)
    response = team.post(page(case, "/stage-2/people"), data={"reviewer": str(manager.id)})
    assert response.status_code == 302, error_messages(response)
    assert case.stage_2s[-1].investigating_officer_id == manager.id


def test_a_refused_request_says_why_points_to_the_ombudsman_and_closes_the_case(
    officer, checker, manager, client_for, app_sends_by_smtp
):
    case = stage_1_case(officer, manager, procedure=CORPORATE)
    team = client_for(officer)
    send_response(case, client_for(manager), client_for(checker), team)
    team.post(page(case, "/stage-2/request"), data={"requested_on": day(TODAY)})
    response = team.post(page(case, "/stage-2/screening"), data={"decision": "refuse", "method": "email"})
    assert error_messages(response) == ["Enter why the request is refused"]
    reason = "You have not told us anything the Stage 1 response did not consider."
    response = team.post(
        page(case, "/stage-2/screening"), data={"decision": "refuse", "refusal_reason": reason, "method": "email"}
    )
    assert response.status_code == 302
    db.session.refresh(case)
    assert (case.state, case.closure, case.progress) == (CaseState.CLOSED, Closure.NOT_ACCEPTED, Progress.STAGE_1)
    refusal = app_sends_by_smtp.messages[-1]
    assert reason in refusal.get_content()
    assert "Local Government and Social Care Ombudsman" in refusal.get_content()
    sent = letter(case, "corporate_stage_2_refusal")
    assert (sent.status, sent.method, sent.sent_on) == (LetterStatus.SENT, "email", TODAY)
    assert (case.stage_2s[-1].accepted, case.stage_2s[-1].refusal_reason) == (False, reason)


def test_a_reviewer_from_another_team_sees_the_case_only_while_the_review_is_theirs(
    officer, checker, manager, client_for
):
    first = make_staff("robin.feltham@anytown.example", StaffRole.RESPONDING_MANAGER, name="Robin Feltham")
    second = make_staff("sasha.moor@anytown.example", StaffRole.RESPONDING_MANAGER, name="Sasha Moor")
    case = stage_1_case(officer, manager, procedure=CORPORATE)
    team = client_for(officer)
    send_response(case, client_for(manager), client_for(checker), team)
    team.post(page(case, "/stage-2/request"), data={"requested_on": day(TODAY)})
    first_client, second_client = client_for(first), client_for(second)
    assert first_client.get(page(case, "/stage-2")).status_code == 404

    team.post(page(case, "/stage-2/people"), data={"reviewer": str(first.id)})
    assert first_client.get(page(case, "/stage-2")).status_code == 200
    assert case.reference in first_client.get("/staff/cases?queue=mine").get_data(as_text=True)

    # The Complaints Team gives the review to someone else: the first reviewer no longer sees the case.
    team.post(page(case, "/stage-2/people"), data={"reviewer": str(second.id)})
    assert first_client.get(page(case, "/stage-2")).status_code == 404
    assert case.reference not in first_client.get("/staff/cases?queue=all").get_data(as_text=True)
    assert second_client.get(page(case, "/stage-2")).status_code == 200
    assert case.assignments == []
