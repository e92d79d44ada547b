"""Staff sign-in: password, then a code from an authenticator app; lock-out; a fresh session; sign-out."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.auth.services import FAILURES_BEFORE_LOCK, PENDING_KEY
from portal.common.clock import utc_now
from portal.data.database import db
from portal.data.models import AuditEvent, OutboxMessage, StaffUser
from tests.fixtures.config import overridden_config
from tests.integration.auth.staff import PASSWORD, code, make_staff, sign_in

WRONG = "Enter a correct email address and password"
WRONG_CODE = "The security code is not correct. Enter the code your authenticator app shows now"
LOCKED = (
    "Your account is locked because of too many wrong attempts. "
    "We have emailed you a link to choose a new password, which opens it again"
)


def error_summary_of(html: str) -> list[str]:
    summary = BeautifulSoup(html, "html.parser").select_one(".govuk-error-summary")
    return [item.get_text(strip=True) for item in summary.select("li")] if summary else []


def error_summary(response) -> list[str]:
    return error_summary_of(response.get_data(as_text=True))


def post_password(client, email: str, password: str):
    return client.post("/staff/sign-in", data={"email": email, "password": password})


def test_sign_in_page_is_a_form_with_email_and_password(client):
    response = client.get("/staff/sign-in")
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.title.get_text().startswith("Sign in")
    assert soup.select_one("input#email")["autocomplete"] == "username"
    assert soup.select_one("input#password")["type"] == "password"
    assert soup.select_one("input#password")["autocomplete"] == "current-password"


def test_wrong_password_is_refused_with_the_generic_message(client):
    user = make_staff()
    response = post_password(client, user.email, "not the password")
    assert response.status_code == 200
    assert error_summary(response) == [WRONG]
    assert response.get_data(as_text=True).startswith("<!DOCTYPE html>")
    assert "Error: Sign in" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.failed_sign_ins == 1


def test_unknown_email_gets_exactly_the_same_message(client):
    make_staff()
    response = post_password(client, "nobody@anytown.example", PASSWORD)
    assert response.status_code == 200
    assert error_summary(response) == [WRONG]


def test_missing_answers_get_their_own_messages(client):
    response = post_password(client, "", "")
    assert error_summary(response) == ["Enter your email address", "Enter your password"]


def lock(user, failures: int = FAILURES_BEFORE_LOCK - 1) -> None:
    """Puts the account one wrong attempt (by default) short of the lock, as if someone had kept guessing."""
    user.failed_sign_ins = failures
    db.session.commit()


def test_too_many_wrong_passwords_lock_the_account_and_email_its_holder(client):
    user = make_staff()
    lock(user)
    assert error_summary(post_password(client, user.email, "wrong password")) == [WRONG]
    db.session.refresh(user)
    assert user.locked_until > utc_now() + timedelta(hours=23)
    # The page says nothing new, even to the right password: the holder learns of the lock by email.
    response = post_password(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert error_summary(response) == [WRONG]
    [email] = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert (email.recipient, email.template) == (user.email, "staff_account_locked")
    assert f"{FAILURES_BEFORE_LOCK} times in a row" in email.body
    assert "/staff/reset-password/" in email.body
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.actor_id == user.id).order_by(AuditEvent.id)
    ).all()
    assert actions == ["account_locked", "sign_in_failed"]


def test_the_account_opens_again_when_the_lock_runs_out(client):
    user = make_staff()
    user.locked_until = utc_now() - timedelta(seconds=1)
    db.session.commit()
    response = post_password(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/two-factor"


def test_unknown_emails_wrong_passwords_and_locked_accounts_look_the_same(client):
    known = make_staff()
    locked = make_staff("locked@anytown.example", name="Lee Locked")
    locked.locked_until = utc_now() + timedelta(hours=1)
    db.session.commit()
    pages = [
        post_password(client, "nobody@anytown.example", "guess at a password").get_data(as_text=True),
        post_password(client, known.email, "guess at a password").get_data(as_text=True),
        post_password(client, locked.email, "guess at a password").get_data(as_text=True),
    ]

    def without_typed_email(page: str) -> str:
        """The page's main content, with the address as typed and the form's one-time token left out."""
        main = str(BeautifulSoup(page, "html.parser").select_one("main"))
        for email in ("nobody@anytown.example", known.email, locked.email):
            main = main.replace(email, "EMAIL")
        return re.sub(r'name="csrf_token"[^>]*', "", main)

    assert len({without_typed_email(page) for page in pages}) == 1
    assert error_summary_of(pages[0]) == [WRONG]
    # Each was recorded, the unknown one without an account.
    failures = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "sign_in_failed").order_by(AuditEvent.id)
    ).all()
    assert [event.actor_id for event in failures] == [None, known.id, locked.id]


def test_the_right_password_alone_does_not_sign_in(client):
    user = make_staff()
    response = post_password(client, user.email, PASSWORD)
    assert response.headers["Location"] == "/staff/two-factor"
    cases = client.get("/staff/cases")
    assert cases.status_code == 302
    assert cases.headers["Location"].startswith("/staff/sign-in")


def test_a_valid_code_signs_in(client):
    user = make_staff()
    response = sign_in(client, user)
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/cases"
    assert client.get("/staff/cases").status_code == 200
    db.session.refresh(user)
    assert user.last_signed_in_at is not None
    assert user.failed_sign_ins == 0
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action == "signed_in").order_by(AuditEvent.id)).actor_id
        == user.id
    )


def test_the_code_may_have_spaces_in_it(client):
    user = make_staff()
    post_password(client, user.email, PASSWORD)
    typed = code(user.totp_secret)
    response = client.post("/staff/two-factor", data={"code": f" {typed[:3]} {typed[3:]} "})
    assert response.headers["Location"] == "/staff/cases"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the security code"),
        ("12345", "The security code must be 6 numbers"),
        ("abcdef", "The security code must be 6 numbers"),
    ],
)
def test_malformed_codes_are_explained(client, typed, message):
    user = make_staff()
    post_password(client, user.email, PASSWORD)
    response = client.post("/staff/two-factor", data={"code": typed})
    assert response.status_code == 200
    assert error_summary(response) == [message]


def test_a_wrong_code_is_refused_and_counted(client):
    user = make_staff()
    post_password(client, user.email, PASSWORD)
    wrong = "000000" if code(user.totp_secret) != "000000" else "111111"
    response = client.post("/staff/two-factor", data={"code": wrong})
    assert response.status_code == 200
    assert error_summary(response) == [WRONG_CODE]
    assert client.get("/staff/cases").status_code == 302
    db.session.refresh(user)
    assert user.failed_sign_ins == 1


def test_wrong_codes_count_towards_the_lock(client):
    user = make_staff()
    post_password(client, user.email, PASSWORD)
    right = code(user.totp_secret)
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"
    lock(user, FAILURES_BEFORE_LOCK - 2)
    assert client.post("/staff/two-factor", data={"code": wrong}).status_code == 200
    response = client.post("/staff/two-factor", data={"code": wrong})
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/sign-in"
    assert error_summary(client.get("/staff/sign-in")) == [LOCKED]
    # The half-finished sign-in is forgotten: the right code now gets nowhere.
    assert client.post("/staff/two-factor", data={"code": right}).headers["Location"] == "/staff/sign-in"


def test_a_code_works_only_once(client, app):
    user = make_staff()
    used = code(user.totp_secret)  # once, so a new 30-second step cannot bring a fresh code in between
    post_password(client, user.email, PASSWORD)
    assert client.post("/staff/two-factor", data={"code": used}).headers["Location"] == "/staff/cases"
    client.post("/staff/sign-out")
    post_password(client, user.email, PASSWORD)
    response = client.post("/staff/two-factor", data={"code": used})
    assert response.status_code == 200
    assert "The security code is not correct" in error_summary(response)[0]


def test_the_code_page_needs_the_password_first(client):
    assert client.get("/staff/two-factor").headers["Location"] == "/staff/sign-in"
    assert client.post("/staff/two-factor", data={"code": "123456"}).headers["Location"] == "/staff/sign-in"


def test_the_code_step_expires_after_ten_minutes(client):
    user = make_staff()
    post_password(client, user.email, PASSWORD)
    with client.session_transaction() as session:
        pending = dict(session[PENDING_KEY])
        pending["since"] -= 11 * 60
        session[PENDING_KEY] = pending
    response = client.post("/staff/two-factor", data={"code": code(user.totp_secret)})
    assert response.headers["Location"] == "/staff/sign-in"


def test_first_sign_in_sets_up_the_authenticator_app(client):
    user = make_staff(two_factor=False)
    response = post_password(client, user.email, PASSWORD)
    assert response.headers["Location"] == "/staff/two-factor/set-up"
    page = client.get("/staff/two-factor/set-up")
    assert page.status_code == 200
    with client.session_transaction() as session:
        secret = session[PENDING_KEY]["new_secret"]
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    assert soup.select_one("#setup-key").get_text(strip=True).replace(" ", "") == secret
    uri = soup.select_one("#setup-link")["value"]
    assert uri.startswith("otpauth://totp/") and f"secret={secret}" in uri
    assert "casey.officer%40anytown.example" in uri
    assert "http" not in page.get_data(as_text=True).split("otpauth://")[1].split('"')[0]
    # The same secret is offered until it is confirmed.
    assert client.get("/staff/two-factor/set-up").get_data(as_text=True).count(secret) >= 1
    assert client.get("/staff/two-factor").headers["Location"] == "/staff/two-factor/set-up"

    response = client.post("/staff/two-factor/set-up", data={"code": code(secret)})
    assert response.headers["Location"] == "/staff/cases"
    db.session.refresh(user)
    assert user.totp_secret == secret
    assert client.get("/staff/cases").status_code == 200


def test_set_up_refuses_a_code_from_another_secret(client):
    user = make_staff(two_factor=False)
    post_password(client, user.email, PASSWORD)
    client.get("/staff/two-factor/set-up")
    response = client.post("/staff/two-factor/set-up", data={"code": code("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")})
    assert response.status_code == 200
    assert "The security code is not correct" in error_summary(response)[0]
    db.session.refresh(user)
    assert user.totp_secret is None


def test_an_account_with_an_app_cannot_be_set_up_again(client):
    user = make_staff()
    post_password(client, user.email, PASSWORD)
    assert client.get("/staff/two-factor/set-up").headers["Location"] == "/staff/two-factor"


def test_sign_in_starts_a_new_session(client):
    user = make_staff()
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    post_password(client, user.email, PASSWORD)
    with client.session_transaction() as session:
        assert "planted" not in session
        session["planted"] = "between the steps"
    sign_in_response = client.post("/staff/two-factor", data={"code": code(user.totp_secret)})
    assert sign_in_response.status_code == 302
    with client.session_transaction() as session:
        assert "planted" not in session
        assert PENDING_KEY not in session
        assert session["_fresh"] is True
        assert session["_user_id"] == user.get_id()


def test_sign_in_returns_to_the_page_asked_for(client):
    user = make_staff()
    response = client.get("/staff/cases?page=1")
    assert response.headers["Location"] == "/staff/sign-in?next=%2Fstaff%2Fcases%3Fpage%3D1"
    client.post(response.headers["Location"], data={"email": user.email, "password": PASSWORD})
    response = client.post("/staff/two-factor", data={"code": code(user.totp_secret)})
    assert response.headers["Location"] == "/staff/cases?page=1"


@pytest.mark.parametrize("next_url", ["https://evil.example/staff/", "//evil.example/staff/", "/\\evil.example", "/"])
def test_sign_in_never_sends_staff_off_site(client, next_url):
    user = make_staff()
    client.post("/staff/sign-in", query_string={"next": next_url}, data={"email": user.email, "password": PASSWORD})
    response = client.post("/staff/two-factor", data={"code": code(user.totp_secret)})
    assert response.headers["Location"] == "/staff/cases"


def test_visitors_are_asked_to_sign_in(client):
    response = client.get("/staff/cases", follow_redirects=True)
    assert response.request.path == "/staff/sign-in"
    assert "Sign in to continue" in response.get_data(as_text=True)


def test_signed_in_staff_skip_the_sign_in_page(client):
    user = make_staff()
    sign_in(client, user)
    assert client.get("/staff/sign-in").headers["Location"] == "/staff/cases"
    assert client.get("/staff/").headers["Location"] == "/staff/cases"


def test_two_factor_is_required_outside_development_whatever_the_setting(app, client):
    user = make_staff()
    with overridden_config(app, STAFF_TWO_FACTOR_REQUIRED=False):
        response = post_password(client, user.email, PASSWORD)
    assert response.headers["Location"] == "/staff/two-factor"


def test_development_can_sign_in_with_a_password_alone(app, client):
    user = make_staff(two_factor=False)
    with overridden_config(app, STAFF_TWO_FACTOR_REQUIRED=False, ENVIRONMENT="development"):
        response = post_password(client, user.email, PASSWORD)
        assert response.headers["Location"] == "/staff/cases"
        assert client.get("/staff/cases").status_code == 200


def test_inactive_accounts_cannot_sign_in(client):
    user = make_staff()
    user.active = False
    db.session.commit()
    assert error_summary(post_password(client, user.email, PASSWORD)) == [WRONG]


def test_sign_out_ends_the_session(client):
    user = make_staff()
    sign_in(client, user)
    assert client.get("/staff/sign-out").status_code == 405
    response = client.post("/staff/sign-out", follow_redirects=True)
    assert response.request.path == "/staff/sign-in"
    assert "You have signed out" in response.get_data(as_text=True)
    assert client.get("/staff/cases").status_code == 302
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action == "signed_out").order_by(AuditEvent.id)).actor_id
        == user.id
    )


def test_a_password_changed_in_the_database_signs_out_every_session(app, client):
    user = make_staff()
    sign_in(client, user)
    assert client.get("/staff/cases").status_code == 200
    db.session.get(StaffUser, user.id).password_hash = "changed elsewhere"
    db.session.commit()
    assert client.get("/staff/cases").headers["Location"].startswith("/staff/sign-in")
