"""`flask uploads rescan`: scans the files kept in quarantine because the scanner did not answer (run it often)."""

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from portal.data.queries.attachments import attachments_with_status, set_scan_status
from portal.uploads.scanning import ScanStatus, Verdict, scanner_from
from portal.uploads.storage import storage_for

uploads = AppGroup("uploads", help="Files people have uploaded.")


@uploads.command("rescan")
def rescan_command() -> None:
    """Passes each quarantined file the scanner now finds clean; deletes one that holds a virus."""
    scanner = scanner_from(current_app.config)
    if scanner is None:
        raise click.ClickException("Set CLAMD_SOCKET or CLAMD_HOST first: no virus scanner is set up")
    storage = storage_for(current_app.config, current_app.instance_path)
    counts = dict.fromkeys(Verdict, 0)
    for attachment in attachments_with_status(ScanStatus.QUARANTINED):
        result = scanner.scan(storage.open(attachment.storage_key))
        counts[result.verdict] += 1
        if result.verdict == Verdict.CLEAN:
            set_scan_status(attachment, ScanStatus.CLEAN)
        elif result.verdict == Verdict.INFECTED:
            storage.delete(attachment.storage_key)
            set_scan_status(attachment, ScanStatus.INFECTED)
    click.echo(
        f"Passed {counts[Verdict.CLEAN]}, deleted {counts[Verdict.INFECTED]} with a virus, "
        f"still waiting {counts[Verdict.UNAVAILABLE]}."
    )


def register(app: Flask) -> None:
    app.cli.add_command(uploads)
