"""Commands for operators and staff: `flask working-days ...`, `flask demo load`."""

from datetime import date

import click
from flask import Flask
from flask.cli import AppGroup

from portal.common.working_calendar import non_working_days_for
from portal.domain.calendar import add_working_days, working_days_between
from portal.domain.types import Procedure

working_days = AppGroup("working-days", help="Working-day arithmetic on the council's calendar.")
demo = AppGroup("demo", help="Demonstration data for trying the portal out.")


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date like 2026-12-18", param, ctx)


# Which procedure's clock to count by: closure days are working days for the statutory one (regulation 2).
procedure_option = click.option(
    "--procedure",
    type=click.Choice([Procedure.STATUTORY.value, Procedure.CORPORATE.value, Procedure.COMMENT.value]),
    default=Procedure.STATUTORY.value,
    show_default=True,
    help="Whose clock: council closure days count only where that procedure's timescale policy says so.",
)


@working_days.command("add")
@click.argument("start", type=IsoDate())
@click.argument("days", type=click.IntRange(min=0))
@procedure_option
def add_command(start: date, days: int, procedure: str) -> None:
    """Prints the DAYS-th working day after START (day 1 is the first working day after START)."""
    click.echo(add_working_days(start, days, non_working_days_for(Procedure(procedure))).isoformat())


@working_days.command("between")
@click.argument("start", type=IsoDate())
@click.argument("end", type=IsoDate())
@procedure_option
def between_command(start: date, end: date, procedure: str) -> None:
    """Prints how many working days fall after START, up to and including END."""
    click.echo(working_days_between(start, end, non_working_days_for(Procedure(procedure))))


@demo.command("load")
def load_demo_command() -> None:
    """Loads demonstration data once, and prints the demo staff sign-in details."""
    from portal.data import demo as demo_data

    created = demo_data.load()
    click.echo("Loaded demonstration data." if created else "Demonstration data was already loaded.")
    for line in demo_data.sign_in_details():
        click.echo(line)


def register(app: Flask) -> None:
    app.cli.add_command(working_days)
    app.cli.add_command(demo)
