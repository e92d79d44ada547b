"""What the daily reminders read and record: the clocks running now, the open learning actions, and the reminders
already sent (whose unique key is what keeps two runs from sending the same reminder twice in a day)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from portal.data.database import db
from portal.data.learning_models import LearningAction, LearningRecord, ReminderSent
from portal.data.models import Case, CaseAssignment, StaffUser, StageRecord
from portal.domain.clocks import COMPLAINANT_WINDOWS
from portal.domain.learning import OPEN_ACTION_STATUSES
from portal.domain.types import CaseState, FeedbackKind, TimescaleStep


@dataclass(frozen=True)
class OpenClock:
    """A timed step not done yet: its case, the step (None for a hold's review date), when it is due, who handles
    it, and a key that names it for the reminders sent."""

    key: str
    case: Case
    step: TimescaleStep | None
    due_on: date
    handler: StaffUser | None = None


def open_clocks(due_by: date) -> list[OpenClock]:
    """Every clock running now that is due on or before `due_by` (overdue ones included), with its case and the
    staff allocated to it, the earliest due first.

    The clocks are the tracked timed steps (`StageRecord` rows not completed, at their extended date if extended; a
    hold's row is its review date), the acknowledgement (timed on the case itself, from receipt), and a comment's
    promised reply while no timed step tracks it. The complainant's time to ask for the next stage is not counted:
    it is nobody's deadline at the council. Closed cases have none.
    """
    due = func.coalesce(StageRecord.extended_to, StageRecord.due_on)
    steps = db.session.execute(
        select(StageRecord, Case, due.label("due"))
        .join(StageRecord.case)
        .where(
            StageRecord.completed_on.is_(None),
            due <= due_by,
            Case.state != CaseState.CLOSED,
            or_(StageRecord.step.is_(None), StageRecord.step.not_in(COMPLAINANT_WINDOWS)),
        )
        .options(selectinload(StageRecord.handler), *_allocated())
    )
    clocks = [
        OpenClock(key=f"step:{stage.id}", case=case, step=stage.step, due_on=due_date, handler=stage.handler)
        for stage, case, due_date in steps
    ]
    acknowledgements = db.session.scalars(
        select(Case)
        .where(
            Case.acknowledged_on.is_(None),
            Case.acknowledgement_due_on <= due_by,
            # Comments and compliments are acknowledged by the receipt sent when they arrive.
            Case.kind.not_in((FeedbackKind.COMMENT, FeedbackKind.COMPLIMENT)),
            Case.state.not_in((CaseState.CLOSED, CaseState.ON_HOLD)),
        )
        .options(*_allocated())
    )
    clocks += [
        OpenClock(
            key=f"case:{case.id}:acknowledge",
            case=case,
            step=TimescaleStep.ACKNOWLEDGE,
            due_on=case.acknowledgement_due_on,
        )
        for case in acknowledgements
    ]
    untracked_replies = db.session.scalars(
        select(Case)
        .where(
            Case.kind == FeedbackKind.COMMENT,
            Case.response_due_on <= due_by,
            Case.state != CaseState.CLOSED,
            ~exists(select(StageRecord.id).where(StageRecord.case_id == Case.id, StageRecord.completed_on.is_(None))),
        )
        .options(*_allocated())
    )
    clocks += [
        OpenClock(
            key=f"case:{case.id}:comment_response",
            case=case,
            step=TimescaleStep.COMMENT_RESPONSE,
            due_on=case.response_due_on,
        )
        for case in untracked_replies
    ]
    return sorted(clocks, key=lambda clock: (clock.due_on, clock.case.id, clock.key))


def _allocated():
    return (
        selectinload(Case.responding_manager),
        selectinload(Case.assignments).selectinload(CaseAssignment.staff_user),
    )


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
