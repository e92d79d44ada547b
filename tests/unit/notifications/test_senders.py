"""Choosing a sender and building what it sends, without the network."""

import smtplib

import pytest

from portal.config import ConfigurationError, base_config
from portal.data.models import OutboxMessage
from portal.domain.types import MessageChannel
from portal.notifications.senders import (
    DeliveryError,
    NotifySender,
    SmtpSender,
    build_email,
    describe_sender,
    sender_for,
)

API_KEY = "portal_test-2b7c1c1e-8a4f-4a57-9a0e-3f1f2d7b6c10-5d0f6a3e-1c2b-4e8f-9a7d-6b5c4e3f2a10"
NOTIFY = {
    "NOTIFY_API_KEY": API_KEY,
    "NOTIFY_EMAIL_TEMPLATE_ID": "generic-email",
    "NOTIFY_SMS_TEMPLATE_ID": "generic-sms",
}
SMTP = {"SMTP_HOST": "mail.anytown.example", "SMTP_PORT": 2525, "MAIL_FROM": "noreply@anytown.example"}


def message(channel=MessageChannel.EMAIL, template="acknowledgement", **overrides) -> OutboxMessage:
    values = {
        "id": 7,
        "channel": channel,
        "recipient": "parent@example.com" if channel == MessageChannel.EMAIL else "07700900123",
        "template": template,
        "subject": "We have received your complaint",
        "body": "Dear Sam,\n\nYour reference is CF-2027-0001.",
        "personalisation": {"name": "Sam", "reference": "CF-2027-0001"},
    }
    return OutboxMessage(**{**values, **overrides})


def test_notify_comes_first_when_both_are_configured():
    sender = sender_for({**SMTP, **NOTIFY})
    assert isinstance(sender, NotifySender)
    assert sender.base_url == "https://api.notifications.service.gov.uk"
    assert describe_sender(sender) == "GOV.UK Notify"


def test_smtp_when_only_smtp_is_configured():
    sender = sender_for({**SMTP, "NOTIFY_API_KEY": "", "SMTP_STARTTLS": True, "SMTP_TIMEOUT_SECONDS": 3})
    assert sender == SmtpSender(
        host="mail.anytown.example", port=2525, mail_from="noreply@anytown.example", starttls=True, timeout=3
    )
    assert describe_sender(sender) == "SMTP relay mail.anytown.example:2525"


def test_no_sender_when_nothing_is_configured():
    assert sender_for({"NOTIFY_API_KEY": "", "SMTP_HOST": ""}) is None
    assert "stay in the outbox" in describe_sender(None)


def test_the_default_configuration_sends_nothing(monkeypatch, tmp_path):
    for name in ["NOTIFY_API_KEY", "SMTP_HOST", "NOTIFY_TEMPLATE_IDS"]:
        monkeypatch.delenv(name, raising=False)
    config = base_config(tmp_path)
    assert sender_for(config) is None
    assert config["SMTP_PORT"] == 587
    assert config["SMTP_STARTTLS"] is True
    assert config["OUTBOX_MAX_ATTEMPTS"] == 10


def test_template_ids_come_from_a_json_object(monkeypatch, tmp_path):
    monkeypatch.setenv("NOTIFY_TEMPLATE_IDS", '{"acknowledgement": "1234"}')
    assert base_config(tmp_path)["NOTIFY_TEMPLATE_IDS"] == {"acknowledgement": "1234"}


@pytest.mark.parametrize("value", ["not json", '["a list"]', '{"acknowledgement": 5}'])
def test_bad_template_ids_stop_the_portal_starting(monkeypatch, tmp_path, value):
    monkeypatch.setenv("NOTIFY_TEMPLATE_IDS", value)
    with pytest.raises(ConfigurationError, match="NOTIFY_TEMPLATE_IDS"):
        base_config(tmp_path)


def test_smtp_needs_a_from_address():
    with pytest.raises(ConfigurationError, match="MAIL_FROM"):
        sender_for({**SMTP, "MAIL_FROM": ""})


def test_a_malformed_notify_key_is_refused_without_echoing_it():
    with pytest.raises(ConfigurationError, match="NOTIFY_API_KEY") as raised:
        sender_for({"NOTIFY_API_KEY": "not-a-key"})
    assert "not-a-key" not in str(raised.value)


def test_the_notify_key_is_not_in_the_senders_repr():
    assert API_KEY not in repr(sender_for(NOTIFY))


def test_a_mapped_template_uses_the_messages_personalisation():
    sender = sender_for({**NOTIFY, "NOTIFY_TEMPLATE_IDS": {"acknowledgement": "ack-template"}})
    assert sender.template_for(message()) == ("ack-template", {"name": "Sam", "reference": "CF-2027-0001"})


@pytest.mark.parametrize(
    ("channel", "template_id"), [(MessageChannel.EMAIL, "generic-email"), (MessageChannel.SMS, "generic-sms")]
)
def test_other_messages_use_the_generic_template_with_subject_and_body(channel, template_id):
    sender = sender_for(NOTIFY)
    assert sender.template_for(message(channel)) == (
        template_id,
        {"subject": "We have received your complaint", "body": "Dear Sam,\n\nYour reference is CF-2027-0001."},
    )


def test_a_missing_generic_template_is_a_delivery_error_naming_the_setting():
    sender = sender_for({**NOTIFY, "NOTIFY_SMS_TEMPLATE_ID": ""})
    with pytest.raises(DeliveryError, match="NOTIFY_SMS_TEMPLATE_ID"):
        sender.template_for(message(MessageChannel.SMS))


def test_the_email_is_plain_text_from_the_council():
    email = build_email(message(subject="We have\nreceived it"), "Anytown Council <noreply@anytown.example>")
    assert email["From"] == "Anytown Council <noreply@anytown.example>"
    assert email["To"] == "parent@example.com"
    assert email["Subject"] == "We have received it"
    assert email["Message-ID"].endswith("@anytown.example>")
    assert email.get_content_type() == "text/plain"
    assert email.get_content() == "Dear Sam,\n\nYour reference is CF-2027-0001.\n"


def test_smtp_cannot_send_text_messages_and_says_retrying_will_not_help():
    sender = SmtpSender(host="mail.anytown.example", port=25, mail_from="noreply@anytown.example")
    with pytest.raises(DeliveryError, match="GOV.UK Notify") as raised:
        sender.send(message(MessageChannel.SMS))
    assert raised.value.retry is False


class FakeSmtp:
    """Records what SmtpSender asks of smtplib."""

    instances: list["FakeSmtp"] = []
    quit_error: Exception | None = None

    def __init__(self, timeout):
        self.timeout = timeout
        self.calls: list[tuple] = []
        FakeSmtp.instances.append(self)

    def connect(self, host, port):
        self.calls.append(("connect", host, port))

    def starttls(self, context):
        self.calls.append(("starttls",))

    def login(self, username, password):
        self.calls.append(("login", username, password))

    def send_message(self, email):
        self.calls.append(("send_message", email["To"]))

    def quit(self):
        if self.quit_error:
            raise self.quit_error
        self.calls.append(("quit",))

    def close(self):
        self.calls.append(("close",))


@pytest.fixture
def fake_smtp(monkeypatch):
    FakeSmtp.instances = []
    FakeSmtp.quit_error = None
    monkeypatch.setattr(smtplib, "SMTP", FakeSmtp)
    return FakeSmtp


def test_smtp_uses_starttls_and_logs_in_when_configured(fake_smtp):
    sender = SmtpSender(
        host="mail.anytown.example",
        port=587,
        mail_from="noreply@anytown.example",
        username="portal",
        password="hunter2",
        starttls=True,
        timeout=4,
    )
    sender.send(message())
    (smtp,) = fake_smtp.instances
    assert smtp.timeout == 4
    assert smtp.calls == [
        ("connect", "mail.anytown.example", 587),
        ("starttls",),
        ("login", "portal", "hunter2"),
        ("send_message", "parent@example.com"),
        ("quit",),
    ]


def test_smtp_without_starttls_or_login(fake_smtp):
    SmtpSender(host="localhost", port=25, mail_from="noreply@anytown.example", starttls=False).send(message())
    assert [call[0] for call in fake_smtp.instances[0].calls] == ["connect", "send_message", "quit"]


def test_a_failed_goodbye_after_the_relay_accepted_the_message_is_not_a_failure(fake_smtp):
    fake_smtp.quit_error = smtplib.SMTPServerDisconnected("gone")
    SmtpSender(host="localhost", port=25, mail_from="noreply@anytown.example", starttls=False).send(message())
    assert fake_smtp.instances[0].calls[-1] == ("close",)


def test_a_refused_login_is_a_delivery_error_without_the_password(fake_smtp, monkeypatch):
    def refuse(self, username, password):
        raise smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication credentials invalid")

    monkeypatch.setattr(FakeSmtp, "login", refuse)
    sender = SmtpSender(host="localhost", port=587, mail_from="a@b.example", username="portal", password="hunter2")
    with pytest.raises(DeliveryError) as raised:
        sender.send(message())
    assert "SMTPAuthenticationError" in str(raised.value)
    assert "hunter2" not in str(raised.value)
    assert raised.value.retry is True
