"""A "not accepted" decision: the letter is checked before it goes, keeps the Ombudsman's details, and waits for a
complaints manager's approval when the council asks for it."""

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent, OutboxMessage
from portal.data.queries.settings import council_settings
from portal.domain.types import CaseState, Closure, Procedure, StaffRole
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.screening.conftest import error_messages, parent_complaint, screening_post, soup
from tests.integration.switching import sign_in_as

REASON = "We investigated and answered the same complaint in March (CF-123)."


def propose(client, case):
    data = screening_post(
        case, action="decide", decision="not_accepted", repeat_of_investigated_case="yes", reason=REASON
    )
    return client.post(f"/staff/cases/{case.reference}/screening", data=data)


def review_url(case) -> str:
    return f"/staff/cases/{case.reference}/screening/not-accepted"


def actions(case) -> list[str]:
    return list(
        db.session.scalars(select(AuditEvent.action).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id))
    )


def test_the_letter_is_shown_for_checking_and_nothing_is_sent_until_it_is(officer_client):
    case = parent_complaint()
    response = propose(officer_client, case)
    assert response.headers["Location"] == review_url(case)
    db.session.refresh(case)
    assert (case.procedure, case.state) == (None, CaseState.SCREENING)
    assert db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id)) is None

    page = soup(officer_client.get(review_url(case)))
    letter = page.select_one("#letter").get_text(" ", strip=True)
    assert REASON in letter
    assert "Local Government and Social Care Ombudsman" in letter
    assert "It will be emailed to sam@example.com." in page.get_text(" ", strip=True)

    officer_client.post(review_url(case), data={"action": "send"})
    db.session.refresh(case)
    assert (case.procedure, case.state, case.closure) == (
        Procedure.NOT_ACCEPTED,
        CaseState.CLOSED,
        Closure.NOT_ACCEPTED,
    )
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert REASON in message.body and "Ombudsman" in message.body
    assert "pending" not in case.screening
    assert actions(case)[-1] == "case_screened"


def test_withdrawing_the_decision_leaves_the_case_to_screen_again(officer_client):
    case = parent_complaint()
    propose(officer_client, case)
    response = officer_client.post(review_url(case), data={"action": "withdraw"})
    assert response.headers["Location"] == f"/staff/cases/{case.reference}/screening"
    db.session.refresh(case)
    assert (case.procedure, case.state) == (None, CaseState.SCREENING)
    assert officer_client.get(review_url(case)).status_code == 404
    assert "not_accepted_withdrawn" in actions(case)


def test_when_the_council_asks_a_complaints_manager_approves_before_it_goes(client, app_sends_by_smtp):
    council_settings().not_accepted_needs_approval = True
    db.session.commit()
    officer = make_staff()
    manager = make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Reyes")
    case = parent_complaint()
    signed_in_as(client, officer)
    propose(client, case)

    # The officer cannot send it themselves.
    refused = client.post(review_url(case), data={"action": "send"})
    assert error_messages(refused) == ["A complaints manager must approve this letter before it goes"]
    client.post(review_url(case), data={"action": "ask_approval"})
    assert "Waiting for a complaints manager to approve this letter." in soup(client.get(review_url(case))).get_text()
    db.session.refresh(case)
    assert case.state is CaseState.SCREENING
    assert app_sends_by_smtp.messages == []

    sign_in_as(client, manager)
    page = soup(client.get(review_url(case)))
    assert page.select_one("button[value=send]").get_text(strip=True) == "Approve and send"
    client.post(review_url(case), data={"action": "send"})
    db.session.refresh(case)
    assert case.closure is Closure.NOT_ACCEPTED
    [email] = app_sends_by_smtp.messages
    assert "Ombudsman" in email.get_content()
    event = db.session.scalar(
        select(AuditEvent)
        .where(AuditEvent.case_id == case.id, AuditEvent.action == "case_screened")
        .order_by(AuditEvent.id)
    )
    assert (event.actor_id, event.detail["approved_by"], event.detail["proposed_by"]) == (
        manager.id,
        "Morgan Reyes",
        "Casey Marlowe",
    )


def test_a_complaints_managers_own_decision_needs_no_second_approval(client):
    council_settings().not_accepted_needs_approval = True
    db.session.commit()
    manager = make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Reyes")
    case = parent_complaint()
    signed_in_as(client, manager)
    propose(client, case)
    client.post(review_url(case), data={"action": "send"})
    db.session.refresh(case)
    assert case.closure is Closure.NOT_ACCEPTED


def test_no_letter_is_offered_to_post_when_letters_are_not_safe(officer_client):
    case = parent_complaint()
    case.submitter.email = None
    case.submitter.letters_ok = False
    db.session.commit()
    propose(officer_client, case)
    page = soup(officer_client.get(review_url(case))).get_text(" ", strip=True)
    assert "Letters are not safe: never post anything to this person." in page
    assert "letters are not safe: contact them another way" in page
    officer_client.post(review_url(case), data={"action": "send"})
    response = officer_client.get(f"/staff/cases/{case.reference}/screening/letter")
    assert response.status_code == 302
    assert not response.data.startswith(b"%PDF")
