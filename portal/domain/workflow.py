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

Due dates come from the ``TimescalePolicy`` and ``portal.domain.calendar``: day 1 is the first working day after
the day the clock starts from. ``counted_from()`` gives that day in plain English for each step.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from portal.domain.calendar import Holidays, add_working_days
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
        | _closable([STAGE_1, MEDIATION, STAGE_2, STAGE_3, OMBUDSMAN]),
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
        | _closable([STAGE_1, STAGE_2, OMBUDSMAN]),
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
    (Procedure.COMMENT, TimescaleStep.ACKNOWLEDGE): StepRule(
        "comment", "acknowledge", None, "the day the comment was received"
    ),
    (Procedure.COMMENT, TimescaleStep.COMMENT_RESPONSE): StepRule(
        "comment", "response", None, "the day the comment was received"
    ),
    (Procedure.COMPLIMENT, TimescaleStep.ACKNOWLEDGE): StepRule(
        "compliment", "acknowledge", None, "the day the compliment was received"
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
    (Procedure.COMMENT, RECEIVED): TimescaleStep.ACKNOWLEDGE,
    (Procedure.COMMENT, SCREENING): TimescaleStep.ACKNOWLEDGE,
    (Procedure.COMMENT, AWAITING_RESPONSE): TimescaleStep.COMMENT_RESPONSE,
    (Procedure.COMPLIMENT, RECEIVED): TimescaleStep.ACKNOWLEDGE,
    (Procedure.COMPLIMENT, SCREENING): TimescaleStep.ACKNOWLEDGE,
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
    holidays: Holidays,
    extended: bool = False,
) -> date:
    """The due date of ``step``: the policy's number of working days after ``started_on``.

    ``started_on`` is the day given by ``counted_from(procedure, step)``; day 1 is the first working day after it.
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
    return add_working_days(started_on, days, holidays)


def deadline_for(
    procedure: Procedure,
    state: CaseState,
    started_on: date,
    policy: TimescalePolicy,
    holidays: Holidays,
    extended: bool = False,
) -> date | None:
    """The due date of the step a case in ``state`` is working towards, or ``None`` if that state has no timescale.

    What ``started_on`` means depends on the state (``counted_from`` says it in words); day 1 is the first working
    day after it:

    - received or screening (any procedure with an acknowledgement): the day the submission was received; the due
      date is the acknowledgement deadline (statutory 3, corporate 5, comment 3, compliment 5 working days).
    - statutory Stage 1: the day the complaint was received; 10 working days, or 20 when extended.
    - statutory Stage 2: the day the terms of reference were agreed; 25 working days, or 65 when extended.
    - statutory Stage 3: the day the request for a review panel was received; the panel meets within 30 working
      days (the findings and the council's response are separate steps: use ``due_date``).
    - corporate Stage 1: the day the complaint was acknowledged; 10 working days, or 10 + 10 when extended.
    - corporate Stage 2: the day the Stage 2 request was acknowledged; 20 working days, or 20 + 20 when extended.
    - comment awaiting a response: the day the comment was received; 10 working days.
    - mediation, Ombudsman and closed: ``None`` (the procedure sets no timescale; Ombudsman dates are the
      Ombudsman's own).

    Source: domain.md section 4 (2006 Regulations; the Ombudsman's Complaint Handling Code from 1 April 2026).
    """
    step = STATE_STEPS.get((procedure, state))
    if step is None:
        return None
    return due_date(procedure, step, started_on, policy, holidays, extended=extended)


def acknowledgement_due(
    procedure_or_kind: Procedure | FeedbackKind, received_on: date, policy: TimescalePolicy, holidays: Holidays
) -> date | None:
    """The last day to acknowledge a submission received on ``received_on``; day 1 is the next working day.

    Give the procedure once screening has chosen it. Before screening give the kind of feedback: a complaint (or a
    request for an advocate, which comes before a complaint) gets the earlier of the statutory and corporate dates
    (3 and 5 working days by default), so the acknowledgement is in time whichever procedure screening chooses; a
    comment or compliment gets its own. ``None`` when there is no acknowledgement timescale: duty matters,
    complaints not accepted and matters outside the procedures. Source: domain.md sections 2 and 4.
    """
    if isinstance(procedure_or_kind, FeedbackKind):
        procedures = _KIND_PROCEDURES[procedure_or_kind]
    else:
        procedures = (procedure_or_kind,)
    dates = [
        due_date(procedure, TimescaleStep.ACKNOWLEDGE, received_on, policy, holidays)
        for procedure in procedures
        if has_timescale(procedure, TimescaleStep.ACKNOWLEDGE)
    ]
    return min(dates, default=None)


def _rule(procedure: Procedure, step: TimescaleStep) -> StepRule:
    rule = _STEP_RULES.get((procedure, step))
    if rule is None:
        raise ValueError(f'{procedure.label}: there is no timescale for "{step.label}".')
    return rule


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
