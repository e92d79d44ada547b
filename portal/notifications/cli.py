"""Commands for operators: `flask outbox deliver` (cron, every minute), `flask outbox list` and `flask outbox retry`."""

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from portal.common.clock import utc_now
from portal.config import ConfigurationError
from portal.data.models import OutboxMessage
from portal.data.queries.outbox import count_by_status, list_messages
from portal.domain.types import OutboxStatus
from portal.notifications.outbox import deliver_pending, requeue
from portal.notifications.senders import describe_sender, sender_for

outbox = AppGroup("outbox", help="Emails and text messages waiting to be sent.")


@outbox.command("deliver")
@click.option("--batch-size", default=50, show_default=True, type=click.IntRange(min=1), help="Most messages to try.")
@click.option("--quiet", is_flag=True, help="Print nothing when there was nothing to send.")
def deliver_command(batch_size: int, quiet: bool) -> None:
    """Sends the messages that are due and retries failed ones with back-off. Run it from cron every minute."""
    try:
        sender = sender_for(current_app.config)
    except ConfigurationError as error:
        raise click.ClickException(str(error)) from error
    if sender is None:
        waiting = count_by_status()[OutboxStatus.PENDING]
        if waiting or not quiet:
            click.echo(f"{describe_sender(None)}. Waiting: {waiting}.")
        return
    report = deliver_pending(sender, utc_now(), batch_size=batch_size)
    if report.attempted or not quiet:
        click.echo(f"Sent {report.sent}, will retry {report.retrying}, stopped retrying {report.failed}")


@outbox.command("list")
@click.option("--status", type=click.Choice([status.value for status in OutboxStatus]), help="Only this status.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1), help="Most messages to list.")
def list_command(status: str | None, limit: int) -> None:
    """Lists messages, newest first, with their recipient, subject and last error."""
    messages = list_messages(OutboxStatus(status) if status else None, limit=limit)
    if not messages:
        click.echo("No messages.")
        return
    for message in messages:
        click.echo(format_message(message))


@outbox.command("retry")
@click.argument("message_ids", nargs=-1, required=True, type=int)
def retry_command(message_ids: tuple[int, ...]) -> None:
    """Tries failed messages again from scratch, once whatever stopped them is put right."""
    missing = [message_id for message_id in message_ids if not requeue(message_id, utc_now())]
    click.echo(f"Queued {len(message_ids) - len(missing)} message(s) to try again.")
    if missing:
        raise click.ClickException(f"No failed message with id {', '.join(map(str, missing))}")


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "-"


def format_message(message: OutboxMessage) -> str:
    """A few lines describing one message for an operator's terminal."""
    attempts = f"{message.attempts} attempt{'' if message.attempts == 1 else 's'}"
    state = f"{message.status.value}, {attempts}"
    if message.status == OutboxStatus.PENDING:
        state += f", next try {_when(message.next_attempt_at)}"
    elif message.status == OutboxStatus.SENT:
        state += f", sent {_when(message.sent_at)}"
    lines = [
        f"#{message.id}  created {_when(message.created_at)}  {state}",
        f"    {message.channel.value} to {message.recipient}  template {message.template}"
        + (f"  case {message.case_id}" if message.case_id else ""),
    ]
    if message.subject:
        lines.append(f"    Subject: {message.subject}")
    if message.last_error:
        lines.append(f"    Last error: {message.last_error}")
    return "\n".join(lines)


def register(app: Flask) -> None:
    app.cli.add_command(outbox)
