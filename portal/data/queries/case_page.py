"""Reads and writes behind the case page, assisted entry and the audit trail pages.

Every read of one case goes through `visible_to`, so a member of staff can never load a case they may not see.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.data.database import db
from portal.data.models import Attachment, AuditEvent, Case, CaseNote, StaffUser, Team
from portal.data.queries.case_access import visible_to


def case_for_page(reference: str, viewer: StaffUser) -> Case | None:
    """The case with everything its page shows, if `viewer` may see it."""
    query = (
        select(Case)
        .where(visible_to(viewer), Case.reference == reference)
        .options(
            selectinload(Case.submitter),
            selectinload(Case.team),
            selectinload(Case.responding_manager),
            selectinload(Case.recorded_by),
            selectinload(Case.children),
            selectinload(Case.points),
            selectinload(Case.notes).selectinload(CaseNote.author),
            selectinload(Case.attachments),
            selectinload(Case.named_staff),
            selectinload(Case.assignments),
        )
    )
    return db.session.scalar(query)


def attachment_of(case: Case, attachment_id: int) -> Attachment | None:
    """One of the case's own files; None for a file that belongs to another case or to a draft."""
    return db.session.scalar(select(Attachment).where(Attachment.id == attachment_id, Attachment.case_id == case.id))


def staff_names(user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = db.session.execute(select(StaffUser.id, StaffUser.name).where(StaffUser.id.in_(user_ids)))
    return {user_id: name for user_id, name in rows}


def team_names(team_ids: set[int]) -> dict[int, str]:
    if not team_ids:
        return {}
    return {
        team_id: name for team_id, name in db.session.execute(select(Team.id, Team.name).where(Team.id.in_(team_ids)))
    }


def add_note(case: Case, author: StaffUser, body: str, shared_with_complainant: bool) -> CaseNote:
    """Adds a note or message to the session and gives it an id; the caller audits and commits."""
    note = CaseNote(author=author, body=body, shared_with_complainant=shared_with_complainant)
    case.notes.append(note)
    db.session.flush()
    return note


# The audit trail ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditPage:
    """One page of audit events, each with the reference of its case (None for events about no case)."""

    events: list[tuple[AuditEvent, str | None]]
    total: int


def case_events(case_id: int) -> list[AuditEvent]:
    """Every audit event for the case, oldest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.case_id == case_id)
        .options(selectinload(AuditEvent.actor))
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    )
    return list(db.session.scalars(query))


def case_events_page(case_id: int, limit: int, offset: int) -> AuditPage:
    """A page of the case's audit events, newest first."""
    return _events_page([AuditEvent.case_id == case_id], limit, offset)


def events_page(
    limit: int,
    offset: int,
    actor_id: int | None = None,
    since: datetime | None = None,
    before: datetime | None = None,
) -> AuditPage:
    """A page of audit events across every case, newest first, by one member of staff and in a time range."""
    conditions = []
    if actor_id is not None:
        conditions.append(AuditEvent.actor_id == actor_id)
    if since is not None:
        conditions.append(AuditEvent.occurred_at >= since)
    if before is not None:
        conditions.append(AuditEvent.occurred_at < before)
    return _events_page(conditions, limit, offset)


def _events_page(conditions: list, limit: int, offset: int) -> AuditPage:
    total = db.session.scalar(select(func.count(AuditEvent.id)).where(*conditions)) or 0
    query = (
        # Events keep their case's reference, so they still name the case after it is deleted.
        select(AuditEvent, func.coalesce(AuditEvent.case_reference, Case.reference))
        .outerjoin(Case, Case.id == AuditEvent.case_id)
        .where(*conditions)
        .options(selectinload(AuditEvent.actor))
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return AuditPage(events=[(event, reference) for event, reference in db.session.execute(query)], total=total)


def staff_for_filter() -> list[StaffUser]:
    """Every staff account, active or not, for choosing whose actions to list."""
    return list(db.session.scalars(select(StaffUser).order_by(StaffUser.name, StaffUser.id)))


def staff_user(user_id: int) -> StaffUser | None:
    return db.session.get(StaffUser, user_id)
