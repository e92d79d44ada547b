"""Staff are signed out after a spell without using the service (STAFF_IDLE_MINUTES)."""

import time

from flask import g

from portal.auth.services import LAST_SEEN_KEY
from tests.fixtures.config import overridden_config
from tests.integration.auth.staff import make_staff, sign_in


def seen_minutes_ago(client, minutes: float) -> None:
    with client.session_transaction() as session:
        session[LAST_SEEN_KEY] = time.time() - minutes * 60
    # The test's requests share one application context: make the next one load the user from its session again.
    g.pop("_login_user", None)


def test_sign_in_starts_the_clock(client):
    sign_in(client, make_staff())
    with client.session_transaction() as session:
        assert abs(session[LAST_SEEN_KEY] - time.time()) < 5


def test_a_page_within_the_limit_keeps_the_session_and_restarts_the_clock(client):
    sign_in(client, make_staff())
    seen_minutes_ago(client, 29)
    assert client.get("/staff/cases").status_code == 200
    with client.session_transaction() as session:
        assert time.time() - session[LAST_SEEN_KEY] < 5


def test_an_idle_session_is_signed_out_with_a_message(client):
    sign_in(client, make_staff())
    seen_minutes_ago(client, 31)
    response = client.get("/staff/cases")
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/sign-in"
    page = client.get("/staff/sign-in").get_data(as_text=True)
    assert "You were signed out because you had not used the service for 30 minutes" in page
    g.pop("_login_user", None)
    assert client.get("/staff/cases").headers["Location"].startswith("/staff/sign-in")
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_the_limit_is_a_setting(app, client):
    sign_in(client, make_staff())
    with overridden_config(app, STAFF_IDLE_MINUTES=5):
        seen_minutes_ago(client, 6)
        assert client.get("/staff/cases").headers["Location"] == "/staff/sign-in"
        assert "for 5 minutes" in client.get("/staff/sign-in").get_data(as_text=True)


def test_a_session_without_a_last_seen_time_is_treated_as_idle(client):
    sign_in(client, make_staff())
    with client.session_transaction() as session:
        del session[LAST_SEEN_KEY]
    g.pop("_login_user", None)
    assert client.get("/staff/cases").headers["Location"] == "/staff/sign-in"


def test_htmx_requests_are_sent_to_sign_in_as_a_whole_page(client):
    sign_in(client, make_staff())
    seen_minutes_ago(client, 31)
    response = client.get("/staff/cases", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/staff/sign-in"


def test_public_pages_do_not_count_as_staff_activity(client):
    sign_in(client, make_staff())
    seen_minutes_ago(client, 20)
    assert client.get("/").status_code == 200
    with client.session_transaction() as session:
        assert time.time() - session[LAST_SEEN_KEY] > 19 * 60
