"""The reporting dashboard: this reporting year so far against the same days last year, where open work stands, the
deadlines due soon and overdue, timescales met at each step, and the trend month by month. Laid out as tables
(portal.reporting.tables) from the database's aggregates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from portal.common.working_calendar import non_working_days_for
from portal.data.queries import reports as q
from portal.data.queries import reports_stages as stages
from portal.domain.deadline_status import due_soon_before
from portal.domain.moves import state_label
from portal.domain.reporting import ReportPeriod, percent_text, rate, year_so_far
from portal.domain.types import FeedbackKind, Procedure
from portal.reporting.annual import prepare_calendar
from portal.reporting.tables import Chart, Table


@dataclass
class Dashboard:
    this_year: ReportPeriod
    last_year: ReportPeriod
    overdue: int
    due_soon: int
    tables: list[Table]


def _label(value) -> str:
    return getattr(value, "label", None) or "Not screened yet"


def dashboard(today: date) -> Dashboard:
    skipping = prepare_calendar()
    q.keep_planner_statistics()
    q.group_in_memory()
    this_year = year_so_far(today)
    last_year = this_year.years_earlier(1)
    overdue, due_soon = q.open_deadlines(today, due_soon_before(today, non_working_days_for(None)))
    return Dashboard(
        this_year,
        last_year,
        overdue,
        due_soon,
        [
            received(this_year, last_year),
            open_work(),
            timescales(this_year, last_year, skipping),
            trend(this_year, last_year),
        ],
    )


def received(this_year: ReportPeriod, last_year: ReportPeriod) -> Table:
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for index, kind, procedure, count in q.received_by_kind([this_year, last_year]):
        label = _label(kind) if procedure is None or kind is not FeedbackKind.COMPLAINT else procedure.label
        counts[(index, label)] += count
    labels = sorted({label for _, label in counts})
    rows = [
        [label, counts[(1, label)], counts[(0, label)], counts[(0, label)] - counts[(1, label)]] for label in labels
    ]
    return Table(
        "received",
        "Received, by kind and procedure",
        ["Kind or procedure", _period_heading(last_year), _period_heading(this_year), "Change"],
        rows,
        total=["Total", *(sum(row[i] for row in rows) for i in (1, 2, 3))],
        chart=Chart((1, 2), "Received this year so far and in the same days last year."),
    )


def open_work() -> Table:
    rows = [
        [procedure.label if procedure else "Not screened yet", state_label(procedure, state), count]
        for procedure, state, count in sorted(q.open_by_state(), key=lambda row: (str(row[0]), str(row[1])))
    ]
    return Table(
        "open_work",
        "Open cases by procedure, stage and status",
        ["Procedure", "Stage and status", "Cases"],
        rows,
        total=["Total", "", sum(row[2] for row in rows)],
    )


def timescales(this_year: ReportPeriod, last_year: ReportPeriod, skipping: frozenset[Procedure]) -> Table:
    def rates(period: ReportPeriod) -> dict[tuple[str, str], tuple[int, int]]:
        steps = stages.acknowledgement_timescales(period, skipping) + stages.step_timescales(period, skipping)
        return {
            (row.procedure.label, row.step.replace("_", " ").capitalize()): (row.in_time, row.completed)
            for row in steps
        }

    now, before = rates(this_year), rates(last_year)
    rows = []
    for key in sorted(set(now) | set(before)):
        in_time, done = now.get(key, (0, 0))
        earlier_in_time, earlier_done = before.get(key, (0, 0))
        rows.append([*key, _percent(earlier_in_time, earlier_done), done, in_time, _percent(in_time, done)])
    return Table(
        "timescales",
        "Timescales met at each step",
        ["Procedure", "Step", f"In time {_period_heading(last_year)}", "Completed", "In time", "% in time"],
        rows,
    )


def trend(this_year: ReportPeriod, last_year: ReportPeriod) -> Table:
    months = [this_year.months(), last_year.months()]
    parts = [[(m.first_day, m.last_day) for m in year] for year in months]
    counts = defaultdict(int)
    for index, part, _procedure, count in q.complaints_by_part([this_year, last_year], parts):
        counts[(index, part)] += count
    rows = [[month.short_label, counts[(1, part)], counts[(0, part)]] for part, month in enumerate(months[0])]
    return Table(
        "trend",
        "Complaints received month by month",
        ["Month", _period_heading(last_year), _period_heading(this_year)],
        rows,
        chart=Chart((1, 2), "Complaints received in each month, this year so far and last year."),
    )


def _period_heading(period: ReportPeriod) -> str:
    return f"{period.first_day:%-d %b %Y} to {period.last_day:%-d %b %Y}"


def _percent(part: int, whole: int) -> str:
    return percent_text(rate(part, whole)) or "none"
