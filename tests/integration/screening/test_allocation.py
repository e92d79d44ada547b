"""Allocation to a team and a responding manager, who is emailed the reference, the due date and a link, and no
personal details."""

from datetime import date

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent, OutboxMessage, StageRecord
from portal.domain.types import CaseState, Procedure, StaffRole
from portal.domain.workflow import format_date
from tests.fixtures.config import overridden_config
from tests.integration.auth.staff import make_staff, make_team, signed_in_as
from tests.integration.screening.conftest import error_messages, parent_complaint, soup


def statutory_case():
    case = parent_complaint(procedure=Procedure.STATUTORY, state=CaseState.STAGE_1)
    case.stages.append(StageRecord(state=CaseState.STAGE_1, started_on=case.received_on, due_on=date(2026, 12, 7)))
    db.session.commit()
    return case


def option_labels(response, name: str) -> list[str]:
    return [option.get_text(strip=True) for option in soup(response).select(f"select[name={name}] option")]


def test_allocating_notifies_the_manager_without_personal_details(officer_client, officer, app, app_sends_by_smtp):
    team = make_team("Children in Care")
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team, name="Jamie Rivers")
    case = statutory_case()
    with overridden_config(app, BASE_URL="https://feedback.anytown.gov.uk"):
        response = officer_client.post(
            f"/staff/cases/{case.reference}/allocation",
            data={"action": "allocate", "team": str(team.id), "manager": str(manager.id)},
        )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/staff/cases/{case.reference}/acknowledgement"
    db.session.refresh(case)
    assert (case.team_id, case.responding_manager_id) == (team.id, manager.id)
    assert case.stages[0].handler_id == manager.id

    (email,) = app_sends_by_smtp.messages
    assert email["To"] == "jamie@anytown.example"
    assert email["Subject"] == f"Case {case.reference} has been allocated to you"
    body = email.get_content()
    assert "The response is due by 7 December 2026." in body
    assert f"https://feedback.anytown.gov.uk/staff/cases/{case.reference}" in body
    for personal in ("Sam", "Fairweather", "sam@example.com", "07700", "Riley", "Family time"):
        assert personal not in body

    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_allocated").order_by(AuditEvent.id))
    assert event.actor_id == officer.id
    assert event.detail["changes"] == {"team_id": [None, team.id], "responding_manager_id": [None, manager.id]}

    # The manager can now open the case.
    manager_client = app.test_client()
    signed_in_as(manager_client, manager)
    assert manager_client.get(f"/staff/cases/{case.reference}").status_code == 200


def test_the_link_uses_the_request_when_base_url_is_not_set(officer_client, app):
    team = make_team()
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team)
    case = statutory_case()
    with overridden_config(app, BASE_URL=""):
        officer_client.post(
            f"/staff/cases/{case.reference}/allocation",
            data={"action": "allocate", "team": str(team.id), "manager": str(manager.id)},
        )
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert f"http://localhost/staff/cases/{case.reference}" in message.body


def test_only_active_responding_managers_are_offered_and_can_be_filtered_by_team(officer_client):
    care, fostering = make_team("Children in Care"), make_team("Fostering")
    make_staff("a@anytown.example", StaffRole.RESPONDING_MANAGER, team=care, name="Ash")
    make_staff("b@anytown.example", StaffRole.RESPONDING_MANAGER, team=fostering, name="Bo")
    gone = make_staff("c@anytown.example", StaffRole.RESPONDING_MANAGER, team=care, name="Cal")
    gone.active = False
    make_staff("d@anytown.example", StaffRole.COMPLAINTS_OFFICER, team=care, name="Dee")
    db.session.commit()
    case = statutory_case()
    response = officer_client.get(f"/staff/cases/{case.reference}/allocation")
    assert option_labels(response, "team") == ["Choose a team", "Children in Care", "Fostering"]
    assert option_labels(response, "manager") == [
        "Choose a responding manager",
        "Ash (Children in Care)",
        "Bo (Fostering)",
    ]

    response = officer_client.post(
        f"/staff/cases/{case.reference}/allocation", data={"action": "filter", "team": str(fostering.id)}
    )
    assert option_labels(response, "manager") == ["Choose a responding manager", "Bo (Fostering)"]
    assert "Showing responding managers in Fostering." in soup(response).get_text(" ", strip=True)
    assert error_messages(response) == []
    response = officer_client.get(f"/staff/cases/{case.reference}/allocation?team={care.id}")
    assert option_labels(response, "manager") == ["Choose a responding manager", "Ash (Children in Care)"]


def test_errors(officer_client):
    team = make_team()
    officer = make_staff("officer2@anytown.example", StaffRole.COMPLAINTS_OFFICER, team=team)
    gone = make_staff("gone@anytown.example", StaffRole.RESPONDING_MANAGER, team=team)
    gone.active = False
    db.session.commit()
    case = statutory_case()
    url = f"/staff/cases/{case.reference}/allocation"
    response = officer_client.post(url, data={"action": "allocate"})
    assert error_messages(response) == ["Select a team", "Select a responding manager"]
    assert soup(response).title.get_text().startswith("Error: ")
    for manager_id in (officer.id, gone.id, 999):
        response = officer_client.post(
            url, data={"action": "allocate", "team": str(team.id), "manager": str(manager_id)}
        )
        assert error_messages(response) == ["Select a responding manager"]
    response = officer_client.post(url, data={"action": "allocate", "team": "999", "manager": str(gone.id)})
    assert error_messages(response) == ["Select a team", "Select a responding manager"]
    db.session.refresh(case)
    assert (case.team_id, case.responding_manager_id) == (None, None)
    assert db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id)) is None


def test_reallocating_to_the_same_manager_sends_no_second_email(officer_client):
    team = make_team()
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team)
    case = statutory_case()
    data = {"action": "allocate", "team": str(team.id), "manager": str(manager.id)}
    officer_client.post(f"/staff/cases/{case.reference}/allocation", data=data)
    officer_client.post(f"/staff/cases/{case.reference}/allocation", data=data)
    assert len(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()) == 1


def test_a_corporate_complaint_not_yet_acknowledged_says_when_the_date_is_set(officer_client):
    team = make_team()
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team)
    case = parent_complaint(procedure=Procedure.CORPORATE, state=CaseState.STAGE_1, acknowledged_on=date(2026, 11, 24))
    case.stages.append(StageRecord(state=CaseState.STAGE_1, started_on=case.received_on))
    db.session.commit()
    officer_client.post(
        f"/staff/cases/{case.reference}/allocation",
        data={"action": "allocate", "team": str(team.id), "manager": str(manager.id)},
    )
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    # Counted from the acknowledgement on 24 November 2026: 10 working days.
    assert f"The response is due by {format_date(date(2026, 12, 8))}." in message.body


def test_a_closed_case_cannot_be_allocated(officer_client):
    team = make_team()
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team)
    case = parent_complaint(procedure=Procedure.NOT_ACCEPTED, state=CaseState.CLOSED)
    response = officer_client.get(f"/staff/cases/{case.reference}/allocation")
    assert "This case is closed, so it cannot be allocated." in response.get_data(as_text=True)
    response = officer_client.post(
        f"/staff/cases/{case.reference}/allocation",
        data={"action": "allocate", "team": str(team.id), "manager": str(manager.id)},
    )
    assert error_messages(response) == ["This case is closed, so it cannot be allocated"]
    db.session.refresh(case)
    assert case.responding_manager_id is None
