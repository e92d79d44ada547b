"""Staff accounts: created as `flask staff create` does, roles and teams changed, deactivated, two-factor reset."""

import re

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent, OutboxMessage, StaffUser
from portal.domain.types import StaffRole
from tests.integration.admin.conftest import error_summary, page_text, settings_events
from tests.integration.auth.staff import make_staff, make_team, signed_in_as

LIST = "/staff/settings/staff"


def account(email: str) -> StaffUser | None:
    return db.session.scalar(select(StaffUser).where(StaffUser.email == email))


def test_the_list_shows_each_account(admin_client):
    team = make_team("Fostering")
    make_staff(email="rory.manager@anytown.example", role=StaffRole.RESPONDING_MANAGER, team=team, name="Rory Manager")
    soup = BeautifulSoup(admin_client.get(LIST).get_data(as_text=True), "html.parser")
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("th, td")][:5] for row in soup.select("tbody tr")]
    assert rows == [
        ["Ada Admin", "ada.admin@anytown.example", "Administrator", "No team", "Active"],
        ["Rory Manager", "rory.manager@anytown.example", "Responding manager", "Fostering", "Active"],
    ]


def test_creating_an_account_emails_a_set_up_link_and_is_audited(admin_client, administrator):
    team = make_team("Fostering")
    response = admin_client.post(
        f"{LIST}/add",
        data={
            "name": "Robin Ashgrove",
            "email": "Robin.Ashgrove@anytown.example",
            "role": "responding_manager",
            "team": str(team.id),
        },
    )
    assert response.headers["Location"] == LIST
    user = account("Robin.Ashgrove@anytown.example")
    assert (user.name, user.role, user.team, user.password_hash, user.totp_secret) == (
        "Robin Ashgrove",
        StaffRole.RESPONDING_MANAGER,
        team,
        None,
        None,
    )
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert message.recipient == user.email
    assert message.template == "staff_account_set_up"
    assert re.search(r"/staff/set-up-account/\S+", message.body)
    # The same service as `flask staff create` wrote its own event; ours says which administrator did it.
    assert (
        db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "staff_account_created").order_by(AuditEvent.id)
        )
        is not None
    )
    [event] = settings_events("staff_accounts")
    assert event.actor_id == administrator.id
    assert event.detail["changes"] == {
        "name": [None, "Robin Ashgrove"],
        "email": [None, "Robin.Ashgrove@anytown.example"],
        "role": [None, "responding_manager"],
        "team": [None, "Fostering"],
    }
    assert "Account created for Robin Ashgrove" in page_text(admin_client.get(LIST))


def test_the_new_account_form_checks_what_is_typed(admin_client):
    response = admin_client.post(f"{LIST}/add", data={"name": "", "email": "nope", "team": ""})
    assert error_summary(response) == [
        "Enter the person's full name",
        "Enter an email address in the correct format, like name@example.com",
        "Select the person's role",
    ]
    response = admin_client.post(
        f"{LIST}/add",
        data={"name": "Ada Again", "email": "ADA.ADMIN@anytown.example", "role": "investigator", "team": ""},
    )
    assert error_summary(response) == ["There is already an account for ADA.ADMIN@anytown.example"]
    assert settings_events() == []


def test_changing_a_role_and_team(admin_client):
    team = make_team("Fostering")
    user = make_staff(email="casey@anytown.example", role=StaffRole.COMPLAINTS_OFFICER)
    response = admin_client.post(f"{LIST}/{user.id}", data={"role": "responding_manager", "team": str(team.id)})
    assert response.headers["Location"] == LIST
    db.session.refresh(user)
    assert (user.role, user.team) == (StaffRole.RESPONDING_MANAGER, team)
    [event] = settings_events("staff_accounts")
    assert event.detail == {
        "area": "staff_accounts",
        "item": "Casey Marlowe <casey@anytown.example>",
        "changes": {"role": ["complaints_officer", "responding_manager"], "team": [None, "Fostering"]},
    }


def test_an_administrator_cannot_change_their_own_role_or_deactivate_themselves(admin_client, administrator):
    page = page_text(admin_client.get(f"{LIST}/{administrator.id}"))
    assert "You cannot change your own role" in page
    assert "Deactivate account" not in page
    response = admin_client.post(f"{LIST}/{administrator.id}", data={"role": "complaints_officer", "team": ""})
    assert error_summary(response) == ["You cannot change your own role: ask another administrator"]
    admin_client.post(f"{LIST}/{administrator.id}/deactivate")
    db.session.refresh(administrator)
    assert (administrator.role, administrator.active) == (StaffRole.ADMINISTRATOR, True)
    assert "You cannot deactivate your own account" in page_text(admin_client.get(f"{LIST}/{administrator.id}"))
    assert settings_events() == []


def test_a_deactivated_account_is_signed_out_and_can_be_reactivated(admin_client, app):
    user = make_staff(email="casey@anytown.example", role=StaffRole.COMPLAINTS_OFFICER)
    admin_client.post(f"{LIST}/{user.id}/deactivate")
    db.session.refresh(user)
    assert not user.active
    with app.app_context():  # Casey's own request, in a session of their own
        casey = signed_in_as(app.test_client(), user)
        response = casey.get("/staff/cases")
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/staff/sign-in")
    admin_client.post(f"{LIST}/{user.id}/reactivate")
    db.session.refresh(user)
    assert user.active
    assert [event.detail["changes"] for event in settings_events("staff_accounts")] == [
        {"active": [True, False]},
        {"active": [False, True]},
    ]


def test_resetting_two_factor_makes_them_set_up_a_new_app(admin_client):
    user = make_staff(email="casey@anytown.example", role=StaffRole.COMPLAINTS_OFFICER)
    assert user.totp_secret
    response = admin_client.post(f"{LIST}/{user.id}/reset-two-factor")
    assert response.headers["Location"] == f"{LIST}/{user.id}"
    db.session.refresh(user)
    assert user.totp_secret is None
    assert "Casey Marlowe will set up a new authenticator app when they next sign in" in page_text(
        admin_client.get(f"{LIST}/{user.id}")
    )
    [event] = settings_events("staff_accounts")
    assert event.detail["changes"] == {"two_factor": ["set up", "reset"]}


def test_an_inactive_team_cannot_be_given(admin_client):
    team = make_team("Old team")
    team.active = False
    db.session.commit()
    user = make_staff(email="casey@anytown.example", role=StaffRole.COMPLAINTS_OFFICER)
    response = admin_client.post(f"{LIST}/{user.id}", data={"role": "responding_manager", "team": str(team.id)})
    assert error_summary(response) == ["Not a valid choice."]


def test_the_account_events_name_the_administrator(admin_client):
    admin_client.post(
        "/staff/settings/staff/add",
        data={"email": "new.person@anytown.example", "name": "New Person", "role": "complaints_officer", "team": ""},
    )
    created = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "staff_account_created").order_by(AuditEvent.id)
    )
    administrator = db.session.scalar(select(StaffUser).where(StaffUser.role == StaffRole.ADMINISTRATOR))
    assert created is not None
    assert created.actor_id == administrator.id
