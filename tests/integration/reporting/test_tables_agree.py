"""The annual report's tables count the same complaints alike wherever they meet: what table 1 received is the latest
column of the year-on-year table, and the complaints received in a year add up to the same total in each table that
counts them, as counted here case by case from the imported history."""

from datetime import date, timedelta

import pytest

from portal.domain.reporting import ReportPeriod
from tests.integration.reporting.history import answered, import_and_report, row, spread

FINDINGS = ("upheld", "partially_upheld", "not_upheld", "no_finding")
UPHELD = ("upheld", "partially_upheld")
COMPLAINTS = ("statutory", "corporate")


def _history() -> list[dict]:
    """Complaints and comments over five and a half years: answered with each finding (some after the year they came
    in), still open, withdrawn and found outside scope."""
    rows = []
    for index, received in enumerate(spread(date(2017, 10, 1), date(2023, 3, 31), 240)):
        procedure = ("statutory", "corporate", "comment")[index % 3]
        key, days = f"C-{index}", 5 + (index * 7) % 60
        what = index % 6
        if what == 4 and received < date(2023, 1, 1):
            rows.append(
                row(key, received, procedure, closed_on=received + timedelta(days=3), closing_reason="withdrawn")
            )
        elif what == 5 and procedure != "comment":
            rows.append(row(key, received, procedure, closed_on=received, closing_reason="outside_scope"))
        elif what == 3 or received > date(2023, 3, 1):
            rows.append(row(key, received, procedure))
        elif procedure == "comment":
            done = received + timedelta(days=days)
            rows.append(
                row(key, received, procedure, stage_1_completed_on=done, closed_on=done, closing_reason="resolved")
            )
        else:
            rows.append(answered(key, received, FINDINGS[index % 4], days, procedure=procedure))
    return rows


def _received(rows: list[dict], period: ReportPeriod, procedures: tuple[str, ...]) -> int:
    return sum(1 for cells in rows if cells["procedure"] in procedures and period.contains(_day(cells["received_on"])))


def _upheld(rows: list[dict], period: ReportPeriod) -> int:
    return sum(
        1
        for cells in rows
        if cells["procedure"] in COMPLAINTS
        and period.contains(_day(cells["received_on"]))
        and cells.get("stage_1_findings", "").split("=")[-1] in UPHELD
    )


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _column(table: dict, heading: str) -> dict[str, int]:
    position = table["columns"].index(heading)
    return {cells[0]: cells[position] for cells in table["rows"]}


# The reporting year 2022/23, and a period of fifteen months, which overlaps the year before it.
PERIODS = (ReportPeriod(date(2022, 4, 1), date(2023, 3, 31)), ReportPeriod(date(2022, 1, 1), date(2023, 3, 31)))


@pytest.mark.parametrize("period", PERIODS, ids=["a year", "fifteen months"])
def test_what_came_in_each_year_is_counted_alike_in_every_table(cli_runner, tmp_path, period):
    rows = _history()
    tables = import_and_report(cli_runner, tmp_path, rows, period.first_day.isoformat(), period.last_day.isoformat())
    years = [period.years_earlier(years) for years in range(5)]

    compared = tables["year_on_year"]
    by_month_totals = dict(zip(tables["by_month"]["columns"][1:], tables["by_month"]["total"][1:], strict=True))
    outcomes_by_year = {cells[0]: cells[1:3] for cells in tables["stage_1_outcomes"]["rows"]}
    for year in years:
        in_year = _column(compared, year.label)
        complaints = _received(rows, year, COMPLAINTS)
        assert in_year["Representation"] == _received(rows, year, ("comment",))
        assert in_year["Stage 1 (Statutory Procedure)"] == _received(rows, year, ("statutory",))
        assert in_year["Stage 1 (Corporate Procedure)"] == _received(rows, year, ("corporate",))
        assert by_month_totals[year.label] == complaints
        assert outcomes_by_year[year.label] == [complaints, _upheld(rows, year)]
    assert _received(rows, years[-1], COMPLAINTS) > 0


@pytest.mark.parametrize("period", PERIODS, ids=["a year", "fifteen months"])
def test_table_1s_received_column_is_the_latest_year_on_year_column(cli_runner, tmp_path, period):
    tables = import_and_report(
        cli_runner, tmp_path, _history(), period.first_day.isoformat(), period.last_day.isoformat()
    )
    received = _column(tables["table_1"], f"Received {period.label}")
    compared = _column(tables["year_on_year"], period.label)
    assert received == {level: count for level, count in compared.items() if level != "Compliments"}
    assert received["Stage 1 (Statutory Procedure)"] > 0


def test_the_years_complaints_add_up_alike_in_each_table_that_counts_them(cli_runner, tmp_path):
    period = PERIODS[0]
    rows = _history()
    tables = import_and_report(cli_runner, tmp_path, rows, period.first_day.isoformat(), period.last_day.isoformat())
    complaints = _received(rows, period, COMPLAINTS)

    timescales = {cells[0]: cells[-2] for cells in tables["stage_1_timescales"]["rows"]}
    assert tables["outcomes"]["total"][1] == complaints
    assert tables["by_quarter"]["total"][-1] == complaints
    assert tables["stage_1_outcomes"]["rows"][0][1] == complaints
    assert tables["channels"]["total"][1] == complaints
    assert tables["who_complained"]["total"][1] == complaints
    assert sum(timescales.values()) == complaints
    assert sum(cells[1] for cells in tables["ethnicity"]["rows"]) == complaints
    still_open = sum(1 for cells in rows if cells["procedure"] in COMPLAINTS and "closed_on" not in cells)
    assert still_open > 0
    assert dict((cells[0], cells[1]) for cells in tables["outcomes"]["rows"])["Still open"] == _received(
        [cells for cells in rows if "closed_on" not in cells], period, COMPLAINTS
    )


def test_complaints_closed_without_a_finding_are_counted_by_how_they_closed_in_plain_words(cli_runner, tmp_path):
    received = date(2022, 6, 1)
    rows = [
        row("N-1", received, closed_on=received + timedelta(days=9), closing_reason="not_pursued"),
        row("N-2", received, "corporate", closed_on=received + timedelta(days=9), closing_reason="not_engaging"),
        row("N-3", received, closed_on=received + timedelta(days=2), closing_reason="withdrawn"),
    ]
    tables = import_and_report(cli_runner, tmp_path, rows, "2022-04-01", "2023-03-31")
    assert {cells[0]: cells[1] for cells in tables["outcomes"]["rows"]} == {
        "Closed without a finding (not pursued)": 1,
        "Closed without a finding (complainant not engaging)": 1,
        "Closed without a finding (withdrawn)": 1,
    }
