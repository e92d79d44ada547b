"""Cases to follow online, and people signed in to follow them, through the real pages and the real services."""

import random
import re
from datetime import date

import pytest
from sqlalchemy import select

from portal.case_moves.moving import move_case
from portal.casework import response_letters
from portal.casework.findings import PointAnswer, record_findings
from portal.data.database import db
from portal.data.models import Case, ComplaintPoint, OutboxMessage, Person, StaffUser, Team
from portal.domain.references import new_reference
from portal.domain.types import (
    CaseState,
    Channel,
    ClockEvent,
    FeedbackKind,
    Finding,
    Procedure,
    StaffRole,
    SubmitterRole,
)
from portal.notifications import outbox
from tests.fixtures.config import overridden_config
from tests.integration.auth.staff import make_staff

RECEIVED = date(2027, 1, 4)
SCREENED = date(2027, 1, 6)
EMAIL = "sam.ellery@example.com"
PHONE = "07700 900 982"
OTHER_EMAIL = "robin.ashdown@example.org"
_references = random.Random(12)


def a_reference() -> str:
    return new_reference(_references)


def make_person_case(
    email: str | None = EMAIL,
    phone: str | None = PHONE,
    *,
    kind: FeedbackKind = FeedbackKind.COMPLAINT,
    made_by_child: bool = False,
    points: tuple[str, ...] = ("Family time was cancelled three times", "Nobody returned my calls"),
    **fields,
) -> Case:
    """A case sent online by a parent (or a child), received on RECEIVED, not yet screened."""
    role = SubmitterRole.CHILD if made_by_child else SubmitterRole.PARENT
    values = {
        "reference": a_reference(),
        "kind": kind,
        "channel": Channel.ONLINE,
        "received_on": RECEIVED,
        "summary": "Family time",
        "description": "Family time was cancelled.",
        "made_by_child": made_by_child,
        "submitter": Person(role=role, name="Sam Ellery", email=email, phone=phone, contact_methods=["email"]),
        **fields,
    }
    case = Case(**values)
    case.points = [ComplaintPoint(number=number, text=text) for number, text in enumerate(points, start=1)]
    db.session.add(case)
    db.session.commit()
    return case


@pytest.fixture(autouse=True)
def codes_sent_before_the_next_test():
    """Sign-in codes go in the background: each test waits for its own before the database is emptied."""
    yield
    outbox.wait_for_background()


@pytest.fixture(autouse=True)
def file_store(app, tmp_path):
    """Files people add are kept in a folder of the test's own."""
    with overridden_config(app, UPLOAD_FOLDER=str(tmp_path / "uploads")):
        yield


@pytest.fixture
def officer(app_context) -> StaffUser:
    team = Team(name="Children in Care", email="children.in.care@anytown.example")
    db.session.add(team)
    db.session.commit()
    return make_staff(team=team)


@pytest.fixture
def manager(officer) -> StaffUser:
    return make_staff("morgan.manager@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Reyes")


def screen(case: Case, officer: StaffUser, procedure: Procedure = Procedure.STATUTORY, on: date = SCREENED) -> Case:
    """Screens the case into `procedure` through the case-moving service, allocated to the officer's team."""
    case.team = officer.team
    case.responding_manager = officer
    move_case(
        case,
        officer,
        CaseState.STAGE_1 if procedure in (Procedure.STATUTORY, Procedure.CORPORATE) else CaseState.AWAITING_RESPONSE,
        on=on,
        action="case_screened",
        procedure=procedure,
        event=ClockEvent.RECEIVED,
        event_on=case.received_on,
    )
    return case


def send_stage_1_response(case: Case, officer: StaffUser, manager: StaffUser, on: date) -> None:
    """Findings on every point, the letter drafted, checked by someone else and emailed: the stage1 services."""
    answers = {point.id: PointAnswer(Finding.UPHELD, "We agree.") for point in case.points}
    record_findings(case, officer, 1, answers, on)
    kind = response_letters.kind_for(case)
    letter = response_letters.draft(case, kind, officer)
    response_letters.submit(case, kind, letter, officer)
    response_letters.check(letter, manager, True, None)
    response_letters.send(case, kind, letter, manager, "email", on)


def code_sent(to: str) -> str:
    """The code in the latest sign-in message to `to`, read from the outbox."""
    message = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.recipient == to, OutboxMessage.template.like("tracking_code%"))
        .order_by(OutboxMessage.id.desc())
    ).first()
    assert message is not None, f"no code was sent to {to}"
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def look_up(client, reference: str, contact: str, path: str = "/track"):
    response = client.post(path, data={"reference": reference, "contact": contact})
    response.close()
    return response


def sign_in(client, case: Case, contact: str = EMAIL):
    """Signs in through the real pages: reference and address, then the code from the outbox."""
    response = look_up(client, case.reference, contact)
    assert response.status_code == 302, response.get_data(as_text=True)
    recipient = case.submitter.email if "@" in contact else case.submitter.phone
    response = client.post("/track/code", data={"code": code_sent(recipient)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


@pytest.fixture
def tracking_client(client, officer):
    """A browser signed in as Sam Ellery, following a screened complaint."""
    case = screen(make_person_case(), officer)
    sign_in(client, case)
    client.case = case
    return client
