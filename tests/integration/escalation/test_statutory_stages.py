"""A statutory complaint from its Stage 1 response to the Ombudsman, through the staff pages: the Stage 2 request,
mediation declined, the investigation's people (the Stage 1 handler refused), the terms of reference starting the
25-working-day clock, an extension to 65, the report, findings, recommendations turned into actions, the adjudication
to the SMTP sink, the closing date and cost; the review panel (the Stage 2 Independent Person refused), its meeting,
findings and the council's response closing the case; then the Ombudsman's investigation, decision and two remedies.
Every date asserted is the domain's."""

import io
from datetime import date

from sqlalchemy import select

from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import AuditEvent, StageRecord
from portal.data.queries.settings import timescale_policy
from portal.domain.calendar import format_date
from portal.domain.clocks import due_date
from portal.domain.extensions import extension_limit
from portal.domain.types import (
    CaseState,
    Closure,
    OmbudsmanDecision,
    Procedure,
    Progress,
    RemedyKind,
    StaffRole,
    TimescaleStep,
)
from tests.integration.auth.staff import make_staff
from tests.integration.escalation.conftest import day, page, send_response
from tests.integration.learning.conftest import add_categories
from tests.integration.stages.conftest import TODAY, error_messages, findings_post, soup, stage_1_case

STATUTORY = Procedure.STATUTORY
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def due(step, started_on) -> date:
    return due_date(STATUTORY, step, started_on, timescale_policy(), council_calendar())


def row_for(case, step) -> StageRecord:
    db.session.expire_all()
    return db.session.scalars(
        select(StageRecord).where(StageRecord.case_id == case.id, StageRecord.step == step).order_by(StageRecord.id)
    ).all()[-1]


def posted(client, url, data, **kwargs):
    response = client.post(url, data=data, **kwargs)
    assert response.status_code == 302, (url, error_messages(response))
    return response


def test_a_statutory_complaint_from_stage_2_to_the_ombudsman(
    officer, checker, manager, client_for, app_sends_by_smtp, storage
):
    investigator = make_staff("ira.quennell@example.org", StaffRole.INVESTIGATOR, name="Ira Quennell")
    independent = make_staff("pat.oduya@example.org", StaffRole.INVESTIGATOR, name="Pat Oduya")
    adjudicator = make_staff("alex.brannock@anytown.example", StaffRole.RESPONDING_MANAGER, name="Alex Brannock")
    case = stage_1_case(officer, manager)
    team, other = client_for(officer), client_for(checker)
    send_response(case, client_for(manager), other, team)

    # The request for Stage 2, in time.
    posted(team, page(case, "/stage-2/request"), {"requested_on": day(TODAY), "details": "Visits still cancelled"})
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_2_REQUESTED
    assert case.stage_2s[-1].request_last_day == due(TimescaleStep.REQUEST_STAGE_2, TODAY)

    # Mediation offered and not accepted: Stage 2 goes ahead.
    posted(team, page(case, "/mediation/offer"), {"offered_on": day(TODAY), "mediator_name": "Alex Brannock"})
    posted(team, page(case, "/mediation/answer"), {"accepted": "no", "answered_on": day(TODAY)})
    db.session.refresh(case)
    assert (case.state, case.mediations[-1].accepted) == (CaseState.STAGE_2_REQUESTED, False)

    # The Stage 1 handler may not investigate; the Independent Person is someone else again.
    people = {"investigating_officer": manager.id, "independent_person": independent.id, "adjudicating_officer": ""}
    response = team.post(page(case, "/stage-2/people"), data=people)
    assert error_messages(response) == [
        "Jamie Rivers handled Stage 1. Choose someone who did not answer Stage 1: a Stage 2 investigation is "
        "independent of Stage 1."
    ]
    people |= {"investigating_officer": investigator.id, "independent_person": investigator.id}
    response = team.post(page(case, "/stage-2/people"), data=people)
    assert error_messages(response) == ["The Independent Person must be someone other than the Investigating Officer"]
    response = team.post(page(case, "/stage-2/terms-of-reference"), data={"agreed_on": day(TODAY)})
    assert error_messages(response) == ["Record the Investigating Officer and the Independent Person first"]
    people |= {"independent_person": independent.id, "adjudicating_officer": adjudicator.id}
    posted(team, page(case, "/stage-2/people"), people)

    # The terms of reference start the 25 working days; the investigators now see the case.
    posted(team, page(case, "/stage-2/terms-of-reference"), {"agreed_on": day(TODAY)})
    investigation = row_for(case, TimescaleStep.STAGE_2_RESPONSE)
    assert (investigation.clock_started_on, investigation.due_on, investigation.handler_id) == (
        TODAY,
        due(TimescaleStep.STAGE_2_RESPONSE, TODAY),
        investigator.id,
    )
    investigating = client_for(investigator)
    assert f"due {format_date(investigation.due_on)}" in soup(investigating.get(page(case, "/stage-2"))).get_text()

    # Extended to 65 working days, the most the Regulations allow.
    limit = extension_limit(STATUTORY, TimescaleStep.STAGE_2_RESPONSE, TODAY, timescale_policy(), council_calendar())
    assert limit == due_date(
        STATUTORY, TimescaleStep.STAGE_2_RESPONSE, TODAY, timescale_policy(), council_calendar(), extended=True
    )
    posted(
        team,
        page(case, "/extension"),
        {"new_due_on": day(limit), "reason": "The investigation needs more interviews.", "method": "email"},
    )
    assert row_for(case, TimescaleStep.STAGE_2_RESPONSE).current_due_on == limit
    assert "The investigation needs more interviews." in app_sends_by_smtp.messages[-1].get_content()

    # The investigator adds the report and the findings; the team records a recommendation with an action.
    posted(
        investigating,
        page(case, "/stage-2/report"),
        {"report": (io.BytesIO(PDF), "report.pdf")},
        content_type="multipart/form-data",
    )
    db.session.refresh(case)
    assert (case.stage_2s[-1].report.filename, case.stage_2s[-1].report_received_on) == ("report.pdf", TODAY)
    category = add_categories()[0]
    recommendation = {
        "text": "Managers check cover for family time when staff are away.",
        "accepted": "yes",
        "response": "The team manager sets up a cover rota.",
        "action_owner": str(manager.id),
        "action_due_on": day(date(2027, 6, 1)),
    }
    response = team.post(page(case, "/recommendations"), data=recommendation)
    assert error_messages(response) == ["Choose the learning category of the action"]
    posted(team, page(case, "/recommendations"), recommendation | {"action_category": str(category.id)})
    [planned] = case.recommendations
    action = planned.learning_action
    assert (action.description, action.owner_id, action.due_on) == (
        "The team manager sets up a cover rota.",
        manager.id,
        date(2027, 6, 1),
    )
    assert (action.record.case_id, action.record.category_id) == (case.id, category.id)
    assert "Managers check cover" in action.record.summary

    # The adjudication: drafted, checked by someone else and emailed with the last day to ask for a review panel.
    posted(investigating, page(case, "/findings"), findings_post(case, "partially_upheld", "not_upheld"))
    assert [point.finding.value for point in case.points] == ["partially_upheld", "not_upheld"]
    send_response(case, client_for(adjudicator), other, team, findings=("partially_upheld", "not_upheld"))
    db.session.refresh(case)
    assert (case.state, case.progress) == (CaseState.STAGE_2_ADJUDICATED, Progress.STAGE_2)
    adjudication = app_sends_by_smtp.messages[-1]
    text = adjudication.get_content()
    subject = " ".join(adjudication["Subject"].split())
    assert subject == f"Our response to the Stage 2 investigation of your complaint {case.reference}"
    assert f"contact us by {format_date(due(TimescaleStep.REQUEST_STAGE_3, TODAY))}" in text.replace("\n", " ")
    assert "Alex Brannock\nAdjudicating Officer" in text
    assert "Managers check cover for family time when staff are away. We accept this" in text
    assert case.stage_2s[-1].response_sent_on == TODAY
    posted(team, page(case, "/stage-2/closing"), {"closed_on": day(TODAY), "cost": "1,250.50"})
    assert (case.stage_2s[-1].closed_on, case.stage_2s[-1].cost_pence) == (TODAY, 125050)

    # The review panel: never the Stage 2 Independent Person.
    posted(team, page(case, "/stage-3/request"), {"requested_on": day(TODAY)})
    panel = {
        "name-1": "Pat Oduya",
        "independent-1": "y",
        "name-2": "Lee Harrow",
        "independent-2": "y",
        "name-3": "Kim Osei",
        "independent-3": "y",
        "chair": "2",
    }
    response = team.post(page(case, "/stage-3/panel"), data=panel)
    assert error_messages(response) == [
        "Pat Oduya was the Stage 2 Independent Person, who may not sit on the review panel."
    ]
    posted(team, page(case, "/stage-3/panel"), panel | {"name-1": "Dana Welby"})
    meeting = row_for(case, TimescaleStep.STAGE_3_PANEL)
    assert meeting.due_on == due(TimescaleStep.STAGE_3_PANEL, TODAY)
    posted(team, page(case, "/stage-3/held"), {"held_on": day(TODAY)})
    assert row_for(case, TimescaleStep.STAGE_3_FINDINGS).due_on == due(TimescaleStep.STAGE_3_FINDINGS, TODAY)
    posted(team, page(case, "/stage-3/findings-received"), {"received_on": day(TODAY)})
    assert row_for(case, TimescaleStep.STAGE_3_RESPONSE).due_on == due(TimescaleStep.STAGE_3_RESPONSE, TODAY)
    send_response(case, team, other, team, findings=("partially_upheld", "not_upheld"))
    db.session.refresh(case)
    assert (case.state, case.progress, case.closure) == (CaseState.CLOSED, Progress.STAGE_3, Closure.RESOLVED)
    assert [member.name for member in case.review_panels[-1].members] == ["Dana Welby", "Lee Harrow", "Kim Osei"]
    assert "The review panel met on" in app_sends_by_smtp.messages[-1].get_content()

    # The Ombudsman investigates, finds fault, and the council agrees two remedies, tracked until evidenced.
    posted(
        team,
        page(case, "/ombudsman"),
        {"reference": "26 012 345", "status": "investigation", "received_on": day(TODAY)},
    )
    db.session.refresh(case)
    assert case.state is CaseState.OMBUDSMAN
    posted(
        team,
        page(case, "/ombudsman/decision"),
        {"decision": "fault_found", "decided_on": day(TODAY), "summary": "Delay at Stage 1."},
    )
    posted(team, page(case, "/ombudsman/remedies"), {"kind": "apology", "due_on": day(date(2027, 4, 8))})
    response = team.post(page(case, "/ombudsman/remedies"), data={"kind": "financial_payment", "due_on": day(TODAY)})
    assert error_messages(response) == ["Enter the amount of the payment"]
    posted(
        team,
        page(case, "/ombudsman/remedies"),
        {"kind": "financial_payment", "description": "Time and trouble", "amount": "180", "due_on": day(TODAY)},
    )
    record = case.ombudsman_cases[-1]
    assert (record.reference, record.decision) == ("26 012 345", OmbudsmanDecision.FAULT_FOUND)
    apology, payment = record.remedies
    assert (apology.kind, payment.kind, payment.amount_pence) == (
        RemedyKind.APOLOGY,
        RemedyKind.FINANCIAL_PAYMENT,
        18000,
    )
    posted(
        team,
        page(case, f"/ombudsman/remedies/{payment.id}/evidence"),
        {f"remedy-{payment.id}-evidence": "Paid by BACS, ref 4471", f"remedy-{payment.id}-completed_on": day(TODAY)},
    )
    db.session.refresh(payment)
    assert (payment.completed_on, payment.evidence) == (TODAY, "Paid by BACS, ref 4471")
    assert "Send it back into the procedure" not in soup(team.get(page(case, "/ombudsman"))).get_text()

    posted(team, page(case, "/close"), {"closure": "resolved", "outcome": "derived"})
    db.session.refresh(case)
    assert (case.state, case.progress) == (CaseState.CLOSED, Progress.STAGE_3)
    actions = set(
        db.session.scalars(select(AuditEvent.action).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id))
    )
    assert {
        "stage_2_requested",
        "mediation_offered",
        "mediation_declined",
        "stage_2_people_changed",
        "terms_of_reference_agreed",
        "stage_2_report_added",
        "recommendation_added",
        "stage_2_closing_recorded",
        "stage_3_requested",
        "review_panel_chosen",
        "review_panel_held",
        "review_panel_findings_received",
        "ombudsman_referral",
        "ombudsman_decision_recorded",
        "ombudsman_remedy_added",
        "ombudsman_remedy_evidenced",
    } <= actions
