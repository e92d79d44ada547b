"""Refused attempts to open a case are audited: who tried, which case, and what they were told (403 or 404)."""

import pytest
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent
from portal.domain.types import StaffRole
from tests.integration.auth.staff import signed_in_as
from tests.integration.case_page.cases import case_they_may_not_see, staff_with_role


def refusals() -> list[AuditEvent]:
    db.session.expire_all()
    return db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "case_access_refused").order_by(AuditEvent.id)
    ).all()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (StaffRole.RESPONDING_MANAGER, 404),  # has casework, but the case is not theirs to see
        (StaffRole.INVESTIGATOR, 404),
        (StaffRole.ADMINISTRATOR, 403),  # no casework at all
        (StaffRole.REPORT_VIEWER, 403),
    ],
)
def test_a_case_they_may_not_open_is_refused_and_audited(client, app_context, role, status):
    user = staff_with_role(role)
    case = case_they_may_not_see(summary="Not for them")
    signed_in_as(client, user)
    assert client.get(f"/staff/cases/{case.reference}/notes").status_code == status
    [event] = refusals()
    assert (event.actor_id, event.case_id, event.case_reference) == (user.id, case.id, case.reference)
    assert event.detail == {
        "status": status,
        "method": "GET",
        "path": f"/staff/cases/{case.reference}/notes",
        "reference": case.reference,
    }


def test_a_case_that_does_not_exist_is_audited_without_a_case(client, app_context):
    user = staff_with_role(StaffRole.COMPLAINTS_OFFICER)
    signed_in_as(client, user)
    assert client.get("/staff/cases/CF-NOT-THE-RE1").status_code == 404
    assert client.post("/staff/cases/CF-NOT-THE-RE2/no-such-page").status_code == 404
    events = refusals()
    assert [(event.case_id, event.detail["reference"], event.detail["status"]) for event in events] == [
        (None, "CF-NOT-THE-RE1", 404),
        (None, "CF-NOT-THE-RE2", 404),
    ]


def test_odd_references_are_stored_short_and_printable(client, app_context):
    signed_in_as(client, staff_with_role(StaffRole.COMPLAINTS_OFFICER))
    assert client.get("/staff/cases/" + "%00%07" + "x" * 5000).status_code == 404
    [event] = refusals()
    assert event.detail["reference"] == "x" * 20
    assert len(event.detail["path"]) == 200


def test_the_case_list_and_pages_they_may_open_are_not_refusals(client, app_context):
    signed_in_as(client, staff_with_role(StaffRole.COMPLAINTS_OFFICER))
    case = case_they_may_not_see()
    assert client.get("/staff/cases").status_code == 200
    assert client.get(f"/staff/cases/{case.reference}").status_code == 200
    assert refusals() == []


def test_visitors_who_are_not_signed_in_are_sent_to_sign_in_not_audited(client, app_context):
    case = case_they_may_not_see()
    assert client.get(f"/staff/cases/{case.reference}").status_code == 302
    assert refusals() == []
