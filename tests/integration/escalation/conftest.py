"""Fixtures for the steps after Stage 1: the Stage 1 pages' staff and clock (tests/integration/stages), the people
of Stage 2, and complaints moved to where a test starts through the real case-moving service, with one complaint
point answered at Stage 1."""

from datetime import date

import pytest
from sqlalchemy import select

from portal.case_moves.moving import change_case, move_case
from portal.data.database import db
from portal.data.models import Case, ComplaintPoint, Person
from portal.data.stage_models import PointFinding, ResponseLetter
from portal.domain.types import CaseState, ClockEvent, Finding, LetterStatus, Procedure, StaffRole, SubmitterRole
from tests.fixtures.smtp_sink import app_sends_by_smtp, smtp_sink  # noqa: F401
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.case_page.conftest import storage  # noqa: F401
from tests.integration.casework.conftest import make_case
from tests.integration.stages.conftest import (  # noqa: F401
    checker,
    client_for,
    error_messages,
    findings_post,
    manager,
    officer,
    screen,
    team,
    today,
)

RECEIVED = date(2027, 1, 4)
SCREENED = date(2027, 1, 5)
RESPONDED = date(2027, 1, 15)


@pytest.fixture
def stage_1_handler(app_context):
    return make_staff(email="robin.handler@anytown.example", role=StaffRole.RESPONDING_MANAGER, name="Robin Hale")


@pytest.fixture
def investigator(app_context):
    return make_staff(email="ira.investigator@example.org", role=StaffRole.INVESTIGATOR, name="Ira Quennell")


@pytest.fixture
def independent_person(app_context):
    return make_staff(email="pat.independent@example.org", role=StaffRole.INVESTIGATOR, name="Pat Oduya")


@pytest.fixture
def senior_manager(app_context):
    return make_staff(email="alex.senior@anytown.example", role=StaffRole.RESPONDING_MANAGER, name="Alex Brannock")


def responded(by, handler=None, procedure=Procedure.STATUTORY, on=RESPONDED, **fields) -> Case:
    """A complaint screened into ``procedure`` by ``by`` and answered at Stage 1 by ``handler`` on ``on``, its one
    point not upheld at Stage 1."""
    fields.setdefault(
        "submitter", Person(role=SubmitterRole.PARENT, name="Sam Fairweather", email="sam@example.com", letters_ok=True)
    )
    case = make_case(received_on=RECEIVED, responding_manager_id=handler.id if handler else None, **fields)
    point = ComplaintPoint(number=1, text="Family time was cancelled three times.")
    case.points.append(point)
    db.session.flush()
    point.findings.append(PointFinding(stage=1, finding=Finding.NOT_UPHELD, recorded_on=on))
    point.finding = Finding.NOT_UPHELD
    db.session.commit()
    screen(case, by, procedure, on=SCREENED)
    if procedure is Procedure.CORPORATE:
        with change_case(case, by, "acknowledgement_sent", fields=("acknowledged_on",)) as change:
            case.acknowledged_on = SCREENED
            change.clock_event(ClockEvent.ACKNOWLEDGED, SCREENED)
    move_case(
        case,
        by,
        CaseState.STAGE_1_RESPONDED,
        on=on,
        action="response_sent",
        event=ClockEvent.STAGE_1_RESPONSE_SENT,
    )
    return case


@pytest.fixture
def signed_in(client):
    """Signs ``client`` in as a member of staff: ``signed_in(user)`` returns the client."""

    def sign_in(user):
        signed_in_as(client, user)
        return client

    return sign_in


def day(when) -> list[str]:
    """A date as the three boxes of a GOV.UK date input post it."""
    return [str(when.day), str(when.month), str(when.year)]


def page(case, path="") -> str:
    return f"/staff/cases/{case.reference}{path}"


def send_response(case, writer, checking, sender, findings=("upheld", "not_upheld")) -> None:
    """Findings on the points, the stage's response drafted, checked by someone else and emailed, all through the
    pages."""
    response = writer.post(page(case, "/findings"), data=findings_post(case, *findings))
    assert response.status_code == 302, error_messages(response)
    writer.post(page(case, "/response"), data={"action": "draft"})
    db.session.expire_all()
    draft = db.session.scalars(
        select(ResponseLetter)
        .where(ResponseLetter.case_id == case.id, ResponseLetter.status != LetterStatus.SENT)
        .order_by(ResponseLetter.id)
    ).one()
    writer.post(page(case, "/response"), data={"action": "submit", "subject": draft.subject, "body": draft.body})
    checking.post(page(case, "/response"), data={"action": "approve"})
    response = sender.post(page(case, "/response"), data={"action": "send", "method": "email"})
    assert response.status_code == 302, error_messages(response)
