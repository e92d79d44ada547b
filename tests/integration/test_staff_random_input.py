"""Whatever staff post to any staff page, the answer is a page, a redirect or a refusal: never a server error."""

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Attachment, Case, CaseNote, ComplaintPoint, Person, StaffUser
from portal.domain.types import Channel, FeedbackKind, StaffRole, SubmitterRole
from tests.integration.auth.staff import make_staff, make_team, signed_in_as
from tests.integration.test_access_matrix import build_url, staff_rules

VALUES = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["", " ", "yes", "no", "0", "-1", "1", "99999999999", "2027", "31", "13", "statutory", "none"]),
    st.lists(st.text(max_size=20), max_size=3),
)


def field_names(html: str) -> list[str]:
    return sorted(set(re.findall(r'name="([^"]+)"', html)) - {"csrf_token"})


def make_case() -> Case:
    case = Case(
        reference="CF-RAN-DOM-INP",
        kind=FeedbackKind.COMPLAINT,
        channel=Channel.ONLINE,
        received_on=date(2027, 1, 4),
        summary="Random input case",
        description="What happened",
        submitter=Person(role=SubmitterRole.PARENT, name="Jo Quarrendon", email="jo@example.com"),
    )
    case.points.append(ComplaintPoint(number=1, text="A point"))
    case.notes.append(CaseNote(body="A note"))
    case.attachments.append(
        Attachment(filename="a.txt", content_type="text/plain", size_bytes=1, sha256="1" * 64, storage_key="1" * 32)
    )
    db.session.add(case)
    db.session.commit()
    return case


def the_world() -> tuple[Case, dict[StaffRole, StaffUser]]:
    """The case and the two members of staff, made once: hypothesis runs every example inside one test."""
    case = db.session.scalar(select(Case))
    if case is None:
        case = make_case()
        make_team("Team A")
        make_staff(email="manager@anytown.example", role=StaffRole.COMPLAINTS_MANAGER)
        make_staff(email="admin@anytown.example", role=StaffRole.ADMINISTRATOR)
    staff = {user.role: user for user in db.session.scalars(select(StaffUser).order_by(StaffUser.id))}
    return case, staff


def role_for(roles) -> StaffRole:
    return StaffRole.ADMINISTRATOR if StaffRole.ADMINISTRATOR in roles else StaffRole.COMPLAINTS_MANAGER


_fields: dict[str, list[str]] = {}


def fields_of_every_form(app, client, staff, urls: dict) -> dict[str, list[str]]:
    """Each POST route's form fields, read once while the world is fresh. Reading them again for each example would
    make what hypothesis draws depend on what earlier examples changed (a deactivated account, a deleted point)."""
    if not _fields:
        for rule, _, roles in staff_rules(app):
            if "GET" in rule.methods and "POST" in rule.methods:
                signed_in_as(client, staff[role_for(roles)])
                _fields[rule.rule] = field_names(client.get(urls[rule.rule]).get_data(as_text=True))
    return _fields


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_posts_to_staff_pages_never_cause_a_server_error(app, client, data):
    case, staff = the_world()
    values = {
        "reference": case.reference,
        "attachment_id": case.attachments[0].id if case.attachments else 1,
        "point_id": case.points[0].id if case.points else 1,
        "note_id": 1,
    }
    urls = {
        rule.rule: build_url(app, rule, {name: values.get(name, 1) for name in rule.arguments})
        for rule, _, _ in staff_rules(app)
    }
    fields = fields_of_every_form(app, client, staff, urls)
    rules = [(rule, roles) for rule, method, roles in staff_rules(app) if method == "POST"]
    rule, roles = data.draw(st.sampled_from(rules), label="route")
    signed_in_as(client, staff[role_for(roles)])
    url = urls[rule.rule]
    names = fields.get(rule.rule, [])
    posted = {name: data.draw(VALUES, label=name) for name in names if data.draw(st.booleans(), label=f"send {name}")}
    response = client.post(url, data=posted)
    assert response.status_code < 500, (url, posted, response.get_data(as_text=True)[:1500])
