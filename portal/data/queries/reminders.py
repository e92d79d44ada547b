"""What the daily reminders read and record: the deadlines open now, the open learning actions, and the reminders
already sent (whose unique key is what keeps two runs from sending the same reminder twice in a day)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from portal.data.database import db
from portal.data.learning_models import LearningAction, LearningRecord, ReminderSent
from portal.data.models import Case, CaseAssignment
from portal.data.queries.queues import due_on
from portal.domain.learning import OPEN_ACTION_STATUSES


@dataclass(frozen=True)
class OpenDeadline:
    """A case with a deadline open on it, due on `due_on`."""

    case: Case
    due_on: date


def open_deadlines(due_by: date) -> list[OpenDeadline]:
    """The cases whose next deadline falls on or before `due_by` (overdue ones included), with the staff allocated
    to them: each case's next deadline as the work queues count it (`queues.due_on`: the acknowledgement, then the
    open stage's clock, or a comment's promised reply; a hold's review date).

    The one place the reminders learn which clocks are open: when each timed step has its own tracked clock, this
    reads those instead.
    """
    due = due_on()
    rows = db.session.execute(
        select(Case, due.label("due"))
        .where(due.is_not(None), due <= due_by)
        .options(
            selectinload(Case.responding_manager),
            selectinload(Case.assignments).selectinload(CaseAssignment.staff_user),
            selectinload(Case.stages),
        )
        .order_by(due, Case.id)
    )
    return [OpenDeadline(case=case, due_on=due_date) for case, due_date in rows]


def open_actions_due_by(due_by: date) -> list[LearningAction]:
    """Learning actions not done yet that are due on or before `due_by`, with their owners and cases."""
    return list(
        db.session.scalars(
            select(LearningAction)
            .where(LearningAction.status.in_(OPEN_ACTION_STATUSES), LearningAction.due_on <= due_by)
            .options(
                selectinload(LearningAction.owner),
                selectinload(LearningAction.record).selectinload(LearningRecord.case),
            )
            .order_by(LearningAction.due_on, LearningAction.id)
        )
    )


def sent_on(recipient: str, day: date) -> set[str]:
    """The items already reminded to `recipient` on `day`."""
    return set(
        db.session.scalars(
            select(ReminderSent.item).where(ReminderSent.recipient == recipient, ReminderSent.sent_on == day)
        )
    )


def claim(recipient: str, items: dict[str, int | None], day: date) -> bool:
    """Records that `recipient` is reminded of `items` (item key to case id) on `day`, in the caller's transaction.

    Returns False, with the transaction rolled back, when any was claimed already: another run got there first, and
    its reminder is the one that goes. Call it first in a transaction of its own, then queue the message and commit.
    """
    db.session.add_all(
        ReminderSent(recipient=recipient, item=item, case_id=case_id, sent_on=day) for item, case_id in items.items()
    )
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    return True
