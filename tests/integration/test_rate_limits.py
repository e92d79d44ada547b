"""Rate limits on the public look-ups and the sign-in: past the limit comes a GOV.UK "Too many attempts" page."""

import pytest

from portal.extensions import limiter


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


@pytest.mark.parametrize(
    ("path", "allowed", "data"),
    [
        ("/staff/sign-in", 10, {"email": "someone@anytown.example", "password": "wrong password"}),
        ("/staff/reset-password", 5, {"email": "someone@anytown.example"}),
    ],
)
def test_staff_sign_in_and_reset_are_limited(client, limits_on, path, allowed, data):
    for _ in range(allowed):
        assert client.post(path, data=data).status_code != 429
    response = client.post(path, data=data)
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_resume_links_are_limited(client, limits_on):
    for _ in range(30):
        assert client.get("/resume/not-a-real-link").status_code == 410
    assert client.get("/resume/not-a-real-link").status_code == 429
