"""The outbox table: adding messages, claiming the next one due, and the lists staff see."""

from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from portal.data.database import db
from portal.data.models import Case, OutboxMessage
from portal.domain.types import OutboxStatus


def add(message: OutboxMessage) -> OutboxMessage:
    """Adds the message to the session; it is stored only if the caller's transaction commits."""
    db.session.add(message)
    return message


def claim_next(now: datetime, lease: timedelta, ids: list[int] | None) -> OutboxMessage | None:
    """The pending message due longest, claimed for this run and committed, or None when nothing is due.

    Claiming is an UPDATE that moves `next_attempt_at` past the lease and counts the attempt, guarded by the same
    "pending and due" condition, so two runs at once never claim the same message."""
    due = (OutboxMessage.status == OutboxStatus.PENDING) & (OutboxMessage.next_attempt_at <= now)
    if ids is not None:
        due = due & OutboxMessage.id.in_(ids)
    while True:
        # SKIP LOCKED lets concurrent runs on PostgreSQL pass over each other's rows; SQLite ignores it.
        candidate = db.session.scalar(
            select(OutboxMessage.id)
            .where(due)
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if candidate is None:
            db.session.commit()
            return None
        claimed = db.session.execute(
            update(OutboxMessage)
            .where(due & (OutboxMessage.id == candidate))
            .values(next_attempt_at=now + lease, attempts=OutboxMessage.attempts + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        if claimed:
            return db.session.get(OutboxMessage, candidate, populate_existing=True)
        # Another run claimed it between our select and update; it is no longer due, so the next select moves on.


def requeue_failed(message_id: int, now: datetime) -> bool:
    """Gives a failed message a fresh set of attempts from `now`, without committing. False if there is no such
    failed message."""
    requeued = db.session.execute(
        update(OutboxMessage)
        .where((OutboxMessage.id == message_id) & (OutboxMessage.status == OutboxStatus.FAILED))
        .values(status=OutboxStatus.PENDING, attempts=0, next_attempt_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    return bool(requeued)


def has_message_for_case(case_id: int, template: str) -> bool:
    """Whether a message of this kind was ever queued for the case, whatever became of it."""
    query = select(OutboxMessage.id).where(OutboxMessage.case_id == case_id, OutboxMessage.template == template)
    return db.session.scalar(query.limit(1)) is not None


def list_messages(status: OutboxStatus | None = None, limit: int = 50) -> list[OutboxMessage]:
    """The most recent messages, newest first, optionally only those with one status."""
    query = select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()).limit(limit)
    if status is not None:
        query = query.where(OutboxMessage.status == status)
    return list(db.session.scalars(query))


def not_yet_sent(limit: int = 100) -> list[tuple[OutboxMessage, str | None]]:
    """Messages that failed, or are waiting to be tried again after a failed attempt, newest first, each with the
    reference of its case (None for messages about no case)."""
    failing = (OutboxMessage.status == OutboxStatus.FAILED) | (
        (OutboxMessage.status == OutboxStatus.PENDING) & OutboxMessage.last_error.is_not(None)
    )
    query = (
        select(OutboxMessage, Case.reference)
        .outerjoin(Case, Case.id == OutboxMessage.case_id)
        .where(failing)
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
        .limit(limit)
    )
    return [(message, reference) for message, reference in db.session.execute(query)]


def count_by_status() -> dict[OutboxStatus, int]:
    """How many messages have each status."""
    rows = db.session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status))
    counts = dict.fromkeys(OutboxStatus, 0)
    counts.update({status: count for status, count in rows})
    return counts
