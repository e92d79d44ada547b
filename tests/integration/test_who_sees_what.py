"""Who sees what (issue 8, item 6), per role, on SQLite and PostgreSQL: responding managers see a case once the
Complaints Team allocates it; staff named in a complaint never open it nor get it; investigators see a case once
assigned; the Complaints Team records advocacy for any child's case."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import AdvocacyProvider, AdvocacyReferral, AuditEvent, CaseChild
from portal.domain.types import AdvocacyStatus, StaffRole
from tests.integration.auth.staff import make_staff, make_team
from tests.integration.casework.conftest import make_case
from tests.integration.switching import sign_in_as

READ_PAGES = ["", "/timeline", "/notes", "/messages"]


def parts(day) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def can_open(client, case) -> bool:
    statuses = {client.get(f"/staff/cases/{case.reference}{page}").status_code for page in READ_PAGES}
    assert len(statuses) == 1, statuses
    return statuses == {200}


def listed(client) -> set[str]:
    page = BeautifulSoup(client.get("/staff/cases").get_data(as_text=True), "html.parser")
    return {link.get_text(strip=True) for link in page.select("#case-results tbody th a")}


@pytest.fixture
def world(app_context):
    team = make_team("Fostering")
    officer = make_staff("casey@anytown.example", StaffRole.COMPLAINTS_OFFICER, name="Casey Marlowe")
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team, name="Jamie Okafor")
    teammate = make_staff("ash@anytown.example", StaffRole.RESPONDING_MANAGER, team=team, name="Ash Lindqvist")
    investigator = make_staff("ira@anytown.example", StaffRole.INVESTIGATOR, name="Ira Pemberton")
    return {"team": team, "officer": officer, "manager": manager, "teammate": teammate, "investigator": investigator}


def test_a_responding_manager_does_not_see_an_unallocated_complaint_that_named_their_team(client, world):
    suggested = make_case(team=world["team"])
    sign_in_as(client, world["manager"])
    assert not can_open(client, suggested)
    assert suggested.reference not in listed(client)

    sign_in_as(client, world["officer"])
    client.post(
        f"/staff/cases/{suggested.reference}/allocation",
        data={"action": "allocate", "team": str(world["team"].id), "manager": str(world["teammate"].id)},
    )
    sign_in_as(client, world["manager"])
    assert can_open(client, suggested)  # allocated to their team
    assert suggested.reference in listed(client)


def test_staff_named_in_a_complaint_cannot_open_it_or_be_allocated_it(client, world):
    case = make_case()
    sign_in_as(client, world["officer"])
    response = client.post(f"/staff/cases/{case.reference}/named-staff", data={"staff": str(world["manager"].id)})
    assert response.status_code == 302
    assert [member.name for member in case.named_staff] == ["Jamie Okafor"]

    # Not offered for allocation, and a forged choice is refused.
    page = BeautifulSoup(client.get(f"/staff/cases/{case.reference}/allocation").get_data(as_text=True), "html.parser")
    offered = [option.get_text(strip=True) for option in page.select("#manager option")]
    assert "Ash Lindqvist (Fostering)" in offered
    assert not any(name.startswith("Jamie Okafor") for name in offered)
    response = client.post(
        f"/staff/cases/{case.reference}/allocation",
        data={"action": "allocate", "team": str(world["team"].id), "manager": str(world["manager"].id)},
    )
    assert "Select a responding manager" in response.get_data(as_text=True)
    db.session.refresh(case)
    assert case.responding_manager_id is None

    # Allocated to their team, they still cannot open it: their teammate can.
    client.post(
        f"/staff/cases/{case.reference}/allocation",
        data={"action": "allocate", "team": str(world["team"].id), "manager": str(world["teammate"].id)},
    )
    sign_in_as(client, world["manager"])
    assert not can_open(client, case)
    assert case.reference not in listed(client)
    sign_in_as(client, world["teammate"])
    assert can_open(client, case)


def test_a_complaints_officer_named_in_a_complaint_cannot_open_it(client, world):
    case = make_case()
    colleague = make_staff("robin@anytown.example", StaffRole.COMPLAINTS_OFFICER, name="Robin Achebe")
    sign_in_as(client, world["officer"])
    client.post(f"/staff/cases/{case.reference}/named-staff", data={"staff": str(colleague.id)})
    sign_in_as(client, colleague)
    assert not can_open(client, case)
    assert client.get(f"/staff/cases/{case.reference}/screening").status_code == 404


def test_naming_the_allocated_manager_is_refused_until_the_case_moves(client, world):
    case = make_case(team=world["team"], responding_manager=world["manager"])
    sign_in_as(client, world["officer"])
    response = client.post(f"/staff/cases/{case.reference}/named-staff", data={"staff": str(world["manager"].id)})
    assert "Jamie Okafor is allocated this case: allocate it to someone else before naming them" in (
        response.get_data(as_text=True)
    )
    assert case.named_staff == []


def test_an_investigator_sees_a_case_only_once_assigned(client, world):
    case = make_case()
    sign_in_as(client, world["investigator"])
    assert not can_open(client, case)

    sign_in_as(client, world["officer"])
    response = client.post(
        f"/staff/cases/{case.reference}/investigators", data={"staff": str(world["investigator"].id)}
    )
    assert response.status_code == 302
    sign_in_as(client, world["investigator"])
    assert can_open(client, case)
    assert listed(client) == {case.reference}

    sign_in_as(client, world["officer"])
    client.post(f"/staff/cases/{case.reference}/investigators/{world['investigator'].id}/remove")
    sign_in_as(client, world["investigator"])
    assert not can_open(client, case)
    actions = list(
        db.session.scalars(select(AuditEvent.action).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id))
    )
    assert "investigator_assigned" in actions and "investigator_removed" in actions


def test_a_named_investigator_cannot_be_assigned(client, world):
    case = make_case()
    sign_in_as(client, world["officer"])
    client.post(f"/staff/cases/{case.reference}/named-staff", data={"staff": str(world["investigator"].id)})
    response = client.post(
        f"/staff/cases/{case.reference}/investigators", data={"staff": str(world["investigator"].id)}
    )
    assert "Select an investigator" in response.get_data(as_text=True)
    assert case.assignments == []


@pytest.mark.parametrize(
    "role",
    [StaffRole.RESPONDING_MANAGER, StaffRole.INVESTIGATOR, StaffRole.PARTICIPATION_OFFICER, StaffRole.LEARNING_LEAD],
)
def test_only_the_complaints_team_names_staff_assigns_investigators_and_records_advocacy(client, world, role):
    user = make_staff(f"{role.value}@anytown.example", role, team=world["team"])
    case = make_case(team=world["team"], responding_manager=user if role is StaffRole.RESPONDING_MANAGER else None)
    sign_in_as(client, user)
    for path, data in (
        ("named-staff", {"staff": str(world["officer"].id)}),
        ("investigators", {"staff": str(world["investigator"].id)}),
        ("advocacy", {"step": "offered", "happened_on": parts(uk_today())}),
    ):
        response = client.post(f"/staff/cases/{case.reference}/{path}", data=data)
        assert response.status_code in (403, 404), path
    assert case.named_staff == [] and case.assignments == [] and case.advocacy_referrals == []


def test_the_complaints_team_records_advocacy_offered_accepted_and_referred_for_a_childs_case(client, world):
    case = make_case(on_behalf_of_child=True)
    case.children.append(CaseChild(name="Riley"))
    db.session.commit()
    sign_in_as(client, world["officer"])
    url = f"/staff/cases/{case.reference}/advocacy"
    offered, accepted, referred = (uk_today() - timedelta(days=days) for days in (3, 2, 1))
    client.post(url, data={"step": "offered", "happened_on": parts(offered)})
    client.post(url, data={"step": "accepted", "happened_on": parts(accepted)})
    missing = client.post(url, data={"step": "referred", "happened_on": parts(referred)})
    assert "Select the advocacy provider the child was referred to" in missing.get_data(as_text=True)
    db.session.add(AdvocacyProvider(name="Anytown Advocacy Service", for_children=True))
    db.session.commit()
    done = client.post(
        url, data={"step": "referred", "provider": "Anytown Advocacy Service", "happened_on": parts(referred)}
    )
    assert done.status_code == 302
    [referral] = db.session.scalars(
        select(AdvocacyReferral).where(AdvocacyReferral.case_id == case.id).order_by(AdvocacyReferral.id)
    ).all()
    assert (referral.status, referral.provider) == (AdvocacyStatus.REFERRED, "Anytown Advocacy Service")
    assert (referral.offered_on, referral.requested_on, referral.referred_on) == (offered, accepted, referred)
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "advocacy_recorded").order_by(AuditEvent.id)
    ).all()
    assert [event.detail["changes"]["advocacy"] for event in events] == [
        [None, "offered"],
        ["offered", "accepted"],
        ["accepted", "referred"],
    ]
    # A participation officer now sees the case, which has an advocacy record.
    participation = make_staff("pat@anytown.example", StaffRole.PARTICIPATION_OFFICER)
    sign_in_as(client, participation)
    assert can_open(client, case)


def test_advocacy_is_only_for_a_childs_case(client, world):
    case = make_case()
    sign_in_as(client, world["officer"])
    page = client.get(f"/staff/cases/{case.reference}/advocacy").get_data(as_text=True)
    assert "This case is not about a child" in page
    client.post(f"/staff/cases/{case.reference}/advocacy", data={"step": "offered", "happened_on": parts(uk_today())})
    assert case.advocacy_referrals == []
