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
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app

from portal.common.clock import utc_now
from portal.data import transaction
from portal.data.models import OutboxMessage
from portal.data.queries import outbox as queries
from portal.domain.types import MessageChannel, OutboxStatus
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
    return queries.add(message)


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
        message = queries.claim_next(now, CLAIM_LEASE, ids)
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
        transaction.rollback()
        return DeliveryReport()


# One background sender per process: a request that must not wait for the sender hands its messages here.
_background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox")


def deliver_soon(message_ids: Iterable[int | None]) -> Future:
    """Sends just-committed messages in the background, so the request that queued them answers without waiting for
    the sender: its answer then takes the same time whether or not a message went (a tracking look-up must not tell
    whether a case exists). Call it either way; with no messages it does nothing, in the background too. Whatever
    cannot go waits for `flask outbox deliver`, as with `deliver_now`."""
    app = current_app._get_current_object()
    ids = list(message_ids)

    def deliver() -> DeliveryReport:
        with app.app_context():
            return deliver_now(ids)

    return _background.submit(deliver)


def wait_for_background(timeout: float = 10) -> None:
    """Waits until the messages handed to `deliver_soon` so far have been tried (for tests and orderly shutdown)."""
    _background.submit(lambda: None).result(timeout=timeout)


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
    transaction.commit()
    return status


def _short_error(error: Exception) -> str:
    text = str(error) if isinstance(error, DeliveryError) else f"{type(error).__name__}: {error}"
    return text[:ERROR_LENGTH]


def requeue(message_id: int, now: datetime) -> bool:
    """Gives a failed message a fresh set of attempts from `now`. Returns False if there is no such failed message.

    For when whatever stopped it has been put right, such as a wrong address or setting. Commits.
    """
    requeued = queries.requeue_failed(message_id, now)
    transaction.commit()
    return requeued
