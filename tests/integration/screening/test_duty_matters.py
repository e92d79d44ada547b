"""Duty matters: contacts that enter no procedure, recorded as closed cases so they are counted."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import AuditEvent, Case
from portal.domain.references import is_valid_reference
from portal.domain.types import CaseState, Channel, Closure, FeedbackKind, Procedure, StaffRole, SubmitterRole
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.screening.conftest import error_messages, soup

URL = "/staff/duty-matters/new"


def duty_matter(**overrides) -> dict:
    received = uk_today() - timedelta(days=2)
    return {
        "name": "Alex Morgan",
        "role": SubmitterRole.RELATIVE.value,
        "phone": "07700 900 123",
        "channel": Channel.PHONE.value,
        "received_on": [str(received.day), str(received.month), str(received.year)],
        "about": "Asked how to get a copy of the child protection plan.",
        "outcome": "signposted",
        "signposted_to": "The data protection team (subject access request)",
        **overrides,
    }


@pytest.mark.parametrize("role", [StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER])
def test_officers_and_managers_record_a_duty_matter(client, role):
    user = make_staff(role=role)
    signed_in_as(client, user)
    assert client.get(URL).status_code == 200
    response = client.post(URL, data=duty_matter())
    assert response.status_code == 302
    case = db.session.scalar(select(Case))
    assert case.kind is FeedbackKind.DUTY_MATTER
    assert (case.procedure, case.state, case.closure) == (
        Procedure.OUTSIDE_PROCEDURES,
        CaseState.CLOSED,
        Closure.SIGNPOSTED,
    )
    assert case.recorded_by_id == case.screened_by_id == user.id
    assert case.channel is Channel.PHONE
    assert case.received_on == uk_today() - timedelta(days=2)
    assert case.submitter.name == "Alex Morgan"
    assert case.screening["duty_matter"]["signposted_to"] == "The data protection team (subject access request)"
    assert is_valid_reference(case.reference)
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "duty_matter_recorded").order_by(AuditEvent.id)
    )
    assert (event.actor_id, event.case_id) == (user.id, case.id)
    assert event.detail["changes"]["kind"] == [None, "duty_matter"]
    page = client.get(response.headers["Location"])
    assert f"Duty matter {case.reference} recorded" in page.get_data(as_text=True)


def test_an_answered_duty_matter_is_resolved(officer_client):
    officer_client.post(URL, data=duty_matter(outcome="answered", signposted_to=""))
    case = db.session.scalar(select(Case))
    assert case.closure is Closure.RESOLVED
    assert case.screening["duty_matter"]["signposted_to"] is None


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"name": "", "channel": None, "about": ""},
            [
                "Enter the name of the person who contacted us",
                "Select how they contacted us",
                "Enter what it was about",
            ],
        ),
        ({"signposted_to": ""}, ["Enter where we signposted them"]),
        ({"received_on": ["", "", ""]}, ["Enter date received"]),
        ({"email": "not an email"}, ["Enter an email address in the correct format, like name@example.com"]),
    ],
    ids=["missing", "signposted-where", "no-date", "bad-email"],
)
def test_errors(officer_client, changes, errors):
    data = {name: value for name, value in duty_matter(**changes).items() if value is not None}
    response = officer_client.post(URL, data=data)
    assert response.status_code == 200
    assert error_messages(response) == errors
    assert soup(response).title.get_text().startswith("Error: ")
    assert db.session.scalar(select(Case)) is None


def test_the_date_received_cannot_be_in_the_future(officer_client):
    tomorrow = uk_today() + timedelta(days=1)
    response = officer_client.post(
        URL, data=duty_matter(received_on=[str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)])
    )
    assert error_messages(response) == ["Date received must be today or in the past"]
    assert db.session.scalar(select(Case)) is None


@pytest.mark.parametrize(
    "role",
    [
        StaffRole.RESPONDING_MANAGER,
        StaffRole.INVESTIGATOR,
        StaffRole.PARTICIPATION_OFFICER,
        StaffRole.LEARNING_LEAD,
        StaffRole.REPORT_VIEWER,
        StaffRole.ADMINISTRATOR,
    ],
)
def test_other_roles_are_refused(client, role):
    signed_in_as(client, make_staff(role=role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, data=duty_matter()).status_code == 403
    assert db.session.scalar(select(Case)) is None


def test_visitors_are_sent_to_sign_in(client, app_context):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in")
