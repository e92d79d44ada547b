"""What the person can do next (issue 12, item 3). Each action shows its last date, records an event for staff
(the case's audit trail and timeline), emails the member of staff dealing with the case through the outbox, and
moves the case only through the case-moving service. Past a window the page says so and how to ask late."""

import io
from datetime import date

from sqlalchemy import select

from portal.case_moves import mediation
from portal.case_moves.moving import move_case
from portal.case_moves.requests import record_stage_2_request
from portal.data.database import db
from portal.data.models import AuditEvent, Case, OutboxMessage
from portal.domain.types import AdvocacyStatus, CaseState, ClockEvent, Closure, Procedure, TimescaleStep
from tests.integration.auth.staff import signed_in_as
from tests.integration.tracking.conftest import make_person_case, screen, send_stage_1_response, sign_in
from tests.integration.young_people.reading import visible_text
from tests.unit.uploads.samples import png, windows_exe

RESPONDED = date(2027, 1, 15)


def events(case: Case, action: str) -> list[AuditEvent]:
    return db.session.scalars(
        select(AuditEvent).where(AuditEvent.case_id == case.id, AuditEvent.action == action).order_by(AuditEvent.id)
    ).all()


def staff_emails(officer) -> list[OutboxMessage]:
    return db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.template == "complainant_request", OutboxMessage.recipient == officer.email)
        .order_by(OutboxMessage.id)
    ).all()


def responded_case(officer, manager, today_is, procedure=Procedure.STATUTORY) -> Case:
    today_is(date(2027, 1, 8))
    case = screen(make_person_case(), officer, procedure)
    if procedure is Procedure.CORPORATE:
        case.acknowledged_on = date(2027, 1, 7)
        db.session.commit()
    send_stage_1_response(case, officer, manager, RESPONDED)
    return case


def test_adding_information_and_a_file_goes_to_the_case_and_staff_are_told(client, officer, today_is):
    today_is(date(2027, 1, 8))
    case = screen(make_person_case(), officer)
    sign_in(client, case)
    page = visible_text(client.get(f"/track/cases/{case.reference}/add-information").get_data(as_text=True))
    assert "You can send up to 5 files at a time." in page
    nothing = client.post(f"/track/cases/{case.reference}/add-information", data={"information": ""})
    assert "Enter what you would like to tell us, or choose a file to send" in nothing.get_data(as_text=True)
    response = client.post(
        f"/track/cases/{case.reference}/add-information",
        data={
            "information": "The visit on 3 March was cancelled too.",
            "documents": [(io.BytesIO(png()), "letter.png")],
        },
        content_type="multipart/form-data",
    )
    assert response.headers["Location"] == f"/track/cases/{case.reference}"
    db.session.refresh(case)
    [attachment] = case.attachments
    assert (attachment.filename, attachment.uploaded_by_id) == ("letter.png", None)
    [event] = events(case, "complainant_added_information")
    assert event.detail == {"information": "The visit on 3 March was cancelled too.", "documents": ["letter.png"]}
    assert len(staff_emails(officer)) == 1
    assert "Thank you. We have sent what you added to the team." in client.get(response.headers["Location"]).get_data(
        as_text=True
    )


def test_a_file_that_is_not_allowed_is_refused_and_nothing_is_kept(client, officer, today_is):
    today_is(date(2027, 1, 8))
    case = screen(make_person_case(), officer)
    sign_in(client, case)
    response = client.post(
        f"/track/cases/{case.reference}/add-information",
        data={"information": "Here it is", "documents": [(io.BytesIO(windows_exe()), "form.pdf")]},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in page
    assert "Here it is" in page  # what was typed is kept
    db.session.refresh(case)
    assert case.attachments == [] and events(case, "complainant_added_information") == []


def test_asking_for_an_advocate_records_the_request_once(client, officer, today_is):
    today_is(date(2027, 1, 8))
    case = screen(make_person_case(), officer)
    sign_in(client, case)
    response = client.post(f"/track/cases/{case.reference}/advocate", data={"details": "Please call after 4pm."})
    assert response.status_code == 302
    db.session.refresh(case)
    [referral] = case.advocacy_referrals
    assert (referral.status, referral.requested_on) == (AdvocacyStatus.REQUESTED, date(2027, 1, 8))
    assert len(events(case, "complainant_asked_for_advocate")) == 1 and len(staff_emails(officer)) == 1
    assert "Ask for an advocate" not in visible_text(
        client.get(f"/track/cases/{case.reference}").get_data(as_text=True)
    )
    assert client.get(f"/track/cases/{case.reference}/advocate").status_code == 302


def test_asking_for_stage_2_in_time_moves_the_case_and_the_staff_queue_shows_it(client, officer, manager, today_is):
    case = responded_case(officer, manager, today_is)
    today_is(date(2027, 2, 1))
    sign_in(client, case)
    page = visible_text(client.get(f"/track/cases/{case.reference}/next-stage").get_data(as_text=True))
    last_day = case.stages[-1].due_on
    assert f"You can ask until {last_day.day} {last_day:%B %Y}." in page
    assert "Enter why you are not happy" in client.post(f"/track/cases/{case.reference}/next-stage").get_data(
        as_text=True
    )
    response = client.post(f"/track/cases/{case.reference}/next-stage", data={"reason": "The apology was not enough."})
    assert response.status_code == 302
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_2_REQUESTED
    [event] = events(case, "stage_2_requested")
    assert event.actor_id is None
    assert event.detail["changes"]["state"] == ["stage_1_responded", "stage_2_requested"]
    assert event.detail["requested_through"] == "online" and event.detail["in_time"] is True
    assert case.stage_2s[-1].request_details == "The apology was not enough."
    assert len(staff_emails(officer)) == 1
    signed_in_as(client, officer)
    queue = client.get("/staff/cases?stage=stage_2_requested").get_data(as_text=True)
    assert case.reference in queue
    timeline = visible_text(client.get(f"/staff/cases/{case.reference}/timeline").get_data(as_text=True))
    assert "Asked for Stage 2 online" in timeline and "The person who sent it" in timeline


def test_a_corporate_review_request_starts_its_acknowledgement_clock(client, officer, manager, today_is):
    case = responded_case(officer, manager, today_is, Procedure.CORPORATE)
    today_is(date(2027, 1, 20))
    sign_in(client, case)
    assert "Ask us to review your complaint" in client.get(f"/track/cases/{case.reference}").get_data(as_text=True)
    client.post(f"/track/cases/{case.reference}/next-stage", data={"reason": "Nothing has changed."})
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_2_REQUESTED
    assert case.stages[-1].step is TimescaleStep.STAGE_2_ACKNOWLEDGE


def test_past_the_last_day_the_page_says_how_to_ask_late_and_nothing_moves(client, officer, manager, today_is):
    case = responded_case(officer, manager, today_is)
    last_day = case.stages[-1].due_on
    today_is(date(2027, 3, 1))
    sign_in(client, case)
    text = visible_text(client.get(f"/track/cases/{case.reference}").get_data(as_text=True))
    assert f"The last day to ask online was {last_day.day} {last_day:%B %Y}." in text
    assert "We may still agree to look at a late request." in text
    page = client.get(f"/track/cases/{case.reference}/next-stage").get_data(as_text=True)
    assert 'name="reason"' not in page
    client.post(f"/track/cases/{case.reference}/next-stage", data={"reason": "Late"})
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_1_RESPONDED and events(case, "stage_2_requested") == []


def offered_mediation(officer, manager, today_is) -> Case:
    case = responded_case(officer, manager, today_is)
    today_is(date(2027, 1, 21))
    record_stage_2_request(case, date(2027, 1, 20), by_complainant=False, user=officer)
    mediation.offer_mediation(case, officer, date(2027, 1, 21))
    return case


def test_accepting_mediation_is_recorded_and_asked_only_once(client, officer, manager, today_is):
    case = offered_mediation(officer, manager, today_is)
    today_is(date(2027, 1, 22))
    sign_in(client, case)
    assert "Tell us if you want mediation" in client.get(f"/track/cases/{case.reference}").get_data(as_text=True)
    client.post(f"/track/cases/{case.reference}/mediation", data={"answer": "yes"})
    db.session.refresh(case)
    [event] = events(case, "mediation_accepted")
    assert case.state is CaseState.MEDIATION and event.actor_id is None and len(staff_emails(officer)) == 1
    assert "Tell us if you want mediation" not in client.get(f"/track/cases/{case.reference}").get_data(as_text=True)


def test_declining_mediation_leaves_the_stage_2_request_standing(client, officer, manager, today_is):
    case = offered_mediation(officer, manager, today_is)
    today_is(date(2027, 1, 22))
    sign_in(client, case)
    client.post(f"/track/cases/{case.reference}/mediation", data={"answer": "no"})
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_2_REQUESTED
    assert case.mediations[-1].accepted is False
    assert len(events(case, "mediation_declined")) == 1 and len(staff_emails(officer)) == 1


def test_asking_for_a_review_panel_after_the_adjudication(client, officer, manager, today_is):
    case = responded_case(officer, manager, today_is)
    move_case(
        case, officer, CaseState.STAGE_2_REQUESTED, on=date(2027, 1, 20), action="x", event=ClockEvent.STAGE_2_REQUESTED
    )
    move_case(
        case, officer, CaseState.STAGE_2, on=date(2027, 1, 25), action="x", event=ClockEvent.TERMS_OF_REFERENCE_AGREED
    )
    move_case(
        case,
        officer,
        CaseState.STAGE_2_ADJUDICATED,
        on=date(2027, 3, 1),
        action="x",
        event=ClockEvent.ADJUDICATION_SENT,
    )
    today_is(date(2027, 3, 10))
    sign_in(client, case)
    assert "Ask for a review panel (Stage 3)" in client.get(f"/track/cases/{case.reference}").get_data(as_text=True)
    client.post(f"/track/cases/{case.reference}/next-stage", data={"reason": "The investigation missed things."})
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_3_REQUESTED
    assert case.stages[-1].step is TimescaleStep.STAGE_3_PANEL
    assert len(events(case, "stage_3_requested")) == 1


def test_withdrawing_asks_first_and_closes_only_when_confirmed(client, officer, today_is):
    today_is(date(2027, 1, 8))
    case = screen(make_person_case(), officer)
    sign_in(client, case)
    page = client.get(f"/track/cases/{case.reference}/withdraw").get_data(as_text=True)
    assert "Are you sure you want to withdraw your complaint?" in page
    client.post(f"/track/cases/{case.reference}/withdraw", data={"confirm": "no"})
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_1
    client.post(f"/track/cases/{case.reference}/withdraw", data={"confirm": "yes", "reason": "It is sorted now."})
    db.session.refresh(case)
    assert (case.state, case.closure) == (CaseState.CLOSED, Closure.WITHDRAWN)
    [closed] = events(case, "case_closed")
    assert closed.actor_id is None and closed.detail["reason"] == "It is sorted now."
    assert len(staff_emails(officer)) == 1
    text = visible_text(client.get(f"/track/cases/{case.reference}").get_data(as_text=True))
    assert "You withdrew your complaint." in text and "What you can do" not in text
