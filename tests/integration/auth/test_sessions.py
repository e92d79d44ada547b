"""Signing out ends the session on the server: a copy of the cookie taken before stops working at once.

Each test copies the cookie of a signed-in browser into a second browser, does something that should end the
session, and shows the copy is sent to sign in.
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from portal.data.database import db
from portal.data.models import AuditEvent, ServerSession
from portal.domain.types import StaffRole
from tests.integration.auth.sessions import age_session, session_record, session_token
from tests.integration.auth.staff import PASSWORD, make_staff, sign_in, signed_in_as

NEW_PASSWORD = "heron quartz lantern meadow"


def copy_of(app, client):
    """A second browser holding exactly the cookie `client` has now."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def is_signed_in(client) -> bool:
    response = client.get("/staff/cases")
    if response.status_code == 200:
        return True
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in")
    return False


def page_text(response) -> str:
    return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text(" ").split())


def sessions_of(user) -> int:
    return db.session.scalar(
        select(func.count()).select_from(ServerSession).where(ServerSession.subject == str(user.id))
    )


@pytest.fixture
def officer(app_context):
    return make_staff()


def test_a_copied_cookie_stops_working_when_its_owner_signs_out(app, client, officer):
    sign_in(client, officer)
    thief = copy_of(app, client)
    assert is_signed_in(thief)
    client.post("/staff/sign-out")
    assert not is_signed_in(client)
    response = thief.get("/staff/cases", follow_redirects=True)
    assert response.request.path == "/staff/sign-in"
    assert "Sign in" in page_text(response)
    assert sessions_of(officer) == 0


def test_a_copied_cookie_stops_working_after_a_password_reset(app, client, officer):
    from tests.integration.auth.test_password_reset import emailed_link, request_reset

    sign_in(client, officer)
    thief = copy_of(app, client)
    other_browser = app.test_client()
    request_reset(other_browser, officer.email)
    other_browser.post(emailed_link(officer.email), data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert not is_signed_in(thief)
    assert not is_signed_in(client)
    assert sessions_of(officer) == 0


def test_changing_your_password_signs_out_every_other_device_but_keeps_this_one(app, client, officer):
    sign_in(client, officer)
    laptop = signed_in_as(app.test_client(), officer)
    thief = copy_of(app, client)
    response = client.post(
        "/staff/account/password",
        data={"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.headers["Location"] == "/staff/account"
    assert "You have been signed out of every other device" in page_text(client.get("/staff/account"))
    assert is_signed_in(client)
    assert not is_signed_in(laptop)
    # The copy taken before the change is dead too: this browser was given a new session.
    assert not is_signed_in(thief)
    assert sessions_of(officer) == 1
    events = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.actor_id == officer.id).order_by(AuditEvent.id)
    ).all()
    assert "password_changed" in events and "sessions_ended" in events


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"current_password": "not my password"}, "Your current password is not correct"),
        ({"current_password": ""}, "Enter your current password"),
        ({"password": "Casey the great one"}, "Password must not include your name"),
        ({"password": "Password1234", "confirm": "Password1234"}, "Password is on a list of common passwords"),
    ],
)
def test_changing_your_password_is_checked(client, officer, typed, message):
    sign_in(client, officer)
    response = client.post(
        "/staff/account/password",
        data={"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD} | typed,
    )
    assert response.status_code == 200
    assert message in page_text(response)
    assert is_signed_in(client)


def test_an_administrator_signs_someone_out_everywhere(app, client, officer):
    sign_in(client, officer)
    thief = copy_of(app, client)
    administrator = make_staff("ada.admin@anytown.example", StaffRole.ADMINISTRATOR, name="Ada Admin")
    admin = signed_in_as(app.test_client(), administrator)
    page = admin.get(f"/staff/settings/staff/{officer.id}")
    assert "Sign out of every device" in page_text(page)
    response = admin.post(f"/staff/settings/staff/{officer.id}/sign-out-everywhere", follow_redirects=True)
    assert "Casey Marlowe has been signed out of 1 device" in page_text(response)
    assert not is_signed_in(client)
    assert not is_signed_in(thief)
    assert admin.get("/staff/settings").status_code == 200
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "sessions_ended").order_by(AuditEvent.id))
    assert event.actor_id == administrator.id
    assert event.detail == {"account": officer.id, "reason": "administrator", "sessions": 1}


def test_deactivation_ends_every_session_on_the_server(app, client, officer):
    sign_in(client, officer)
    administrator = make_staff("ada.admin@anytown.example", StaffRole.ADMINISTRATOR, name="Ada Admin")
    signed_in_as(app.test_client(), administrator).post(f"/staff/settings/staff/{officer.id}/deactivate")
    assert sessions_of(officer) == 0
    assert not is_signed_in(client)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "sessions_ended").order_by(AuditEvent.id))
    assert event.detail["reason"] == "deactivated"


def test_a_copied_cookie_of_an_idle_session_never_works_again(app, client, officer):
    sign_in(client, officer)
    thief = copy_of(app, client)
    age_session(client, idle=timedelta(minutes=31))
    assert not is_signed_in(client)
    assert not is_signed_in(thief)


def test_a_forged_or_missing_token_signs_nobody_in(app, client, officer):
    sign_in(client, officer)
    for forged in ["", "x" * 43, None, 12345]:
        with client.session_transaction() as session:
            session["staff_session"] = forged
        assert not is_signed_in(client)


def test_each_browser_has_its_own_session(app, client, officer):
    sign_in(client, officer)
    laptop = signed_in_as(app.test_client(), officer)
    assert session_token(client) != session_token(laptop)
    assert sessions_of(officer) == 2
    laptop.post("/staff/sign-out")
    assert is_signed_in(client)


def test_the_account_page_lists_each_device(app, client, officer):
    sign_in(client, officer)
    signed_in_as(
        app.test_client(),
        officer,
        user_agent="Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0",
    )
    response = client.get("/staff/account")
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    titles = [title.get_text(" ", strip=True) for title in soup.select(".govuk-summary-card__title")]
    assert titles == ["An unknown browser (this device)", "Chrome on Windows"]
    assert "Casey Marlowe" in page_text(response)
    buttons = [" ".join(button.get_text().split()) for button in soup.select("main button")]
    assert buttons == [
        f"Sign out of Chrome on Windows, signed in {soup.select('.govuk-summary-card')[1].dd.get_text(strip=True)}",
        "Sign out of every other device",
    ]


def test_ending_another_session_from_the_account_page(app, client, officer):
    sign_in(client, officer)
    laptop = signed_in_as(app.test_client(), officer)
    soup = BeautifulSoup(client.get("/staff/account").get_data(as_text=True), "html.parser")
    action = soup.select_one("main form[action*='/sessions/']")["action"]
    response = client.post(action, follow_redirects=True)
    assert "You have signed out of that device" in page_text(response)
    assert not is_signed_in(laptop)
    assert is_signed_in(client)
    assert client.post(action).status_code == 404


def test_your_own_session_cannot_be_ended_by_handle_and_others_cannot_be_touched(app, client, officer):
    sign_in(client, officer)
    other = make_staff("robin@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Robin Ashgrove")
    others_browser = signed_in_as(app.test_client(), other)
    own = session_record(client).handle
    theirs = session_record(others_browser).handle
    assert client.post(f"/staff/account/sessions/{own}/sign-out").status_code == 404
    assert client.post(f"/staff/account/sessions/{theirs}/sign-out").status_code == 404
    assert client.post(f"/staff/account/sessions/{'x' * 5000}/sign-out").status_code == 404
    assert is_signed_in(client)
    assert is_signed_in(others_browser)


def test_signing_out_of_every_other_device(app, client, officer):
    sign_in(client, officer)
    browsers = [signed_in_as(app.test_client(), officer) for _ in range(2)]
    response = client.post("/staff/account/sessions/sign-out-others", follow_redirects=True)
    assert "You have signed out of every other device" in page_text(response)
    assert [is_signed_in(browser) for browser in browsers] == [False, False]
    assert is_signed_in(client)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "sessions_ended").order_by(AuditEvent.id))
    assert event.detail == {"account": officer.id, "reason": "own_request", "sessions": 2}


def test_a_signed_out_copy_is_told_it_was_signed_out(app, client, officer):
    sign_in(client, officer)
    thief = copy_of(app, client)
    client.post("/staff/sign-out")
    response = thief.get("/staff/cases", follow_redirects=True)
    assert "You have been signed out. Sign in again to continue" in page_text(response)
