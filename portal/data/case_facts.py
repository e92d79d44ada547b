"""Facts about a case that the reports count with, derived from its other rows and stored on the case so that a
report need not derive them for every case it counts: its Stage 1 response (from its stage records) and who complained
(from its submitter). Kept here, on every flush that adds, changes or removes the rows they come from, so that no code
path that writes those rows through the ORM can leave them stale. Imported by `portal.data.models`.
"""

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from portal.data.models import Case, Person, StageRecord
from portal.domain.reporting import complainant_key, stage_1_answer


@event.listens_for(Session, "before_flush")
def _keep_case_facts(session: Session, _flush_context, _instances) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    gone = set(session.deleted)
    answered = {row.case for row in changed if isinstance(row, StageRecord) and row.case is not None}
    for case in answered - gone:
        _keep_stage_1_answer(case, gone)
    submitted = {
        case
        for case in (*session.new, *session.dirty)
        if isinstance(case, Case) and (case in session.new or inspect(case).attrs.submitter.history.has_changes())
    }
    people = [person for person in session.dirty if isinstance(person, Person) and person.id is not None]
    if people:
        submitted.update(session.scalars(select(Case).where(Case.submitter_id.in_([person.id for person in people]))))
    for case in submitted - gone:
        _keep_submitter(case)


def _keep_stage_1_answer(case: Case, gone: set) -> None:
    answer = stage_1_answer(row for row in case.stages if row not in gone)
    case.stage_1_answered_on = answer.answered_on if answer else None
    case.stage_1_clock_started_on = answer.clock_started_on if answer else None
    case.stage_1_due_on = answer.due_on if answer else None
    case.stage_1_extended = answer.extended if answer else None


def _keep_submitter(case: Case) -> None:
    person = case.submitter
    case.submitter_role = person.role if person else None
    case.submitter_key = complainant_key(person.email, person.phone, person.name) if person else None
