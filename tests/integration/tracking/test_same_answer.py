"""Nobody can probe for cases: a reference that does not exist, and a real reference with an address it was not
given with, get the same answer, byte for byte but for the CSRF token, with the same work done
(the timing is measured by `make benchmark`, benchmarks/__main__.py `tracking_look_up_benchmarks`). Look-ups are
rate-limited per address and per reference, whether or not they match anything."""

import re

import pytest
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent, TrackingSignIn
from portal.extensions import limiter
from portal.notifications import outbox
from tests.integration.tracking.conftest import EMAIL, a_reference, make_person_case, screen

RANDOM = re.compile(r'(value|data-csrf-token)="[^"]*"')


def without_tokens(html: str) -> str:
    return RANDOM.sub(r'\1="…"', html)


def answers_to(app, reference: str, contact: str) -> list[tuple]:
    """What a fresh browser is told at each step of a look-up: the form, the answer to it, and the code page."""
    client = app.test_client()
    form = client.get("/track")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form.get_data(as_text=True)).group(1)
    posted = client.post("/track", data={"csrf_token": token, "reference": reference, "contact": contact})
    posted.close()
    code_page = client.get("/track/code")
    wrong = client.post("/track/code", data={"csrf_token": token, "code": "000000"})
    return [
        (
            response.status_code,
            response.headers.get("Location"),
            sorted(response.headers.keys()),
            without_tokens(response.get_data(as_text=True)),
        )
        for response in (posted, code_page, wrong)
    ]


def test_a_random_reference_and_a_wrong_address_get_the_same_answer(app, officer, csrf_enabled):
    case = screen(make_person_case(), officer)
    unknown = answers_to(app, a_reference(), EMAIL)
    wrong_address = answers_to(app, case.reference, "not.sam@example.com")
    assert unknown == wrong_address
    assert unknown[0][:2] == (302, "/track/code")
    assert "The security code is not right" in unknown[2][3]
    # The same work: a sign-in row and an audit event each, and nothing of the address typed kept.
    rows = db.session.scalars(select(TrackingSignIn).order_by(TrackingSignIn.id)).all()
    assert len(rows) == 2 and all(row.contact is None and row.case_id is None for row in rows)
    assert (
        db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id))
        .all()
        .count("tracking_look_up_matched_nothing")
        == 2
    )


@pytest.fixture
def sender_asked(monkeypatch) -> list[list[int]]:
    """The messages each look-up handed to the background sender (which still sends them)."""
    asked: list[list[int]] = []
    deliver_soon = outbox.deliver_soon

    def recorded(message_ids):
        asked.append(list(message_ids))
        return deliver_soon(asked[-1])

    monkeypatch.setattr(outbox, "deliver_soon", recorded)
    yield asked
    outbox.wait_for_background()


def test_the_background_sender_is_asked_whether_or_not_the_look_up_matched(app, officer, csrf_enabled, sender_asked):
    """The page never waits for the sender either way, so its timing cannot say whether a code went: the sender is
    asked once per look-up, with no message for a random reference or a wrong address and one for the right one."""
    case = screen(make_person_case(), officer)
    answers_to(app, a_reference(), EMAIL)
    answers_to(app, case.reference, "not.sam@example.com")
    assert sender_asked == [[], []]
    answers_to(app, case.reference, EMAIL)
    assert len(sender_asked) == 3 and len(sender_asked[2]) == 1


def test_the_right_address_gets_the_same_answer_too(app, officer, csrf_enabled):
    case = screen(make_person_case(), officer)
    assert answers_to(app, case.reference, EMAIL)[:2] == answers_to(app, a_reference(), EMAIL)[:2]


@pytest.fixture
def limits_on(app):
    limiter.enabled = True
    limiter.limiter.storage.reset()
    yield
    limiter.limiter.storage.reset()
    limiter.enabled = False


def test_look_ups_are_limited_per_address_whatever_the_reference(client, officer, limits_on):
    for _ in range(5):
        assert client.post("/track", data={"reference": a_reference(), "contact": EMAIL}).status_code == 302
    refused = client.post("/track", data={"reference": a_reference(), "contact": " sam.ellery@EXAMPLE.com"})
    assert refused.status_code == 429
    assert "Too many attempts" in refused.get_data(as_text=True)
    assert client.post("/track", data={"reference": a_reference(), "contact": "robin@example.org"}).status_code == 302


def test_look_ups_are_limited_per_reference_whatever_the_address(client, officer, limits_on):
    case = screen(make_person_case(), officer)
    for number in range(5):
        response = client.post("/track", data={"reference": case.reference, "contact": f"guess{number}@example.com"})
        assert response.status_code == 302
    lower = case.reference.lower().replace("-", " ")
    assert client.post("/track", data={"reference": lower, "contact": "guess@example.com"}).status_code == 429


def test_a_form_with_a_mistake_costs_nothing(client, officer, limits_on):
    for _ in range(8):
        assert client.post("/track", data={"reference": a_reference(), "contact": "not an address"}).status_code == 200
    assert client.post("/track", data={"reference": a_reference(), "contact": EMAIL}).status_code == 302


def test_look_ups_are_limited_per_network_address(client, officer, limits_on):
    for number in range(30):
        client.post("/track", data={"reference": a_reference(), "contact": f"person{number}@example.com"})
    assert client.post("/track", data={"reference": a_reference(), "contact": "last@example.com"}).status_code == 429
