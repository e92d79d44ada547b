"""Facts about a case that the reports count with, derived from its other rows and stored on the case so that a
report need not derive them for every case it counts. Kept here, on every flush that adds, changes or removes the rows
they come from, so that no code path that writes those rows can leave them stale. Imported by `portal.data.models`.
"""

from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.data.models import Case, StageRecord
from portal.domain.reporting import stage_1_answer


@event.listens_for(Session, "before_flush")
def _keep_the_stage_1_answer(session: Session, _flush_context, _instances) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    cases: set[Case] = {row.case for row in changed if isinstance(row, StageRecord) and row.case is not None}
    for case in cases - set(session.deleted):
        answer = stage_1_answer(row for row in case.stages if row not in session.deleted)
        case.stage_1_answered_on = answer.answered_on if answer else None
        case.stage_1_clock_started_on = answer.clock_started_on if answer else None
        case.stage_1_due_on = answer.due_on if answer else None
        case.stage_1_extended = answer.extended if answer else None
