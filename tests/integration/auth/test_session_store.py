"""The server-side session store, in the database and in a real Redis: the same rules on both.

Kinds and subjects are plain strings, so the same store will serve people following their case without an account.
"""

from datetime import timedelta

import pytest

from portal.common import server_sessions
from portal.common.clock import utc_now
from portal.common.server_sessions import DatabaseSessionStore, RedisSessionStore, SessionKind, SessionStatus
from portal.data.database import db
from tests.integration.auth.sessions import session_token
from tests.integration.auth.staff import make_staff, sign_in

STAFF = SessionKind("staff", idle_limit=timedelta(minutes=30), lifetime=timedelta(hours=12))
TRACKING = SessionKind("tracking", idle_limit=timedelta(minutes=30), lifetime=timedelta(hours=2))


@pytest.fixture(params=["database", "redis"])
def store(request, app_context):
    """Each test runs once with the sessions in the database and once in Redis."""
    if request.param == "database":
        chosen = DatabaseSessionStore()
    else:
        chosen = RedisSessionStore(request.getfixturevalue("redis_url"))
    previous = app_context.extensions["server_sessions"]
    app_context.extensions["server_sessions"] = chosen
    yield chosen
    app_context.extensions["server_sessions"] = previous


def test_a_new_session_is_active_until_it_ends(store):
    now = utc_now()
    token = server_sessions.start(STAFF, "7", now, user_agent="Firefox", ip_address="192.0.2.1")
    db.session.commit()
    checked = server_sessions.check(STAFF, token, now)
    assert checked.status is SessionStatus.ACTIVE
    assert (checked.record.subject, checked.record.user_agent, checked.record.ip_address) == (
        "7",
        "Firefox",
        "192.0.2.1",
    )
    server_sessions.end(token)
    db.session.commit()
    assert server_sessions.check(STAFF, token, now).status is SessionStatus.UNKNOWN


def test_only_a_hash_of_the_token_is_stored(store):
    token = server_sessions.start(STAFF, "7", utc_now())
    db.session.commit()
    assert token not in str(store.for_subject("staff", "7"))
    assert store.get(token) is None


def test_idle_and_expired_sessions_are_not_active(store):
    start = utc_now()
    token = server_sessions.start(STAFF, "7", start)
    db.session.commit()
    assert server_sessions.check(STAFF, token, start + timedelta(minutes=29)).status is SessionStatus.ACTIVE
    assert server_sessions.check(STAFF, token, start + timedelta(minutes=31)).status is SessionStatus.IDLE
    record = server_sessions.check(STAFF, token, start).record
    for minutes in range(25, 12 * 60, 25):
        record = server_sessions.touch(token, record, start + timedelta(minutes=minutes))
    db.session.commit()
    later = start + timedelta(hours=12, minutes=1)
    assert server_sessions.check(STAFF, token, later - timedelta(minutes=2)).status is SessionStatus.ACTIVE
    assert server_sessions.check(STAFF, token, later).status is SessionStatus.EXPIRED


def test_touching_moves_the_idle_clock_but_not_on_every_request(store):
    start = utc_now()
    token = server_sessions.start(STAFF, "7", start)
    db.session.commit()
    record = server_sessions.check(STAFF, token, start).record
    assert server_sessions.touch(token, record, start + timedelta(seconds=10)) is record
    moved = server_sessions.touch(token, record, start + timedelta(minutes=20))
    db.session.commit()
    assert server_sessions.check(STAFF, token, start).record.last_seen_at == moved.last_seen_at


def test_kinds_do_not_mix(store):
    now = utc_now()
    token = server_sessions.start(TRACKING, "CF-7K4-M2Q-XHP", now)
    db.session.commit()
    assert server_sessions.check(TRACKING, token, now).status is SessionStatus.ACTIVE
    assert server_sessions.check(STAFF, token, now).status is SessionStatus.UNKNOWN
    assert server_sessions.active(STAFF, "CF-7K4-M2Q-XHP", now) == []


def test_ending_all_of_a_subjects_sessions_but_one(store):
    now = utc_now()
    tokens = [server_sessions.start(STAFF, "7", now) for _ in range(3)]
    other = server_sessions.start(STAFF, "8", now)
    db.session.commit()
    assert server_sessions.end_all(STAFF, "7", keep=tokens[0]) == 2
    db.session.commit()
    assert [server_sessions.check(STAFF, token, now).active for token in tokens] == [True, False, False]
    assert server_sessions.check(STAFF, other, now).active
    assert len(server_sessions.active(STAFF, "7", now)) == 1


def test_ending_one_session_by_its_handle(store):
    now = utc_now()
    first, second = server_sessions.start(STAFF, "7", now), server_sessions.start(STAFF, "7", now)
    db.session.commit()
    handle = server_sessions.check(STAFF, second, now).record.handle
    assert not server_sessions.end_by_handle(STAFF, "8", handle)
    assert server_sessions.end_by_handle(STAFF, "7", handle)
    db.session.commit()
    assert server_sessions.check(STAFF, first, now).active
    assert not server_sessions.check(STAFF, second, now).active


def test_the_list_is_newest_first_and_leaves_out_idle_sessions(store):
    start = utc_now()
    old = server_sessions.start(STAFF, "7", start - timedelta(hours=1))
    newer = server_sessions.start(STAFF, "7", start - timedelta(minutes=5))
    newest = server_sessions.start(STAFF, "7", start)
    db.session.commit()
    handles = [record.handle for record in server_sessions.active(STAFF, "7", start)]
    expected = [server_sessions.check(STAFF, token, start).record.handle for token in (newest, newer)]
    assert handles == expected
    # Idle in Redis until it expires; tidied away from the database when the next session started.
    assert server_sessions.check(STAFF, old, start).status in {SessionStatus.IDLE, SessionStatus.UNKNOWN}


def test_redis_is_shared_by_every_app_server(app, redis_url):
    """Two app servers configured with the same Redis see the same sessions: one signs out, the other knows."""
    first, second = RedisSessionStore(redis_url), RedisSessionStore(redis_url)
    now = utc_now()
    with app.app_context():
        app.extensions["server_sessions"], previous = first, app.extensions["server_sessions"]
        try:
            token = server_sessions.start(STAFF, "7", now)
            app.extensions["server_sessions"] = second
            assert server_sessions.check(STAFF, token, now).active
            server_sessions.end(token)
            app.extensions["server_sessions"] = first
            assert not server_sessions.check(STAFF, token, now).active
        finally:
            app.extensions["server_sessions"] = previous


def test_staff_sign_in_and_out_with_sessions_in_redis(app, client, store):
    user = make_staff()
    sign_in(client, user)
    assert client.get("/staff/cases").status_code == 200
    assert len(store.for_subject("staff", str(user.id))) == 1
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    client.post("/staff/sign-out")
    assert session_token(client) is None
    assert copy.get("/staff/cases").headers["Location"].startswith("/staff/sign-in")
    assert store.for_subject("staff", str(user.id)) == {}


def test_the_store_is_chosen_by_configuration(app, redis_url):
    from portal import create_app
    from portal.config import ConfigurationError

    assert isinstance(create_app({"ENVIRONMENT": "test"}).extensions["server_sessions"], DatabaseSessionStore)
    chosen = create_app({"ENVIRONMENT": "test", "SESSION_STORE_URI": redis_url}).extensions["server_sessions"]
    assert isinstance(chosen, RedisSessionStore)
    with pytest.raises(ConfigurationError, match="SESSION_STORE_URI"):
        create_app({"ENVIRONMENT": "test", "SESSION_STORE_URI": "memcached://nowhere"})
