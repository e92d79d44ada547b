"""The GOV.UK Notify sender, through the official client, against a local stand-in for Notify's API."""

import pytest
from flask import current_app

from portal.data.database import db
from portal.domain.types import OutboxStatus
from portal.notifications.outbox import deliver_now, deliver_pending, queue_sms
from portal.notifications.senders import DeliveryError, NotifySender, sender_for
from tests.fixtures.config import overridden_config
from tests.fixtures.notify_stand_in import EMAIL_TEMPLATE_ID, SERVICE_ID, SMS_TEMPLATE_ID
from tests.integration.notifications.helpers import BODY, fetch, later, queued_email


def test_an_email_goes_through_the_generic_template_with_subject_and_body(app_context, app_sends_by_notify):
    message = queued_email()
    assert deliver_now([message.id]).sent == 1
    (request,) = app_sends_by_notify.accepted
    assert request.path == "/v2/notifications/email"
    assert request.json == {
        "email_address": "sam.parent@example.com",
        "template_id": EMAIL_TEMPLATE_ID,
        "personalisation": {"subject": "We have received your complaint", "body": BODY},
        "reference": f"outbox-{message.id}",
    }
    assert fetch(message.id).status == OutboxStatus.SENT


def test_a_text_message_goes_through_the_sms_template(app_context, app_sends_by_notify):
    message = queue_sms("07700 900123", "acknowledgement", "We have received your complaint. Ref CF-2027-0001.")
    db.session.commit()
    assert deliver_now([message.id]).sent == 1
    (request,) = app_sends_by_notify.accepted
    assert request.path == "/v2/notifications/sms"
    assert request.json["phone_number"] == "07700 900123"
    assert request.json["template_id"] == SMS_TEMPLATE_ID
    assert request.json["personalisation"]["body"] == "We have received your complaint. Ref CF-2027-0001."
    assert fetch(message.id).status == OutboxStatus.SENT


def test_a_mapped_template_gets_the_messages_own_personalisation(app, app_context, app_sends_by_notify):
    message = queued_email()
    with overridden_config(app, NOTIFY_TEMPLATE_IDS={"acknowledgement": "0d5c6a43-ack-template"}):
        assert deliver_now([message.id]).sent == 1
    (request,) = app_sends_by_notify.accepted
    assert request.json["template_id"] == "0d5c6a43-ack-template"
    assert request.json["personalisation"] == {"name": "Sam", "reference": "CF-2027-0001"}


def test_notify_is_preferred_to_smtp(app, app_context, app_sends_by_smtp, notify_stand_in):
    with overridden_config(app, **notify_stand_in.settings()):
        message = queued_email()
        deliver_now([message.id])
    assert len(notify_stand_in.accepted) == 1
    assert app_sends_by_smtp.messages == []


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (500, "GOV.UK Notify answered 500: Exception: Internal server error"),
        (400, "GOV.UK Notify answered 400: BadRequestError: Internal server error"),
        (429, "GOV.UK Notify answered 429"),
    ],
)
def test_an_error_from_notify_is_recorded_and_the_message_retried(app_context, app_sends_by_notify, status, words):
    app_sends_by_notify.fail_next(status)
    message = queued_email()

    assert deliver_now([message.id]).retrying == 1
    stored = fetch(message.id)
    assert (stored.status, stored.attempts) == (OutboxStatus.PENDING, 1)
    assert words in stored.last_error

    assert deliver_pending(sender_for(current_app.config), later(2)).sent == 1
    assert len(app_sends_by_notify.accepted) == 1
    assert [request.status for request in app_sends_by_notify.requests] == [status, 201]
    assert fetch(message.id).status == OutboxStatus.SENT


def test_the_sender_raises_delivery_error(app, app_context, app_sends_by_notify):
    app_sends_by_notify.fail_next(503, "Service unavailable")
    message = queued_email()
    with pytest.raises(DeliveryError, match="503"):
        sender_for(app.config).send(message)


def test_a_key_with_the_wrong_secret_is_refused(app_context, notify_stand_in):
    wrong_key = f"portal_test-{SERVICE_ID}-00000000-0000-0000-0000-000000000000"
    sender = NotifySender(api_key=wrong_key, base_url=notify_stand_in.base_url, email_template_id=EMAIL_TEMPLATE_ID)
    message = queued_email()
    report = deliver_pending(sender, later(0))
    assert report.retrying == 1
    assert "403: AuthError: Invalid token" in fetch(message.id).last_error
    assert notify_stand_in.accepted == []
    assert wrong_key not in fetch(message.id).last_error


def test_notify_out_of_reach_is_retried(app, app_context, app_sends_by_notify):
    message = queued_email()
    app_sends_by_notify.stop()
    assert deliver_now([message.id]).retrying == 1
    assert fetch(message.id).last_error == "Could not reach GOV.UK Notify: ConnectionError"
