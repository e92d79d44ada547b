"""The outbox: messages are stored with the change that causes them, then sent, and retried until they go.

Queue with `queue_email`/`queue_sms` inside the caller's transaction (they never commit), commit, then call
`deliver_now` with the new messages' ids. Whatever could not go at once waits for `flask outbox deliver`.

Each message is claimed before it is sent: an UPDATE that moves `next_attempt_at` past a lease and counts the attempt,
guarded by the same "pending and due" condition, and committed. Two delivery runs at once (several cron hosts, or cron
and a form submission) therefore never send the same message twice, on PostgreSQL and SQLite alike. A run that dies
while sending leaves the message for a later run once the lease has passed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select, update

from portal.data.models import OutboxMessage, utc_now
from portal.domain.types import MessageChannel, OutboxStatus
from portal.extensions import db
from portal.notifications.retry import gives_up, retry_delay
from portal.notifications.senders import ERROR_LENGTH, DeliveryError, Sender, sender_for

logger = logging.getLogger(__name__)

# Longer than any sender's timeout, so a message is never claimed again while a run is still sending it.
CLAIM_LEASE = timedelta(minutes=5)


@dataclass(frozen=True)
class DeliveryReport:
    """What one delivery run did: messages sent, messages that will be retried, and messages given up."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0

    @property
    def attempted(self) -> int:
        return self.sent + self.retrying + self.failed


def queue_email(
    recipient: str,
    template: str,
    subject: str,
    body: str,
    personalisation: dict | None = None,
    case_id: int | None = None,
) -> OutboxMessage:
    """Adds an email to the session without committing: it is stored only if the caller's transaction commits.

    `template` is our key for the kind of message (for example "acknowledgement"); it chooses the GOV.UK Notify
    template when NOTIFY_TEMPLATE_IDS maps it. `subject` and `body` are the rendered text, used by SMTP, by the generic
    Notify template and by people reading the outbox.
    """
    return _queue(MessageChannel.EMAIL, recipient, template, subject, body, personalisation, case_id)


def queue_sms(
    recipient: str,
    template: str,
    body: str,
    personalisation: dict | None = None,
    case_id: int | None = None,
    subject: str = "",
) -> OutboxMessage:
    """Adds a text message to the session without committing. Text messages go only through GOV.UK Notify."""
    return _queue(MessageChannel.SMS, recipient, template, subject, body, personalisation, case_id)


def _queue(
    channel: MessageChannel,
    recipient: str,
    template: str,
    subject: str,
    body: str,
    personalisation: dict | None,
    case_id: int | None,
) -> OutboxMessage:
    recipient = (recipient or "").strip()
    if not recipient:
        raise ValueError("A message needs a recipient")
    message = OutboxMessage(
        channel=channel,
        recipient=recipient,
        template=template,
        subject=subject,
        body=body,
        personalisation=dict(personalisation or {}),
        case_id=case_id,
        status=OutboxStatus.PENDING,
        attempts=0,
        next_attempt_at=utc_now(),
    )
    db.session.add(message)
    return message


def deliver_pending(
    sender: Sender | None,
    now: datetime,
    batch_size: int = 50,
    max_attempts: int | None = None,
    message_ids: Iterable[int] | None = None,
) -> DeliveryReport:
    """Sends up to `batch_size` pending messages that are due at `now`, oldest due first, committing after each.

    A message that fails waits `retry_delay(attempts)` before its next try; after `max_attempts` tries (default:
    the OUTBOX_MAX_ATTEMPTS setting) it is marked failed and left for staff. With no sender nothing is tried and
    no attempt is counted. `message_ids` restricts the run to those messages. Commits the session: call it with no
    uncommitted work of your own.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    if sender is None:
        return DeliveryReport()
    if max_attempts is None:
        max_attempts = current_app.config["OUTBOX_MAX_ATTEMPTS"]
    ids = None if message_ids is None else list(message_ids)
    sent = retrying = failed = 0
    for _ in range(batch_size):
        message = _claim_next(now, ids)
        if message is None:
            break
        outcome = _attempt(sender, message, now, max_attempts)
        sent += outcome == OutboxStatus.SENT
        failed += outcome == OutboxStatus.FAILED
        retrying += outcome == OutboxStatus.PENDING
    return DeliveryReport(sent=sent, retrying=retrying, failed=failed)


def deliver_now(message_ids: Iterable[int | None]) -> DeliveryReport:
    """Tries to send just-committed messages straight away, with the configured sender. Never raises.

    For the request that queued them: a message that cannot go now stays pending for `flask outbox deliver`.
    Call it after committing.
    """
    ids = [message_id for message_id in message_ids if message_id is not None]
    if not ids:
        return DeliveryReport()
    try:
        sender = sender_for(current_app.config)
        return deliver_pending(sender, utc_now(), batch_size=len(ids), message_ids=ids)
    except Exception:
        logger.exception("Could not deliver outbox messages %s at once: the delivery job will retry them", ids)
        db.session.rollback()
        return DeliveryReport()


def _claim_next(now: datetime, ids: list[int] | None) -> OutboxMessage | None:
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
            .values(next_attempt_at=now + CLAIM_LEASE, attempts=OutboxMessage.attempts + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        if claimed:
            return db.session.get(OutboxMessage, candidate, populate_existing=True)
        # Another run claimed it between our select and update; it is no longer due, so the next select moves on.


def _attempt(sender: Sender, message: OutboxMessage, now: datetime, max_attempts: int) -> OutboxStatus:
    try:
        sender.send(message)
    except Exception as error:
        retry = error.retry if isinstance(error, DeliveryError) else True
        if not isinstance(error, DeliveryError):
            logger.exception("Sender %s failed unexpectedly on outbox message %s", type(sender).__name__, message.id)
        message.last_error = _short_error(error)
        if not retry or gives_up(message.attempts, max_attempts):
            message.status = OutboxStatus.FAILED
            message.next_attempt_at = now
            logger.warning("Gave up outbox message %s after %s attempts: %s", message.id, message.attempts, error)
        else:
            message.next_attempt_at = now + retry_delay(message.attempts)
            logger.info("Outbox message %s will be retried: %s", message.id, error)
    else:
        message.status = OutboxStatus.SENT
        message.sent_at = utc_now()
    status = message.status
    db.session.commit()
    return status


def _short_error(error: Exception) -> str:
    text = str(error) if isinstance(error, DeliveryError) else f"{type(error).__name__}: {error}"
    return text[:ERROR_LENGTH]


def requeue(message_id: int, now: datetime) -> bool:
    """Gives a failed message a fresh set of attempts from `now`. Returns False if there is no such failed message.

    For when whatever stopped it has been put right, such as a wrong address or setting. Commits.
    """
    requeued = db.session.execute(
        update(OutboxMessage)
        .where((OutboxMessage.id == message_id) & (OutboxMessage.status == OutboxStatus.FAILED))
        .values(status=OutboxStatus.PENDING, attempts=0, next_attempt_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
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


def count_by_status() -> dict[OutboxStatus, int]:
    """How many messages have each status."""
    rows = db.session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status))
    counts = dict.fromkeys(OutboxStatus, 0)
    counts.update({status: count for status, count in rows})
    return counts
