"""Every staff route, for every role, against a case the user may see and one they may not.

Denied requests are a 403 or 404 and never show the case's data; a report viewer never sees personal data.
"""

from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select

from portal.data.database import db
from portal.data.learning_models import LearningAction, LearningRecord
from portal.data.models import Attachment, Case, CaseAssignment, CaseChild, CaseNote, ComplaintPoint, Person, Theme
from portal.data.participation_models import FollowUp
from portal.data.queries.case_access import SEES_EVERY_CASE
from portal.domain.closing_the_loop import Audience
from portal.domain.types import Channel, FeedbackKind, Finding, StaffRole, SubmitterRole, ThemeScope
from tests.integration.auth.staff import make_staff, make_team, signed_in_as

HIDDEN_NAME = "Rowan Tillerby"
HIDDEN_SUMMARY = "Hidden summary of the other team's case"
METHODS = ("GET", "POST")


def staff_rules(app: Flask):
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if rule.rule.startswith("/staff") and getattr(view, "required_roles", None):
            for method in METHODS:
                if method in rule.methods:
                    yield rule, method, view.required_roles


def make_world():
    team_a, team_b = make_team("Team A"), make_team("Team B")
    hidden = Case(
        reference="CF-HID-DEN-CAS",
        kind=FeedbackKind.COMPLAINT,
        channel=Channel.ONLINE,
        received_on=date(2027, 1, 4),
        summary=HIDDEN_SUMMARY,
        description=HIDDEN_SUMMARY,
        team=team_b,
        submitter=Person(role=SubmitterRole.PARENT, name=HIDDEN_NAME, email="rowan@example.com"),
    )
    hidden.children.append(CaseChild(name="Hidden child"))
    hidden.points.append(ComplaintPoint(number=1, text=HIDDEN_SUMMARY))
    hidden.notes.append(CaseNote(body=HIDDEN_SUMMARY))
    hidden.attachments.append(
        Attachment(
            filename="hidden.txt", content_type="text/plain", size_bytes=1, sha256="0" * 64, storage_key="0" * 32
        )
    )
    db.session.add(hidden)
    db.session.flush()
    # A follow-up as if the case had closed: it gives the hidden case's follow-up pages an id to try.
    db.session.add(FollowUp(case_id=hidden.id, audience=Audience.CHILD, closed_on=date(2027, 2, 1)))
    # Learning on another team's upheld complaint, to give the learning pages real ids: the learning lead may open
    # it without opening the case, so it is not the hidden case itself.
    upheld = Case(
        reference="CF-UPH-ELD-CAS",
        kind=FeedbackKind.COMPLAINT,
        channel=Channel.ONLINE,
        received_on=date(2027, 1, 4),
        team=team_b,
        finding=Finding.UPHELD,
    )
    learning = LearningRecord(case=upheld, category=Theme(scope=ThemeScope.LEARNING, name="Matrix"), summary="Learnt")
    learning.actions.append(
        LearningAction(
            description="Act",
            owner=make_staff("owner@anytown.example"),
            due_on=date(2027, 3, 1),
            recorded_on=date(2027, 2, 1),
        )
    )
    db.session.add(learning)
    db.session.commit()
    return team_a, hidden


def build_url(app: Flask, rule, values: dict) -> str:
    with app.test_request_context():
        return app.url_for(rule.endpoint, **values)


def known_values(hidden: Case) -> dict:
    """Identifiers of the hidden case's records, read once: routes that delete may remove them as the test goes."""
    return {
        "reference": hidden.reference,
        "attachment_id": hidden.attachments[0].id,
        "document_id": hidden.attachments[0].id,
        "point_id": hidden.points[0].id,
        "note_id": hidden.notes[0].id,
        "follow_up_id": db.session.scalar(select(FollowUp.id).where(FollowUp.case_id == hidden.id)),
        "record_id": db.session.scalar(select(LearningRecord.id)),
        "action_id": db.session.scalar(select(LearningAction.id)),
        "number": 1,
    }


def url_values(rule, known: dict) -> dict:
    return {name: known.get(name, 1) for name in rule.arguments}


def user_for(role: StaffRole, team):
    return make_staff(email=f"{role.value}@anytown.example", role=role, team=team, name=f"{role.label} person")


def leaks(body: str) -> bool:
    return HIDDEN_NAME in body or HIDDEN_SUMMARY in body or "rowan@example.com" in body


@pytest.mark.parametrize("role", list(StaffRole))
def test_every_staff_route_for_every_role(app, client, role):
    team_a, hidden = make_world()
    user = user_for(role, team_a)
    if role == StaffRole.INVESTIGATOR:
        other = Case(
            reference="CF-ASS-IGN-EDX",
            kind=FeedbackKind.COMPLAINT,
            channel=Channel.ONLINE,
            received_on=date(2027, 1, 4),
        )
        db.session.add(other)
        db.session.flush()
        db.session.add(CaseAssignment(case_id=other.id, staff_user_id=user.id))
        db.session.commit()
    known = known_values(hidden)
    checked = 0
    for rule, method, allowed_roles in staff_rules(app):
        signed_in_as(client, user)
        url = build_url(app, rule, url_values(rule, known))
        response = client.open(url, method=method, data={})
        body = response.get_data(as_text=True)
        where = f"{method} {url} as {role.value}: {response.status_code}"
        if role not in allowed_roles:
            assert response.status_code in (403, 404), where
            assert not leaks(body), where
        elif "reference" in rule.arguments and role not in SEES_EVERY_CASE:
            assert response.status_code in (403, 404), where
            assert not leaks(body), where
        else:
            assert response.status_code < 500, where
        if role == StaffRole.REPORT_VIEWER:
            assert not leaks(body), where
        checked += 1
    assert checked > 0


def test_visitors_are_sent_to_sign_in_from_every_staff_route(app, client):
    make_world()
    for rule, method, _ in staff_rules(app):
        url = build_url(app, rule, {name: 1 for name in rule.arguments})
        response = client.open(url, method=method, data={})
        assert response.status_code in (302, 401), f"{method} {url}: {response.status_code}"
        if response.status_code == 302:
            assert "/staff/sign-in" in response.headers["Location"]
