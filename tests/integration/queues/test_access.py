"""Who may use the queues, and need-to-know: nobody sees a case they may not open, in any queue or search."""

from datetime import timedelta

import pytest

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import CaseAssignment, CaseChild, Person
from portal.domain.types import CaseState, StaffRole, SubmitterRole
from tests.integration.auth.staff import make_staff, make_team, signed_in_as
from tests.integration.queues.conftest import references

ALLOWED = {
    StaffRole.COMPLAINTS_OFFICER,
    StaffRole.COMPLAINTS_MANAGER,
    StaffRole.RESPONDING_MANAGER,
    StaffRole.INVESTIGATOR,
    StaffRole.PARTICIPATION_OFFICER,
}
QUEUES = ["all", "to-screen", "mine", "due"]
HIDDEN_NAME = "Rowan Tillerby"


@pytest.mark.parametrize("queue", QUEUES)
@pytest.mark.parametrize("role", list(StaffRole), ids=lambda role: role.value)
def test_each_role_is_let_in_or_refused(client, case_factory, role, queue):
    case_factory(safeguarding_flag=True, submitter=Person(role=SubmitterRole.PARENT, name=HIDDEN_NAME))
    signed_in_as(client, make_staff(role=role))
    response = client.get(f"/staff/cases?queue={queue}&q=rowan")
    assert response.status_code == (200 if role in ALLOWED else 403)
    if role not in ALLOWED:
        assert HIDDEN_NAME not in response.get_data(as_text=True)


@pytest.mark.parametrize("queue", QUEUES)
def test_visitors_are_sent_to_sign_in(client, queue):
    response = client.get(f"/staff/cases?queue={queue}", headers={"HX-Request": "true"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in")


def other_teams_case(case_factory, colleague, **fields):
    """A case for another team that would be in every queue and match every search, if it were visible."""
    case = case_factory(
        reference="CF-HID-DEN-CAS",
        team=colleague.team,
        responding_manager=colleague,
        state=CaseState.RECEIVED,
        acknowledgement_due_on=uk_today() - timedelta(days=10),
        safeguarding_flag=True,
        submitter=Person(role=SubmitterRole.PARENT, name=HIDDEN_NAME, email="rowan@example.com"),
        **fields,
    )
    case.children.append(CaseChild(name="Hidden Child"))
    db.session.commit()
    return case


@pytest.mark.parametrize("queue", QUEUES)
@pytest.mark.parametrize(
    "search", ["", "CF-HID-DEN-CAS", "hidden", "Rowan", "rowan@example.com", "Hidden Child", "%", "_"]
)
def test_a_responding_manager_never_sees_another_teams_case(client, case_factory, queue, search):
    own, other = make_team("Children in Care"), make_team("Fostering")
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=own)
    colleague = make_staff("sol@anytown.example", StaffRole.RESPONDING_MANAGER, team=other)
    # Even an assignment, or having screened it, does not let them see it: visibility comes first.
    hidden = other_teams_case(case_factory, colleague, screened_by=manager)
    db.session.add(CaseAssignment(case_id=hidden.id, staff_user_id=manager.id))
    case_factory(
        reference="CF-OWN-TEA-MCA",
        team=own,
        responding_manager=manager,
        acknowledgement_due_on=uk_today() - timedelta(days=10),
    )
    db.session.commit()
    signed_in_as(client, manager)
    for extra in ("", f"&team={other.id}", "&only=flagged", "&status=open&sort=due"):
        response = client.get(f"/staff/cases?queue={queue}&q={search}{extra}", headers={"HX-Request": "true"})
        assert "CF-HID-DEN-CAS" not in references(response)
        body = response.get_data(as_text=True)
        assert HIDDEN_NAME not in body
        assert "rowan@example.com" not in body


@pytest.mark.parametrize("queue", QUEUES)
def test_an_investigator_sees_only_assigned_cases(client, case_factory, queue):
    investigator = make_staff(role=StaffRole.INVESTIGATOR)
    overdue = uk_today() - timedelta(days=10)
    assigned = case_factory(reference="ASSIGNED", acknowledgement_due_on=overdue)
    db.session.add(CaseAssignment(case_id=assigned.id, staff_user_id=investigator.id))
    case_factory(reference="OTHER", acknowledgement_due_on=overdue, safeguarding_flag=True, screened_by=investigator)
    db.session.commit()
    signed_in_as(client, investigator)
    assert references(client.get(f"/staff/cases?queue={queue}")) == ["ASSIGNED"]
    assert references(client.get(f"/staff/cases?queue={queue}&q=person")) == ["ASSIGNED"]


@pytest.mark.parametrize("queue", ["all", "to-screen", "due"])
def test_a_participation_officer_sees_only_childrens_cases(client, case_factory, queue):
    overdue = uk_today() - timedelta(days=10)
    case_factory(reference="CHILD", made_by_child=True, acknowledgement_due_on=overdue)
    case_factory(reference="ADULT", acknowledgement_due_on=overdue, safeguarding_flag=True)
    signed_in_as(client, make_staff(role=StaffRole.PARTICIPATION_OFFICER))
    assert references(client.get(f"/staff/cases?queue={queue}")) == ["CHILD"]
    assert references(client.get(f"/staff/cases?queue={queue}&only=flagged")) == []
