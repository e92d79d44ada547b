"""A complaint at Stage 1, the staff who work on it, and a clock standing on a known day."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from flask import g
from flask.testing import FlaskClient

from portal.case_moves.moving import change_case, move_case
from portal.data.database import db
from portal.data.models import Case, CaseChild, ComplaintPoint, Person
from portal.domain.moves import first_state
from portal.domain.types import ClockEvent, Procedure, StaffRole, SubmitterRole
from tests.integration.auth.staff import make_staff, make_team, signed_in_as
from tests.integration.casework.conftest import make_case

# A Monday with no bank holiday near it.
TODAY = date(2027, 3, 8)
RECEIVED = date(2027, 3, 1)
POINTS = (
    "Family time with Riley was cancelled three times in February without notice.",
    "Nobody returned my calls to the social worker.",
)


@pytest.fixture
def today(today_is):
    today_is(TODAY)
    return TODAY


@pytest.fixture
def team(app_context):
    return make_team("Children in Need")


@pytest.fixture
def officer(app_context):
    return make_staff()


@pytest.fixture
def checker(app_context):
    return make_staff("morgan.lake@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Lake")


@pytest.fixture
def manager(team):
    return make_staff("jamie.rivers@anytown.example", StaffRole.RESPONDING_MANAGER, team=team, name="Jamie Rivers")


class StaffClient(FlaskClient):
    """A test client that forgets the signed-in user Flask-Login keeps in `g`: the test's app context, and so `g`,
    is shared by every request, and each of these clients is someone else."""

    def open(self, *args, **kwargs):
        g.pop("_login_user", None)
        return super().open(*args, **kwargs)


@pytest.fixture
def client_for(app, today):
    """A separate signed-in client for each member of staff, so one test can pass a case between them. They sign in
    on the moved clock, so the idle time-out does not sign them out."""

    def signed_in(user):
        return signed_in_as(StaffClient(app, app.response_class, use_cookies=True), user)

    return signed_in


def person(**fields) -> Person:
    values = {
        "role": SubmitterRole.PARENT,
        "name": "Sam Fairweather",
        "email": "sam@example.com",
        "address": "1 High Street\nAnytown",
        "postcode": "AN1 2BB",
        "contact_methods": ["email"],
        **fields,
    }
    return Person(**values)


def screen(case: Case, user, procedure: Procedure, on: date | None = None) -> None:
    """Screens ``case`` into ``procedure`` on ``on`` (the day it came in, unless given) through the moving service,
    as the screening page does: its clocks run from the day it was received."""
    move_case(
        case,
        user,
        first_state(procedure),
        on=on or case.received_on,
        action="case_screened",
        procedure=procedure,
        event=ClockEvent.RECEIVED,
        event_on=case.received_on,
    )


def stage_1_case(
    officer,
    manager=None,
    procedure: Procedure = Procedure.STATUTORY,
    received_on: date = RECEIVED,
    points=POINTS,
    **fields,
) -> Case:
    """A complaint screened into ``procedure`` through the moving service, with its points, allocated to
    ``manager`` and acknowledged two days after it came in."""
    case = make_case(
        received_on=received_on,
        submitter=fields.pop("submitter", None) or person(),
        team=manager.team if manager else None,
        responding_manager=manager,
        **fields,
    )
    case.children.append(CaseChild(name="Riley Fairweather", age=9))
    case.points.extend(ComplaintPoint(number=number, text=text) for number, text in enumerate(points, start=1))
    db.session.commit()
    screen(case, officer, procedure)
    acknowledged = date.fromordinal(received_on.toordinal() + 2)
    with change_case(case, officer, "acknowledgement_sent", fields=("acknowledged_on",)) as change:
        case.acknowledged_on = acknowledged
        change.clock_event(ClockEvent.ACKNOWLEDGED, acknowledged)
    return case


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def error_messages(response) -> list[str]:
    return [item.get_text(" ", strip=True) for item in soup(response).select(".govuk-error-summary__list li")]


def findings_post(case: Case, *findings: str, notes: str = "") -> dict:
    return {
        **{f"finding-{point.id}": finding for point, finding in zip(case.points, findings, strict=False) if finding},
        **{f"notes-{point.id}": notes for point in case.points},
    }
