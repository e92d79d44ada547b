"""Who may use each case page route: every staff role, on a case they may see and on one they may not.

Roles without casework get 403 whatever the case; staff with casework get 404 for a case they may not see, so a
reference never reveals whether a case exists. Nothing about the case is in a refused response.
"""

import pytest

from portal.domain.types import StaffRole
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.case_page.cases import attach, case_they_may_not_see, case_they_may_see, staff_with_role
from tests.integration.case_page.conftest import PDF

CASE_ROLES = {
    StaffRole.COMPLAINTS_OFFICER,
    StaffRole.COMPLAINTS_MANAGER,
    StaffRole.RESPONDING_MANAGER,
    StaffRole.INVESTIGATOR,
    StaffRole.PARTICIPATION_OFFICER,
}
WRITING_ROLES = CASE_ROLES - {StaffRole.INVESTIGATOR}
MANAGERS = {StaffRole.COMPLAINTS_MANAGER}
SEE_EVERY_CASE = {StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER}

READ_PAGES = ["", "/documents", "/notes", "/messages", "/timeline"]


def request(client, method: str, path: str):
    if method == "POST":
        return client.post(path, data={"body": "A note"})
    return client.get(path)


def expected(role: StaffRole, allowed_roles: set, visible: bool, success: int) -> int:
    if role not in allowed_roles:
        return 403
    return success if visible else 404


def routes(case, attachment) -> list[tuple[str, str, set, int]]:
    base = f"/staff/cases/{case.reference}"
    return [
        *(("GET", base + page, CASE_ROLES, 200) for page in READ_PAGES),
        ("GET", f"{base}/documents/{attachment.id}", CASE_ROLES, 200),
        ("POST", f"{base}/notes", WRITING_ROLES, 303),
        ("POST", f"{base}/messages", WRITING_ROLES, 303),
        ("GET", f"{base}/audit", MANAGERS, 200),
    ]


@pytest.mark.parametrize("role", list(StaffRole))
def test_each_role_on_a_case_it_may_see(client, storage, role):
    user = staff_with_role(role)
    case = case_they_may_see(user, description="Private words from the family")
    attachment = attach(case, storage, PDF)
    signed_in_as(client, user)
    for method, path, allowed, success in routes(case, attachment):
        response = request(client, method, path)
        assert response.status_code == expected(role, allowed, True, success), (method, path)
        if response.status_code >= 400:
            assert b"Private words" not in response.data


@pytest.mark.parametrize("role", list(StaffRole))
def test_each_role_on_a_case_it_may_not_see(client, storage, role):
    user = staff_with_role(role)
    case = case_they_may_not_see(description="Private words from the family")
    attachment = attach(case, storage, PDF)
    signed_in_as(client, user)
    for method, path, allowed, success in routes(case, attachment):
        response = request(client, method, path)
        visible = role in SEE_EVERY_CASE
        assert response.status_code == expected(role, allowed, visible, success), (method, path)
        if response.status_code >= 400:
            assert b"Private words" not in response.data
            assert PDF not in response.data


@pytest.mark.parametrize("role", list(StaffRole))
def test_the_audit_trail_across_cases_is_for_complaints_managers(client, role):
    signed_in_as(client, staff_with_role(role))
    assert client.get("/staff/audit").status_code == (200 if role in MANAGERS else 403)


@pytest.mark.parametrize("role", list(StaffRole))
def test_assisted_entry_is_for_the_complaints_and_participation_teams(client, role):
    signed_in_as(client, staff_with_role(role))
    allowed = {StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER, StaffRole.PARTICIPATION_OFFICER}
    assert client.get("/staff/record").status_code == (200 if role in allowed else 403)
    assert client.post("/staff/record", data={}).status_code == (200 if role in allowed else 403)


def test_a_responding_manager_may_reach_their_teams_allocated_cases_but_not_another_teams(client, case_factory):
    manager = staff_with_role(StaffRole.RESPONDING_MANAGER)
    colleague = make_staff("colleague@anytown.example", StaffRole.RESPONDING_MANAGER, team=manager.team)
    other = staff_with_role(StaffRole.RESPONDING_MANAGER)
    ours = case_factory(team_id=manager.team_id, responding_manager_id=colleague.id)
    theirs = case_factory(team_id=other.team_id, responding_manager_id=other.id)
    # The public chose this manager's team, but the Complaints Team has not allocated it: only a suggestion.
    suggested = case_factory(team_id=manager.team_id)
    signed_in_as(client, manager)
    for page in READ_PAGES:
        assert client.get(f"/staff/cases/{ours.reference}{page}").status_code == 200
        assert client.get(f"/staff/cases/{theirs.reference}{page}").status_code == 404
        assert client.get(f"/staff/cases/{suggested.reference}{page}").status_code == 404
    assert client.post(f"/staff/cases/{theirs.reference}/notes", data={"body": "x"}).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/staff/cases/ANY",
        "/staff/cases/ANY/documents",
        "/staff/cases/ANY/documents/1",
        "/staff/cases/ANY/notes",
        "/staff/cases/ANY/messages",
        "/staff/cases/ANY/timeline",
        "/staff/cases/ANY/audit",
        "/staff/audit",
        "/staff/record",
    ],
)
def test_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in")
