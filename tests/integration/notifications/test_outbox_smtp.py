"""The outbox delivering through a real SMTP server on a loopback port, including while it is down."""

import threading
import time
from datetime import timedelta

import pytest
from flask import current_app

from portal.data.database import db
from portal.data.models import Case
from portal.domain.types import OutboxStatus
from portal.notifications.outbox import deliver_now, deliver_pending, queue_email, queue_sms
from portal.notifications.senders import DeliveryError, sender_for
from tests.fixtures.config import overridden_config
from tests.integration.notifications.helpers import (
    BODY,
    all_messages,
    fetch,
    later,
    make_due,
    new_case,
    queued_email,
)


def test_queueing_does_not_commit(app_context):
    queue_email("sam.parent@example.com", "acknowledgement", "Subject", "Body")
    db.session.rollback()
    assert all_messages() == []


def test_a_queued_email_is_sent_once_with_its_subject_and_body(app_context, app_sends_by_smtp):
    message = queued_email()
    report = deliver_now([message.id])
    assert (report.sent, report.retrying, report.failed) == (1, 0, 0)
    (email,) = app_sends_by_smtp.messages
    assert email["Subject"] == "We have received your complaint"
    assert email["To"] == "sam.parent@example.com"
    assert email["From"] == "Anytown Council <noreply@anytown.example>"
    assert email.get_content() == BODY + "\n"
    assert app_sends_by_smtp.envelopes[0].rcpt_tos == ["sam.parent@example.com"]
    stored = fetch(message.id)
    assert stored.status == OutboxStatus.SENT
    assert stored.sent_at is not None
    assert stored.attempts == 1
    assert deliver_pending(sender_for(current_app.config), later(120)).attempted == 0
    assert len(app_sends_by_smtp.messages) == 1


def test_the_case_is_kept_when_smtp_is_down_and_cron_delivers_it_exactly_once_later(
    app_context, app_sends_by_smtp, cli_runner
):
    case = new_case()
    db.session.flush()
    message = queue_email(
        "sam.parent@example.com", "acknowledgement", "We have received your complaint", BODY, case_id=case.id
    )
    db.session.commit()
    app_sends_by_smtp.stop()

    report = deliver_now([message.id])

    assert (report.sent, report.retrying) == (0, 1)
    assert db.session.query(Case).filter_by(reference="CF-2027-0001").one()
    stored = fetch(message.id)
    assert stored.status == OutboxStatus.PENDING
    assert stored.attempts == 1
    assert "ConnectionRefusedError" in stored.last_error
    assert stored.case_id == case.id

    app_sends_by_smtp.start()
    result = cli_runner.invoke(args=["outbox", "deliver"])
    assert result.output == "Sent 0, will retry 0, stopped retrying 0\n", "the back-off has not run out yet"
    make_due(message.id)
    result = cli_runner.invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output
    assert result.output == "Sent 1, will retry 0, stopped retrying 0\n"
    assert len(app_sends_by_smtp.messages) == 1

    again = cli_runner.invoke(args=["outbox", "deliver"])
    assert again.output == "Sent 0, will retry 0, stopped retrying 0\n"
    assert len(app_sends_by_smtp.messages) == 1
    stored = fetch(message.id)
    assert (stored.status, stored.attempts) == (OutboxStatus.SENT, 2)


def test_retries_back_off_then_stop_at_the_limit_and_stay_visible(app, app_context, app_sends_by_smtp, cli_runner):
    message = queued_email()
    app_sends_by_smtp.stop()
    sender = sender_for(app.config)
    start = later(0)
    with overridden_config(app, OUTBOX_MAX_ATTEMPTS=3):
        first = deliver_pending(sender, start)
        assert fetch(message.id).next_attempt_at == start + timedelta(minutes=1)
        assert deliver_pending(sender, start + timedelta(seconds=59)).attempted == 0, "not due yet"
        second = deliver_pending(sender, start + timedelta(minutes=1))
        assert fetch(message.id).next_attempt_at == start + timedelta(minutes=3)
        third = deliver_pending(sender, start + timedelta(minutes=3))
        app_sends_by_smtp.start()
        after = deliver_pending(sender, start + timedelta(days=1))

    assert [(r.retrying, r.failed) for r in (first, second, third)] == [(1, 0), (1, 0), (0, 1)]
    assert after.attempted == 0
    assert app_sends_by_smtp.messages == []
    stored = fetch(message.id)
    assert (stored.status, stored.attempts) == (OutboxStatus.FAILED, 3)
    listed = cli_runner.invoke(args=["outbox", "list", "--status", "failed"])
    assert f"#{message.id} " in listed.output
    assert "failed, 3 attempts" in listed.output
    assert "Last error: ConnectionRefusedError" in listed.output


def test_max_attempts_can_be_passed_in(app, app_context, smtp_sink):
    message = queued_email()
    smtp_sink.stop()
    with overridden_config(app, **smtp_sink.settings()):
        report = deliver_pending(sender_for(app.config), later(0), max_attempts=1)
    assert report.failed == 1
    assert fetch(message.id).status == OutboxStatus.FAILED


def test_oldest_due_first_and_no_more_than_the_batch(app_context, app_sends_by_smtp):
    messages = [queued_email(subject=f"Message {number}") for number in range(3)]
    report = deliver_pending(sender_for(current_app.config), later(0), batch_size=2)
    assert report.sent == 2
    assert [email["Subject"] for email in app_sends_by_smtp.messages] == ["Message 0", "Message 1"]
    assert fetch(messages[2].id).status == OutboxStatus.PENDING


def test_deliver_now_sends_only_the_messages_it_is_given(app_context, app_sends_by_smtp):
    first = queued_email(subject="First")
    second = queued_email(subject="Second")
    assert deliver_now([second.id, None]).sent == 1
    assert [email["Subject"] for email in app_sends_by_smtp.messages] == ["Second"]
    assert fetch(first.id).status == OutboxStatus.PENDING
    assert deliver_now([]).attempted == 0


def test_deliver_now_never_raises_even_when_misconfigured(app, app_context, app_sends_by_smtp, caplog):
    message = queued_email()
    with overridden_config(app, MAIL_FROM=""):
        report = deliver_now([message.id])
    assert report.attempted == 0
    assert "MAIL_FROM" in caplog.text
    stored = fetch(message.id)
    assert (stored.status, stored.attempts) == (OutboxStatus.PENDING, 0)


def test_without_a_sender_nothing_is_tried_or_counted(app, app_context, cli_runner):
    message = queued_email()
    with overridden_config(app, NOTIFY_API_KEY="", SMTP_HOST=""):
        assert deliver_now([message.id]).attempted == 0
        assert deliver_pending(None, later(60)).attempted == 0
        result = cli_runner.invoke(args=["outbox", "deliver"])
        quiet = cli_runner.invoke(args=["outbox", "deliver", "--quiet"])
    assert "No sender is configured" in result.output
    assert "Waiting: 1." in result.output
    assert "Waiting: 1." in quiet.output, "messages waiting with no sender are worth a line even when quiet"
    stored = fetch(message.id)
    assert (stored.status, stored.attempts) == (OutboxStatus.PENDING, 0)


def test_text_messages_cannot_go_by_smtp_and_fail_at_once(app_context, app_sends_by_smtp):
    message = queue_sms("07700900123", "acknowledgement", "We have received your complaint.")
    db.session.commit()
    assert deliver_now([message.id]).failed == 1
    stored = fetch(message.id)
    assert stored.status == OutboxStatus.FAILED
    assert "GOV.UK Notify" in stored.last_error


def test_a_second_run_while_the_first_is_still_sending_does_not_send_again(app, app_context, smtp_sink):
    message = queued_email()
    second_run = {}

    class SlowSender:
        """Starts another delivery run, in its own thread and session, while this one is mid-send."""

        def send(self, outbox_message):
            def run():
                with app.app_context():
                    second_run["report"] = deliver_pending(RecordingSender(), later(1))

            thread = threading.Thread(target=run)
            thread.start()
            thread.join()

    class RecordingSender:
        sent = []

        def send(self, outbox_message):
            self.sent.append(outbox_message.id)

    assert deliver_pending(SlowSender(), later(0)).sent == 1
    assert second_run["report"].attempted == 0
    assert RecordingSender.sent == []
    assert fetch(message.id).status == OutboxStatus.SENT


def test_a_run_that_dies_mid_send_leaves_the_message_for_a_later_run(app_context):
    class Crash(BaseException):
        pass

    class CrashingSender:
        def send(self, outbox_message):
            raise Crash

    class RecordingSender:
        def __init__(self):
            self.sent = []

        def send(self, outbox_message):
            self.sent.append(outbox_message.id)

    message = queued_email()
    with pytest.raises(Crash):
        deliver_pending(CrashingSender(), later(0))
    db.session.rollback()
    recorder = RecordingSender()
    assert deliver_pending(recorder, later(1)).attempted == 0, "still claimed by the run that died"
    assert deliver_pending(recorder, later(6)).sent == 1
    assert recorder.sent == [message.id]
    assert fetch(message.id).attempts == 2


def test_an_unexpected_sender_error_is_recorded_and_retried(app_context, caplog):
    class BrokenSender:
        def send(self, outbox_message):
            raise RuntimeError("template variable missing")

    message = queued_email()
    report = deliver_pending(BrokenSender(), later(0))
    assert report.retrying == 1
    assert fetch(message.id).last_error == "RuntimeError: template variable missing"
    assert "failed unexpectedly" in caplog.text


def test_a_delivery_error_message_is_stored_as_it_is(app_context):
    class RefusingSender:
        def send(self, outbox_message):
            raise DeliveryError("x" * 2000)

    message = queued_email()
    deliver_pending(RefusingSender(), later(0))
    assert fetch(message.id).last_error == "x" * 500


def test_now_must_be_aware(app_context):
    from datetime import datetime

    with pytest.raises(ValueError, match="aware"):
        deliver_pending(None, datetime(2027, 1, 6, 9, 0))


def test_concurrent_runs_send_each_message_exactly_once(app, app_context):
    messages = [queued_email(subject=f"Message {number}") for number in range(20)]
    sent = []
    lock = threading.Lock()
    errors = []

    class RecordingSender:
        def send(self, outbox_message):
            time.sleep(0.005)  # long enough for the runs to overlap
            with lock:
                sent.append((threading.get_ident(), outbox_message.id))

    def run():
        try:
            with app.app_context():
                deliver_pending(RecordingSender(), later(0))
                db.session.remove()
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(message_id for _, message_id in sent) == sorted(message.id for message in messages)
    assert len({thread_id for thread_id, _ in sent}) > 1, "the runs took turns"
    assert {message.status for message in all_messages()} == {OutboxStatus.SENT}
