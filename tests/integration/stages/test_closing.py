"""Closing: the reason, the outcome the findings give or one staff choose with a reason, each stage's timescale met,
the closing-the-loop hook; and a comment forwarded to the team manager, answered and so closed."""

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent, StageRecord
from portal.data.participation_models import FollowUp
from portal.domain.types import CaseState, ClockEvent, Closure, Finding, Procedure
from tests.integration.casework.conftest import make_case
from tests.integration.stages.conftest import (
    TODAY,
    error_messages,
    findings_post,
    person,
    screen,
    soup,
    stage_1_case,
)


def url(case) -> str:
    return f"/staff/cases/{case.reference}/close"


def responded(case, team, checker_client) -> None:
    reference = case.reference
    team.post(f"/staff/cases/{reference}/findings", data=findings_post(case, "upheld", "not_upheld"))
    team.post(f"/staff/cases/{reference}/response", data={"action": "draft"})
    letter = soup(team.get(f"/staff/cases/{reference}/response"))
    subject = letter.select_one("input[name=subject]")["value"]
    body = letter.select_one("textarea[name=body]").get_text()
    team.post(f"/staff/cases/{reference}/response", data={"action": "submit", "subject": subject, "body": body})
    checker_client.post(f"/staff/cases/{reference}/response", data={"action": "approve"})
    team.post(f"/staff/cases/{reference}/response", data={"action": "send", "method": "email"})


def test_closing_after_stage_1_keeps_the_outcome_the_findings_give_and_the_timescale_met(
    officer, checker, manager, client_for, app_sends_by_smtp
):
    case = stage_1_case(officer, manager, on_behalf_of_child=True)
    case.children[0].knows_and_agrees = "yes"
    db.session.commit()
    team = client_for(officer)
    responded(case, team, client_for(checker))
    page = soup(team.get(url(case)))
    assert "The findings on the complaint points give: partially upheld." in page.get_text()
    assert [cell.get_text(strip=True) for cell in page.select("table tbody tr:first-child td")][-1] == "Yes"
    response = team.post(url(case), data={"closure": "resolved", "outcome": "derived"})
    assert response.status_code == 302
    db.session.refresh(case)
    assert (case.state, case.closure, case.finding, case.outcome_override_reason, case.closed_on) == (
        CaseState.CLOSED,
        Closure.RESOLVED,
        Finding.PARTIALLY_UPHELD,
        None,
        TODAY,
    )
    # A parent's complaint about a child who knows and agrees: the Participation Team follows it up with the child.
    follow_up = db.session.scalar(select(FollowUp).where(FollowUp.case_id == case.id))
    assert follow_up.closed_on == TODAY
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_closed").order_by(AuditEvent.id))
    assert event.detail["changes"]["finding"] == [None, "partially_upheld"]


def test_an_outcome_other_than_the_findings_needs_a_reason(officer, manager, client_for):
    case = stage_1_case(officer, manager)
    team = client_for(officer)
    team.post(f"/staff/cases/{case.reference}/findings", data=findings_post(case, "not_upheld", "not_upheld"))
    response = team.post(url(case), data={"closure": "withdrawn", "outcome": "upheld"})
    assert error_messages(response) == [
        "Enter why the outcome differs from the findings: the findings give “Not upheld”"
    ]
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_1
    team.post(
        url(case),
        data={"closure": "withdrawn", "outcome": "upheld", "override_reason": "The council accepted every point."},
    )
    db.session.refresh(case)
    assert (case.closure, case.finding, case.outcome_override_reason) == (
        Closure.WITHDRAWN,
        Finding.UPHELD,
        "The council accepted every point.",
    )
    [row] = db.session.scalars(select(StageRecord).where(StageRecord.case_id == case.id).order_by(StageRecord.id)).all()
    assert (row.completed_on, row.completed_by) == (TODAY, None)


def test_a_closed_case_cannot_be_closed_again_and_a_closing_reason_is_needed(officer, manager, client_for):
    case = stage_1_case(officer, manager)
    team = client_for(officer)
    response = team.post(url(case), data={"outcome": "derived"})
    assert error_messages(response) == ["Select why the case is closing"]
    team.post(url(case), data={"closure": "not_engaging"})
    response = team.post(url(case), data={"closure": "resolved"})
    assert error_messages(response) == ["This case cannot be closed: closed"]
    assert client_for(manager).get(url(case)).status_code == 403


def test_a_comment_is_forwarded_answered_and_so_closed(officer, manager, client_for, app_sends_by_smtp):
    comment = make_case(received_on=TODAY, submitter=person(), team=manager.team, responding_manager=manager)
    screen(comment, officer, Procedure.COMMENT)
    writer, team = client_for(manager), client_for(officer)
    reference = comment.reference
    writer.post(f"/staff/cases/{reference}/response", data={"action": "draft"})
    page = soup(writer.get(f"/staff/cases/{reference}/response"))
    body = page.select_one("textarea[name=body]").get_text()
    assert "{answer}" in body
    subject = page.select_one("input[name=subject]")["value"]
    response = team.post(
        f"/staff/cases/{reference}/response", data={"action": "send", "method": "email", "subject": subject}
    )
    assert error_messages(response) == ["Replace {answer} in the letter with your own words"]
    answer = "We have moved the family time to Saturdays, as you suggested."
    writer.post(
        f"/staff/cases/{reference}/response",
        data={"action": "save", "subject": subject, "body": body.replace("{answer}", answer)},
    )
    team.post(f"/staff/cases/{reference}/response", data={"action": "send", "method": "email"})
    db.session.refresh(comment)
    assert (comment.state, comment.closure) == (CaseState.CLOSED, Closure.RESOLVED)
    [row] = db.session.scalars(
        select(StageRecord).where(StageRecord.case_id == comment.id).order_by(StageRecord.id)
    ).all()
    assert (row.completed_by, row.completed_on) == (ClockEvent.COMMENT_ANSWERED, TODAY)
    assert answer in app_sends_by_smtp.messages[-1].get_content()
