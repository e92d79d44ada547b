"""Deadlines everywhere (issue 11, item 11): every timed step of a case with its due dates as the domain counts them,
working days left for the one running, whether each finished step met its timescale, and every extension."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.case_moves.moving import in_time
from portal.common.working_calendar import non_working_days_for
from portal.data.models import Case, StageRecord
from portal.data.stage_models import Extension
from portal.domain.calendar import format_date
from portal.domain.clocks import counted_from, is_complainants_window
from portal.domain.deadline_status import Deadline, deadline
from portal.domain.moves import stage_of, state_label


@dataclass(frozen=True)
class StepRow:
    """One timed step of the case as the summary shows it."""

    row: StageRecord
    counted_from: str
    complainants: bool
    running: Deadline | None
    met: bool | None
    extensions: list[Extension]


def timed_steps(case: Case, today: date) -> list[StepRow]:
    """The case's timed steps in the order they started; holds and states without a timescale are left out."""
    rows = sorted(
        (row for row in case.stages if row.step is not None),
        key=lambda row: (row.started_on, row.id),
    )
    result = []
    for row in rows:
        procedure = row.procedure or case.procedure
        due = row.current_due_on
        running = None
        if row.completed_on is None and due is not None:
            running = deadline(today, due, non_working_days_for(procedure))
        result.append(
            StepRow(
                row=row,
                counted_from=counted_from(procedure, row.step),
                complainants=is_complainants_window(row.step),
                running=running,
                met=in_time(row),
                extensions=list(row.extensions),
            )
        )
    return result


def running_steps(case: Case, stage: int) -> list[str]:
    """What is due now at ``stage`` (2 or 3), in words: each open step with its due date as the domain counted it,
    or what its clock waits for."""
    lines = []
    for row in case.stages:
        if row.completed_on is not None or row.step is None or stage_of(row.state) != stage:
            continue
        procedure = row.procedure or case.procedure
        what = f"{state_label(procedure, row.state)}: {row.step.label.lower()}"
        if row.current_due_on is None:
            lines.append(f"{what}: its clock waits for {counted_from(procedure, row.step).removeprefix('the day ')}")
        elif row.extended_to:
            lines.append(f"{what} due {format_date(row.extended_to)} (extended from {format_date(row.due_on)})")
        else:
            lines.append(f"{what} due {format_date(row.due_on)}")
    return lines
