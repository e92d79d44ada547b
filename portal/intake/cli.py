"""`flask drafts purge`: deletes unfinished forms whose save-and-return link has expired (run it nightly)."""

import click
from flask import Flask
from flask.cli import AppGroup

from portal.common.clock import utc_now
from portal.common.drafts import purge_expired_drafts

drafts = AppGroup("drafts", help="Unfinished forms people have saved.")


@drafts.command("purge")
def purge_command() -> None:
    """Deletes drafts past their expiry, with their uploaded files."""
    click.echo(f"Deleted {purge_expired_drafts(utc_now())} expired drafts.")


def register(app: Flask) -> None:
    app.cli.add_command(drafts)
