"""Red, amber and green: how far each case is from its deadline, in working days, on a day the test chooses."""

from datetime import date

import pytest

from portal.casework import services
from portal.data.database import db
from portal.data.models import ClosureDay, StageRecord
from portal.data.queries.queues import CaseSearch, Direction, Queue, SortKey
from portal.domain.deadline_status import DeadlineStatus, deadline, due_soon_before
from portal.domain.types import CaseState, Procedure
from tests.integration.auth.staff import make_staff

EASTER_2027 = frozenset({date(2027, 3, 26), date(2027, 3, 29)})  # Good Friday and Easter Monday
THURSDAY_BEFORE_EASTER = date(2027, 3, 25)

DUE_QUEUE = CaseSearch(queue=Queue.DUE, sort=SortKey.DUE, direction=Direction.ASCENDING)
RED, AMBER, GREEN = DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON, DeadlineStatus.ON_TRACK


@pytest.mark.parametrize(
    ("today", "due", "holidays", "status", "text"),
    [
        # Over Easter: Friday and Monday are bank holidays, so Tuesday is the next working day.
        (THURSDAY_BEFORE_EASTER, date(2027, 3, 25), EASTER_2027, AMBER, "Due today"),
        (THURSDAY_BEFORE_EASTER, date(2027, 3, 30), EASTER_2027, AMBER, "1 working day left"),
        (THURSDAY_BEFORE_EASTER, date(2027, 3, 31), EASTER_2027, AMBER, "2 working days left"),
        (THURSDAY_BEFORE_EASTER, date(2027, 4, 1), EASTER_2027, GREEN, "3 working days left"),
        (THURSDAY_BEFORE_EASTER, date(2027, 3, 30), frozenset(), GREEN, "3 working days left"),
        (THURSDAY_BEFORE_EASTER, date(2027, 3, 24), EASTER_2027, RED, "Overdue by 1 working day"),
        (date(2027, 3, 30), date(2027, 3, 25), EASTER_2027, RED, "Overdue by 1 working day"),
        (date(2027, 3, 31), date(2027, 3, 25), EASTER_2027, RED, "Overdue by 2 working days"),
        # Over a weekend: the Saturday after a Friday deadline is overdue, though no working day has passed.
        (date(2027, 2, 6), date(2027, 2, 5), frozenset(), RED, "Overdue"),
        (date(2027, 2, 8), date(2027, 2, 5), frozenset(), RED, "Overdue by 1 working day"),
        (date(2027, 2, 5), date(2027, 2, 9), frozenset(), AMBER, "2 working days left"),
        (date(2027, 2, 5), date(2027, 2, 10), frozenset(), GREEN, "3 working days left"),
        (date(2027, 2, 6), date(2027, 2, 9), frozenset(), AMBER, "2 working days left"),
        (date(2027, 2, 1), date(2027, 3, 1), frozenset(), GREEN, "20 working days left"),
    ],
)
def test_deadline_status_and_words(today, due, holidays, status, text):
    found = deadline(today, due, holidays)
    assert (found.status, found.text, found.due_on) == (status, text, due)


def test_due_soon_ends_before_the_third_working_day():
    assert due_soon_before(THURSDAY_BEFORE_EASTER, EASTER_2027) == date(2027, 4, 1)
    assert due_soon_before(THURSDAY_BEFORE_EASTER, frozenset()) == date(2027, 3, 30)
    assert due_soon_before(date(2027, 2, 6), frozenset()) == date(2027, 2, 10)


@pytest.mark.parametrize("offset", range(0, 15))
def test_due_soon_before_agrees_with_the_colours(offset):
    """Every date before `due_soon_before` is red or amber, and every date from it on is green."""
    from datetime import timedelta

    today = date(2027, 3, 20)
    due = today + timedelta(days=offset)
    boundary = due_soon_before(today, EASTER_2027)
    assert (deadline(today, due, EASTER_2027).status is GREEN) == (due >= boundary)


def _case_due(case_factory, reference, due, **fields):
    return case_factory(reference=reference, acknowledgement_due_on=due, **fields)


def test_the_service_uses_bank_holidays_and_closure_days_on_the_day_it_is_given(case_factory):
    """The service is given today's date, so the test can stand on the Thursday before Easter 2027."""
    db.session.add(ClosureDay(day=date(2027, 3, 31), description="Council closure"))
    db.session.commit()
    corporate = {"procedure": Procedure.CORPORATE, "state": CaseState.STAGE_1}
    _case_due(case_factory, "OVERDUE", date(2027, 3, 23), **corporate)
    _case_due(case_factory, "TUESDAY", date(2027, 3, 30), **corporate)
    _case_due(case_factory, "THURSDAY", date(2027, 4, 1), **corporate)
    _case_due(case_factory, "FRIDAY", date(2027, 4, 2), **corporate)
    _case_due(case_factory, "STATUTORY", date(2027, 4, 1), procedure=Procedure.STATUTORY, state=CaseState.STAGE_1)
    user = make_staff()

    every = services.case_list_page(user, CaseSearch(queue=Queue.ALL), 1, today=THURSDAY_BEFORE_EASTER)
    found = {row.case.reference: (row.deadline.status, row.deadline.text) for row in every.rows}
    # Good Friday, Easter Monday and the council's closure day on Wednesday 31 March are not working days for the
    # corporate clocks; regulation 2 makes the closure day a working day for the statutory ones.
    assert found == {
        "OVERDUE": (RED, "Overdue by 2 working days"),
        "TUESDAY": (AMBER, "1 working day left"),
        "THURSDAY": (AMBER, "2 working days left"),
        "FRIDAY": (GREEN, "3 working days left"),
        "STATUTORY": (GREEN, "3 working days left"),
    }
    due = services.case_list_page(user, DUE_QUEUE, 1, today=THURSDAY_BEFORE_EASTER)
    assert [row.case.reference for row in due.rows] == ["OVERDUE", "TUESDAY", "THURSDAY"]
    # A week later, standing on Thursday 1 April:
    later = services.case_list_page(user, DUE_QUEUE, 1, today=date(2027, 4, 1))
    assert {row.case.reference: row.deadline.text for row in later.rows} == {
        "OVERDUE": "Overdue by 4 working days",
        "TUESDAY": "Overdue by 1 working day",
        "THURSDAY": "Due today",
        "STATUTORY": "Due today",
        "FRIDAY": "1 working day left",
    }


def test_which_date_a_case_is_due_on(case_factory):
    """The acknowledgement's date until it is acknowledged; then the open stage's, extended or not."""
    today = date(2027, 2, 1)
    not_acknowledged = _case_due(case_factory, "ACK", date(2027, 2, 3))
    in_stage = _case_due(case_factory, "STAGE", date(2027, 1, 6), acknowledged_on=date(2027, 1, 5))
    in_stage.stages.append(
        StageRecord(
            state=CaseState.STAGE_1,
            started_on=date(2027, 1, 5),
            due_on=date(2027, 1, 19),
            completed_on=date(2027, 1, 18),
        )
    )
    in_stage.stages.append(StageRecord(state=CaseState.STAGE_2, started_on=date(2027, 1, 20), due_on=date(2027, 2, 24)))
    extended = _case_due(case_factory, "EXTENDED", None, acknowledged_on=date(2027, 1, 5))
    extended.stages.append(
        StageRecord(
            state=CaseState.STAGE_1, started_on=date(2027, 1, 5), due_on=date(2027, 1, 19), extended_to=date(2027, 2, 2)
        )
    )
    _case_due(case_factory, "CLOSED", date(2027, 1, 6), state=CaseState.CLOSED)
    _case_due(case_factory, "NODATE", None)
    db.session.commit()

    page = services.case_list_page(make_staff(), CaseSearch(), 1, today=today)
    due = {row.case.reference: row.deadline.due_on if row.deadline else None for row in page.rows}
    assert due == {
        "ACK": date(2027, 2, 3),
        "STAGE": date(2027, 2, 24),
        "EXTENDED": date(2027, 2, 2),
        "CLOSED": None,
        "NODATE": None,
    }
    assert not_acknowledged.acknowledged_on is None
