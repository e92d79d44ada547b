"""Holds (regulation 8 of the 2006 Regulations): a complaint waits while concurrent proceedings run, and its clock
restarts when they end.

Where considering a complaint would prejudice concurrent court, criminal or disciplinary proceedings or a police
enquiry, the council may put it on hold until they end and must tell the complainant why (domain.md section 3). A
case is held from screening or from any state in which the council is working on it (``portal.domain.moves``), and
comes back only to that state, with that state's clock started afresh from the day the hold ends: day 1 is the
first working day after it (``portal.domain.calendar``). The corporate procedure follows the same rule.
"""

from dataclasses import dataclass
from datetime import date

from portal.domain.calendar import WorkingCalendar, format_date
from portal.domain.clocks import acknowledgement_due, deadline_for
from portal.domain.moves import ON_HOLD, STAGE_1, return_state, transition
from portal.domain.timescales import TimescalePolicy
from portal.domain.types import CaseState, Procedure


class InvalidHold(ValueError):
    """A hold the rules do not allow: no reason, or a review or end date that does not fit."""


@dataclass(frozen=True)
class Hold:
    """A complaint on hold while concurrent proceedings run: the state it was held at, why, and when to review it."""

    held_from: CaseState
    reason: str
    held_on: date
    review_on: date


@dataclass(frozen=True)
class Resumed:
    """Where a case goes when its hold ends, and its restarted clock."""

    state: CaseState
    clock_started_on: date | None
    due_on: date | None
    acknowledgement_due_on: date | None


def put_on_hold(procedure: Procedure, current: CaseState, reason: str, review_on: date, held_on: date) -> Hold:
    """Checks a hold and returns it, or raises ``InvalidTransition`` (the procedure cannot be held from ``current``)
    or ``InvalidHold``.

    Regulation 8 of the 2006 Regulations: where considering a complaint would prejudice concurrent court, criminal
    or disciplinary proceedings or a police enquiry, the council may put it on hold until they end and must tell the
    complainant why. So a reason is required, in words the complainant can be given, and a review date after the
    day of the hold, when staff check whether the proceedings have ended. The corporate procedure follows the same
    rule. A case can be held from screening or from any state in which the council is working on it
    (``portal.domain.moves``).
    """
    transition(procedure, current, ON_HOLD)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidHold("Enter why the complaint is on hold: we tell the complainant the reason.")
    if review_on <= held_on:
        raise InvalidHold(f"The review date must be after {format_date(held_on)}, the day the hold starts.")
    return Hold(held_from=current, reason=reason, held_on=held_on, review_on=review_on)


def review_hold(hold: Hold, review_on: date, reviewed_on: date) -> Hold:
    """The hold with a new review date, when the proceedings are still running on ``reviewed_on``; raises
    ``InvalidHold`` unless the new date is after the day of the review (regulation 8: the hold lasts until the
    proceedings end)."""
    if review_on <= reviewed_on:
        raise InvalidHold(f"The new review date must be after {format_date(reviewed_on)}.")
    return Hold(held_from=hold.held_from, reason=hold.reason, held_on=hold.held_on, review_on=review_on)


def end_hold(
    procedure: Procedure,
    hold: Hold,
    ended_on: date,
    policy: TimescalePolicy,
    calendar: WorkingCalendar,
    acknowledged: bool,
) -> Resumed:
    """The state a held case returns to and its clock, restarted from ``ended_on``, the day the hold ends.

    Regulation 8 of the 2006 Regulations: once the concurrent proceedings end, the complaint is considered as the
    Regulations require, so the clock of the state it was held at starts again, in full, from the day the hold ends:
    day 1 is the first working day after it. A case held at screening goes to its procedure's first stage (Stage 1).
    A complaint not yet acknowledged gets its acknowledgement deadline from that day too; a corporate Stage 1
    clock then waits for the acknowledgement, as it always does (Complaint Handling Code). Raises ``InvalidHold``
    when ``ended_on`` is before the hold began. The corporate procedure follows the same rule.
    """
    if ended_on < hold.held_on:
        raise InvalidHold(f"The hold cannot end before it started on {format_date(hold.held_on)}.")
    state = transition(procedure, ON_HOLD, return_state(procedure, hold.held_from), held_from=hold.held_from)
    acknowledge_by = None if acknowledged else acknowledgement_due(procedure, ended_on, policy, calendar)
    if procedure is Procedure.CORPORATE and state is STAGE_1 and not acknowledged:
        return Resumed(state=state, clock_started_on=None, due_on=None, acknowledgement_due_on=acknowledge_by)
    return Resumed(
        state=state,
        clock_started_on=ended_on,
        due_on=deadline_for(procedure, state, ended_on, policy, calendar),
        acknowledgement_due_on=acknowledge_by,
    )
