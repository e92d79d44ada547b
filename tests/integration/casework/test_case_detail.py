"""A case's page: what was sent, shown only to staff who may see the case, and audited."""

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent, CaseChild, Person
from portal.domain.types import StaffRole, SubmitterRole
from tests.integration.auth.staff import make_staff, make_team, signed_in_as


def summary_values(response) -> dict[str, str]:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text("\n", strip=True)
        for row in soup.select(".govuk-summary-list__row")
    }


def test_the_page_shows_what_was_sent(client, case_factory):
    case = case_factory(
        reference="ABC123",
        description="Family time was cancelled.\nThree times.",
        desired_outcome="A reliable plan",
        submitter=Person(role=SubmitterRole.PARENT, name="Sam Fairweather", email="sam@example.com"),
        safeguarding_flag=True,
        safeguarding_matches=["not safe"],
    )
    case.children.append(CaseChild(name="Riley", age=9))
    db.session.commit()
    signed_in_as(client, make_staff())
    response = client.get("/staff/cases/ABC123")
    assert response.status_code == 200
    values = summary_values(response)
    assert values["What happened"] == "Family time was cancelled.\nThree times."
    assert values["What they would like to happen"] == "A reliable plan"
    assert values["Email"] == "sam@example.com"
    assert values["Age"] == "9"
    banner = BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one("#safeguarding-banner")
    text = " ".join(banner.get_text().split())
    assert "Possible safeguarding concern: follow the safeguarding procedure now." in text
    assert "Words that raised it: not safe." in text


def test_every_view_is_audited(client, case_factory):
    case = case_factory()
    user = make_staff()
    signed_in_as(client, user)
    client.get(f"/staff/cases/{case.reference}")
    client.get(f"/staff/cases/{case.reference}")
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "case_viewed").order_by(AuditEvent.id)
    ).all()
    assert [(event.actor_id, event.case_id) for event in events] == [(user.id, case.id), (user.id, case.id)]


def test_an_unknown_reference_is_not_found(client, case_factory):
    signed_in_as(client, make_staff())
    assert client.get("/staff/cases/NOSUCH").status_code == 404
    # Nothing was viewed; the refused attempt itself is audited.
    assert [event.action for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))] == [
        "case_access_refused"
    ]


def test_a_responding_manager_cannot_see_someone_elses_case(client, case_factory):
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=make_team())
    mine = case_factory(responding_manager=manager)
    theirs = case_factory()
    signed_in_as(client, manager)
    assert client.get(f"/staff/cases/{mine.reference}").status_code == 200
    assert client.get(f"/staff/cases/{theirs.reference}").status_code == 404
    events = db.session.scalars(
        select(AuditEvent.case_id).where(AuditEvent.action == "case_viewed").order_by(AuditEvent.id)
    ).all()
    assert events == [mine.id]


@pytest.mark.parametrize("role", [StaffRole.ADMINISTRATOR, StaffRole.LEARNING_LEAD, StaffRole.REPORT_VIEWER])
def test_roles_without_casework_are_refused(client, case_factory, role):
    case = case_factory()
    signed_in_as(client, make_staff(role=role))
    assert client.get(f"/staff/cases/{case.reference}").status_code == 403


def test_an_investigator_sees_only_the_cases_assigned_to_them(client, case_factory):
    from portal.data.models import CaseAssignment

    assigned, other = case_factory(), case_factory()
    investigator = make_staff(role=StaffRole.INVESTIGATOR)
    db.session.add(CaseAssignment(case_id=assigned.id, staff_user_id=investigator.id))
    db.session.commit()
    signed_in_as(client, investigator)
    assert client.get(f"/staff/cases/{assigned.reference}").status_code == 200
    assert client.get(f"/staff/cases/{other.reference}").status_code == 404


def test_a_participation_officer_sees_only_childrens_cases(client, case_factory):
    childs, adults = case_factory(made_by_child=True), case_factory()
    signed_in_as(client, make_staff(role=StaffRole.PARTICIPATION_OFFICER))
    assert client.get(f"/staff/cases/{childs.reference}").status_code == 200
    assert client.get(f"/staff/cases/{adults.reference}").status_code == 404


def test_text_from_the_public_is_escaped(client, case_factory):
    case = case_factory(
        description="<script>alert('x')</script>",
        previous_reference="<i>ref</i>",
        raised_before=True,
    )
    signed_in_as(client, make_staff())
    html = client.get(f"/staff/cases/{case.reference}").get_data(as_text=True)
    assert "<script>alert(" not in html
    assert "<i>ref</i>" not in html
    assert "&lt;i&gt;ref&lt;/i&gt;" in html
