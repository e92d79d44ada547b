"""Deadlines everywhere (issue 11, item 11): every timed step of a case with its due dates as the domain counts them,
working days left for the one running, whether each finished step met its timescale, and every extension."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.case_moves.moving import in_time
from portal.casework.services import Deadline, deadline
from portal.common.working_calendar import non_working_days_for
from portal.data.models import Case, StageRecord
from portal.data.stage_models import Extension
from portal.domain.clocks import counted_from, is_complainants_window


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
