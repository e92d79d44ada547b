"""The ways a message leaves the portal, behind one interface: GOV.UK Notify, or SMTP, or neither.

`sender_for(config)` chooses GOV.UK Notify when `NOTIFY_API_KEY` is set, otherwise SMTP when `SMTP_HOST` is set,
otherwise nothing: messages then stay in the outbox, listed by `flask outbox list`.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import Any, Protocol

from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from portal.config import ConfigurationError
from portal.data.models import OutboxMessage
from portal.domain.types import MessageChannel

# GOV.UK Notify API keys end "-{service id}-{secret}", two UUIDs of 36 characters each.
NOTIFY_KEY_MIN_LENGTH = 36 + 1 + 36
ERROR_LENGTH = 500
NOTIFY_DEFAULT_BASE_URL = "https://api.notifications.service.gov.uk"


class DeliveryError(Exception):
    """A message could not be sent. `retry` is False when trying again cannot help, so the outbox gives up at once."""

    def __init__(self, message: str, *, retry: bool = True):
        super().__init__(message[:ERROR_LENGTH])
        self.retry = retry


class Sender(Protocol):
    """Sends one outbox message, or raises `DeliveryError`. Implementations must not write to the database."""

    def send(self, message: OutboxMessage) -> None: ...


@dataclass(frozen=True)
class SmtpSender:
    """Sends email through an SMTP relay, with STARTTLS and login when configured. It cannot send text messages."""

    host: str
    port: int
    mail_from: str
    username: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = True
    timeout: float = 5

    def send(self, message: OutboxMessage) -> None:
        """Hands the message to the relay; returns once the relay has accepted it."""
        if message.channel != MessageChannel.EMAIL:
            raise DeliveryError("Text messages need GOV.UK Notify: SMTP sends only email", retry=False)
        email = build_email(message, self.mail_from)
        smtp = smtplib.SMTP(timeout=self.timeout)
        try:
            smtp.connect(self.host, self.port)
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password)
            smtp.send_message(email)
        except OSError as error:  # smtplib.SMTPException, timeouts, refused connections and TLS errors
            smtp.close()
            raise DeliveryError(f"{type(error).__name__}: {error}") from error
        # The relay has the message now: a failed goodbye must not count as a failed delivery, or it would go twice.
        try:
            smtp.quit()
        except OSError:
            smtp.close()


def build_email(message: OutboxMessage, mail_from: str) -> EmailMessage:
    """The plain-text email for an outbox message."""
    email = EmailMessage()
    email["From"] = mail_from
    email["To"] = message.recipient
    email["Subject"] = " ".join(message.subject.split())
    email["Date"] = formatdate(usegmt=True)
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "localhost"
    email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}", domain=domain)
    email.set_content(message.body)
    return email


@dataclass(frozen=True)
class NotifySender:
    """Sends email and text messages through GOV.UK Notify.

    A message whose template key is in `template_ids` uses that Notify template with the message's personalisation.
    Any other message uses the generic template for its channel, whose content is ((subject)) and ((body)).
    """

    api_key: str = field(repr=False)
    base_url: str = NOTIFY_DEFAULT_BASE_URL
    email_template_id: str = ""
    sms_template_id: str = ""
    template_ids: Mapping[str, str] = field(default_factory=dict)
    timeout: float = 10

    def __post_init__(self) -> None:
        if len(self.api_key) < NOTIFY_KEY_MIN_LENGTH:
            raise ConfigurationError("NOTIFY_API_KEY does not look like a GOV.UK Notify API key")

    def send(self, message: OutboxMessage) -> None:
        """Asks Notify to send the message; returns once Notify has accepted it."""
        template_id, personalisation = self.template_for(message)
        client = NotificationsAPIClient(self.api_key, base_url=self.base_url, timeout=self.timeout)
        reference = f"outbox-{message.id}"
        try:
            if message.channel == MessageChannel.EMAIL:
                client.send_email_notification(
                    email_address=message.recipient,
                    template_id=template_id,
                    personalisation=personalisation,
                    reference=reference,
                )
            else:
                client.send_sms_notification(
                    phone_number=message.recipient,
                    template_id=template_id,
                    personalisation=personalisation,
                    reference=reference,
                )
        except APIError as error:
            raise DeliveryError(describe_notify_error(error)) from error
        finally:
            client.request_session.close()

    def template_for(self, message: OutboxMessage) -> tuple[str, dict[str, Any]]:
        """The Notify template id and personalisation for a message."""
        if message.template in self.template_ids:
            return self.template_ids[message.template], dict(message.personalisation or {})
        is_email = message.channel == MessageChannel.EMAIL
        generic = self.email_template_id if is_email else self.sms_template_id
        if not generic:
            setting = "NOTIFY_EMAIL_TEMPLATE_ID" if is_email else "NOTIFY_SMS_TEMPLATE_ID"
            raise DeliveryError(
                f"No GOV.UK Notify template for {message.template!r}: set {setting} or NOTIFY_TEMPLATE_IDS"
            )
        return generic, {"subject": message.subject, "body": message.body}


def describe_notify_error(error: APIError) -> str:
    """A short account of a failed Notify request, without the API key or the token."""
    if error.response is None:
        cause = error.__cause__
        return f"Could not reach GOV.UK Notify: {type(cause).__name__ if cause else 'request failed'}"
    details = error.message
    if isinstance(details, list):
        details = "; ".join(f"{item.get('error')}: {item.get('message')}" for item in details if isinstance(item, dict))
    return f"GOV.UK Notify answered {error.status_code}: {details}"


def sender_for(config: Mapping[str, Any]) -> Sender | None:
    """The configured sender: GOV.UK Notify, else SMTP, else None (messages stay in the outbox).

    Raises `ConfigurationError` when a sender is chosen but its settings are incomplete.
    """
    if config.get("NOTIFY_API_KEY"):
        return NotifySender(
            api_key=config["NOTIFY_API_KEY"],
            base_url=config.get("NOTIFY_BASE_URL") or NOTIFY_DEFAULT_BASE_URL,
            email_template_id=config.get("NOTIFY_EMAIL_TEMPLATE_ID") or "",
            sms_template_id=config.get("NOTIFY_SMS_TEMPLATE_ID") or "",
            template_ids=dict(config.get("NOTIFY_TEMPLATE_IDS") or {}),
            timeout=config.get("NOTIFY_TIMEOUT_SECONDS") or 10,
        )
    if config.get("SMTP_HOST"):
        if not config.get("MAIL_FROM"):
            raise ConfigurationError("MAIL_FROM must be set when SMTP_HOST is, for example noreply@council.example")
        return SmtpSender(
            host=config["SMTP_HOST"],
            port=int(config.get("SMTP_PORT") or 587),
            mail_from=config["MAIL_FROM"],
            username=config.get("SMTP_USERNAME") or "",
            password=config.get("SMTP_PASSWORD") or "",
            starttls=bool(config.get("SMTP_STARTTLS")),
            timeout=config.get("SMTP_TIMEOUT_SECONDS") or 5,
        )
    return None


def describe_sender(sender: Sender | None) -> str:
    """How messages leave the portal, in words for operators."""
    if sender is None:
        return "No sender is configured (set NOTIFY_API_KEY or SMTP_HOST): messages stay in the outbox"
    if isinstance(sender, NotifySender):
        return "GOV.UK Notify"
    if isinstance(sender, SmtpSender):
        return f"SMTP relay {sender.host}:{sender.port}"
    return type(sender).__name__
