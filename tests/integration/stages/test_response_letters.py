"""The response letter: drafted from the council's template with the findings, changed as plain text, checked by
someone else in the Complaints Team, sent by email to the SMTP sink or posted as a PDF, telling the person the last day
to ask for Stage 2 as the domain counts it, and moving the case on with its clocks."""

from sqlalchemy import select

from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import AuditEvent, StageRecord
from portal.data.queries.settings import council_settings, timescale_policy
from portal.data.stage_models import ResponseLetter
from portal.domain.calendar import format_date
from portal.domain.clocks import due_date
from portal.domain.types import (
    CaseState,
    ClockEvent,
    LetterStatus,
    Procedure,
    Progress,
    TimescaleStep,
)
from tests.integration.stages.conftest import (
    TODAY,
    error_messages,
    findings_post,
    person,
    soup,
    stage_1_case,
)


def url(case, path="") -> str:
    return f"/staff/cases/{case.reference}/response{path}"


def letter_of(case) -> ResponseLetter:
    db.session.expire_all()
    return db.session.scalars(
        select(ResponseLetter).where(ResponseLetter.case_id == case.id).order_by(ResponseLetter.id)
    ).one()


def answered(case, client) -> None:
    client.post(f"/staff/cases/{case.reference}/findings", data=findings_post(case, "upheld", "not_upheld"))
    client.post(f"/staff/cases/{case.reference}/findings/remedies", data={"kind": "apology"})


def edited(letter, **changes) -> dict:
    return {"subject": letter.subject, "body": letter.body, **changes}


def test_a_statutory_response_is_drafted_checked_and_emailed(officer, checker, manager, client_for, app_sends_by_smtp):
    case = stage_1_case(officer, manager)
    writer, team = client_for(manager), client_for(officer)
    answered(case, writer)
    writer.post(url(case), data={"action": "draft"})
    letter = letter_of(case)
    assert letter.status is LetterStatus.DRAFT
    assert "1. Family time with Riley was cancelled" in letter.body
    assert "Our finding: upheld." in letter.body and "Our finding: not upheld." in letter.body
    assert "I have upheld part of your complaint." in letter.body
    assert "- apologise" in letter.body
    assert "{escalate_by}" in letter.body and "Jamie Rivers" in letter.body

    # A responding manager writes it, but cannot send it: the Complaints Team checks and sends.
    response = writer.post(url(case), data={"action": "send", "method": "email"})
    assert error_messages(response) == ["Only the Complaints Team can send a response"]
    body = letter.body.replace("I have looked into each point", "I have looked carefully into each point")
    writer.post(url(case), data={"action": "submit", **edited(letter, body=body)})
    letter = letter_of(case)
    assert (letter.status, letter.submitted_by_id) == (LetterStatus.AWAITING_CHECK, manager.id)
    assert "looked carefully" in letter.body

    response = team.post(url(case), data={"action": "send", "method": "email"})
    assert error_messages(response) == ["The Complaints Team must check this letter before it goes"]
    team.post(url(case), data={"action": "approve"})
    assert letter_of(case).status is LetterStatus.APPROVED

    team.post(url(case), data={"action": "send", "method": "email"})
    letter = letter_of(case)
    last_day = due_date(
        Procedure.STATUTORY, TimescaleStep.REQUEST_STAGE_2, TODAY, timescale_policy(), council_calendar()
    )
    assert (letter.status, letter.sent_on, letter.method) == (LetterStatus.SENT, TODAY, "email")
    [email] = app_sends_by_smtp.messages
    assert email["To"] == "sam@example.com"
    assert f"contact us by {format_date(last_day)}" in email.get_content()
    assert "{escalate_by}" not in email.get_content()

    db.session.refresh(case)
    assert (case.state, case.progress) == (CaseState.STAGE_1_RESPONDED, Progress.STAGE_1)
    stage_1, window = db.session.scalars(
        select(StageRecord).where(StageRecord.case_id == case.id).order_by(StageRecord.id)
    ).all()
    assert (stage_1.completed_on, stage_1.completed_by) == (TODAY, ClockEvent.STAGE_1_RESPONSE_SENT)
    assert (window.step, window.due_on) == (TimescaleStep.REQUEST_STAGE_2, last_day)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "response_sent").order_by(AuditEvent.id))
    assert event.actor_id == officer.id
    assert event.detail["changes"]["state"] == ["stage_1", "stage_1_responded"]
    assert event.detail["escalate_by"] == last_day.isoformat()
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("letter_%")).order_by(AuditEvent.id)
    ).all()
    assert actions == ["letter_drafted", "letter_changed", "letter_submitted_for_check", "letter_approved"]


def test_the_check_is_by_someone_else_and_can_send_it_back(officer, checker, manager, client_for):
    case = stage_1_case(officer, manager)
    team = client_for(officer)
    answered(case, team)
    team.post(url(case), data={"action": "draft"})
    team.post(url(case), data={"action": "submit", **edited(letter_of(case))})
    response = team.post(url(case), data={"action": "approve"})
    assert error_messages(response) == ["Someone else in the Complaints Team must check a letter you sent for checking"]
    other = client_for(checker)
    response = other.post(url(case), data={"action": "send_back"})
    assert error_messages(response) == ["Enter what needs to change, so the person who wrote it knows"]
    other.post(url(case), data={"action": "send_back", "comments": "Say sorry for the missed visits."})
    letter = letter_of(case)
    assert (letter.status, letter.check_comments) == (LetterStatus.DRAFT, "Say sorry for the missed visits.")
    assert "Say sorry for the missed visits." in soup(team.get(url(case))).get_text()


def test_a_letter_cannot_go_without_a_finding_on_every_point_or_the_last_day_to_ask(
    officer, checker, manager, client_for
):
    case = stage_1_case(officer, manager)
    writer = client_for(manager)
    writer.post(f"/staff/cases/{case.reference}/findings", data=findings_post(case, "upheld"))
    writer.post(url(case), data={"action": "draft"})
    letter = letter_of(case)
    response = writer.post(url(case), data={"action": "submit", **edited(letter)})
    assert error_messages(response) == ["Record the finding on point 2 before the response goes"]
    writer.post(f"/staff/cases/{case.reference}/findings", data=findings_post(case, "upheld", "upheld"))
    without_date = letter.body.replace("{escalate_by}", "soon")
    response = writer.post(url(case), data={"action": "submit", **edited(letter, body=without_date + " {signature}")})
    assert error_messages(response) == [
        "Put {escalate_by} back in the letter: it becomes the last day to ask for the next stage when the letter is "
        "sent"
    ]
    assert letter_of(case).status is LetterStatus.DRAFT
    # The words were kept: nothing typed is lost.
    assert letter_of(case).body == without_date + " {signature}"


def test_changing_a_checked_letter_needs_a_new_check(officer, checker, manager, client_for):
    case = stage_1_case(officer, manager)
    writer, team = client_for(manager), client_for(officer)
    answered(case, writer)
    writer.post(url(case), data={"action": "draft"})
    writer.post(url(case), data={"action": "submit", **edited(letter_of(case))})
    team.post(url(case), data={"action": "approve"})
    writer.post(url(case), data={"action": "save", **edited(letter_of(case), subject="Our answer")})
    letter = letter_of(case)
    assert (letter.status, letter.subject, letter.checked_by_id) == (LetterStatus.DRAFT, "Our answer", None)


def test_a_posted_letter_is_a_pdf_and_never_offered_when_letters_are_not_safe(officer, checker, manager, client_for):
    case = stage_1_case(officer, manager)
    team, other = client_for(officer), client_for(checker)
    answered(case, team)
    team.post(url(case), data={"action": "draft"})
    team.post(url(case), data={"action": "submit", **edited(letter_of(case))})
    other.post(url(case), data={"action": "approve"})
    response = team.post(url(case), data={"action": "send", "method": "letter"})
    assert response.status_code == 302
    letter = letter_of(case)
    pdf = team.get(url(case, f"/{letter.id}/letter"))
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.headers["Cache-Control"].startswith("no-store")

    unsafe = stage_1_case(officer, manager, submitter=person(email=None, letters_ok=False))
    page = soup(team.get(url(unsafe)))
    team.post(url(unsafe), data={"action": "draft"})
    assert [radio["value"] for radio in soup(team.get(url(unsafe))).select("input[name=method]")] == []
    assert "Letters are not safe" in page.select_one("#safe-contact").get_text()


def test_a_corporate_response_goes_without_a_check_when_the_council_says_so(
    officer, manager, client_for, app_sends_by_smtp
):
    council_settings().corporate_letters_need_check = False
    db.session.commit()
    case = stage_1_case(officer, manager, procedure=Procedure.CORPORATE)
    team = client_for(officer)
    answered(case, team)
    team.post(url(case), data={"action": "draft"})
    letter = letter_of(case)
    assert letter.subject == f"Our response to your complaint {case.reference}"
    assert "you can ask {ombudsman}" not in letter.body and "Local Government and Social Care Ombudsman" in letter.body
    team.post(url(case), data={"action": "send", "method": "email"})
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_1_RESPONDED
    last_day = due_date(
        Procedure.CORPORATE, TimescaleStep.REQUEST_STAGE_2, TODAY, timescale_policy(), council_calendar()
    )
    assert f"contact us by {format_date(last_day)}" in app_sends_by_smtp.messages[0].get_content()


def test_no_response_is_due_before_screening_or_after_it_went(officer, manager, client_for):
    case = stage_1_case(officer, manager)
    case.state = CaseState.STAGE_1_RESPONDED
    db.session.commit()
    team = client_for(officer)
    assert "No response is due at this step" in soup(team.get(url(case))).get_text()
    response = team.post(url(case), data={"action": "draft"})
    assert error_messages(response) == ["No response is due at this step"]
