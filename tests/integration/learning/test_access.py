"""Who may see and change learning: the Complaints Team every case's, a responding manager their cases', the learning
lead that of upheld complaints, each owner their own actions; nobody a case that names them; other roles nothing.
Every view and change is in the audit trail."""

import pytest
from flask import Flask
from sqlalchemy import select

from portal.data.database import db
from portal.data.learning_models import LearningAction
from portal.data.models import AuditEvent
from portal.data.queries.learning import LEARNING_ROLES
from portal.domain.types import Finding, LearningActionStatus, StaffRole
from tests.integration.auth.staff import make_staff, make_team, signed_in_as
from tests.integration.learning.conftest import (
    add_learning,
    date_parts,
    days_from_today,
    responding_manager,
    upheld_case,
)
from tests.integration.switching import sign_in_as

SECRET = "Learning that only some may read"


def learning_urls(app: Flask, values: dict) -> list[tuple[str, str]]:
    """(method, url) for every learning route, with the identifiers given."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("learning."):
            url = rule.rule
            for name in rule.arguments:
                url = url.replace(f"<int:{name}>", str(values[name])).replace(f"<{name}>", str(values[name]))
            found.extend((method, url) for method in ("GET", "POST") if method in rule.methods)
    return found


def world():
    team_a, team_b = make_team("Team A"), make_team("Team B")
    case = upheld_case(reference="CF-ACC-ESS-001", team=team_b)
    owner = make_staff("olly@anytown.example", StaffRole.COMPLAINTS_OFFICER, name="Olly Owner")
    record = add_learning(case, summary=SECRET, actions=[(SECRET, owner, days_from_today(3))])
    return team_a, team_b, case, record, record.actions[0]


@pytest.mark.parametrize("role", sorted(set(StaffRole) - LEARNING_ROLES))
def test_roles_without_learning_may_open_no_learning_page(app, client, categories, role):
    team_a, _, case, record, action = world()
    signed_in_as(client, make_staff("someone@anytown.example", role, team=team_a))
    values = {"reference": case.reference, "record_id": record.id, "action_id": action.id}
    for method, url in learning_urls(app, values):
        response = client.open(url, method=method, data={"evidence": "done", "summary": "x"})
        assert response.status_code == 403, f"{method} {url}"
        assert SECRET not in response.get_data(as_text=True)
    db.session.refresh(action)
    assert action.status is LearningActionStatus.OPEN


def test_a_responding_manager_sees_their_teams_learning_and_their_own_actions_only(client, categories):
    team_a, team_b, other_case, other_record, other_action = world()
    manager = responding_manager(team_a, name="Alex Manager")
    mine = upheld_case(reference="CF-TEA-MAA-001", team=team_a, responding_manager_id=manager.id)
    my_record = add_learning(mine, actions=[("Our own action", manager, days_from_today(5))])
    # An action on another team's case that this manager owns.
    owned = LearningAction(
        record=other_record,
        description="Owned elsewhere",
        owner=manager,
        due_on=days_from_today(6),
        recorded_on=days_from_today(-1),
    )
    db.session.add(owned)
    db.session.commit()
    signed_in_as(client, manager)

    listed = client.get("/staff/learning/actions").get_data(as_text=True)
    assert "Our own action" in listed and "Owned elsewhere" in listed and SECRET not in listed
    assert client.get(f"/staff/learning/records/{my_record.id}").status_code == 200
    assert client.get(f"/staff/learning/records/{other_record.id}").status_code == 404
    assert client.get(f"/staff/learning/actions/{other_action.id}").status_code == 404
    assert client.get(f"/staff/learning/cases/{other_case.reference}/new").status_code == 404
    assert client.get(f"/staff/learning/records/{other_record.id}/actions/new").status_code == 404
    # Their own action on the other case: they may read it and complete it, but not change it.
    assert client.get(f"/staff/learning/actions/{owned.id}").status_code == 200
    assert client.get(f"/staff/learning/actions/{owned.id}/change").status_code == 403
    done = client.post(
        f"/staff/learning/actions/{owned.id}/complete",
        data={"evidence": "Done at the team meeting", "completed_on": date_parts(days_from_today(0))},
    )
    assert done.status_code == 302
    db.session.refresh(owned)
    assert owned.status is LearningActionStatus.DONE


def test_the_learning_lead_sees_upheld_complaints_but_not_others_nor_one_that_names_them(client, categories, lead):
    not_upheld = upheld_case(reference="CF-NOT-UPH-ELD", finding=Finding.NOT_UPHELD)
    upheld = upheld_case(reference="CF-IS-UPH-ELD")
    naming = upheld_case(reference="CF-NAM-ESL-EAD")
    naming.named_staff.append(lead)
    db.session.commit()
    named_record = add_learning(naming, summary=SECRET, actions=[(SECRET, make_staff(), days_from_today(2))])
    signed_in_as(client, lead)

    assert client.get(f"/staff/learning/cases/{not_upheld.reference}/new").status_code == 404
    new_record = client.get(f"/staff/learning/cases/{upheld.reference}/new")
    assert new_record.status_code == 200
    # A page that changes something has its own caption and a back link rather than the sub-navigation.
    assert '<span class="govuk-caption-l">Case CF-IS-UPH-ELD' in new_record.get_data(as_text=True)
    assert "moj-sub-navigation" not in new_record.get_data(as_text=True)
    assert client.get(f"/staff/learning/cases/{naming.reference}/new").status_code == 404
    assert client.get(f"/staff/learning/records/{named_record.id}").status_code == 404
    assert client.get(f"/staff/learning/actions/{named_record.actions[0].id}").status_code == 404
    for url in ("/staff/learning", "/staff/learning/actions", "/staff/learning/records"):
        page = client.get(url).get_data(as_text=True)
        assert SECRET not in page
        assert '<nav class="moj-sub-navigation" aria-label="Learning from complaints">' in page
    # Learning recorded on a complaint not upheld is the learning lead's too.
    recorded = add_learning(not_upheld)
    assert client.get(f"/staff/learning/records/{recorded.id}").status_code == 200
    # Nobody may make someone the complaint names the owner of one of its actions.
    sign_in_as(client, make_staff("casey9@anytown.example"))
    added = client.post(
        f"/staff/learning/records/{named_record.id}/actions/new",
        data={"description": "x", "owner": str(lead.id), "due_on": date_parts(days_from_today(3))},
    )
    assert "Select who owns the action from the list" in added.get_data(as_text=True)


def test_every_view_of_a_cases_learning_is_audited(client, categories, officer):
    _, _, case, record, action = world()
    signed_in_as(client, officer)
    for url in (
        f"/staff/learning/records/{record.id}",
        f"/staff/learning/actions/{action.id}",
        f"/staff/learning/actions/{action.id}/complete",
        f"/staff/learning/actions/{action.id}/change",
        f"/staff/learning/records/{record.id}/change",
        f"/staff/learning/records/{record.id}/actions/new",
        f"/staff/learning/cases/{case.reference}/new",
    ):
        before = db.session.scalar(select(db.func.count(AuditEvent.id)))
        assert client.get(url).status_code == 200, url
        event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert db.session.scalar(select(db.func.count(AuditEvent.id))) == before + 1, url
        assert (event.action, event.actor_id, event.case_id) == ("learning_viewed", officer.id, case.id), url
    for url, action_name in (
        ("/staff/learning", "learning_home_viewed"),
        ("/staff/learning/actions?status=overdue", "learning_actions_viewed"),
        ("/staff/learning/records", "learning_records_viewed"),
    ):
        client.get(url)
        event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (event.action, event.actor_id) == (action_name, officer.id)
    assert event.detail == {"filters": {}, "page": 1}
