"""The acknowledgement: from a template listing the points, sent by email or text, or printed as a PDF letter, with
the day it was sent and whether that met the deadline."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.casework.acknowledgement import DEFAULT_ACKNOWLEDGEMENT, timeliness
from portal.common.clock import uk_today
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import (
    AdvocacyProvider,
    AuditEvent,
    ComplaintPoint,
    MessageTemplate,
    OutboxMessage,
    Person,
    StageRecord,
)
from portal.data.queries.settings import timescale_policy
from portal.domain.calendar import add_working_days, working_days_between
from portal.domain.types import CaseState, MessageChannel, Procedure, SubmitterRole
from portal.domain.workflow import deadline_for, format_date
from tests.integration.screening.conftest import error_messages, make_case, soup


def screened_case(procedure=Procedure.STATUTORY, received_on=None, points=("Family time was cancelled",), **fields):
    received_on = received_on or uk_today()
    holidays = council_calendar().bank_holidays
    policy = timescale_policy()
    person = fields.pop(
        "submitter",
        Person(
            role=SubmitterRole.PARENT,
            name="Sam Fairweather",
            email="sam@example.com",
            phone="07700 900 982",
            address="1 High Street\nAnytown",
            postcode="AN1 2BB",
            contact_methods=["email", "text", "post"],
        ),
    )
    case = make_case(
        procedure=procedure,
        state=CaseState.STAGE_1,
        received_on=received_on,
        submitter=person,
        acknowledgement_due_on=add_working_days(received_on, 3, holidays),
        **fields,
    )
    clock = received_on if procedure is Procedure.STATUTORY else None
    due = deadline_for(procedure, CaseState.STAGE_1, clock, policy, council_calendar()) if clock else None
    case.stages.append(StageRecord(state=CaseState.STAGE_1, started_on=received_on, clock_started_on=clock, due_on=due))
    for number, text in enumerate(points, start=1):
        case.points.append(ComplaintPoint(number=number, text=text))
    db.session.commit()
    return case


def summary(response) -> dict[str, str]:
    return {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(" ", strip=True)
        for row in soup(response).select("main .govuk-summary-list__row")
    }


def test_the_preview_lists_the_points_the_response_date_and_advocacy(officer_client):
    case = screened_case(points=("Family time was cancelled", "Nobody returned my calls"))
    response = officer_client.get(f"/staff/cases/{case.reference}/acknowledgement")
    assert response.status_code == 200
    text = soup(response).get_text(" ", strip=True)
    due = case.stages[0].due_on
    assert "1. Family time was cancelled 2. Nobody returned my calls" in text
    assert f"We will send you our response by {format_date(due)}" in text
    assert "Please tell us if we have got this wrong" in text
    assert "Anytown Advocacy Service: advocacy@anytown.example" in text
    values = summary(response)
    assert values["Acknowledge by"] == format_date(case.acknowledgement_due_on)
    assert values["Response due by"] == format_date(due)
    assert values["Acknowledgement"] == "Not acknowledged yet"
    methods = [item["value"] for item in soup(response).select("input[name=method]")]
    assert methods == ["email", "text", "letter"]


def test_sending_by_email(officer_client, officer, app_sends_by_smtp):
    case = screened_case(points=("Family time was cancelled", "Nobody returned my calls", "The plan was not shared"))
    response = officer_client.post(f"/staff/cases/{case.reference}/acknowledgement", data={"method": "email"})
    assert response.status_code == 302
    (email,) = app_sends_by_smtp.messages
    assert email["To"] == "sam@example.com"
    assert email["Subject"] == f"Your complaint {case.reference}: what happens next"
    body = email.get_content()
    assert "1. Family time was cancelled\n2. Nobody returned my calls\n3. The plan was not shared" in body
    assert f"by {format_date(case.stages[0].due_on)}" in body
    db.session.refresh(case)
    assert (case.acknowledged_on, case.acknowledgement_method) == (uk_today(), "email")
    page = officer_client.get(response.headers["Location"])
    assert f"Acknowledged on {format_date(uk_today())}: on time" in page.get_data(as_text=True)
    assert summary(page)["Sent by"] == "Email"
    assert soup(page).select("input[name=method]") == []
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "acknowledgement_sent").order_by(AuditEvent.id)
    )
    assert event.actor_id == officer.id
    assert event.detail["changes"]["acknowledged_on"] == [None, uk_today().isoformat()]
    assert event.detail["changes"]["acknowledgement_method"] == [None, "email"]
    assert (event.detail["on_time"], event.detail["timeliness"]) == (True, "on time")


def test_a_late_acknowledgement_says_how_many_working_days_late(officer_client):
    received = uk_today() - timedelta(days=30)
    case = screened_case(received_on=received)
    officer_client.post(f"/staff/cases/{case.reference}/acknowledgement", data={"method": "letter"})
    db.session.refresh(case)
    late = working_days_between(case.acknowledgement_due_on, uk_today(), council_calendar().bank_holidays)
    assert late > 1
    page = officer_client.get(f"/staff/cases/{case.reference}/acknowledgement")
    assert f"Acknowledged on {format_date(uk_today())}: {late} working days late" in page.get_data(as_text=True)
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "acknowledgement_sent").order_by(AuditEvent.id)
    )
    assert (event.detail["on_time"], event.detail["timeliness"]) == (False, f"{late} working days late")


@pytest.mark.parametrize(
    ("acknowledged", "expected"),
    [
        (date(2026, 12, 3), "on time"),
        (date(2026, 12, 2), "on time"),
        (date(2026, 12, 4), "1 working day late"),
        (date(2026, 12, 5), "1 working day late"),
        (date(2026, 12, 7), "2 working days late"),
        # 25 and 28 December 2026 are bank holidays.
        (date(2026, 12, 29), "16 working days late"),
    ],
)
def test_timeliness_counts_working_days(app_context, acknowledged, expected):
    holidays = council_calendar().bank_holidays
    assert timeliness(acknowledged, date(2026, 12, 3), holidays) == expected
    assert (
        timeliness(date(2027, 1, 2), date(2026, 12, 31), holidays)
        == "late (sent on a non-working day after the deadline)"
    )


def test_a_late_deadline_uses_the_working_day_calendar_over_christmas(app_context):
    holidays = council_calendar().bank_holidays
    assert timeliness(date(2026, 12, 29), date(2026, 12, 24), holidays) == "1 working day late"


def test_sending_by_text_message_is_short(officer_client):
    case = screened_case()
    response = officer_client.post(f"/staff/cases/{case.reference}/acknowledgement", data={"method": "text"})
    assert response.status_code == 302
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert message.channel is MessageChannel.SMS
    assert message.recipient == "07700 900 982"
    assert case.reference in message.body
    assert format_date(case.stages[0].due_on) in message.body
    assert len(message.body) <= 306
    db.session.refresh(case)
    assert case.acknowledgement_method == "text"


def test_a_letter_is_a_pdf_download(officer_client):
    case = screened_case()
    response = officer_client.get(f"/staff/cases/{case.reference}/acknowledgement/letter")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"] == f'attachment; filename="{case.reference}-acknowledgement.pdf"'
    assert "no-store" in response.headers["Cache-Control"]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "letter_produced").order_by(AuditEvent.id))
    assert event.detail == {"letter": "acknowledgement"}


def test_recording_a_letter_sends_nothing(officer_client):
    case = screened_case()
    response = officer_client.post(f"/staff/cases/{case.reference}/acknowledgement", data={"method": "letter"})
    assert response.status_code == 302
    assert db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id)) is None
    db.session.refresh(case)
    assert case.acknowledgement_method == "letter"
    page = officer_client.get(response.headers["Location"])
    assert "print the letter and post it" in page.get_data(as_text=True)


def test_the_councils_template_replaces_the_default(officer_client, app_sends_by_smtp):
    db.session.add(
        MessageTemplate(
            key="acknowledgement",
            name="Acknowledgement",
            subject="About {reference}",
            body="Hello {name}. Points:\n{points}\nBy {response_date}. {unknown} stays as it is.",
        )
    )
    case = screened_case()
    db.session.commit()
    officer_client.post(f"/staff/cases/{case.reference}/acknowledgement", data={"method": "email"})
    (email,) = app_sends_by_smtp.messages
    assert email["Subject"] == f"About {case.reference}"
    council_words, tracking_link = email.get_content().strip().split("\n\n", 1)
    assert council_words == (
        f"Hello Sam Fairweather. Points:\n1. Family time was cancelled\nBy {format_date(case.stages[0].due_on)}. "
        "{unknown} stays as it is."
    )
    # The link to follow the case online always follows the council's own words (issue 12).
    assert tracking_link.startswith("You can see your complaint, what happens next and our response online:")


def test_the_default_template_has_every_placeholder_the_page_fills():
    for name in ("name", "reference", "points", "response_date", "council_name", "advocacy"):
        assert "{" + name + "}" in DEFAULT_ACKNOWLEDGEMENT["body"] + DEFAULT_ACKNOWLEDGEMENT["subject"]


def test_the_advocacy_providers_are_listed(officer_client):
    db.session.add(AdvocacyProvider(name="Shout Out!", phone="01632 960 111", email="hello@shoutout.example"))
    db.session.add(AdvocacyProvider(name="Closed service", active=False))
    case = screened_case()
    response = officer_client.get(f"/staff/cases/{case.reference}/acknowledgement")
    text = response.get_data(as_text=True)
    assert "Shout Out!: 01632 960 111 or hello@shoutout.example" in text
    assert "Closed service" not in text


def test_points_are_needed_first(officer_client):
    case = screened_case(points=())
    response = officer_client.get(f"/staff/cases/{case.reference}/acknowledgement")
    assert "Add the complaint points before acknowledging the complaint" in response.get_data(as_text=True)
    assert soup(response).select("input[name=method]") == []
    response = officer_client.post(f"/staff/cases/{case.reference}/acknowledgement", data={"method": "email"})
    assert error_messages(response) == [
        "Add the complaint points before acknowledging the complaint: the acknowledgement lists them"
    ]
    db.session.refresh(case)
    assert case.acknowledged_on is None


def test_an_unscreened_case_cannot_be_acknowledged(officer_client):
    case = make_case()
    response = officer_client.post(f"/staff/cases/{case.reference}/acknowledgement", data={"method": "letter"})
    assert error_messages(response) == [
        "Screen the case into the statutory or corporate procedure before acknowledging it"
    ]
    assert officer_client.get(f"/staff/cases/{case.reference}/acknowledgement/letter").status_code == 404


def test_a_complaint_is_acknowledged_once(officer_client):
    case = screened_case()
    officer_client.post(f"/staff/cases/{case.reference}/acknowledgement", data={"method": "letter"})
    response = officer_client.post(f"/staff/cases/{case.reference}/acknowledgement", data={"method": "email"})
    assert error_messages(response) == [f"This complaint was already acknowledged on {format_date(uk_today())}"]
    assert db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id)) is None


def test_a_method_must_be_chosen_from_those_offered(officer_client):
    case = screened_case(submitter=Person(role=SubmitterRole.PARENT, name="Post only", address="2 Low Road"))
    response = officer_client.get(f"/staff/cases/{case.reference}/acknowledgement")
    assert [item["value"] for item in soup(response).select("input[name=method]")] == ["letter"]
    response = officer_client.post(f"/staff/cases/{case.reference}/acknowledgement", data={"method": "email"})
    assert response.status_code == 200
    assert error_messages(response) == ["Select how to send the acknowledgement"]
    response = officer_client.post(f"/staff/cases/{case.reference}/acknowledgement", data={})
    assert error_messages(response) == ["Select how to send the acknowledgement"]
    db.session.refresh(case)
    assert case.acknowledged_on is None


def test_a_corporate_complaint_starts_its_stage_1_clock_when_acknowledged(officer_client):
    case = screened_case(procedure=Procedure.CORPORATE)
    expected = deadline_for(Procedure.CORPORATE, CaseState.STAGE_1, uk_today(), timescale_policy(), council_calendar())
    page = officer_client.get(f"/staff/cases/{case.reference}/acknowledgement")
    assert summary(page)["Response due by"] == format_date(expected)
    officer_client.post(f"/staff/cases/{case.reference}/acknowledgement", data={"method": "letter"})
    stage = db.session.scalar(select(StageRecord))
    assert (stage.clock_started_on, stage.due_on) == (uk_today(), expected)
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "acknowledgement_sent").order_by(AuditEvent.id)
    )
    assert event.detail["stage_changes"]["due_on"] == [None, expected.isoformat()]
