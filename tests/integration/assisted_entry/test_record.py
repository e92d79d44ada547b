"""Assisted entry: staff record feedback that came in by phone, letter, email or through someone else. The case's
clock starts on the day it was received, not the day it was typed in."""

import io
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from portal.common.clock import uk_today
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import Attachment, AuditEvent, Case
from portal.data.queries.settings import timescale_policy
from portal.domain.calendar import subtract_working_days, working_days_between
from portal.domain.references import is_valid_reference
from portal.domain.types import CaseState, Channel, FeedbackKind, StaffRole, SubmitterRole
from portal.domain.workflow import acknowledgement_due
from tests.integration.auth.staff import make_staff, signed_in_as

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def day_parts(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def working_days_ago(count: int) -> date:
    return subtract_working_days(uk_today(), count, council_calendar().bank_holidays)


def answers(**overrides) -> dict:
    values = {
        "kind": "complaint",
        "channel": "letter",
        "received_on": day_parts(working_days_ago(2)),
        "submitter_role": "parent",
        "made_by_child": "no",
        "full_name": "Sam Fairweather",
        "email": "sam@example.com",
        "phone": "01632 960 001",
        "address": "1 High Street\nAnytown",
        "postcode": "AN1 1AA",
        "contact_methods": ["email", "post"],
        "about_child": "yes",
        "on_behalf_of_child": "yes",
        "child_name": "Riley",
        "child_age": "9",
        "summary": "Family time keeps being cancelled",
        "description": "Family time was cancelled three times in March.\nNobody told us why.",
        "team": "",
    }
    values.update(overrides)
    return {name: value for name, value in values.items() if value is not None}


def post(client, data: dict, files: list[tuple[bytes, str]] = ()):
    if files:
        data = {**data, "documents": [(io.BytesIO(content), name) for content, name in files]}
    return client.post("/staff/record", data=data, content_type="multipart/form-data")


def cases() -> list[Case]:
    return list(db.session.scalars(select(Case).order_by(Case.id)))


def errors(response) -> list[str]:
    soup = BeautifulSoup(response.data, "html.parser")
    return [item.get_text(strip=True) for item in soup.select(".govuk-error-summary__list li")]


def test_the_form_is_one_page_that_works_without_javascript(client, officer):
    response = client.get("/staff/record")
    assert response.status_code == 200
    soup = BeautifulSoup(response.data, "html.parser")
    form = soup.select_one("main form")
    assert (form["method"], form["action"], form["enctype"]) == ("post", "/staff/record", "multipart/form-data")
    assert soup.h1.get_text(strip=True) == "Record a complaint, comment or compliment"
    channels = [item["value"] for item in soup.select("input[name=channel]")]
    assert channels == [
        "email",
        "phone",
        "letter",
        "in_person",
        "via_worker",
        "via_advocate",
        "via_participation_team",
        "paper_form",
    ]


def test_a_letter_complaint_becomes_a_case_with_its_clock_from_the_day_it_arrived(client, officer, team):
    received = working_days_ago(2)
    response = post(client, answers(team=str(team.id), received_on=day_parts(received)))
    [case] = cases()
    assert response.status_code == 303
    assert response.headers["Location"] == f"/staff/cases/{case.reference}"
    assert is_valid_reference(case.reference)
    assert (case.kind, case.channel, case.state, case.procedure) == (
        FeedbackKind.COMPLAINT,
        Channel.LETTER,
        CaseState.RECEIVED,
        None,
    )
    assert case.received_on == received
    policy, calendar = timescale_policy(), council_calendar()
    assert case.acknowledgement_due_on == acknowledgement_due(FeedbackKind.COMPLAINT, received, policy, calendar)
    assert case.recorded_by_id == officer.id
    assert case.team_id == team.id
    person = case.submitter
    assert (person.role, person.name, person.email, person.phone, person.postcode) == (
        SubmitterRole.PARENT,
        "Sam Fairweather",
        "sam@example.com",
        "01632 960 001",
        "AN1 1AA",
    )
    assert person.address == "1 High Street\nAnytown"
    assert person.contact_methods == ["email", "post"]
    assert (case.made_by_child, case.on_behalf_of_child) == (False, True)
    assert [(child.name, child.age) for child in case.children] == [("Riley", 9)]
    assert case.summary == "Family time keeps being cancelled"
    assert case.description == "Family time was cancelled three times in March.\nNobody told us why."
    assert case.safeguarding_flag is False
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Complaint recorded. Its reference is {case.reference}" in page
    assert "Casey Marlowe" in page


def test_recording_is_audited_with_what_was_recorded(client, officer):
    received = working_days_ago(1)
    post(client, answers(received_on=day_parts(received)))
    [case] = cases()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_recorded").order_by(AuditEvent.id))
    assert (event.actor_id, event.case_id) == (officer.id, case.id)
    changes = event.detail["changes"]
    assert changes["kind"] == [None, "complaint"]
    assert changes["channel"] == [None, "letter"]
    assert changes["received_on"] == [None, received.isoformat()]
    assert changes["acknowledgement_due_on"] == [None, case.acknowledgement_due_on.isoformat()]
    assert changes["submitter_role"] == [None, "parent"]
    assert "description" not in changes and "email" not in changes


def test_a_complaint_received_by_letter_10_working_days_ago_shows_its_acknowledgement_overdue(client, officer):
    received = working_days_ago(10)
    response = post(client, answers(received_on=day_parts(received)))
    page = BeautifulSoup(client.get(response.headers["Location"]).data, "html.parser")
    tag = page.select_one("#summary ~ .govuk-summary-list .govuk-summary-list__value .govuk-tag")
    assert tag.get_text(strip=True) == "Overdue"
    assert "govuk-tag--red" in tag["class"]
    [case] = cases()
    # The domain's answer: three working days after receipt, seven working days ago.
    assert working_days_between(case.acknowledgement_due_on, uk_today(), council_calendar().bank_holidays) == 7


def test_something_received_today_is_on_time(client, officer):
    response = post(client, answers(received_on=day_parts(uk_today())))
    page = BeautifulSoup(client.get(response.headers["Location"]).data, "html.parser")
    assert (
        page.select_one("#summary ~ .govuk-summary-list .govuk-summary-list__value .govuk-tag").get_text(strip=True)
        == "On time"
    )


@pytest.mark.parametrize(("kind", "reply_in"), [("comment", 10), ("compliment", None)])
def test_comments_and_compliments_have_no_acknowledgement_deadline_and_a_comment_has_its_reply_date(
    client, officer, kind, reply_in
):
    post(client, answers(kind=kind, received_on=day_parts(date(2026, 11, 2))))
    [case] = cases()
    assert case.kind == FeedbackKind(kind)
    assert case.acknowledgement_due_on is None
    if reply_in is None:
        assert case.response_due_on is None
    else:
        holidays = council_calendar().bank_holidays
        assert working_days_between(date(2026, 11, 2), case.response_due_on, holidays) == reply_in


def test_every_required_answer_is_asked_for(client, officer):
    response = client.post("/staff/record", data={})
    assert response.status_code == 200
    assert BeautifulSoup(response.data, "html.parser").title.get_text().startswith("Error: ")
    assert errors(response) == [
        "Select whether it is a complaint, comment or compliment",
        "Select how it came in",
        "Enter the date it was received",
        "Select who it is from",
        "Select yes if a child or young person made it themselves",
        "Select yes if it is about a child or young person",
        "Enter a summary",
        "Enter what they told us",
    ]
    assert cases() == []


def test_the_date_received_cannot_be_in_the_future(client, officer):
    response = post(client, answers(received_on=day_parts(uk_today() + timedelta(days=1))))
    assert errors(response) == ["The date it was received must be today or in the past"]
    assert cases() == []


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (["4", "", "2026"], "The date it was received must include a month"),
        (["31", "2", "2026"], "The date it was received must be a real date"),
        (["", "", ""], "Enter the date it was received"),
    ],
)
def test_the_date_received_must_be_a_whole_real_date(client, officer, parts, message):
    response = post(client, answers(received_on=parts))
    assert errors(response) == [message]


def test_the_team_must_be_one_of_the_councils_active_teams(client, officer, team):
    response = post(client, answers(team=str(team.id + 1000)))
    assert errors(response) == ["Select a team from the list, or 'Not known'"]


def test_a_child_cannot_be_said_not_to_have_made_it_themselves(client, officer):
    response = post(client, answers(submitter_role="child", made_by_child="no"))
    assert errors(response) == [
        "Select yes if a child or young person made it themselves: you said it is from a child or young person"
    ]


def test_a_way_of_contact_needs_its_details(client, officer):
    response = post(client, answers(email="", address="", contact_methods=["email", "post", "phone"]))
    assert errors(response) == ["Enter their details for: email, letter, or do not select them"]


def test_a_childs_own_feedback_is_marked_as_made_by_a_child(client, officer):
    post(client, answers(submitter_role="child", made_by_child="yes", channel="via_participation_team"))
    [case] = cases()
    assert (case.made_by_child, case.on_behalf_of_child, case.channel) == (True, False, Channel.VIA_PARTICIPATION_TEAM)


def test_anonymous_feedback_can_be_recorded(client, officer):
    post(
        client,
        answers(
            full_name="",
            email="",
            phone="",
            address="",
            postcode="",
            contact_methods=[],
            about_child="no",
            on_behalf_of_child=None,
            child_name="",
            child_age="",
        ),
    )
    [case] = cases()
    assert case.submitter.name is None and case.submitter.email is None
    assert case.children == [] and case.on_behalf_of_child is False


def test_words_that_suggest_harm_raise_the_safeguarding_flag(client, officer):
    post(client, answers(description="He said he is scared to go home."))
    [case] = cases()
    assert case.safeguarding_flag is True
    assert case.safeguarding_matches == ["scared to go home"]


def test_what_staff_type_is_stored_as_typed(client, officer):
    post(client, answers(summary="<b>Bold</b> claim", description="She said <mum> was lying\r\nthen left\x07"))
    [case] = cases()
    assert case.summary == "<b>Bold</b> claim"
    assert case.description == "She said <mum> was lying\nthen left"


def test_documents_are_stored_with_the_member_of_staff_who_added_them(client, officer, storage):
    response = post(client, answers(), files=[(PDF, "scanned letter.pdf")])
    [case] = cases()
    [attachment] = case.attachments
    assert (attachment.filename, attachment.content_type, attachment.uploaded_by_id) == (
        "scanned letter.pdf",
        "application/pdf",
        officer.id,
    )
    assert storage.open(attachment.storage_key) == PDF
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_recorded").order_by(AuditEvent.id))
    assert event.detail["documents"] == ["scanned letter.pdf"]
    documents = client.get(f"{response.headers['Location']}/documents").get_data(as_text=True)
    assert "scanned letter.pdf" in documents and "Casey Marlowe" in documents


def stored_files(storage) -> list:
    return [path for path in storage.root.rglob("*") if path.is_file()] if storage.root.exists() else []


def test_a_wrong_file_stops_the_recording_and_keeps_nothing(client, officer, storage):
    response = post(client, answers(), files=[(PDF, "letter.pdf"), (EXECUTABLE, "virus.pdf")])
    assert response.status_code == 200
    assert errors(response) == ["‘virus.pdf’ must be a PDF, JPG, PNG, HEIC, DOCX or TXT file"]
    assert cases() == []
    assert db.session.scalar(select(func.count(Attachment.id))) == 0
    assert stored_files(storage) == []


def test_files_must_be_chosen_again_after_another_error(client, officer, storage):
    response = post(client, answers(summary=""), files=[(PDF, "letter.pdf")])
    assert errors(response) == [
        "Enter a summary",
        "Choose the files again: files are not kept when another answer needs correcting",
    ]
    assert stored_files(storage) == []


def test_too_many_files_are_refused(client, officer, storage, app):
    files = [(PDF + bytes([number]), f"page {number}.pdf") for number in range(app.config["UPLOAD_MAX_FILES"] + 1)]
    response = post(client, answers(), files=files)
    assert errors(response) == [f"You can only upload {app.config['UPLOAD_MAX_FILES']} files"]
    assert cases() == []


@pytest.mark.parametrize(("made_by_child", "lands_on_case"), [("yes", True), ("no", False)])
def test_a_participation_officer_is_sent_where_they_may_go(client, storage, made_by_child, lands_on_case):
    signed_in_as(client, make_staff(role=StaffRole.PARTICIPATION_OFFICER))
    role = "child" if made_by_child == "yes" else "parent"
    response = post(client, answers(submitter_role=role, made_by_child=made_by_child))
    [case] = cases()
    expected = f"/staff/cases/{case.reference}" if lands_on_case else "/staff/record"
    assert response.headers["Location"] == expected
    assert case.reference in client.get(expected).get_data(as_text=True)


def test_the_form_needs_its_csrf_token(client, officer, csrf_enabled):
    assert post(client, answers()).status_code == 400
    assert cases() == []
