"""Resetting a forgotten password by email: the page never says whether an account exists; each link works once."""

import re
import time
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from itsdangerous import TimestampSigner
from sqlalchemy import func, select

from portal.common import staff_accounts
from portal.common.clock import utc_now
from portal.common.passwords import verify_password
from portal.data.database import db
from portal.data.models import AuditEvent, OutboxMessage
from tests.fixtures.config import overridden_config
from tests.integration.auth.staff import PASSWORD, make_staff, sign_in

NEW_PASSWORD = "a brand new passphrase"
SENT = "If that address has an account, we have sent a link"


def error_summary(response) -> list[str]:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return [item.get_text(strip=True) for item in soup.select(".govuk-error-summary li")]


def emailed_link(recipient: str) -> str:
    """The path of the link in the newest email to `recipient`."""
    message = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.recipient == recipient).order_by(OutboxMessage.id.desc())
    )
    assert message is not None, f"No email to {recipient}"
    link = re.search(r"https?://\S+", message.body).group(0)
    return urlsplit(link).path


def request_reset(client, email: str):
    return client.post("/staff/reset-password", data={"email": email}, follow_redirects=True)


def count_messages() -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxMessage))


def test_a_known_address_gets_a_link_and_the_neutral_message(client):
    user = make_staff()
    response = request_reset(client, user.email)
    assert response.request.path == "/staff/reset-password/sent"
    assert SENT in response.get_data(as_text=True)
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert message.recipient == user.email
    assert message.template == "staff_password_reset"
    assert "works for 1 hour, and only once" in message.body
    assert message.body.count("http://localhost/staff/reset-password/") == 1


def test_an_unknown_address_gets_the_same_message_and_no_email(client):
    make_staff()
    response = request_reset(client, "nobody@anytown.example")
    assert response.request.path == "/staff/reset-password/sent"
    assert SENT in response.get_data(as_text=True)
    assert count_messages() == 0


def test_the_address_is_checked(client):
    response = client.post("/staff/reset-password", data={"email": "not an address"})
    assert response.status_code == 200
    assert error_summary(response) == ["Enter an email address in the correct format, like name@example.com"]


def test_reset_end_to_end(client):
    user = make_staff()
    request_reset(client, user.email)
    link = emailed_link(user.email)
    page = client.get(link)
    assert page.status_code == 200
    assert "Choose a new password" in page.get_data(as_text=True)

    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, follow_redirects=True)
    assert response.request.path == "/staff/sign-in"
    assert "Your password has been changed" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert verify_password(user.password_hash, NEW_PASSWORD)
    assert (
        db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "password_changed").order_by(AuditEvent.id)
        ).actor_id
        == user.id
    )

    wrong = client.post("/staff/sign-in", data={"email": user.email, "password": PASSWORD})
    assert error_summary(wrong) == ["Enter a correct email address and password"]
    assert sign_in(client, user, password=NEW_PASSWORD).headers["Location"] == "/staff/cases"


def test_a_link_works_only_once(client):
    user = make_staff()
    request_reset(client, user.email)
    link = emailed_link(user.email)
    client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    again = client.get(link)
    assert again.status_code == 410
    assert "This link has expired" in again.get_data(as_text=True)
    reuse = client.post(link, data={"password": "yet another passphrase", "confirm": "yet another passphrase"})
    assert reuse.status_code == 410
    db.session.refresh(user)
    assert verify_password(user.password_hash, NEW_PASSWORD)


def test_an_older_link_dies_when_a_newer_one_is_used(client):
    user = make_staff()
    request_reset(client, user.email)
    first = emailed_link(user.email)
    request_reset(client, user.email)
    second = emailed_link(user.email)
    assert first != second
    client.post(second, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert client.get(first).status_code == 410


def test_a_link_expires_after_an_hour(client, monkeypatch):
    user = make_staff()
    an_hour_ago = int(time.time()) - 3601
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: an_hour_ago)
    link = urlsplit(staff_accounts.account_link(user, staff_accounts.PASSWORD_RESET)).path
    monkeypatch.undo()
    assert client.get(link).status_code == 410


@pytest.mark.parametrize(
    "link",
    ["/staff/reset-password/not-a-token", "/staff/reset-password/WzEsImFiYyJd.aaaa.bbbb"],
)
def test_forged_links_do_not_work(client, link):
    make_staff()
    assert client.get(link).status_code == 410


def test_a_set_up_link_is_not_a_reset_link(client):
    user = make_staff()
    token = urlsplit(staff_accounts.account_link(user, staff_accounts.ACCOUNT_SET_UP)).path.rsplit("/", 1)[1]
    assert client.get(f"/staff/reset-password/{token}").status_code == 410
    assert client.get(f"/staff/set-up-account/{token}").status_code == 200


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("", "", "Enter a new password"),
        ("short", "short", "Password must be 12 characters or more"),
        (
            "password1234",
            "password1234",
            "Password is on a list of common passwords that are easy to guess. Choose a different password",
        ),
        (
            "Casey.Officer@anytown.example",
            "Casey.Officer@anytown.example",
            "Password must not include your email address",
        ),
        ("casey.officer.2027", "casey.officer.2027", "Password must not include your name"),
        (NEW_PASSWORD, "something else entirely", "Enter the same password in both fields"),
    ],
)
def test_new_passwords_must_follow_the_rules(client, password, confirm, message):
    user = make_staff()
    link = urlsplit(staff_accounts.account_link(user, staff_accounts.PASSWORD_RESET)).path
    response = client.post(link, data={"password": password, "confirm": confirm})
    assert response.status_code == 200
    assert message in error_summary(response)
    db.session.refresh(user)
    assert verify_password(user.password_hash, PASSWORD)


def test_a_reset_opens_a_locked_account(client):
    user = make_staff()
    user.failed_sign_ins = 3
    user.locked_until = utc_now().replace(year=utc_now().year + 1)
    db.session.commit()
    link = urlsplit(staff_accounts.account_link(user, staff_accounts.PASSWORD_RESET)).path
    client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    db.session.refresh(user)
    assert user.locked_until is None
    assert user.failed_sign_ins == 0


def test_links_use_the_configured_address_not_the_request_host(app, client):
    user = make_staff()
    with overridden_config(app, BASE_URL="https://feedback.anytown.example"):
        client.post("/staff/reset-password", data={"email": user.email}, headers={"Host": "attacker.example"})
    body = db.session.scalar(select(OutboxMessage.body).order_by(OutboxMessage.id))
    assert "https://feedback.anytown.example/staff/reset-password/" in body
    assert "attacker.example" not in body


def test_emails_wait_in_the_outbox_rather_than_being_sent_during_the_request(client, app_sends_by_smtp):
    user = make_staff()
    request_reset(client, user.email)
    request_reset(client, "nobody@anytown.example")
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert message.status.value == "pending"
    assert app_sends_by_smtp.messages == []
    # Both requests left the same trace, so neither took noticeably longer.
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "password_reset_requested").order_by(AuditEvent.id)
    ).all()
    assert [(event.actor_id, event.detail) for event in events] == [(user.id, {}), (None, {"account": "unknown"})]


def test_an_unknown_address_leaves_no_trace_of_what_was_typed(client):
    request_reset(client, "somebody.typed.this@anytown.example")
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert "somebody.typed.this" not in str([event.detail for event in events])
