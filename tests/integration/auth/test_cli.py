"""`flask staff create` and `flask staff reset-two-factor`."""

import re
from urllib.parse import urlsplit

from sqlalchemy import select

from portal.common.passwords import verify_password
from portal.data.database import db
from portal.data.models import AuditEvent, OutboxMessage, StaffUser
from portal.domain.types import StaffRole
from tests.fixtures.config import overridden_config
from tests.integration.auth.staff import make_staff, make_team

NEW_PASSWORD = "a brand new passphrase"


def create(cli_runner, *args: str):
    return cli_runner.invoke(args=["staff", "create", *args])


def test_create_makes_an_account_and_emails_a_set_up_link(cli_runner, client):
    result = create(cli_runner, "Robin.Ashgrove@anytown.example", "--name", "Robin Ashgrove", "--role", "investigator")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(StaffUser))
    assert user.email == "Robin.Ashgrove@anytown.example"
    assert user.name == "Robin Ashgrove"
    assert user.role == StaffRole.INVESTIGATOR
    assert user.password_hash is None
    assert user.totp_secret is None

    link = re.search(r"http://localhost/staff/set-up-account/\S+", result.output).group(0)
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert message.recipient == user.email
    assert message.template == "staff_account_set_up"
    assert link in message.body
    assert "works for 7 days" in message.body
    assert db.session.scalar(select(AuditEvent.action).order_by(AuditEvent.id)) == "staff_account_created"

    path = urlsplit(link).path
    assert "Create your password" in client.get(path).get_data(as_text=True)
    response = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.headers["Location"] == "/staff/sign-in"
    db.session.refresh(user)
    assert verify_password(user.password_hash, NEW_PASSWORD)
    assert client.get(path).status_code == 410
    first_sign_in = client.post("/staff/sign-in", data={"email": user.email, "password": NEW_PASSWORD})
    assert first_sign_in.headers["Location"] == "/staff/two-factor/set-up"


def test_create_puts_the_account_in_a_team(cli_runner):
    team = make_team("Children in Care")
    result = create(
        cli_runner,
        "jamie@anytown.example",
        "--name",
        "Jamie Thistlewood",
        "--role",
        "responding_manager",
        "--team",
        "children in care",
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(StaffUser)).team_id == team.id


def test_create_refuses_an_unknown_team(cli_runner):
    result = create(cli_runner, "jamie@anytown.example", "--name", "J", "--role", "responding_manager", "--team", "X")
    assert result.exit_code != 0
    assert "There is no team called 'X'" in result.output
    assert db.session.scalar(select(StaffUser)) is None


def test_create_refuses_an_existing_email(cli_runner):
    make_staff("casey@anytown.example")
    result = create(cli_runner, "CASEY@anytown.example", "--name", "Casey", "--role", "administrator")
    assert result.exit_code != 0
    assert "There is already an account for" in result.output


def test_create_refuses_an_unknown_role_and_a_bad_address(cli_runner):
    assert create(cli_runner, "a@anytown.example", "--name", "A", "--role", "boss").exit_code != 0
    result = create(cli_runner, "not-an-address", "--name", "A", "--role", "administrator")
    assert result.exit_code != 0
    assert "is not an email address" in result.output
    assert db.session.scalar(select(StaffUser)) is None


def test_create_needs_the_portal_address_for_its_link(app, cli_runner):
    with overridden_config(app, BASE_URL=""):
        result = create(cli_runner, "a@anytown.example", "--name", "A", "--role", "administrator")
    assert result.exit_code != 0
    assert "Set BASE_URL" in result.output


def test_reset_two_factor_forgets_the_app(cli_runner):
    user = make_staff()
    result = cli_runner.invoke(args=["staff", "reset-two-factor", user.email])
    assert result.exit_code == 0, result.output
    db.session.refresh(user)
    assert user.totp_secret is None
    assert cli_runner.invoke(args=["staff", "reset-two-factor", "nobody@anytown.example"]).exit_code != 0
