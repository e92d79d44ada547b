"""Who may open the screening, points, acknowledgement and allocation pages: complaints officers and managers.
Other staff with casework get 403 for a case they can see and 404 for one they cannot; staff without casework get
403; visitors are sent to sign in. Nothing is changed, shown or audited for a refused request."""

import pytest
from sqlalchemy import func, select

from portal.data.database import db
from portal.data.models import (
    AdvocacyReferral,
    AuditEvent,
    CaseAssignment,
    ComplaintPoint,
    OutboxMessage,
    StageRecord,
)
from portal.domain.types import CaseState, Procedure, StaffRole
from tests.integration.auth.staff import make_staff, make_team, signed_in_as
from tests.integration.screening.conftest import parent_complaint

# (method, path after /staff/cases/<reference>, form data)
ROUTES = [
    ("GET", "/screening", None),
    ("POST", "/screening", {"action": "decide", "decision": "not_accepted", "reason": "x"}),
    ("GET", "/screening/letter", None),
    ("GET", "/points", None),
    ("POST", "/points", {"text": "Another point"}),
    ("GET", "/points/{point}/edit", None),
    ("POST", "/points/{point}/edit", {"text": "Changed"}),
    ("GET", "/points/{point}/delete", None),
    ("POST", "/points/{point}/delete", {}),
    ("POST", "/points/{point}/move", {"direction": "down"}),
    ("GET", "/acknowledgement", None),
    ("POST", "/acknowledgement", {"method": "letter"}),
    ("GET", "/acknowledgement/letter", None),
    ("GET", "/allocation", None),
    ("POST", "/allocation", {"action": "allocate", "team": "1", "manager": "1"}),
]
ROUTE_IDS = [f"{method} {path}" for method, path, _ in ROUTES]
# Pages officers and managers open on a statutory case at Stage 1 with two points (the letter about a decision not
# to accept a complaint exists only for such decisions; test_screening covers it).
OFFICER_PAGES = [(method, path) for method, path, _ in ROUTES if method == "GET" and path != "/screening/letter"]

CASEWORK_WITHOUT_CHANGES = [StaffRole.RESPONDING_MANAGER, StaffRole.INVESTIGATOR, StaffRole.PARTICIPATION_OFFICER]
WITHOUT_CASEWORK = [StaffRole.LEARNING_LEAD, StaffRole.REPORT_VIEWER, StaffRole.ADMINISTRATOR]


def statutory_case(**fields):
    case = parent_complaint(procedure=Procedure.STATUTORY, state=CaseState.STAGE_1, **fields)
    case.stages.append(StageRecord(state=CaseState.STAGE_1, started_on=case.received_on))
    case.points.extend([ComplaintPoint(number=1, text="One"), ComplaintPoint(number=2, text="Two")])
    db.session.commit()
    return case


def request(client, case, method: str, path: str, data: dict | None):
    url = f"/staff/cases/{case.reference}" + path.format(point=case.points[0].id)
    return client.get(url) if method == "GET" else client.post(url, data=data)


def refusals() -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "case_access_refused"))


def counts() -> tuple[int, int, int, int]:
    """What a refused request must not change. Refusals are audited, so they are counted apart."""
    return (
        db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action != "case_access_refused")),
        db.session.scalar(select(func.count(OutboxMessage.id))),
        db.session.scalar(select(func.count(ComplaintPoint.id))),
        db.session.scalar(select(func.count(StageRecord.id))),
    )


def case_fields(case) -> tuple:
    db.session.refresh(case)
    return (case.procedure, case.state, case.acknowledged_on, case.team_id, case.responding_manager_id, case.screening)


def assert_refused(client, case, status: int) -> None:
    before, refused_before = (counts(), case_fields(case)), refusals()
    for method, path, data in ROUTES:
        response = request(client, case, method, path, data)
        assert response.status_code == status, (method, path)
        body = response.get_data(as_text=True)
        assert "Sam Fairweather" not in body and case.reference not in body, (method, path)
    assert (counts(), case_fields(case)) == before
    assert refusals() == refused_before + len(ROUTES)


@pytest.mark.parametrize("role", [StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER])
@pytest.mark.parametrize(("method", "path"), OFFICER_PAGES, ids=[path for _, path in OFFICER_PAGES])
def test_complaints_officers_and_managers_open_every_page(client, role, method, path):
    case = statutory_case()
    user = make_staff(role=role)
    signed_in_as(client, user)
    response = request(client, case, method, path, None)
    assert response.status_code == 200
    event = db.session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()))
    assert (event.actor_id, event.case_id) == (user.id, case.id)
    assert event.action in ("case_viewed", "letter_produced")


@pytest.mark.parametrize(("method", "path", "data"), ROUTES, ids=ROUTE_IDS)
def test_an_unknown_case_is_not_found(client, method, path, data):
    statutory_case()
    signed_in_as(client, make_staff())
    url = "/staff/cases/NOSUCH" + path.format(point=1)
    response = client.get(url) if method == "GET" else client.post(url, data=data)
    assert response.status_code == 404


def test_a_responding_manager_is_refused_their_own_case_and_cannot_find_another_teams(client):
    team = make_team()
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team)
    teammate = make_staff("ash@anytown.example", StaffRole.RESPONDING_MANAGER, team=team)
    mine = statutory_case(responding_manager=manager)
    my_teams = statutory_case(team=team, responding_manager=teammate)
    suggested = statutory_case(team=team)
    theirs = statutory_case(team=make_team("Fostering"))
    signed_in_as(client, manager)
    assert_refused(client, mine, 403)
    assert_refused(client, my_teams, 403)
    assert_refused(client, suggested, 404)
    assert_refused(client, theirs, 404)


def test_an_investigator_is_refused_an_assigned_case_and_cannot_find_others(client):
    investigator = make_staff("ira@investigations.example", StaffRole.INVESTIGATOR)
    assigned = statutory_case()
    db.session.add(CaseAssignment(case_id=assigned.id, staff_user_id=investigator.id))
    db.session.commit()
    other = statutory_case()
    signed_in_as(client, investigator)
    assert_refused(client, assigned, 403)
    assert_refused(client, other, 404)


def test_a_participation_officer_is_refused_childrens_cases_and_cannot_find_others(client):
    officer = make_staff("pat@anytown.example", StaffRole.PARTICIPATION_OFFICER)
    childs = statutory_case(made_by_child=True)
    with_advocate = statutory_case()
    with_advocate.advocacy_referrals.append(
        AdvocacyReferral(provider="Shout Out!", requested_on=with_advocate.received_on)
    )
    db.session.commit()
    adults = statutory_case()
    signed_in_as(client, officer)
    assert_refused(client, childs, 403)
    assert_refused(client, with_advocate, 403)
    assert_refused(client, adults, 404)


@pytest.mark.parametrize("role", WITHOUT_CASEWORK)
def test_staff_without_casework_are_refused(client, role):
    case = statutory_case()
    signed_in_as(client, make_staff(role=role))
    assert_refused(client, case, 403)


def test_visitors_are_sent_to_sign_in(client, app_context):
    case = statutory_case()
    before = counts()
    for method, path, data in ROUTES:
        response = request(client, case, method, path, data)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/staff/sign-in")
    assert counts() == before
