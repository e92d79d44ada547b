"""Closing a case: the one closing service every path uses (issue 11, item 9; domain.md section 5).

A case closes for a reason (``Closure``: resolved, withdrawn, not pursued, not engaging, outside scope, sensitive
matter, resolved by mediation). A complaint's outcome is derived from its points' latest findings
(``portal.domain.outcomes.case_outcome``); staff may override it, giving the reason, and both are kept. The move goes
through ``portal.case_moves.moving``, which completes the open step and sets off the closing-the-loop hook.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from portal.case_moves import moving
from portal.data.models import Case, OutboxMessage, StaffUser
from portal.domain.outcomes import case_outcome
from portal.domain.types import CaseState, ClockEvent, Closure, Finding, Procedure

COMPLAINT_PROCEDURES = frozenset({Procedure.STATUTORY, Procedure.CORPORATE})
OUTCOME_FIELDS = ("finding", "outcome_override_reason")


class InvalidOutcome(ValueError):
    """An outcome that differs from the one the findings give, without a reason."""


def derived_outcome(case: Case) -> Finding | None:
    """The outcome the points' latest findings give (``case_outcome``), or ``None`` before any finding."""
    return case_outcome(point.finding for point in case.points if point.finding is not None)


@dataclass(frozen=True)
class Outcome:
    """The outcome a case closes with: the derived one, or another with the reason staff gave."""

    finding: Finding | None
    override_reason: str | None = None


def outcome_for(case: Case, chosen: Finding | None, reason: str | None) -> Outcome:
    """The outcome to record: ``chosen`` when staff picked one, else the derived one. Choosing differently from the
    findings needs a reason (issue 11, item 9); raises ``InvalidOutcome`` without one."""
    derived = derived_outcome(case)
    if chosen is None or chosen is derived:
        return Outcome(finding=derived)
    reason = (reason or "").strip()
    if not reason:
        found = f"the findings give “{derived.label}”" if derived else "there are no findings yet"
        raise InvalidOutcome(f"Enter why the outcome differs from the findings: {found}")
    return Outcome(finding=chosen, override_reason=reason)


def closing_event(case: Case, closure: Closure) -> ClockEvent | None:
    """What closing records: a comment closed as resolved has had its answer (domain.md section 2), which completes
    its response step; other closings complete nothing."""
    if case.state is CaseState.AWAITING_RESPONSE and closure is Closure.RESOLVED:
        return ClockEvent.COMMENT_ANSWERED
    return None


def close_case(
    case: Case,
    user: StaffUser | None,
    closure: Closure,
    today: date,
    *,
    outcome: Outcome | None = None,
    event: ClockEvent | None = None,
    response_sent: bool = False,
    detail: dict | None = None,
    messages: Iterable[OutboxMessage] = (),
) -> moving.CaseChange:
    """Closes an open case for ``closure`` on ``today`` as one audited, committed change ("case_closed"), through
    its procedure's state machine, and returns the change (its ``message_ids`` to send).

    A complaint keeps its outcome (``outcome``, or the one its findings give). ``event`` is what the closing records,
    if anything: a comment's answer (``COMMENT_ANSWERED``), or the procedure's last response (with
    ``response_sent=True``). Raises ``portal.domain.moves.InvalidTransition`` (changing nothing) when the case cannot
    be closed from where it is.
    """
    with moving.change_case(case, user, "case_closed", fields=OUTCOME_FIELDS) as change:
        close_within(change, closure, today, outcome=outcome, event=event, response_sent=response_sent)
        change.detail.update(detail or {})
        change.queue(messages)
    return change


def close_within(
    change: moving.CaseChange,
    closure: Closure,
    today: date,
    *,
    outcome: Outcome | None = None,
    event: ClockEvent | None = None,
    response_sent: bool = False,
) -> None:
    """Closes the case as part of a larger change (a response letter whose sending ends the procedure), keeping a
    complaint's outcome; ``close_case`` is this and nothing else. The change must list ``OUTCOME_FIELDS``."""
    case = change.case
    change.move(CaseState.CLOSED, today, closure=closure, event=event, response_sent=response_sent)
    if case.procedure in COMPLAINT_PROCEDURES:
        chosen = outcome or Outcome(finding=derived_outcome(case))
        case.finding = chosen.finding
        case.outcome_override_reason = chosen.override_reason
