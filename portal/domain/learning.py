"""Actions from learning records: who does what by when, and the evidence that it was done (domain.md section 8;
Dudley's "Learning / Complaint / Actions" table, where each action ends with what was done; Sandwell's aim to
"improve how we track actions from complaints").

An action is open until someone starts it (in progress) and done once its evidence is recorded. Done is final: if
the evidence falls short, the learning lead adds a new action rather than rewriting what was recorded.
"""

from datetime import date

from portal.domain.types import LearningActionStatus

OPEN_ACTION_STATUSES = frozenset({LearningActionStatus.OPEN, LearningActionStatus.IN_PROGRESS})


class InvalidActionChange(ValueError):
    """A change to a learning action that the rules do not allow, in words for the error summary."""


def check_status_change(current: LearningActionStatus, new: LearningActionStatus) -> None:
    """Raises ``InvalidActionChange`` unless an action at ``current`` may be set to ``new`` without completing it.

    Open and in progress may be swapped freely; done comes only through ``check_completion``, with evidence; and a
    done action is never changed again, so the record of what was done stays as it was recorded.
    """
    if current is LearningActionStatus.DONE:
        raise InvalidActionChange("This action is done: add a new action if more needs doing.")
    if new is LearningActionStatus.DONE:
        raise InvalidActionChange("Record the evidence to mark the action as done.")


def check_completion(
    current: LearningActionStatus, evidence: str | None, completed_on: date, recorded_on: date, today: date
) -> None:
    """Raises ``InvalidActionChange`` unless an action at ``current``, recorded on ``recorded_on``, may be completed
    on ``completed_on`` with ``evidence``.

    Completing needs evidence of what was done (blank text is none); an action is completed once; and the day it was
    done lies between the day the action was recorded and ``today``.
    """
    if current is LearningActionStatus.DONE:
        raise InvalidActionChange("This action is already done.")
    if not (evidence or "").strip():
        raise InvalidActionChange("Enter the evidence that the action is done")
    if completed_on > today:
        raise InvalidActionChange("The date it was done must be today or in the past")
    if completed_on < recorded_on:
        raise InvalidActionChange(
            f"The date it was done must be the same as or after {recorded_on.day} {recorded_on:%B %Y}, when the action "
            "was recorded"
        )


def is_overdue(status: LearningActionStatus, due_on: date, today: date) -> bool:
    """Whether an action is overdue on ``today``: not done, and its due date has passed (the same test as
    ``portal.domain.reminders.reminders_due``: due today is not yet overdue)."""
    return status in OPEN_ACTION_STATUSES and due_on < today
