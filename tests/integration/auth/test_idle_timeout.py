"""Staff are signed out after a spell without using the service (STAFF_IDLE_MINUTES), and STAFF_SESSION_HOURS after
signing in however busy they are. The clock is the server's record of the session, not anything in the cookie."""

from datetime import timedelta

from sqlalchemy import select

from portal.common.clock import utc_now
from portal.data.database import db
from portal.data.models import AuditEvent
from tests.fixtures.config import overridden_config
from tests.integration.auth.sessions import age_session, session_record
from tests.integration.auth.staff import make_staff, sign_in


def test_sign_in_starts_the_clock(client):
    sign_in(client, make_staff())
    record = session_record(client)
    assert abs(record.last_seen_at - utc_now()) < timedelta(seconds=5)
    assert record.started_at == record.last_seen_at


def test_a_page_within_the_limit_keeps_the_session_and_restarts_the_clock(client):
    sign_in(client, make_staff())
    age_session(client, idle=timedelta(minutes=29))
    assert client.get("/staff/cases").status_code == 200
    assert utc_now() - session_record(client).last_seen_at < timedelta(seconds=5)


def test_an_idle_session_is_signed_out_with_a_message(client):
    user = make_staff()
    sign_in(client, user)
    age_session(client, idle=timedelta(minutes=31))
    response = client.get("/staff/cases")
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/sign-in"
    page = client.get("/staff/sign-in").get_data(as_text=True)
    assert "You were signed out because you had not used the service for 30 minutes" in page
    assert client.get("/staff/cases").headers["Location"].startswith("/staff/sign-in")
    with client.session_transaction() as session:
        assert "_user_id" not in session
    signed_out = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "signed_out").order_by(AuditEvent.id))
    assert (signed_out.actor_id, signed_out.detail) == (user.id, {"reason": "idle"})


def test_the_limit_is_a_setting(app, client):
    sign_in(client, make_staff())
    with overridden_config(app, STAFF_IDLE_MINUTES=5):
        age_session(client, idle=timedelta(minutes=6))
        assert client.get("/staff/cases").headers["Location"] == "/staff/sign-in"
        assert "for 5 minutes" in client.get("/staff/sign-in").get_data(as_text=True)


def test_a_busy_session_still_ends_after_the_longest_time_allowed(client):
    sign_in(client, make_staff())
    age_session(client, idle=timedelta(minutes=1), since_sign_in=timedelta(hours=12, minutes=1))
    assert client.get("/staff/cases").headers["Location"] == "/staff/sign-in"
    assert "you signed in more than 12 hours ago" in client.get("/staff/sign-in").get_data(as_text=True)


def test_an_idle_record_is_removed_from_the_server(client):
    sign_in(client, make_staff())
    age_session(client, idle=timedelta(minutes=31))
    with client.session_transaction() as session:
        copy = dict(session)
    client.get("/staff/cases")
    with client.session_transaction() as session:
        session.update(copy)
    assert session_record(client) is None


def test_htmx_requests_are_sent_to_sign_in_as_a_whole_page(client):
    sign_in(client, make_staff())
    age_session(client, idle=timedelta(minutes=31))
    response = client.get("/staff/cases", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/staff/sign-in"


def test_public_pages_do_not_count_as_staff_activity(client):
    sign_in(client, make_staff())
    age_session(client, idle=timedelta(minutes=20))
    assert client.get("/").status_code == 200
    assert utc_now() - session_record(client).last_seen_at > timedelta(minutes=19)
