"""Mediation (issue 11, item 3): offered to someone who has asked for Stage 2 of the statutory procedure, before the
investigation starts (seed 004: "offered in efforts to resolve any outstanding issues ... as quickly as possible";
19 offered, 16 resolved, 3 went on to Stage 2). It is not compulsory.

- The offer is recorded while the case waits at "Stage 2 requested", once per request.
- The complainant accepts or declines, on the tracking pages (``answer_mediation(..., by_complainant=True)``) or
  by telling staff. Accepting moves the case to "Mediation"; declining leaves the Stage 2 request standing, so
  Stage 2 goes ahead.
- After the meeting with a senior manager from the service, the outcome: resolved closes the case as resolved by
  mediation (`portal.case_moves.closing`); not resolved takes it back to "Stage 2 requested" and Stage 2 goes ahead.

Mediation has no timescale of its own (``portal.domain.clocks``): the Stage 2 clock starts only when the terms of
reference are agreed.
"""

from __future__ import annotations

from datetime import date

from portal.case_moves import closing
from portal.case_moves.moving import CaseChange, change_case
from portal.case_moves.requests import current_stage_2
from portal.common.clock import uk_today
from portal.data.escalation_models import Mediation
from portal.data.models import Case, StaffUser
from portal.data.queries import escalation as queries
from portal.domain.calendar import format_date
from portal.domain.types import CaseState, Closure, Procedure


class MediationError(ValueError):
    """A step of mediation that cannot be recorded as it stands; the message says why, for the error summary."""


def current_mediation(case: Case) -> Mediation | None:
    """The mediation offered on the case's current Stage 2 request, if any."""
    if not case.mediations:
        return None
    latest = case.mediations[-1]
    request = current_stage_2(case)
    if request is not None and latest.offered_on < request.requested_on:
        return None
    return latest


def can_offer(case: Case) -> bool:
    """Mediation can be offered on a statutory Stage 2 request that has not had an offer yet."""
    return (
        case.procedure is Procedure.STATUTORY
        and case.state is CaseState.STAGE_2_REQUESTED
        and current_mediation(case) is None
    )


def offer_waiting(case: Case) -> Mediation | None:
    """The offer of mediation waiting for the complainant's answer, if there is one: what the tracking pages ask
    about."""
    mediation = current_mediation(case)
    if case.state is CaseState.STAGE_2_REQUESTED and mediation is not None and mediation.accepted is None:
        return mediation
    return None


def offer_mediation(
    case: Case, user: StaffUser, offered_on: date, mediator_name: str | None = None, *, today: date | None = None
) -> Mediation:
    """Records that mediation was offered on ``offered_on`` (with the senior manager who would meet them, if known).
    Raises ``MediationError`` when it cannot be offered now or the date does not fit."""
    today = today or uk_today()
    if not can_offer(case):
        raise MediationError(_not_now(case, "Mediation can be offered only once, after a request for Stage 2"))
    request = current_stage_2(case)
    _check_date(offered_on, today, request.requested_on if request else None, "the day Stage 2 was asked for", "offer")
    with change_case(case, user, "mediation_offered") as change:
        mediation = queries.add(
            Mediation(
                case_id=case.id,
                offered_on=offered_on,
                offered_by_id=user.id,
                mediator_name=(mediator_name or "").strip() or None,
            )
        )
        change.detail.update({"offered_on": offered_on.isoformat(), "mediator": mediation.mediator_name})
    return mediation


def answer_mediation(
    case: Case,
    accepted: bool,
    answered_on: date,
    by_complainant: bool,
    *,
    user: StaffUser | None = None,
    today: date | None = None,
) -> CaseChange:
    """Records the complainant's answer to the offer: accepted moves the case to "Mediation"; declined leaves the
    Stage 2 request standing. ``by_complainant``: answered on the tracking pages (no ``user``); otherwise ``user``
    recorded it. Raises ``MediationError`` when no offer is waiting or the date does not fit."""
    if not by_complainant and user is None:
        raise ValueError("An answer recorded by staff needs the member of staff who recorded it.")
    today = today or uk_today()
    mediation = offer_waiting(case)
    if mediation is None:
        raise MediationError("There is no offer of mediation waiting for an answer.")
    _check_date(answered_on, today, mediation.offered_on, "the day of the offer", "answer")
    action = "mediation_accepted" if accepted else "mediation_declined"
    with change_case(case, None if by_complainant else user, action) as change:
        mediation.accepted = accepted
        mediation.answered_on = answered_on
        mediation.answer_recorded_by_staff = not by_complainant
        if accepted:
            change.move(CaseState.MEDIATION, today)
        change.detail.update({"answered_on": answered_on.isoformat(), "by_complainant": by_complainant})
    return change


def record_outcome(
    case: Case, user: StaffUser, held_on: date, resolved: bool, notes: str | None, *, today: date | None = None
) -> CaseChange:
    """Records the mediation meeting and its outcome: resolved closes the case as resolved by mediation (keeping its
    Stage 1 outcome); not resolved takes it back to "Stage 2 requested", and Stage 2 goes ahead. Raises
    ``MediationError`` when the case is not in mediation or the date does not fit."""
    today = today or uk_today()
    mediation = current_mediation(case)
    if case.state is not CaseState.MEDIATION or mediation is None:
        raise MediationError(_not_now(case, "The outcome can be recorded only while the case is in mediation"))
    _check_date(
        held_on, today, mediation.answered_on or mediation.offered_on, "the day the offer was accepted", "meeting"
    )
    action = "mediation_resolved" if resolved else "mediation_not_resolved"
    with change_case(case, user, action, fields=closing.OUTCOME_FIELDS) as change:
        mediation.held_on = held_on
        mediation.resolved = resolved
        mediation.outcome_on = today
        mediation.outcome_notes = notes if notes and notes.strip() else None
        if resolved:
            closing.close_within(change, Closure.RESOLVED_BY_MEDIATION, today)
        else:
            change.move(CaseState.STAGE_2_REQUESTED, today)
        change.detail.update({"held_on": held_on.isoformat(), "resolved": resolved})
    return change


def _not_now(case: Case, rule: str) -> str:
    return f"{rule}. The case is at: {case.state.label.lower()}."


def _check_date(day: date, today: date, earliest: date | None, after_what: str, what: str) -> None:
    if day > today:
        raise MediationError(f"The date of the {what} must be today or in the past.")
    if earliest is not None and day < earliest:
        raise MediationError(f"The date of the {what} must be on or after {format_date(earliest)}, {after_what}.")
