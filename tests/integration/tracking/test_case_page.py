"""The case page in plain English (issue 12, item 2): status in words, what happens next and by when, the team (a
name only when the council allows), the points with "tell us if we have got this wrong", extensions with their
reason, messages from staff, the letter to download and the finding on each point. Internal notes and staff names
never appear. Every view is in the case's audit trail; every page is no-store."""

from datetime import date

import pytest
from sqlalchemy import select

from portal.casework.extending import extend
from portal.data import transaction
from portal.data.database import db
from portal.data.models import AuditEvent, OutboxMessage
from portal.data.queries.case_page import add_note
from portal.data.queries.settings import council_settings
from portal.domain.types import FeedbackKind, Procedure
from tests.integration.tracking.conftest import make_person_case, screen, send_stage_1_response, sign_in
from tests.integration.young_people.reading import visible_text

RESPONDED = date(2027, 1, 15)


def page_of(client, case) -> str:
    response = client.get(f"/track/cases/{case.reference}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    return visible_text(response.get_data(as_text=True))


def test_before_screening_it_says_received_and_when_we_will_write(client, officer, today_is):
    today_is(date(2027, 1, 5))
    case = make_person_case(acknowledgement_due_on=date(2027, 1, 7))
    sign_in(client, case)
    text = page_of(client, case)
    assert "We have received your complaint." in text
    assert "We will check your complaint and write to you by 7 January 2027 to say what happens next." in text


def test_during_stage_1_it_says_we_are_looking_into_it_and_the_due_date_and_team(client, officer, today_is):
    today_is(date(2027, 1, 8))
    case = screen(make_person_case(), officer)
    due = case.stages[0].due_on
    sign_in(client, case)
    text = page_of(client, case)
    assert "We are looking into your complaint." in text
    assert f"We will send you our response by {due.day} {due:%B %Y}." in text
    assert "Who is dealing with it. Children in Care." in text
    assert "Casey Marlowe" not in text and "Morgan Reyes" not in text


def test_staff_names_show_only_when_the_council_allows(client, officer, today_is):
    today_is(date(2027, 1, 8))
    case = screen(make_person_case(), officer)
    council_settings().tracking_shows_staff_names = True
    transaction.commit()
    sign_in(client, case)
    assert "Casey Marlowe, Children in Care." in page_of(client, case)


def test_an_extension_shows_the_new_date_and_its_reason(client, officer, today_is):
    today_is(date(2027, 1, 12))
    case = screen(make_person_case(), officer)
    row = case.stages[0]
    extend(
        case, row, officer, date(2027, 1, 29), "We are waiting for records from the school.", "email", date(2027, 1, 12)
    )
    sign_in(client, case)
    text = page_of(client, case)
    assert "We will send you our response by 29 January 2027." in text
    assert "We need more time." in text
    assert "This is because: We are waiting for records from the school." in text


def test_messages_to_the_person_show_and_internal_notes_never(client, officer, today_is):
    today_is(date(2027, 1, 8))
    case = screen(make_person_case(), officer)
    add_note(case, officer, "We have asked the team for their records.", shared_with_complainant=True)
    add_note(case, officer, "Internal: the worker is on leave until March.", shared_with_complainant=False)
    transaction.commit()
    sign_in(client, case)
    text = page_of(client, case)
    assert "Message from us." in text and "We have asked the team for their records." in text
    assert "on leave until March" not in text
    assert "Casey Marlowe" not in text


def test_the_response_letter_and_the_findings_show_once_it_is_sent(client, officer, manager, today_is):
    today_is(date(2027, 1, 14))
    case = screen(make_person_case(), officer)
    sign_in(client, case)
    assert "finding" not in page_of(client, case).lower()
    send_stage_1_response(case, officer, manager, RESPONDED)
    today_is(date(2027, 1, 18))
    sign_in(client, case)
    text = page_of(client, case)
    assert "We have replied." in text
    assert "you can ask for the next stage (Stage 2) by" in text
    assert "Stage 1 finding: Upheld: we agree with you." in text
    letter = case.letters[0]
    response = client.get(f"/track/cases/{case.reference}/letters/{letter.id}")
    assert (response.status_code, response.mimetype) == (200, "application/pdf")
    assert response.data.startswith(b"%PDF")
    assert "no-store" in response.headers["Cache-Control"]


def test_an_unsent_letter_cannot_be_downloaded(client, officer, today_is):
    from portal.casework import response_letters

    today_is(date(2027, 1, 14))
    case = screen(make_person_case(), officer)
    letter = response_letters.draft(case, response_letters.kind_for(case), officer)
    sign_in(client, case)
    assert client.get(f"/track/cases/{case.reference}/letters/{letter.id}").status_code == 404


def test_the_person_can_tell_us_the_points_are_wrong_and_staff_hear_of_it(client, officer, today_is):
    today_is(date(2027, 1, 8))
    case = screen(make_person_case(), officer)
    sign_in(client, case)
    text = page_of(client, case)
    assert "Family time was cancelled three times." in text and "Have we got your complaint right?" in text
    missing = client.post(f"/track/cases/{case.reference}/points", data={"answer": "wrong"})
    assert "Enter what we have got wrong or missed" in missing.get_data(as_text=True)
    response = client.post(
        f"/track/cases/{case.reference}/points", data={"answer": "wrong", "correction": "You missed the missed visit."}
    )
    assert response.status_code == 302
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "complainant_corrected_points").order_by(AuditEvent.id)
    )
    assert event.actor_id is None and event.detail["correction"] == "You missed the missed visit."
    email = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.template == "complainant_request").order_by(OutboxMessage.id)
    )
    assert email.recipient == officer.email
    assert "You missed the missed visit" not in email.body  # the email says where to look, not what was written
    their_page = client.get(f"/track/cases/{case.reference}").get_data(as_text=True)
    assert "You told us what we got wrong or missed" in their_page


def test_every_view_is_recorded_in_the_cases_audit_trail(client, officer, today_is):
    today_is(date(2027, 1, 8))
    case = screen(make_person_case(), officer)
    sign_in(client, case)
    client.get(f"/track/cases/{case.reference}")
    client.get("/track/cases")
    pages = db.session.scalars(
        select(AuditEvent.detail)
        .where(AuditEvent.case_id == case.id, AuditEvent.action == "case_viewed_by_complainant")
        .order_by(AuditEvent.id)
    ).all()
    assert {"page": "case"} in pages and {"page": "your cases"} in pages


@pytest.mark.parametrize(
    ("kind", "procedure", "before", "after"),
    [
        (FeedbackKind.COMMENT, Procedure.COMMENT, "Received", "Passed to the team"),
        (FeedbackKind.COMPLIMENT, None, "Received", None),
    ],
)
def test_comments_and_compliments_show_their_own_simple_status(
    client, officer, today_is, kind, procedure, before, after
):
    today_is(date(2027, 1, 8))
    case = make_person_case(kind=kind, points=())
    sign_in(client, case)
    assert f"{before}." in page_of(client, case)
    assert "Withdraw" not in page_of(client, case)
    if procedure is not None:
        screen(case, officer, procedure)
        assert f"{after}." in page_of(client, case)
