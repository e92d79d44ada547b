"""`flask reminders send`: the daily email to each allocated person about what of theirs is due soon or overdue, and
the Complaints Team's summary. Run it once a day from cron; running it again the same day sends nothing twice."""

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from portal.common.clock import uk_today
from portal.reminders import services

reminders = AppGroup("reminders", help="Reminders of deadlines and learning actions.")


@reminders.command("send")
@click.option(
    "--within",
    type=click.IntRange(min=0, max=60),
    default=None,
    help="Remind of what is due within this many working days (default: the REMINDER_WORKING_DAYS setting).",
)
def send_command(within: int | None) -> None:
    """Emails each allocated person about their cases and learning actions due within REMINDER_WORKING_DAYS working
    days or overdue, and the Complaints Team a summary. Never sends the same reminder twice in a day."""
    within = current_app.config["REMINDER_WORKING_DAYS"] if within is None else within
    sent = services.send(services.plan(uk_today(), within))
    summary = "and the summary to the Complaints Team" if sent.summary else "and no summary (none due, or sent already)"
    click.echo(f"Sent {sent.people} reminder(s) to staff {summary}.")


def register(app: Flask) -> None:
    app.cli.add_command(reminders)
