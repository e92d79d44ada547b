"""`flask outbox deliver` and `flask outbox list`."""

from portal.data.database import db
from portal.domain.types import OutboxStatus
from portal.notifications.outbox import deliver_now, queue_sms
from tests.fixtures.config import overridden_config
from tests.integration.notifications.helpers import fetch, queued_email


def test_list_says_when_there_are_no_messages(cli_runner):
    result = cli_runner.invoke(args=["outbox", "list"])
    assert result.exit_code == 0
    assert result.output == "No messages.\n"


def test_list_shows_recipient_template_subject_and_state_newest_first(cli_runner, app_sends_by_smtp):
    sent = queued_email(subject="Sent one")
    deliver_now([sent.id])
    waiting = queue_sms("07700900123", "acknowledgement", "Text body", subject="Waiting one")
    db.session.commit()

    output = cli_runner.invoke(args=["outbox", "list"]).output

    assert output.index(f"#{waiting.id} ") < output.index(f"#{sent.id} ")
    assert "pending, 0 attempts, next try" in output
    assert "sms to 07700900123  template acknowledgement" in output
    assert "sent, 1 attempt, sent 20" in output
    assert "email to sam.parent@example.com  template acknowledgement" in output
    assert "Subject: Sent one" in output


def test_list_filters_by_status_and_limits(cli_runner):
    for number in range(3):
        queued_email(subject=f"Message {number}")
    assert "No messages." in cli_runner.invoke(args=["outbox", "list", "--status", "sent"]).output
    output = cli_runner.invoke(args=["outbox", "list", "--status", "pending", "--limit", "2"]).output
    assert output.count("Subject:") == 2
    assert "Message 0" not in output


def test_list_refuses_an_unknown_status(cli_runner):
    result = cli_runner.invoke(args=["outbox", "list", "--status", "lost"])
    assert result.exit_code != 0


def test_deliver_reports_a_configuration_problem_and_fails(app, cli_runner):
    queued_email()
    with overridden_config(app, NOTIFY_API_KEY="", SMTP_HOST="mail.anytown.example", MAIL_FROM=""):
        result = cli_runner.invoke(args=["outbox", "deliver"])
    assert result.exit_code == 1
    assert "MAIL_FROM must be set" in result.output


def test_deliver_quiet_prints_nothing_when_nothing_was_due(cli_runner, app_sends_by_smtp):
    result = cli_runner.invoke(args=["outbox", "deliver", "--quiet"])
    assert result.exit_code == 0
    assert result.output == ""
    queued_email()
    assert (
        cli_runner.invoke(args=["outbox", "deliver", "--quiet"]).output == "Sent 1, will retry 0, stopped retrying 0\n"
    )


def test_deliver_respects_the_batch_size(cli_runner, app_sends_by_smtp):
    for number in range(3):
        queued_email(subject=f"Message {number}")
    result = cli_runner.invoke(args=["outbox", "deliver", "--batch-size", "2"])
    assert result.output == "Sent 2, will retry 0, stopped retrying 0\n"
    assert len(app_sends_by_smtp.messages) == 2


def test_retry_gives_a_failed_message_a_fresh_start(app, cli_runner, app_sends_by_smtp):
    message = queued_email()
    app_sends_by_smtp.stop()
    with overridden_config(app, OUTBOX_MAX_ATTEMPTS=1):
        assert deliver_now([message.id]).failed == 1
    app_sends_by_smtp.start()
    pending = queued_email()

    result = cli_runner.invoke(args=["outbox", "retry", str(message.id), str(pending.id), "999"])

    assert result.exit_code == 1
    assert "Queued 1 message(s) to try again." in result.output
    assert f"No failed message with id {pending.id}, 999" in result.output
    stored = fetch(message.id)
    assert (stored.status, stored.attempts) == (OutboxStatus.PENDING, 0)
    assert cli_runner.invoke(args=["outbox", "deliver"]).output == "Sent 2, will retry 0, stopped retrying 0\n"
    assert len(app_sends_by_smtp.messages) == 2
