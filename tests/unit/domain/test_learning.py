"""Learning actions: which status changes are allowed, what completing one needs, and when one is overdue."""

from datetime import date

import pytest

from portal.domain.learning import (
    OPEN_ACTION_STATUSES,
    InvalidActionChange,
    check_completion,
    check_status_change,
    is_overdue,
)
from portal.domain.types import LearningActionStatus

OPEN, IN_PROGRESS, DONE = LearningActionStatus.OPEN, LearningActionStatus.IN_PROGRESS, LearningActionStatus.DONE
RECORDED, TODAY = date(2027, 3, 1), date(2027, 3, 15)


@pytest.mark.parametrize(
    ("current", "new"), [(OPEN, OPEN), (OPEN, IN_PROGRESS), (IN_PROGRESS, OPEN), (IN_PROGRESS, IN_PROGRESS)]
)
def test_open_and_in_progress_may_be_swapped(current, new):
    check_status_change(current, new)


@pytest.mark.parametrize(
    ("current", "new", "message"),
    [
        (OPEN, DONE, "Record the evidence to mark the action as done."),
        (IN_PROGRESS, DONE, "Record the evidence to mark the action as done."),
        (DONE, OPEN, "This action is done: add a new action if more needs doing."),
        (DONE, IN_PROGRESS, "This action is done: add a new action if more needs doing."),
        (DONE, DONE, "This action is done: add a new action if more needs doing."),
    ],
)
def test_done_comes_only_with_evidence_and_stays(current, new, message):
    with pytest.raises(InvalidActionChange, match=message):
        check_status_change(current, new)


@pytest.mark.parametrize("status", sorted(OPEN_ACTION_STATUSES))
@pytest.mark.parametrize("completed_on", [RECORDED, date(2027, 3, 8), TODAY])
def test_an_open_action_is_completed_with_evidence_between_its_recording_and_today(status, completed_on):
    check_completion(status, "Training held on 8 March", completed_on, RECORDED, TODAY)


@pytest.mark.parametrize(
    ("status", "evidence", "completed_on", "message"),
    [
        (OPEN, None, TODAY, "Enter the evidence that the action is done"),
        (OPEN, "", TODAY, "Enter the evidence that the action is done"),
        (IN_PROGRESS, " \n\t ", TODAY, "Enter the evidence that the action is done"),
        (DONE, "Again", TODAY, "This action is already done."),
        (OPEN, "Held", date(2027, 3, 16), "The date it was done must be today or in the past"),
        (OPEN, "Held", date(2027, 2, 28), "must be the same as or after 1 March 2027, when the action was recorded"),
    ],
)
def test_completing_is_refused_without_evidence_twice_or_on_an_impossible_day(status, evidence, completed_on, message):
    with pytest.raises(InvalidActionChange, match=message):
        check_completion(status, evidence, completed_on, RECORDED, TODAY)


@pytest.mark.parametrize(
    ("status", "due_on", "overdue"),
    [
        (OPEN, date(2027, 3, 14), True),
        (IN_PROGRESS, date(2027, 3, 14), True),
        (DONE, date(2027, 3, 14), False),
        (OPEN, TODAY, False),
        (OPEN, date(2027, 3, 16), False),
    ],
)
def test_overdue_once_the_due_date_has_passed_and_until_done(status, due_on, overdue):
    assert is_overdue(status, due_on, TODAY) is overdue
