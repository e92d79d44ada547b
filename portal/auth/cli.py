"""Commands for operators: `flask staff create` and `flask staff reset-two-factor`."""

import click
from email_validator import EmailNotValidError, validate_email
from flask import Flask, current_app
from flask.cli import AppGroup

from portal.common import staff_accounts
from portal.domain.types import StaffRole

staff = AppGroup("staff", help="Staff accounts.")


@staff.command("create")
@click.argument("email")
@click.option("--name", required=True, help="The person's full name.")
@click.option("--role", required=True, type=click.Choice([role.value for role in StaffRole]), help="What they do.")
@click.option("--team", default=None, help="The name of their team, for responding managers.")
def create_command(email: str, name: str, role: str, team: str | None) -> None:
    """Creates a staff account and emails a set-up link, valid for 7 days, to choose a password."""
    if not current_app.config["BASE_URL"]:
        raise click.ClickException("Set BASE_URL to the portal's address, like https://feedback.anytown.gov.uk")
    try:
        email = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise click.ClickException(f"{email!r} is not an email address: {error}") from error
    try:
        user, link = staff_accounts.create_account(email, name, StaffRole(role), team)
    except staff_accounts.AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {user.role.label.lower()} account for {user.name} <{user.email}>.")
    click.echo(f"We have emailed them this set-up link, which works for {staff_accounts.ACCOUNT_SET_UP.valid_for}:")
    click.echo(link)


@staff.command("reset-two-factor")
@click.argument("email")
def reset_two_factor_command(email: str) -> None:
    """Forgets an account's authenticator app: they set up a new one when they next sign in."""
    try:
        user = staff_accounts.reset_two_factor(email)
    except staff_accounts.AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{user.email} will set up a new authenticator app when they next sign in.")


def register(app: Flask) -> None:
    app.cli.add_command(staff)
