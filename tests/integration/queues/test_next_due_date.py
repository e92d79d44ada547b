"""Each case's next deadline is stored on the case for the case list, and stays right whatever writes the case or its
timed steps: a step starting, being extended, completing, a hold and its end, a step taken away, the case closing."""

from datetime import date

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Case, StageRecord
from portal.domain.types import CaseState, FeedbackKind, Procedure


def stored(case: Case) -> date | None:
    """The date as the database holds it, and as the case already loaded reads it: they must agree."""
    from_database = db.session.scalar(select(Case.next_due_on).where(Case.id == case.id))
    assert case.next_due_on == from_database
    return from_database


def test_the_stored_date_follows_every_write_to_the_case_and_its_steps(case_factory):
    case = case_factory(procedure=Procedure.STATUTORY, state=CaseState.STAGE_1, acknowledgement_due_on=date(2027, 1, 7))
    assert stored(case) == date(2027, 1, 7)

    stage_1 = StageRecord(state=CaseState.STAGE_1, started_on=date(2027, 1, 4), due_on=date(2027, 2, 1))
    case.stages.append(stage_1)
    db.session.commit()
    assert stored(case) == date(2027, 1, 7), "the acknowledgement comes first while it is not sent"

    case.acknowledged_on = date(2027, 1, 6)
    db.session.commit()
    assert stored(case) == date(2027, 2, 1)

    stage_1.extended_to = date(2027, 2, 15)
    db.session.commit()
    assert stored(case) == date(2027, 2, 15)

    stage_1.completed_on = date(2027, 2, 10)
    case.state = CaseState.ON_HOLD
    hold = StageRecord(state=CaseState.ON_HOLD, started_on=date(2027, 2, 10), due_on=date(2027, 3, 10))
    case.stages.append(hold)
    db.session.commit()
    assert stored(case) == date(2027, 3, 10), "on hold, the review date"

    hold.due_on = date(2027, 4, 7)
    db.session.commit()
    assert stored(case) == date(2027, 4, 7)

    hold.completed_on = date(2027, 3, 1)
    case.state = CaseState.STAGE_1
    restarted = StageRecord(state=CaseState.STAGE_1, started_on=date(2027, 3, 1), due_on=date(2027, 3, 29))
    case.stages.append(restarted)
    db.session.commit()
    assert stored(case) == date(2027, 3, 29), "the hold ended: the restarted clock"

    db.session.delete(restarted)
    db.session.commit()
    assert stored(case) is None

    case.state = CaseState.CLOSED
    case.stages.append(StageRecord(state=CaseState.STAGE_2, started_on=date(2027, 3, 2), due_on=date(2027, 5, 3)))
    db.session.commit()
    assert stored(case) is None, "a closed case has no deadline"


def test_a_step_written_on_its_own_updates_its_case_already_loaded_before_any_commit(case_factory):
    case = case_factory(procedure=Procedure.CORPORATE, state=CaseState.STAGE_1, acknowledged_on=date(2027, 1, 5))
    db.session.add(StageRecord(case_id=case.id, state=CaseState.STAGE_1, started_on=date(2027, 1, 5)))
    db.session.flush()
    assert stored(case) is None, "a corporate Stage 1 waits for its clock"

    step = db.session.scalars(select(StageRecord).where(StageRecord.case_id == case.id).order_by(StageRecord.id)).one()
    step.due_on = date(2027, 2, 2)
    db.session.flush()
    assert stored(case) == date(2027, 2, 2)


def test_a_comment_not_screened_yet_is_due_by_the_reply_its_receipt_promised(case_factory):
    case = case_factory(kind=FeedbackKind.COMMENT, response_due_on=date(2027, 2, 1))
    assert stored(case) == date(2027, 2, 1)
