"""Procedures as declared state machines, and the due dates of their steps.

Each procedure has a table of allowed ``(from, to)`` moves between ``CaseState``s; ``transition()`` is the only
way to check a move and raises ``InvalidTransition`` for anything not in the table. Before screening a case has
no procedure (``procedure=None``): it can only go from received to screening, or be closed. Screening then
chooses a procedure and the case moves to ``first_state(procedure)``.

Moves worth knowing about (domain.md sections 4 and 5; seeds 003 and 004):

- Every open state can be closed: withdrawn, not pursued, resolved, and so on (``Closure`` records which).
- The complainant may go to the Ombudsman at any stage ("early referral"), and the Ombudsman may send a
  premature complaint back to the council's procedure, so ombudsman -> stage 1, 2 or 3 is allowed.
- A closed case can be reopened when the complainant escalates after a response (closed -> mediation, Stage 2
  or Stage 3) or when the Ombudsman takes it up later (closed -> ombudsman). The table cannot know which stage
  a case reached; checking that the escalation is to the next stage, and within the time allowed, is the
  caller's job (``due_date(..., TimescaleStep.REQUEST_STAGE_2, ...)`` gives the last day to ask).
- A case can go back to screening from Stage 1 or from awaiting a response, when screening must be done again
  (a comment that becomes a complaint, a corporate complaint that turns out to be statutory).
- Regulation 8 of the 2006 Regulations: a complaint whose consideration would prejudice concurrent court, criminal
  or disciplinary proceedings or a police enquiry is put on hold (from screening or from any stage) until they
  end, and the complainant is told why. It comes back to the stage it was held at (Stage 1 when it was held at
  screening) with that stage's clock restarted from the day the hold ends (``put_on_hold``, ``end_hold``). The
  corporate procedure follows the same rule. From on hold the case can also be closed or go to the Ombudsman.

Due dates come from the ``TimescalePolicy`` and ``portal.domain.calendar``: day 1 is the first working day after
the day the clock starts from. ``counted_from()`` gives that day in plain English for each step. Each procedure's
clock skips the days ``non_working_days()`` gives it: bank holidays always; the council's closure days only where
the policy says so, and never for the statutory procedure (regulation 2).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from portal.domain.calendar import Holidays, WorkingCalendar, add_working_days
from portal.domain.timescales import TimescalePolicy
from portal.domain.types import CaseState, FeedbackKind, Procedure, TimescaleStep

RECEIVED = CaseState.RECEIVED
SCREENING = CaseState.SCREENING
STAGE_1 = CaseState.STAGE_1
MEDIATION = CaseState.MEDIATION
STAGE_2 = CaseState.STAGE_2
STAGE_3 = CaseState.STAGE_3
OMBUDSMAN = CaseState.OMBUDSMAN
AWAITING_RESPONSE = CaseState.AWAITING_RESPONSE
ON_HOLD = CaseState.ON_HOLD
CLOSED = CaseState.CLOSED

Move = tuple[CaseState, CaseState]

# Before screening, whatever the procedure will be.
UNSCREENED_MOVES: frozenset[Move] = frozenset({(RECEIVED, SCREENING), (RECEIVED, CLOSED), (SCREENING, CLOSED)})

FIRST_STATES: dict[Procedure, CaseState] = {
    Procedure.STATUTORY: STAGE_1,
    Procedure.CORPORATE: STAGE_1,
    Procedure.COMMENT: AWAITING_RESPONSE,
    Procedure.COMPLIMENT: CLOSED,
    Procedure.NOT_ACCEPTED: CLOSED,
    Procedure.OUTSIDE_PROCEDURES: CLOSED,
}


def _closable(states: Iterable[CaseState]) -> set[Move]:
    return {(state, CLOSED) for state in states}


def _holdable(states: Iterable[CaseState]) -> set[Move]:
    """Regulation 8: held from screening or a stage, back to that stage, or closed or taken to the Ombudsman."""
    states = list(states)
    back = [state for state in states if state is not SCREENING]
    return (
        {(state, ON_HOLD) for state in states}
        | {(ON_HOLD, state) for state in back}
        | {(ON_HOLD, OMBUDSMAN), (ON_HOLD, CLOSED)}
    )


def _table(procedure: Procedure, moves: set[Move]) -> frozenset[Move]:
    screened = UNSCREENED_MOVES | {(SCREENING, FIRST_STATES[procedure])}
    return frozenset(screened | moves)


ALLOWED_MOVES: dict[Procedure, frozenset[Move]] = {
    # Regulations 2006: Stage 1, optional mediation, Stage 2, Stage 3 review panel, then the Ombudsman.
    Procedure.STATUTORY: _table(
        Procedure.STATUTORY,
        {
            (STAGE_1, MEDIATION),
            (STAGE_1, STAGE_2),
            (STAGE_1, SCREENING),
            (MEDIATION, STAGE_2),
            (STAGE_2, STAGE_3),
            (STAGE_1, OMBUDSMAN),
            (MEDIATION, OMBUDSMAN),
            (STAGE_2, OMBUDSMAN),
            (STAGE_3, OMBUDSMAN),
            (OMBUDSMAN, STAGE_1),
            (OMBUDSMAN, STAGE_2),
            (OMBUDSMAN, STAGE_3),
            (CLOSED, MEDIATION),
            (CLOSED, STAGE_2),
            (CLOSED, STAGE_3),
            (CLOSED, OMBUDSMAN),
        }
        | _closable([STAGE_1, MEDIATION, STAGE_2, STAGE_3, OMBUDSMAN])
        | _holdable([SCREENING, STAGE_1, STAGE_2, STAGE_3]),
    ),
    # Ombudsman's Complaint Handling Code: two stages, then the Ombudsman.
    Procedure.CORPORATE: _table(
        Procedure.CORPORATE,
        {
            (STAGE_1, STAGE_2),
            (STAGE_1, SCREENING),
            (STAGE_1, OMBUDSMAN),
            (STAGE_2, OMBUDSMAN),
            (OMBUDSMAN, STAGE_1),
            (OMBUDSMAN, STAGE_2),
            (CLOSED, STAGE_2),
            (CLOSED, OMBUDSMAN),
        }
        | _closable([STAGE_1, STAGE_2, OMBUDSMAN])
        | _holdable([SCREENING, STAGE_1, STAGE_2]),
    ),
    # Forwarded to the Team Manager and monitored until answered (domain.md section 2).
    Procedure.COMMENT: _table(
        Procedure.COMMENT,
        {(AWAITING_RESPONSE, SCREENING)} | _closable([AWAITING_RESPONSE]),
    ),
    # Recorded, shared with the team and closed (domain.md section 8).
    Procedure.COMPLIMENT: _table(Procedure.COMPLIMENT, set()),
    # The person is told why and pointed to the Ombudsman, who may look at the refusal and ask for it to be
    # screened again (seed 003, "Screening System").
    Procedure.NOT_ACCEPTED: _table(
        Procedure.NOT_ACCEPTED,
        {(CLOSED, OMBUDSMAN), (OMBUDSMAN, SCREENING)} | _closable([OMBUDSMAN]),
    ),
    # Signposted elsewhere, for example to a school's own complaints procedure.
    Procedure.OUTSIDE_PROCEDURES: _table(Procedure.OUTSIDE_PROCEDURES, set()),
}

# Moves that take a closed case back into a procedure: the caller should record why.
REOPENING_MOVES: frozenset[Move] = frozenset(
    move for table in ALLOWED_MOVES.values() for move in table if move[0] is CLOSED
)


class InvalidTransition(ValueError):
    """A case was asked to move between two states that its procedure does not allow."""

    def __init__(self, procedure: Procedure | None, current: CaseState, target: CaseState) -> None:
        self.procedure = procedure
        self.current = current
        self.target = target
        allowed = allowed_moves(procedure, current)
        where = procedure.label if procedure else "Not screened yet"
        can = f' From "{current.label}" it can move to {_or_list(allowed)}.' if allowed else ""
        super().__init__(f'{where}: a case cannot move from "{current.label}" to "{target.label}".{can}')


def _or_list(states: list[CaseState]) -> str:
    names = [f'"{state.label}"' for state in states]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def first_state(procedure: Procedure) -> CaseState:
    """The state a case enters when screening puts it into ``procedure`` (domain.md section 3).

    Statutory and corporate complaints start at Stage 1, comments wait for a response, and compliments, complaints
    not accepted and those outside the procedures are closed straight away.
    """
    return FIRST_STATES[procedure]


def allowed_moves(procedure: Procedure | None, current: CaseState) -> list[CaseState]:
    """The states a case in ``procedure`` can move to from ``current``, in ``CaseState`` order.

    ``procedure=None`` means not screened yet. Source: the tables in this module (domain.md sections 3 to 5).
    """
    table = UNSCREENED_MOVES if procedure is None else ALLOWED_MOVES[procedure]
    return [state for state in CaseState if (current, state) in table]


def transition(procedure: Procedure | None, current: CaseState, target: CaseState) -> CaseState:
    """Checks the move from ``current`` to ``target`` and returns ``target``, or raises ``InvalidTransition``.

    ``procedure=None`` means not screened yet. Staying in the same state is not a move. Source: the tables in this
    module (domain.md sections 3 to 5).
    """
    table = UNSCREENED_MOVES if procedure is None else ALLOWED_MOVES[procedure]
    if (current, target) not in table:
        raise InvalidTransition(procedure, current, target)
    return target


# ---------------------------------------------------------------------------------------------------------------
# Due dates


@dataclass(frozen=True)
class StepRule:
    """Where a step's timescale lives in the policy, and what day its clock starts from."""

    section: str
    days: str
    extended_days: str | None
    counted_from: str


_STEP_RULES: dict[tuple[Procedure, TimescaleStep], StepRule] = {
    (Procedure.STATUTORY, TimescaleStep.ACKNOWLEDGE): StepRule(
        "statutory", "acknowledge", None, "the day the complaint was received"
    ),
    (Procedure.STATUTORY, TimescaleStep.STAGE_1_RESPONSE): StepRule(
        "statutory", "stage_1", "stage_1_extended", "the day the complaint was received (the start date)"
    ),
    (Procedure.STATUTORY, TimescaleStep.REQUEST_STAGE_2): StepRule(
        "statutory", "request_stage_2", None, "the day the Stage 1 response was sent"
    ),
    (Procedure.STATUTORY, TimescaleStep.STAGE_2_RESPONSE): StepRule(
        "statutory", "stage_2", "stage_2_extended", "the day the terms of reference were agreed"
    ),
    (Procedure.STATUTORY, TimescaleStep.REQUEST_STAGE_3): StepRule(
        "statutory", "request_stage_3", None, "the day the Stage 2 adjudication was sent"
    ),
    (Procedure.STATUTORY, TimescaleStep.STAGE_3_PANEL): StepRule(
        "statutory", "stage_3_panel", None, "the day the request for a review panel was received"
    ),
    (Procedure.STATUTORY, TimescaleStep.STAGE_3_FINDINGS): StepRule(
        "statutory", "stage_3_findings", None, "the day the review panel met"
    ),
    (Procedure.STATUTORY, TimescaleStep.STAGE_3_RESPONSE): StepRule(
        "statutory", "stage_3_response", None, "the day the council received the panel's findings"
    ),
    (Procedure.CORPORATE, TimescaleStep.ACKNOWLEDGE): StepRule(
        "corporate", "acknowledge", None, "the day the complaint was received"
    ),
    (Procedure.CORPORATE, TimescaleStep.STAGE_1_RESPONSE): StepRule(
        "corporate", "stage_1", "stage_1_extended", "the day the complaint was acknowledged"
    ),
    (Procedure.CORPORATE, TimescaleStep.STAGE_2_ACKNOWLEDGE): StepRule(
        "corporate", "stage_2_acknowledge", None, "the day the Stage 2 request was received"
    ),
    (Procedure.CORPORATE, TimescaleStep.STAGE_2_RESPONSE): StepRule(
        "corporate", "stage_2", "stage_2_extended", "the day the Stage 2 request was acknowledged"
    ),
    # Comments and compliments are acknowledged by the receipt sent when they arrive (domain.md section 2): they
    # have no acknowledgement step, and a comment's only clock is its response.
    (Procedure.COMMENT, TimescaleStep.COMMENT_RESPONSE): StepRule(
        "comment", "response", None, "the day the comment was received"
    ),
}

# The step whose due date a case in each state is working towards.
STATE_STEPS: dict[tuple[Procedure, CaseState], TimescaleStep] = {
    (Procedure.STATUTORY, RECEIVED): TimescaleStep.ACKNOWLEDGE,
    (Procedure.STATUTORY, SCREENING): TimescaleStep.ACKNOWLEDGE,
    (Procedure.STATUTORY, STAGE_1): TimescaleStep.STAGE_1_RESPONSE,
    (Procedure.STATUTORY, STAGE_2): TimescaleStep.STAGE_2_RESPONSE,
    (Procedure.STATUTORY, STAGE_3): TimescaleStep.STAGE_3_PANEL,
    (Procedure.CORPORATE, RECEIVED): TimescaleStep.ACKNOWLEDGE,
    (Procedure.CORPORATE, SCREENING): TimescaleStep.ACKNOWLEDGE,
    (Procedure.CORPORATE, STAGE_1): TimescaleStep.STAGE_1_RESPONSE,
    (Procedure.CORPORATE, STAGE_2): TimescaleStep.STAGE_2_RESPONSE,
    (Procedure.COMMENT, RECEIVED): TimescaleStep.COMMENT_RESPONSE,
    (Procedure.COMMENT, SCREENING): TimescaleStep.COMMENT_RESPONSE,
    (Procedure.COMMENT, AWAITING_RESPONSE): TimescaleStep.COMMENT_RESPONSE,
}

# Before screening only the kind of feedback is known. A complaint (or a request for an advocate, which comes
# before one) may go to either complaints procedure, so it gets whichever acknowledgement date comes first.
_KIND_PROCEDURES: dict[FeedbackKind, tuple[Procedure, ...]] = {
    FeedbackKind.COMPLAINT: (Procedure.STATUTORY, Procedure.CORPORATE),
    FeedbackKind.ADVOCACY_REQUEST: (Procedure.STATUTORY, Procedure.CORPORATE),
    FeedbackKind.COMMENT: (Procedure.COMMENT,),
    FeedbackKind.COMPLIMENT: (Procedure.COMPLIMENT,),
    FeedbackKind.DUTY_MATTER: (),
}


# The policy section whose closure-day setting each procedure's clocks follow. Before screening a complaint's clock
# follows the statutory rule, which never skips closure days, so no deadline is later than the law allows.
_CLOCK_SECTIONS: dict[Procedure | FeedbackKind, str | None] = {
    Procedure.STATUTORY: "statutory",
    Procedure.CORPORATE: "corporate",
    Procedure.COMMENT: "comment",
    Procedure.COMPLIMENT: None,
    Procedure.NOT_ACCEPTED: None,
    Procedure.OUTSIDE_PROCEDURES: None,
    FeedbackKind.COMPLAINT: "statutory",
    FeedbackKind.ADVOCACY_REQUEST: "statutory",
    FeedbackKind.COMMENT: "comment",
    FeedbackKind.COMPLIMENT: None,
    FeedbackKind.DUTY_MATTER: None,
}


def non_working_days(
    procedure_or_kind: Procedure | FeedbackKind | None, policy: TimescalePolicy, calendar: WorkingCalendar
) -> Holidays:
    """The days besides weekends that the clocks of a procedure skip (or of a kind of feedback before screening).

    Bank holidays always. The council's closure days only when the procedure's policy section says so
    (``skip_closure_days``): never for the statutory procedure, because regulation 2 of the 2006 Regulations counts
    them as working days; by default yes for the corporate procedure and comments. Before screening a complaint
    counts as statutory; what has no timescale (compliments, ``None``) skips bank holidays only. Source:
    domain.md section 4.
    """
    section = _CLOCK_SECTIONS.get(procedure_or_kind) if procedure_or_kind is not None else None
    skip = section is not None and getattr(policy, section).skip_closure_days
    return calendar.days_off(skip)


def has_timescale(procedure: Procedure, step: TimescaleStep) -> bool:
    """Whether ``step`` has a timescale in ``procedure`` (the table in this module; domain.md section 4)."""
    return (procedure, step) in _STEP_RULES


def is_extendable(procedure: Procedure, step: TimescaleStep) -> bool:
    """Whether the policy allows ``step`` of ``procedure`` to be extended (domain.md section 4)."""
    rule = _STEP_RULES.get((procedure, step))
    return rule is not None and rule.extended_days is not None


def counted_from(procedure: Procedure, step: TimescaleStep) -> str:
    """What ``started_on`` means for ``step``, in plain English, e.g. "the day the complaint was acknowledged".

    Raises ``ValueError`` when the step has no timescale in the procedure. Source: domain.md section 4 and the
    Complaint Handling Code.
    """
    return _rule(procedure, step).counted_from


def due_date(
    procedure: Procedure,
    step: TimescaleStep,
    started_on: date,
    policy: TimescalePolicy,
    calendar: WorkingCalendar,
    extended: bool = False,
) -> date:
    """The due date of ``step``: the policy's number of working days after ``started_on``.

    ``started_on`` is the day given by ``counted_from(procedure, step)``; day 1 is the first working day after it.
    The days skipped are ``non_working_days(procedure, policy, calendar)``: council closure days never move a
    statutory deadline (regulation 2).
    With ``extended=True`` it is the latest date the policy allows after extension: statutory Stage 1 20 and
    Stage 2 65 working days in total; corporate Stage 1 10 + 10 and Stage 2 20 + 20 from the acknowledgement.
    Raises ``ValueError`` for a step the procedure does not time, or ``extended=True`` for a step that cannot be
    extended. Source: domain.md section 4 (2006 Regulations; the Ombudsman's Complaint Handling Code).
    """
    rule = _rule(procedure, step)
    name = rule.days
    if extended:
        if rule.extended_days is None:
            raise ValueError(f'{procedure.label}: the "{step.label}" timescale cannot be extended.')
        name = rule.extended_days
    days = getattr(getattr(policy, rule.section), name)
    return add_working_days(started_on, days, non_working_days(procedure, policy, calendar))


def deadline_for(
    procedure: Procedure,
    state: CaseState,
    started_on: date,
    policy: TimescalePolicy,
    calendar: WorkingCalendar,
    extended: bool = False,
) -> date | None:
    """The due date of the step a case in ``state`` is working towards, or ``None`` if that state has no timescale.

    What ``started_on`` means depends on the state (``counted_from`` says it in words); day 1 is the first working
    day after it:

    - received or screening, for a complaint: the day the submission was received; the due date is the
      acknowledgement deadline (statutory 3, corporate 5 working days).
    - a comment, whatever its state until it is answered: the day the comment was received; 10 working days (its
      receipt was its acknowledgement).
    - a compliment: ``None`` (its receipt was its acknowledgement and nothing else is timed).
    - statutory Stage 1: the day the complaint was received; 10 working days, or 20 when extended.
    - statutory Stage 2: the day the terms of reference were agreed; 25 working days, or 65 when extended.
    - statutory Stage 3: the day the request for a review panel was received; the panel meets within 30 working
      days (the findings and the council's response are separate steps: use ``due_date``).
    - corporate Stage 1: the day the complaint was acknowledged; 10 working days, or 10 + 10 when extended.
    - corporate Stage 2: the day the Stage 2 request was acknowledged; 20 working days, or 20 + 20 when extended.
    - mediation, on hold, Ombudsman and closed: ``None`` (the procedure sets no timescale: a hold has a review date
      instead, and Ombudsman dates are the Ombudsman's own).

    Source: domain.md section 4 (2006 Regulations; the Ombudsman's Complaint Handling Code from 1 April 2026).
    """
    step = STATE_STEPS.get((procedure, state))
    if step is None:
        return None
    return due_date(procedure, step, started_on, policy, calendar, extended=extended)


def acknowledgement_due(
    procedure_or_kind: Procedure | FeedbackKind, received_on: date, policy: TimescalePolicy, calendar: WorkingCalendar
) -> date | None:
    """The last day to acknowledge a submission received on ``received_on``; day 1 is the next working day.

    Give the procedure once screening has chosen it. Before screening give the kind of feedback: a complaint (or a
    request for an advocate, which comes before a complaint) gets the earlier of the statutory and corporate dates
    (3 and 5 working days by default), so the acknowledgement is in time whichever procedure screening chooses.
    ``None`` when there is no acknowledgement timescale: comments and compliments (their receipt acknowledges them,
    so they are never overdue for one), duty matters, complaints not accepted and matters outside the procedures.
    Source: domain.md sections 2 and 4.
    """
    if isinstance(procedure_or_kind, FeedbackKind):
        procedures = _KIND_PROCEDURES[procedure_or_kind]
    else:
        procedures = (procedure_or_kind,)
    dates = [
        due_date(procedure, TimescaleStep.ACKNOWLEDGE, received_on, policy, calendar)
        for procedure in procedures
        if has_timescale(procedure, TimescaleStep.ACKNOWLEDGE)
    ]
    return min(dates, default=None)


def response_due(
    kind: FeedbackKind, received_on: date, policy: TimescalePolicy, calendar: WorkingCalendar
) -> date | None:
    """The date the receipt of a new submission promises a reply by, or ``None`` when the receipt promises none.

    A comment is acknowledged by its receipt and answered within the comment timescale from the day it arrived
    (10 working days by default), so its receipt says "we will reply by" that day. A complaint's receipt promises
    the acknowledgement instead (``acknowledgement_due``), and a compliment needs no reply. Source: domain.md
    section 2.
    """
    if kind is not FeedbackKind.COMMENT:
        return None
    return due_date(Procedure.COMMENT, TimescaleStep.COMMENT_RESPONSE, received_on, policy, calendar)


def _rule(procedure: Procedure, step: TimescaleStep) -> StepRule:
    rule = _STEP_RULES.get((procedure, step))
    if rule is None:
        raise ValueError(f'{procedure.label}: there is no timescale for "{step.label}".')
    return rule


# ---------------------------------------------------------------------------------------------------------------
# Holds (regulation 8 of the 2006 Regulations)


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
    rule. A case can be held from screening or from any stage (the tables in this module).
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
    Regulations require, so the clock of the stage it was held at starts again, in full, from the day the hold ends:
    day 1 is the first working day after it. A case held at screening goes to its procedure's first stage (Stage 1).
    A complaint not yet acknowledged gets its acknowledgement deadline from that day too; a corporate Stage 1
    clock then waits for the acknowledgement, as it always does (Complaint Handling Code). Raises ``InvalidHold``
    when ``ended_on`` is before the hold began. The corporate procedure follows the same rule.
    """
    if ended_on < hold.held_on:
        raise InvalidHold(f"The hold cannot end before it started on {format_date(hold.held_on)}.")
    state = first_state(procedure) if hold.held_from is SCREENING else hold.held_from
    transition(procedure, ON_HOLD, state)
    acknowledge_by = None if acknowledged else acknowledgement_due(procedure, ended_on, policy, calendar)
    if procedure is Procedure.CORPORATE and state is STAGE_1 and not acknowledged:
        return Resumed(state=state, clock_started_on=None, due_on=None, acknowledgement_due_on=acknowledge_by)
    return Resumed(
        state=state,
        clock_started_on=ended_on,
        due_on=deadline_for(procedure, state, ended_on, policy, calendar),
        acknowledgement_due_on=acknowledge_by,
    )


# ---------------------------------------------------------------------------------------------------------------
# Extensions


class InvalidExtension(ValueError):
    """An extension that the rules do not allow: no reason, a date not after the current one, or too long."""


@dataclass(frozen=True)
class Extension:
    """An agreed extension: the reason told to the complainant, the new due date and when it was agreed."""

    reason: str
    new_due_on: date
    granted_on: date
    previous_due_on: date


def extend(current_due: date, new_due: date, reason: str, maximum_due: date | None, granted_on: date) -> Extension:
    """Checks an extension of a due date and returns it as an ``Extension``, or raises ``InvalidExtension``.

    Rules (domain.md section 4): a reason is required, because the complainant must be told it; the new date must
    be after the current due date and after the day the extension is granted; and it cannot be later than
    ``maximum_due``, the longest the policy allows, which is ``due_date(..., extended=True)``: statutory Stage 1
    20 and Stage 2 65 working days from the start; corporate Stage 1 10 more working days (the Complaint Handling
    Code allows one extension). ``maximum_due=None`` means the policy sets no limit. Dates are calendar dates; the
    caller turns working days into dates with ``portal.domain.calendar``.
    """
    reason = (reason or "").strip()
    if not reason:
        raise InvalidExtension("Enter the reason for the extension: the complainant must be told why.")
    if new_due <= current_due:
        raise InvalidExtension(f"The new due date must be after the current due date, {format_date(current_due)}.")
    if new_due <= granted_on:
        raise InvalidExtension(
            f"The new due date must be after the day the extension is agreed, {format_date(granted_on)}."
        )
    if maximum_due is not None and new_due > maximum_due:
        raise InvalidExtension(
            f"The new due date cannot be later than {format_date(maximum_due)}, the longest extension the "
            "timescale policy allows."
        )
    return Extension(reason=reason, new_due_on=new_due, granted_on=granted_on, previous_due_on=current_due)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(day: date) -> str:
    """A date as people read it in GOV.UK style, e.g. "6 January 2027" (whatever the system locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
