"""Extensions of a step's due date: which steps can be extended, how far, how often, and what is recorded.

Rules (domain.md section 4; issue 11), with the limits in ``portal.domain.timescales``:

- Statutory Stage 1: 10 working days from the start date, extendable to 20 in total when the complaint is complex
  or the complainant asks for an advocate (2006 Regulations; seed 004). It may be extended more than once within
  the total.
- Statutory Stage 2: 25 working days from the day the terms of reference are agreed, extendable to 65 in total
  (2006 Regulations; seed 003: with the complainant's agreement; seed 004: for complex complaints).
- Corporate Stage 1: 10 working days from the acknowledgement, extendable **once only**, by up to 10 more
  (Complaint Handling Code).
- Corporate Stage 2: 20 working days from the Stage 2 acknowledgement, extendable by up to 20 more in total: a
  portal default the council can change (the Code asks for any extension to be explained).
- Nothing else can be extended: acknowledgements, the complainant's time to escalate, the review panel's steps and
  comments keep their timescales.

Every extension needs a reason, because the complainant is told it (the Code also asks that they are given the
Ombudsman's details then). The new due date is a working day of the procedure's clock, after the current due date
and after the day the extension is agreed, and no later than ``extension_limit``. Working days are counted as in
``portal.domain.calendar``: day 1 is the first working day after the day the clock started.
"""

from dataclasses import dataclass
from datetime import date

from portal.domain.calendar import WorkingCalendar, format_date, is_working_day
from portal.domain.clocks import due_date, is_extendable, non_working_days
from portal.domain.timescales import TimescalePolicy
from portal.domain.types import Procedure, TimescaleStep

# The Complaint Handling Code allows one extension of a corporate Stage 1 response.
ONCE_ONLY: frozenset[tuple[Procedure, TimescaleStep]] = frozenset(
    {(Procedure.CORPORATE, TimescaleStep.STAGE_1_RESPONSE)}
)


class InvalidExtension(ValueError):
    """An extension that the rules do not allow: no reason, a date that does not fit, too long, or one too many."""


@dataclass(frozen=True)
class Extension:
    """An agreed extension: the reason told to the complainant, the new due date and when it was agreed."""

    reason: str
    new_due_on: date
    granted_on: date
    previous_due_on: date


def extension_limit(
    procedure: Procedure,
    step: TimescaleStep,
    started_on: date,
    policy: TimescalePolicy,
    calendar: WorkingCalendar,
    previous_extensions: int = 0,
) -> date:
    """The latest due date any extension of ``step`` may reach, for a clock started on ``started_on`` that has
    been extended ``previous_extensions`` times; raises ``InvalidExtension`` when it cannot be extended (again).

    It is ``due_date(..., extended=True)``: statutory Stage 1 20 and Stage 2 65 working days in total from the start;
    corporate Stage 1 10 + 10 from the acknowledgement, once only; corporate Stage 2 20 + 20 (see the module).
    """
    if previous_extensions < 0:
        raise ValueError(f"The number of earlier extensions cannot be negative (got {previous_extensions}).")
    if not is_extendable(procedure, step):
        raise InvalidExtension(f'{procedure.label}: the "{step.label}" timescale cannot be extended.')
    if (procedure, step) in ONCE_ONLY and previous_extensions:
        raise InvalidExtension(
            f'The "{step.label}" has been extended once already: the Complaint Handling Code allows one extension.'
        )
    return due_date(procedure, step, started_on, policy, calendar, extended=True)


def extend(
    procedure: Procedure,
    step: TimescaleStep,
    *,
    started_on: date,
    current_due: date,
    new_due: date,
    reason: str | None,
    granted_on: date,
    policy: TimescalePolicy,
    calendar: WorkingCalendar,
    previous_extensions: int = 0,
) -> Extension:
    """Checks an extension of ``step`` from ``current_due`` to ``new_due`` and returns it, or raises
    ``InvalidExtension`` with a message for the person asking.

    ``started_on`` is the day the step's clock started (``portal.domain.clocks.clock_event``) and
    ``previous_extensions`` how many times it has been extended already. The rules are the module's: a reason; a
    new date on a working day of the procedure's clock, after the current due date and after ``granted_on``, and no
    later than ``extension_limit``. An extension may be agreed after the due date has passed: the step is then
    late, and ``timescale_met`` compares its completion with the extended date.
    """
    limit = extension_limit(procedure, step, started_on, policy, calendar, previous_extensions)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidExtension("Enter the reason for the extension: the complainant must be told why.")
    if new_due <= current_due:
        raise InvalidExtension(f"The new due date must be after the current due date, {format_date(current_due)}.")
    if new_due <= granted_on:
        raise InvalidExtension(
            f"The new due date must be after the day the extension is agreed, {format_date(granted_on)}."
        )
    if new_due > limit:
        raise InvalidExtension(
            f"The new due date cannot be later than {format_date(limit)}, the longest extension the timescale "
            "policy allows."
        )
    if not is_working_day(new_due, non_working_days(procedure, policy, calendar)):
        raise InvalidExtension(f"{format_date(new_due)} is not a working day: choose a working day.")
    return Extension(reason=reason, new_due_on=new_due, granted_on=granted_on, previous_due_on=current_due)
