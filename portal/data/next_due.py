"""Each case's next deadline, stored on the case (`Case.next_due_on`) so that the case list can find what is due soon,
and sort by it, from an index rather than working it out for every case on every page.

The database works it out from the case and its open stage records after every flush that writes either, so every
writer (moving a case, extending a step, putting it on hold, importing, the demo data) keeps it right without having
to remember to. Rows written with Core inserts, which skip the session's flush, call `refresh_next_due_on` themselves.
"""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, Connection, and_, case, event, func, null, select, update
from sqlalchemy.orm import Session

from portal.data.models import Case, StageRecord
from portal.domain.types import CaseState

REFRESHED = "next_due_refreshed"


def next_due_on() -> ColumnElement[date | None]:
    """A case's next deadline: the acknowledgement's while it is not acknowledged, then its open stage's (the
    extended date when there is one), or else the reply its receipt promised (a comment not screened yet). Closed
    cases have none; comments and compliments have no acknowledgement deadline, so they are never overdue for one."""
    open_stage_due = (
        select(func.coalesce(StageRecord.extended_to, StageRecord.due_on))
        .where(StageRecord.case_id == Case.id, StageRecord.completed_on.is_(None))
        .order_by(StageRecord.started_on.desc(), StageRecord.id.desc())
        .limit(1)
        .correlate(Case)
        .scalar_subquery()
    )
    return case(
        (Case.state == CaseState.CLOSED, null()),
        # On hold (regulation 8): the review date, held in the hold's own stage record; nothing else is due.
        (Case.state == CaseState.ON_HOLD, open_stage_due),
        (and_(Case.acknowledged_on.is_(None), Case.acknowledgement_due_on.is_not(None)), Case.acknowledgement_due_on),
        else_=func.coalesce(open_stage_due, Case.response_due_on),
    )


def refresh_next_due_on(connection: Connection, case_ids: Iterable[int] | None = None) -> None:
    """Works out again the stored next deadline of the cases `case_ids` (every case when None)."""
    statement = update(Case.__table__).values(
        next_due_on=next_due_on(),
        # Not a change anyone made to the case.
        updated_at=Case.__table__.c.updated_at,
    )
    if case_ids is not None:
        statement = statement.where(Case.__table__.c.id.in_(sorted(case_ids)))
    connection.execute(statement)


@event.listens_for(Session, "after_flush")
def _refresh_written_cases(session: Session, _flush_context) -> None:
    case_ids = {
        written.id if isinstance(written, Case) else written.case_id
        for written in (*session.new, *session.dirty, *session.deleted)
        if isinstance(written, Case | StageRecord)
    }
    case_ids.discard(None)
    if case_ids:
        refresh_next_due_on(session.connection(), case_ids)
        session.info.setdefault(REFRESHED, set()).update(case_ids)


@event.listens_for(Session, "after_flush_postexec")
def _reload_refreshed_dates(session: Session, _flush_context) -> None:
    """The cases loaded in this session read their new date from the database the next time it is asked for."""
    for case_id in session.info.pop(REFRESHED, ()):
        loaded = session.identity_map.get(session.identity_key(Case, case_id))
        if loaded is not None:
            session.expire(loaded, ["next_due_on"])
