"""A case on hold, or with a possible safeguarding concern, shows the person only what staff chose to share: its
reference, the day it was received and the messages staff sent them, and the parts staff tick on the case's
"What they see online" page (complaints officers and managers only; every change audited)."""

from datetime import date

import pytest
from sqlalchemy import select

from portal.case_moves.moving import move_case
from portal.common.clock import set_today
from portal.data import transaction
from portal.data.database import db
from portal.data.models import AuditEvent
from portal.data.queries.case_page import add_note
from portal.domain.types import CaseState, StaffRole
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.tracking.conftest import make_person_case, screen, sign_in
from tests.integration.young_people.reading import visible_text


@pytest.fixture
def flagged(app, officer):
    set_today(app.config, date(2027, 1, 8))
    case = screen(make_person_case(safeguarding_flag=True), officer)
    add_note(case, officer, "Please call us when it is safe.", shared_with_complainant=True)
    transaction.commit()
    yield case
    app.config.pop("CLOCK_OFFSET", None)


def seen(client, case) -> str:
    return visible_text(client.get(f"/track/cases/{case.reference}").get_data(as_text=True))


def test_a_flagged_case_shows_only_the_reference_the_date_and_messages(client, flagged):
    sign_in(client, flagged)
    text = seen(client, flagged)
    assert flagged.reference in text and "4 January 2027" in text
    assert "Please call us when it is safe." in text
    for hidden in ("Family time was cancelled", "We are looking into your complaint", "Children in Care", "Withdraw"):
        assert hidden not in text, hidden
    assert "We are dealing with your complaint." in text


def test_staff_choose_what_a_flagged_case_shows_online(client, officer, flagged):
    signed_in_as(client, officer)
    detail = client.get(f"/staff/cases/{flagged.reference}").get_data(as_text=True)
    assert "Choose what they see online" in detail
    response = client.post(f"/staff/cases/{flagged.reference}/online-view", data={"shared": ["points"]})
    assert response.status_code == 302
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "online_view_changed").order_by(AuditEvent.id)
    )
    assert (event.actor_id, event.detail["changes"]["shared_online"]) == (officer.id, [[], ["points"]])
    client.post("/staff/sign-out")
    sign_in(client, flagged)
    text = seen(client, flagged)
    assert "Family time was cancelled three times." in text
    assert "We are looking into your complaint" not in text


def test_a_case_on_hold_shows_only_what_staff_share_too(client, officer, flagged):
    flagged.safeguarding_flag = False
    transaction.commit()
    move_case(
        flagged, officer, CaseState.ON_HOLD, on=date(2027, 1, 8), action="case_put_on_hold", review_on=date(2027, 3, 1)
    )
    sign_in(client, flagged)
    text = seen(client, flagged)
    assert "Family time was cancelled" not in text and "on hold" not in text
    flagged.tracking_shared = ["progress"]
    transaction.commit()
    assert "Your complaint is on hold." in seen(client, flagged)


def test_only_complaints_officers_and_managers_choose(client, officer, flagged):
    signed_in_as(client, make_staff("rm@anytown.example", StaffRole.RESPONDING_MANAGER, team=officer.team))
    flagged.responding_manager_id = None
    assert client.post(f"/staff/cases/{flagged.reference}/online-view", data={"shared": ["points"]}).status_code in (
        403,
        404,
    )
    db.session.refresh(flagged)
    assert flagged.tracking_shared == []
