"""Commands for operators and staff."""

from datetime import date

from portal.data.database import db
from portal.data.models import ClosureDay


def test_working_days_add_crosses_christmas_and_new_year(cli_runner):
    result = cli_runner.invoke(args=["working-days", "add", "2026-12-18", "10"])
    assert result.exit_code == 0, result.output
    assert result.output == "2027-01-06\n"


def test_working_days_between_counts_sandwells_stage_2_example(cli_runner):
    result = cli_runner.invoke(args=["working-days", "between", "2022-02-22", "2022-06-14"])
    assert result.exit_code == 0, result.output
    assert result.output == "75\n"


def test_council_closure_days_count_as_non_working_only_where_the_procedure_allows(cli_runner):
    db.session.add(ClosureDay(day=date(2026, 12, 24), description="Christmas Eve closure"))
    db.session.commit()
    corporate = cli_runner.invoke(args=["working-days", "add", "2026-12-18", "10", "--procedure", "corporate"])
    assert corporate.output == "2027-01-07\n"
    # Regulation 2: a closure day is a working day for the statutory clocks.
    statutory = cli_runner.invoke(args=["working-days", "add", "2026-12-18", "10"])
    assert statutory.output == "2027-01-06\n"


def test_a_bad_date_gets_a_clear_message(cli_runner):
    result = cli_runner.invoke(args=["working-days", "add", "18/12/2026", "10"])
    assert result.exit_code != 0
    assert "is not a date like 2026-12-18" in result.output


def test_demo_data_loads_once_and_prints_sign_in_details(cli_runner, tmp_path, app_context, monkeypatch):
    monkeypatch.setattr(app_context, "instance_path", str(tmp_path))
    first = cli_runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "Loaded demonstration data." in first.output
    assert "casey.officer@anytown.example" in first.output
    second = cli_runner.invoke(args=["demo", "load"])
    assert "already loaded" in second.output
    assert "casey.officer@anytown.example" in second.output
    assert (tmp_path / "demo-sign-in.txt").stat().st_mode & 0o077 == 0
