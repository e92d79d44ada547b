"""`flask surveys send-due`: the closing-the-loop messages that go out by themselves. Run it once a day."""

import click
from flask import Flask
from flask.cli import AppGroup

from portal.common.clock import uk_today, utc_now
from portal.participation import services

surveys = AppGroup("surveys", help="Closing-the-loop surveys.")


@surveys.command("send-due")
def send_due_command() -> None:
    """Emails the adult surveys waiting to go (when ADULT_SURVEY is on), and sends one reminder for each survey still
    unanswered SURVEY_REMINDER_DAYS days after it was sent. Run it daily."""
    run = services.send_due(uk_today(), utc_now())
    click.echo(f"Sent {run.adult_surveys} adult survey(s) and {run.reminders} reminder(s).")


def register(app: Flask) -> None:
    app.cli.add_command(surveys)
