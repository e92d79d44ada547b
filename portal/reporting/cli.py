"""Commands: `flask import-cases FILE` (case history, docs/import.md) and `flask report annual` (the annual report's
figures)."""

import json
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from portal.common.clock import uk_today
from portal.domain.reporting import ReportPeriod, default_period
from portal.reporting import importing
from portal.reporting.annual import annual_report
from portal.reporting.tables import cell_text

report = AppGroup("report", help="The reports' figures.")


@click.command("import-cases")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--check-only", is_flag=True, help="Check every row and report the problems, but import nothing.")
def import_cases_command(file: Path, check_only: bool) -> None:
    """Imports case history from FILE (CSV, format version 1: see docs/import.md). Every row is checked first; if
    any has a problem, each is listed with its row, column and reason and nothing is imported. Rows imported
    before (the same external_key) are left alone."""
    data = file.read_bytes()
    text = importing.decode(data)
    if text is None:
        raise click.ClickException("The file is not text in UTF-8: save it as CSV UTF-8 and try again.")
    rows = max(0, text.count("\n") - 1)
    with click.progressbar(length=rows, label="Checking", file=sys.stderr) as bar:
        result = importing.check_file(text, uk_today(), progress=bar.update)
    if not result.ok:
        for problem in result.problems:
            click.echo(f"Row {problem.row}, column {problem.column}: {problem.message}", err=True)
        if result.problem_count > len(result.problems):
            click.echo(f"... and {result.problem_count - len(result.problems)} more problems", err=True)
        raise click.ClickException(f"{result.problem_count} problems found: nothing was imported.")
    _describe(result)
    if check_only:
        click.echo("No problems found. Nothing was imported (--check-only).")
        return
    with click.progressbar(length=len(result.to_import), label="Importing", file=sys.stderr) as bar:
        summary = importing.import_checked(result, None, file.name, progress=bar.update)
    click.echo(
        f"Imported {summary.cases} cases and {summary.compliments} compliments. "
        f"{summary.already_imported} rows had been imported before and were left alone."
    )


def _describe(result: importing.CheckResult) -> None:
    click.echo(
        f"{result.rows} rows checked: {len(result.to_import)} to import, {result.already_imported} imported before."
    )
    for words, names in (
        ("teams", result.new_teams),
        ("service areas", result.new_service_areas),
        ("categories and themes", result.new_themes),
    ):
        if names:
            click.echo(f"New {words} to add: {', '.join(names)}")


@report.command("annual")
@click.option("--from", "first_day", type=click.DateTime(formats=["%Y-%m-%d"]), help="First day (default 1 April).")
@click.option("--to", "last_day", type=click.DateTime(formats=["%Y-%m-%d"]), help="Last day (default 31 March).")
@click.option("--format", "output", type=click.Choice(["json", "text"]), default="text", show_default=True)
def annual_command(first_day, last_day, output: str) -> None:
    """Prints every table of the annual report for a period (by default the last reporting year that has ended)."""
    period = default_period(uk_today())
    try:
        period = ReportPeriod(
            first_day.date() if first_day else period.first_day, last_day.date() if last_day else period.last_day
        )
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--to") from None
    result = annual_report(period)
    if output == "json":
        click.echo(json.dumps(result.as_json(), indent=2))
        return
    click.echo(f"Annual report {period.label}")
    for table in result.tables:
        click.echo(f"\n{table.title}")
        for row in [table.columns, *table.rows, *([table.total] if table.total else [])]:
            click.echo("  " + " | ".join(cell_text(cell) for cell in row))


def register(app: Flask) -> None:
    app.cli.add_command(import_cases_command)
    app.cli.add_command(report)
