"""The acknowledgement carries a signed link that opens the case directly: it works for TRACKING_LINK_DAYS (28 by
default), only for the address it was sent to, and stops working once the complaint is withdrawn."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.casework.acknowledgement import send as send_acknowledgement
from portal.common.clock import set_today
from portal.data import transaction
from portal.data.database import db
from portal.data.models import AuditEvent, OutboxMessage, ServerSession
from portal.domain.types import CaseState
from tests.fixtures.config import overridden_config
from tests.integration.tracking.conftest import make_person_case, screen

ACKNOWLEDGED = date(2027, 1, 6)


@pytest.fixture
def acknowledged(app, officer):
    set_today(app.config, ACKNOWLEDGED)
    case = screen(make_person_case(), officer)
    send_acknowledgement(case, officer, "email", ACKNOWLEDGED)
    yield case
    app.config.pop("CLOCK_OFFSET", None)


def link_in(case) -> str:
    message = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.template == "acknowledgement").order_by(OutboxMessage.id)
    )
    assert "This link works until 3 February 2027." in message.body
    return re.search(r"http://localhost(/track/link/\S+)", message.body).group(1)


def test_the_link_opens_the_case_and_starts_a_tracking_session(client, acknowledged):
    response = client.get(link_in(acknowledged))
    assert response.headers["Location"] == f"/track/cases/{acknowledged.reference}"
    assert "Acknowledged" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(select(ServerSession.kind)) == "tracking"
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "tracking_signed_in").order_by(AuditEvent.id)
    )
    assert event.case_id == acknowledged.id and event.detail["by"] == "link"


def test_the_link_stops_working_after_its_expiry(app, client, acknowledged):
    link = link_in(acknowledged)
    with overridden_config(app, CLOCK_OFFSET=app.config["CLOCK_OFFSET"] + timedelta(days=27)):
        assert client.get(link).status_code == 302
    client.post("/track/sign-out")
    with overridden_config(app, CLOCK_OFFSET=app.config["CLOCK_OFFSET"] + timedelta(days=28, hours=1)):
        response = client.get(link)
    assert response.status_code == 410
    assert "This link no longer works" in response.get_data(as_text=True)
    assert db.session.scalar(select(ServerSession)) is None


def test_the_expiry_is_a_setting(app, client, acknowledged):
    link = link_in(acknowledged)
    with overridden_config(app, TRACKING_LINK_DAYS=7, CLOCK_OFFSET=app.config["CLOCK_OFFSET"] + timedelta(days=8)):
        assert client.get(link).status_code == 410


def test_the_link_stops_working_once_the_complaint_is_withdrawn(client, acknowledged):
    link = link_in(acknowledged)
    client.get(link)
    client.post(f"/track/cases/{acknowledged.reference}/withdraw", data={"confirm": "yes"})
    assert acknowledged.state is CaseState.CLOSED
    client.post("/track/sign-out")
    assert client.get(link).status_code == 410


def test_a_link_works_only_while_the_case_has_the_address_it_went_to(client, acknowledged):
    link = link_in(acknowledged)
    acknowledged.submitter.email = "new.address@example.com"
    transaction.commit()
    assert client.get(link).status_code == 410


def test_a_changed_link_does_not_work(client, acknowledged):
    link = link_in(acknowledged)
    assert client.get(link[:-2] + ("AA" if not link.endswith("AA") else "BB")).status_code == 410
