"""Internal notes and messages to the person who sent the case: added with or without htmx, audited, and messages
emailed through the outbox."""

import re

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent, CaseNote, OutboxMessage, Person
from portal.domain.types import OutboxStatus, StaffRole, SubmitterRole
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.case_page.cases import case_they_may_see, staff_with_role

HTMX = {"HX-Request": "true"}


def notes() -> list[CaseNote]:
    return list(db.session.scalars(select(CaseNote).order_by(CaseNote.id)))


def events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def test_a_note_is_added_with_a_plain_post_and_redirect(client, case_factory):
    case = case_factory()
    user = make_staff()
    signed_in_as(client, user)
    response = client.post(f"/staff/cases/{case.reference}/notes", data={"body": "Called the parent.\nNo answer."})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/staff/cases/{case.reference}/notes"
    assert "HX-Request" in response.headers["Vary"]
    [note] = notes()
    assert (note.case_id, note.author_id, note.body, note.shared_with_complainant) == (
        case.id,
        user.id,
        "Called the parent.\nNo answer.",
        False,
    )
    [event] = events("note_added")
    assert (event.actor_id, event.case_id) == (user.id, case.id)
    assert event.detail == {"note_id": note.id, "changes": {"note": [None, "Called the parent.\nNo answer."]}}
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Note added" in page
    assert '<p class="govuk-body">No answer.</p>' in page
    assert "Notes (1)" in page


def test_with_htmx_the_notes_region_swaps_itself(client, case_factory):
    case = case_factory()
    signed_in_as(client, make_staff())
    response = client.post(f"/staff/cases/{case.reference}/notes", data={"body": "First note"}, headers=HTMX)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    html = response.get_data(as_text=True)
    assert "<html" not in html
    soup = BeautifulSoup(html, "html.parser")
    region = soup.find()
    assert region["id"] == "notes"
    assert region["hx-target"] == "this"
    assert "Note added" in soup.select_one("[role=alert]").get_text()
    assert "First note" in html
    # The form comes back empty for the next note.
    assert soup.select_one("textarea[name=body]").get_text() == ""
    assert len(notes()) == 1


def test_the_notes_page_includes_the_same_region(client, case_factory):
    case = case_factory()
    signed_in_as(client, make_staff())
    soup = BeautifulSoup(client.get(f"/staff/cases/{case.reference}/notes").data, "html.parser")
    form = soup.select_one("#notes form")
    assert form["method"] == "post"
    assert form["action"] == form["hx-post"] == f"/staff/cases/{case.reference}/notes"


def test_an_empty_note_is_refused_with_an_error(client, case_factory):
    case = case_factory()
    signed_in_as(client, make_staff())
    response = client.post(f"/staff/cases/{case.reference}/notes", data={"body": "  "})
    assert response.status_code == 200
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.title.get_text().startswith("Error: ")
    assert "Enter the note" in soup.select_one(".govuk-error-summary").get_text()
    fragment = client.post(f"/staff/cases/{case.reference}/notes", data={"body": ""}, headers=HTMX)
    assert fragment.status_code == 200
    assert "<html" not in fragment.get_data(as_text=True)
    assert "Enter the note" in BeautifulSoup(fragment.data, "html.parser").select_one(".govuk-error-message").get_text()
    assert notes() == []
    assert events("note_added") == []


def test_markup_in_a_note_is_never_rendered(client, case_factory):
    case = case_factory()
    signed_in_as(client, make_staff())
    client.post(f"/staff/cases/{case.reference}/notes", data={"body": "<script>alert(1)</script><b>bold</b> 1 < 2"})
    html = client.get(f"/staff/cases/{case.reference}/notes").get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert "<b>bold</b>" not in html


def test_a_message_is_shared_emailed_and_audited(client, case_factory, app_sends_by_smtp):
    case = case_factory(submitter=Person(role=SubmitterRole.PARENT, name="Sam", email="sam@example.com"))
    user = make_staff()
    signed_in_as(client, user)
    body = "We have asked the team manager to call you this week."
    response = client.post(f"/staff/cases/{case.reference}/messages", data={"body": body})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/staff/cases/{case.reference}/messages"
    [note] = notes()
    assert note.shared_with_complainant is True
    [email] = app_sends_by_smtp.messages
    assert email["To"] == "sam@example.com"
    assert email["Subject"] == f"A message about your complaint: {case.reference}"
    assert body in email.get_content()
    assert case.reference in email.get_content()
    outbox = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert (outbox.case_id, outbox.status, outbox.template) == (case.id, OutboxStatus.SENT, "case_message")
    [event] = events("message_sent")
    assert event.detail == {"note_id": note.id, "changes": {"message": [None, body]}, "emailed": True}
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Shared with the complainant" in page
    assert "emailed to them at sam@example.com" in page
    assert "Message sent" in page


def test_messages_and_notes_are_kept_apart(client, case_factory):
    case = case_factory(submitter=None)
    signed_in_as(client, make_staff())
    client.post(f"/staff/cases/{case.reference}/notes", data={"body": "Staff only: worried about this family"})
    client.post(f"/staff/cases/{case.reference}/messages", data={"body": "Thank you for your letter"})
    messages_page = client.get(f"/staff/cases/{case.reference}/messages").get_data(as_text=True)
    notes_page = client.get(f"/staff/cases/{case.reference}/notes").get_data(as_text=True)
    assert "Thank you for your letter" in messages_page and "Staff only" not in messages_page
    assert "Staff only" in notes_page and "Thank you for your letter" not in notes_page
    assert "Shared with the complainant" not in notes_page


def test_a_message_to_someone_without_an_email_is_recorded_but_not_sent(client, case_factory):
    case = case_factory(submitter=Person(role=SubmitterRole.PARENT, name="Sam", phone="01632 960 001"))
    signed_in_as(client, make_staff())
    page = client.get(f"/staff/cases/{case.reference}/messages").get_data(as_text=True)
    assert "They have not given an email address" in page
    client.post(f"/staff/cases/{case.reference}/messages", data={"body": "We tried to call"}, headers=HTMX)
    assert db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id)) is None
    [event] = events("message_sent")
    assert event.detail["emailed"] is False


def test_an_investigator_reads_notes_but_cannot_write_them(client):
    investigator = staff_with_role(StaffRole.INVESTIGATOR)
    case = case_they_may_see(investigator)
    db.session.add(CaseNote(case_id=case.id, body="Background for the investigation"))
    db.session.commit()
    signed_in_as(client, investigator)
    page = BeautifulSoup(client.get(f"/staff/cases/{case.reference}/notes").data, "html.parser")
    assert "Background for the investigation" in page.get_text()
    assert page.select_one("#notes form") is None
    assert client.post(f"/staff/cases/{case.reference}/notes", data={"body": "x"}).status_code == 403


def test_a_responding_manager_writes_on_their_own_case(client):
    manager = staff_with_role(StaffRole.RESPONDING_MANAGER)
    case = case_they_may_see(manager)
    signed_in_as(client, manager)
    assert client.post(f"/staff/cases/{case.reference}/notes", data={"body": "Spoke to the worker"}).status_code == 303
    assert [note.author_id for note in notes()] == [manager.id]


def test_htmx_posts_carry_the_csrf_token_in_a_header(client, case_factory, csrf_enabled):
    case = case_factory()
    signed_in_as(client, make_staff())
    page = client.get(f"/staff/cases/{case.reference}/notes").get_data(as_text=True)
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page.replace("&#34;", '"')).group(1)
    assert client.post(f"/staff/cases/{case.reference}/notes", data={"body": "x"}, headers=HTMX).status_code == 400
    headers = {**HTMX, "X-CSRFToken": token}
    response = client.post(f"/staff/cases/{case.reference}/notes", data={"body": "With a token"}, headers=headers)
    assert response.status_code == 200
    assert [note.body for note in notes()] == ["With a token"]
