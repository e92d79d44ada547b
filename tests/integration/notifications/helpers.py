"""Small helpers for the notification tests."""

from datetime import date, datetime, timedelta

from sqlalchemy import select

from portal.common.clock import utc_now
from portal.data.database import db
from portal.data.models import Case, OutboxMessage
from portal.domain.types import Channel, FeedbackKind
from portal.notifications.outbox import queue_email

BODY = "Dear Sam,\n\nWe have received your complaint. Your reference is CF-2027-0001.\n\nAnytown Council"


def queued_email(**overrides) -> OutboxMessage:
    """Queues and commits one acknowledgement email."""
    values = {
        "recipient": "sam.parent@example.com",
        "template": "acknowledgement",
        "subject": "We have received your complaint",
        "body": BODY,
        "personalisation": {"name": "Sam", "reference": "CF-2027-0001"},
    }
    message = queue_email(**{**values, **overrides})
    db.session.commit()
    return message


def new_case(reference: str = "CF-2027-0001") -> Case:
    case = Case(
        reference=reference,
        kind=FeedbackKind.COMPLAINT,
        channel=Channel.ONLINE,
        received_on=date(2027, 1, 6),
        description="My son's review meeting was cancelled three times.",
    )
    db.session.add(case)
    return case


def fetch(message_id: int) -> OutboxMessage:
    """The message as stored, read afresh."""
    db.session.expire_all()
    return db.session.get(OutboxMessage, message_id)


def all_messages() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def make_due(message_id: int) -> None:
    """Moves a message's next try into the past, as if its back-off had run out."""
    fetch(message_id).next_attempt_at = utc_now() - timedelta(seconds=1)
    db.session.commit()


def later(minutes: float) -> datetime:
    return utc_now() + timedelta(minutes=minutes)
