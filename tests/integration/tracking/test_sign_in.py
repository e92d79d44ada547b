"""Signing in to follow a case without an account: reference and address, a six-digit code through the outbox, five
tries then a pause; the session is the tracking kind, separate from staff sessions, and ends after 30 minutes idle."""

from datetime import timedelta

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent, OutboxMessage, ServerSession, TrackingSignIn
from portal.domain.tracking import CODE_TRIES
from portal.notifications import outbox
from tests.fixtures.config import overridden_config
from tests.integration.tracking.conftest import (
    EMAIL,
    PHONE,
    code_sent,
    look_up,
    make_person_case,
    screen,
    sign_in,
)


def test_the_right_code_opens_the_case_and_a_tracking_session(client, officer):
    case = screen(make_person_case(), officer)
    response = look_up(client, case.reference, "  Sam.Ellery@Example.com ")
    assert response.headers["Location"] == "/track/code"
    [message] = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.template == "tracking_code").order_by(OutboxMessage.id)
    ).all()
    assert message.recipient == EMAIL
    assert "works for 15 minutes" in message.body
    page = client.get("/track/code").get_data(as_text=True)
    assert "Check your email" in page
    response = client.post("/track/code", data={"code": code_sent(EMAIL)})
    assert response.headers["Location"] == f"/track/cases/{case.reference}"
    assert case.reference in client.get(response.headers["Location"]).get_data(as_text=True)
    [record] = db.session.scalars(select(ServerSession).order_by(ServerSession.id)).all()
    assert record.kind == "tracking"
    sign_in_row = db.session.get(TrackingSignIn, int(record.subject))
    assert (sign_in_row.case_id, sign_in_row.contact, sign_in_row.verified_at is not None) == (case.id, EMAIL, True)
    # Neither the code nor the token is stored as it is.
    assert code_sent(EMAIL) not in sign_in_row.code_hash


def test_a_code_by_text_message_goes_through_gov_uk_notify(client, officer, app_sends_by_notify):
    case = screen(make_person_case(), officer)
    look_up(client, case.reference, "+44 7700 900982")
    outbox.wait_for_background()
    [request] = app_sends_by_notify.accepted
    assert request.path == "/v2/notifications/sms"
    assert request.json["phone_number"] == PHONE
    code = request.json["personalisation"]["body"].split()[0]
    assert client.post("/track/code", data={"code": code}).status_code == 302


def test_a_code_is_six_numbers_and_says_so(client, officer):
    case = screen(make_person_case(), officer)
    look_up(client, case.reference, EMAIL)
    page = client.post("/track/code", data={"code": "12ab"}).get_data(as_text=True)
    assert "The security code must be 6 numbers" in page


def test_five_wrong_codes_lock_the_look_up_and_pause_new_codes(client, officer):
    case = screen(make_person_case(), officer)
    look_up(client, case.reference, EMAIL)
    right = code_sent(EMAIL)
    wrong = "000000" if right != "000000" else "111111"
    for tries_left in range(CODE_TRIES - 1, 0, -1):
        page = client.post("/track/code", data={"code": wrong}).get_data(as_text=True)
        assert f"You have {tries_left} more tr" in page
    locked = client.post("/track/code", data={"code": wrong}).get_data(as_text=True)
    assert "Wait before you try again" in locked
    # Locked: even the right code does nothing now.
    assert "Wait before you try again" in client.post("/track/code", data={"code": right}).get_data(as_text=True)
    assert db.session.scalar(select(ServerSession)) is None
    # A new look-up for the same reference and address is paused too, and sends nothing.
    sent = db.session.query(OutboxMessage).count()
    response = client.post("/track", data={"reference": case.reference, "contact": EMAIL})
    assert "Wait before you try again" in response.get_data(as_text=True)
    assert db.session.query(OutboxMessage).count() == sent


def test_after_the_pause_a_new_code_works(app, client, officer):
    case = screen(make_person_case(), officer)
    look_up(client, case.reference, EMAIL)
    for _ in range(CODE_TRIES):
        client.post("/track/code", data={"code": "999999" if code_sent(EMAIL) != "999999" else "888888"})
    with overridden_config(app, CLOCK_OFFSET=timedelta(minutes=16)):
        sign_in(client, case)


def test_a_code_expires_after_15_minutes(app, client, officer):
    case = screen(make_person_case(), officer)
    look_up(client, case.reference, EMAIL)
    with overridden_config(app, CLOCK_OFFSET=timedelta(minutes=16)):
        page = client.post("/track/code", data={"code": code_sent(EMAIL)}).get_data(as_text=True)
    assert "This code has expired" in page
    assert db.session.scalar(select(ServerSession)) is None


def test_a_look_up_that_matches_nothing_sends_nothing_and_accepts_no_code(client, officer):
    case = screen(make_person_case(), officer)
    look_up(client, case.reference, "someone.else@example.com")
    assert (
        db.session.scalar(
            select(OutboxMessage).where(OutboxMessage.template == "tracking_code").order_by(OutboxMessage.id)
        )
        is None
    )
    for code in ("000000", "123456"):
        client.post("/track/code", data={"code": code})
    assert db.session.scalar(select(ServerSession)) is None
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert "tracking_look_up_matched_nothing" in actions


def test_your_cases_lists_every_case_given_with_the_verified_address(client, officer):
    first = screen(make_person_case(), officer)
    second = make_person_case(email="SAM.ELLERY@example.com", phone=None)
    someone_else = make_person_case(email="robin@example.org", phone=None)
    sign_in(client, first)
    page = client.get("/track/cases").get_data(as_text=True)
    assert first.reference in page and second.reference in page
    assert someone_else.reference not in page


def test_the_tracking_session_ends_after_30_minutes_idle(app, client, officer):
    case = screen(make_person_case(), officer)
    sign_in(client, case)
    assert client.get(f"/track/cases/{case.reference}").status_code == 200
    with overridden_config(app, CLOCK_OFFSET=timedelta(minutes=31)):
        response = client.get(f"/track/cases/{case.reference}")
        assert response.headers["Location"] == "/track"
        assert "signed out because you had not used the page" in client.get("/track").get_data(as_text=True)
    assert db.session.scalar(select(ServerSession)) is None


def test_the_tracking_session_is_not_a_staff_session(client, officer):
    case = screen(make_person_case(), officer)
    sign_in(client, case)
    assert client.get("/staff/cases").headers["Location"].startswith("/staff/sign-in")
    [record] = db.session.scalars(select(ServerSession).order_by(ServerSession.id)).all()
    assert record.kind == "tracking"


def test_signing_out_ends_the_session_on_the_server(client, officer):
    case = screen(make_person_case(), officer)
    sign_in(client, case)
    response = client.post("/track/sign-out")
    assert response.headers["Location"] == "/track/signed-out"
    assert "You have signed out" in client.get("/track/signed-out").get_data(as_text=True)
    assert db.session.scalar(select(ServerSession)) is None
    assert client.get(f"/track/cases/{case.reference}").headers["Location"] == "/track"


def test_the_exit_ends_the_tracking_session(client, officer):
    case = screen(make_person_case(), officer)
    sign_in(client, case)
    assert client.get("/track/leave").status_code == 303
    assert client.get(f"/track/cases/{case.reference}").status_code == 200  # a GET changes nothing
    assert client.post("/track/leave").status_code == 303
    assert db.session.scalar(select(ServerSession)) is None
    assert client.get(f"/track/cases/{case.reference}").headers["Location"] == "/track"
