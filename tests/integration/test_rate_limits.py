"""Rate limits on the public look-ups and the sign-in: past the limit comes a GOV.UK "Too many attempts" page."""

import pytest
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import StaffUser
from portal.extensions import limiter
from tests.integration.auth.staff import PASSWORD, code, make_staff


def forget_every_hit() -> None:
    # Through the strategy's storage: Flask-Limiter's own `reset()` asserts its storage is truthy, and an empty
    # in-memory storage is not.
    limiter.limiter.storage.reset()


@pytest.fixture
def limits_on(app):
    limiter.enabled = True
    forget_every_hit()
    yield
    forget_every_hit()
    limiter.enabled = False


def wrong_password(client, email: str, address: str = "192.0.2.10"):
    return client.post(
        "/staff/sign-in",
        data={"email": email, "password": "wrong password"},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.mark.parametrize("email", ["casey.officer@anytown.example", "nobody@anytown.example"])
def test_repeated_failures_slow_down_sign_in_for_that_address_whether_or_not_it_has_an_account(
    client, limits_on, email
):
    make_staff()
    for attempt in range(5):
        # From a different network address each time: the limit follows the account typed.
        assert wrong_password(client, email, f"192.0.2.{attempt}").status_code == 200
    response = wrong_password(client, email, "192.0.2.99")
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    # Someone else signing in is not held up, and nothing was locked that anyone can lock again and again.
    assert wrong_password(client, "robin@anytown.example", "192.0.2.99").status_code == 200
    assert db.session.scalar(select(StaffUser.locked_until)) is None


def test_repeated_failures_slow_down_sign_in_from_that_network_address(client, limits_on):
    for attempt in range(30):
        assert wrong_password(client, f"guess{attempt}@anytown.example").status_code == 200
    assert wrong_password(client, "another.guess@anytown.example").status_code == 429
    assert wrong_password(client, "another.guess@anytown.example", "198.51.100.7").status_code == 200


def test_successful_sign_ins_do_not_count_towards_the_limit(client, limits_on):
    user = make_staff()
    for _ in range(8):
        response = client.post("/staff/sign-in", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302
        client.get("/staff/two-factor")


def test_wrong_security_codes_are_slowed_down_for_that_account(client, limits_on):
    user = make_staff()
    client.post("/staff/sign-in", data={"email": user.email, "password": PASSWORD})
    wrong = "000000" if code(user.totp_secret) != "000000" else "111111"
    for _ in range(5):
        assert client.post("/staff/two-factor", data={"code": wrong}).status_code == 200
    assert client.post("/staff/two-factor", data={"code": wrong}).status_code == 429


def test_password_reset_is_limited_per_address_typed_and_per_network_address(client, limits_on):
    for _ in range(3):
        assert client.post("/staff/reset-password", data={"email": "casey@anytown.example"}).status_code == 302
    assert client.post("/staff/reset-password", data={"email": "casey@anytown.example"}).status_code == 429
    for _ in range(2):
        assert client.post("/staff/reset-password", data={"email": "robin@anytown.example"}).status_code == 302
    assert client.post("/staff/reset-password", data={"email": "sam@anytown.example"}).status_code == 429


def test_resume_links_are_limited(client, limits_on):
    for _ in range(30):
        assert client.get("/resume/not-a-real-link").status_code == 410
    assert client.get("/resume/not-a-real-link").status_code == 429
