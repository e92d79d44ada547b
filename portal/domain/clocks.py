"""The timed steps of the procedures: which event starts each clock, which event stops it, and its due date.

Fourteen steps have a timescale in working days (domain.md section 4; defaults in ``portal.domain.timescales``,
which a council may change within the law):

| # | procedure | step | working days | counted from | completed by |
|---|---|---|---|---|---|
| 1 | statutory | acknowledge | 3 | received | acknowledged |
| 2 | statutory | Stage 1 response | 10, up to 20 in total | received (the start date) | Stage 1 response sent |
| 3 | statutory | complainant asks for Stage 2 | 20 | Stage 1 response sent | Stage 2 requested |
| 4 | statutory | Stage 2 response | 25, up to 65 in total | terms of reference agreed | adjudication sent |
| 5 | statutory | complainant asks for a review panel | 20 | adjudication sent | Stage 3 requested |
| 6 | statutory | review panel meets | 30 | Stage 3 requested | panel held |
| 7 | statutory | review panel's findings | 5 | panel held | findings received |
| 8 | statutory | council's response to the panel | 15 | findings received | panel response sent |
| 9 | corporate | acknowledge | 5 | received | acknowledged |
| 10 | corporate | Stage 1 response | 10, once up to 10 more | acknowledged | Stage 1 response sent |
| 11 | corporate | complainant asks for Stage 2 | 20 (portal) | Stage 1 response sent | Stage 2 requested |
| 12 | corporate | Stage 2 acknowledgement | 5 | Stage 2 requested | Stage 2 acknowledged |
| 13 | corporate | Stage 2 response | 20, up to 20 more (portal) | Stage 2 acknowledged | Stage 2 response sent |
| 14 | comment | response to the comment | 10 (portal) | received | comment answered |

"(portal)" marks a portal default that no law sets. Sources: the 2006 Regulations (statutory), the Ombudsman's
Complaint Handling Code, which the Ombudsman applies to councils from 1 April 2026 (corporate), seeds 003 and 004.
Mediation, holds and the Ombudsman have no timescale of the procedure: a hold has a review date, and the Ombudsman
sets its own dates. Comments and compliments are acknowledged by the receipt sent when they arrive, so neither has
an acknowledgement step. The Code sets no time to ask for Stage 2, but the Stage 1 letter must say by when, so the
corporate window is a portal default (a setting).

Day-counting convention (``portal.domain.calendar``): day 1 is the first working day after the day of the event
that starts the clock. Each procedure's clock skips the days ``non_working_days()`` gives it: bank holidays always;
the council's closure days only where the policy says so, and never for the statutory procedure (regulation 2).
"""

from dataclasses import dataclass
from datetime import date

from portal.domain.calendar import Holidays, WorkingCalendar, add_working_days, format_date
from portal.domain.timescales import TimescalePolicy
from portal.domain.types import CaseState, ClockEvent, FeedbackKind, Procedure, TimescaleStep

E = ClockEvent
T = TimescaleStep


@dataclass(frozen=True)
class StepRule:
    """Where a step's timescale lives in the policy, the events that start and complete it, and the day its clock
    starts from in words."""

    section: str
    days: str
    extended_days: str | None
    starts: ClockEvent
    completed_by: ClockEvent
    counted_from: str


_STEP_RULES: dict[tuple[Procedure, TimescaleStep], StepRule] = {
    (Procedure.STATUTORY, T.ACKNOWLEDGE): StepRule(
        "statutory", "acknowledge", None, E.RECEIVED, E.ACKNOWLEDGED, "the day the complaint was received"
    ),
    (Procedure.STATUTORY, T.STAGE_1_RESPONSE): StepRule(
        "statutory",
        "stage_1",
        "stage_1_extended",
        E.RECEIVED,
        E.STAGE_1_RESPONSE_SENT,
        "the day the complaint was received (the start date)",
    ),
    (Procedure.STATUTORY, T.REQUEST_STAGE_2): StepRule(
        "statutory",
        "request_stage_2",
        None,
        E.STAGE_1_RESPONSE_SENT,
        E.STAGE_2_REQUESTED,
        "the day the Stage 1 response was sent",
    ),
    (Procedure.STATUTORY, T.STAGE_2_RESPONSE): StepRule(
        "statutory",
        "stage_2",
        "stage_2_extended",
        E.TERMS_OF_REFERENCE_AGREED,
        E.ADJUDICATION_SENT,
        "the day the terms of reference were agreed",
    ),
    (Procedure.STATUTORY, T.REQUEST_STAGE_3): StepRule(
        "statutory",
        "request_stage_3",
        None,
        E.ADJUDICATION_SENT,
        E.STAGE_3_REQUESTED,
        "the day the Stage 2 adjudication was sent",
    ),
    (Procedure.STATUTORY, T.STAGE_3_PANEL): StepRule(
        "statutory",
        "stage_3_panel",
        None,
        E.STAGE_3_REQUESTED,
        E.PANEL_HELD,
        "the day the request for a review panel was received",
    ),
    (Procedure.STATUTORY, T.STAGE_3_FINDINGS): StepRule(
        "statutory", "stage_3_findings", None, E.PANEL_HELD, E.FINDINGS_RECEIVED, "the day the review panel met"
    ),
    (Procedure.STATUTORY, T.STAGE_3_RESPONSE): StepRule(
        "statutory",
        "stage_3_response",
        None,
        E.FINDINGS_RECEIVED,
        E.PANEL_RESPONSE_SENT,
        "the day the council received the panel's findings",
    ),
    (Procedure.CORPORATE, T.ACKNOWLEDGE): StepRule(
        "corporate", "acknowledge", None, E.RECEIVED, E.ACKNOWLEDGED, "the day the complaint was received"
    ),
    (Procedure.CORPORATE, T.STAGE_1_RESPONSE): StepRule(
        "corporate",
        "stage_1",
        "stage_1_extended",
        E.ACKNOWLEDGED,
        E.STAGE_1_RESPONSE_SENT,
        "the day the complaint was acknowledged",
    ),
    (Procedure.CORPORATE, T.REQUEST_STAGE_2): StepRule(
        "corporate",
        "request_stage_2",
        None,
        E.STAGE_1_RESPONSE_SENT,
        E.STAGE_2_REQUESTED,
        "the day the Stage 1 response was sent",
    ),
    (Procedure.CORPORATE, T.STAGE_2_ACKNOWLEDGE): StepRule(
        "corporate",
        "stage_2_acknowledge",
        None,
        E.STAGE_2_REQUESTED,
        E.STAGE_2_ACKNOWLEDGED,
        "the day the Stage 2 request was received",
    ),
    (Procedure.CORPORATE, T.STAGE_2_RESPONSE): StepRule(
        "corporate",
        "stage_2",
        "stage_2_extended",
        E.STAGE_2_ACKNOWLEDGED,
        E.STAGE_2_RESPONSE_SENT,
        "the day the Stage 2 request was acknowledged",
    ),
    (Procedure.COMMENT, T.COMMENT_RESPONSE): StepRule(
        "comment", "response", None, E.RECEIVED, E.COMMENT_ANSWERED, "the day the comment was received"
    ),
}

TIMED_STEPS: tuple[tuple[Procedure, TimescaleStep], ...] = tuple(_STEP_RULES)

# The complainant's time to ask for the next stage: not a deadline the council has to meet.
COMPLAINANT_WINDOWS = frozenset({T.REQUEST_STAGE_2, T.REQUEST_STAGE_3})

# The step whose due date a case in each state is working towards.
STATE_STEPS: dict[tuple[Procedure, CaseState], TimescaleStep] = {
    (Procedure.STATUTORY, CaseState.RECEIVED): T.ACKNOWLEDGE,
    (Procedure.STATUTORY, CaseState.SCREENING): T.ACKNOWLEDGE,
    (Procedure.STATUTORY, CaseState.STAGE_1): T.STAGE_1_RESPONSE,
    (Procedure.STATUTORY, CaseState.STAGE_1_RESPONDED): T.REQUEST_STAGE_2,
    (Procedure.STATUTORY, CaseState.STAGE_2): T.STAGE_2_RESPONSE,
    (Procedure.STATUTORY, CaseState.STAGE_2_ADJUDICATED): T.REQUEST_STAGE_3,
    (Procedure.STATUTORY, CaseState.STAGE_3_REQUESTED): T.STAGE_3_PANEL,
    (Procedure.STATUTORY, CaseState.STAGE_3_PANEL_HELD): T.STAGE_3_FINDINGS,
    (Procedure.STATUTORY, CaseState.STAGE_3_FINDINGS): T.STAGE_3_RESPONSE,
    (Procedure.CORPORATE, CaseState.RECEIVED): T.ACKNOWLEDGE,
    (Procedure.CORPORATE, CaseState.SCREENING): T.ACKNOWLEDGE,
    (Procedure.CORPORATE, CaseState.STAGE_1): T.STAGE_1_RESPONSE,
    (Procedure.CORPORATE, CaseState.STAGE_1_RESPONDED): T.REQUEST_STAGE_2,
    (Procedure.CORPORATE, CaseState.STAGE_2_REQUESTED): T.STAGE_2_ACKNOWLEDGE,
    (Procedure.CORPORATE, CaseState.STAGE_2): T.STAGE_2_RESPONSE,
    (Procedure.COMMENT, CaseState.RECEIVED): T.COMMENT_RESPONSE,
    (Procedure.COMMENT, CaseState.SCREENING): T.COMMENT_RESPONSE,
    (Procedure.COMMENT, CaseState.AWAITING_RESPONSE): T.COMMENT_RESPONSE,
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
    """Whether the policy allows ``step`` of ``procedure`` to be extended: Stage 1 and Stage 2 responses, in both
    complaints procedures (domain.md section 4)."""
    rule = _STEP_RULES.get((procedure, step))
    return rule is not None and rule.extended_days is not None


def is_complainants_window(step: TimescaleStep) -> bool:
    """Whether ``step`` is the complainant's time to ask for the next stage rather than the council's deadline: its
    due date is the last day to ask, it is never "missed" by the council, and a late request may still be accepted
    at the council's discretion (``check_escalation_request``). Source: domain.md section 4."""
    return step in COMPLAINANT_WINDOWS


def counted_from(procedure: Procedure, step: TimescaleStep) -> str:
    """What ``started_on`` means for ``step``, in plain English, e.g. "the day the complaint was acknowledged".

    Raises ``ValueError`` when the step has no timescale in the procedure. Source: domain.md section 4 and the
    Complaint Handling Code.
    """
    return _rule(procedure, step).counted_from


def clock_event(procedure: Procedure, step: TimescaleStep) -> ClockEvent:
    """The event whose day starts the clock of ``step`` in ``procedure`` (the table in this module's docstring).

    For example statutory Stage 1 runs from receipt (the start date), corporate Stage 1 from the
    acknowledgement (Complaint Handling Code) and statutory Stage 2 from the day the terms of reference are agreed
    (domain.md section 4; Sandwell's Stage 2 table). Raises ``ValueError`` for a step the procedure does not time.
    """
    return _rule(procedure, step).starts


def completed_by(procedure: Procedure, step: TimescaleStep) -> ClockEvent:
    """The event that completes ``step`` in ``procedure`` and stops its clock; its day is what ``timescale_met``
    compares with the due date. Raises ``ValueError`` for a step the procedure does not time."""
    return _rule(procedure, step).completed_by


def steps_started_by(procedure: Procedure, event: ClockEvent) -> list[TimescaleStep]:
    """The steps of ``procedure`` whose clocks ``event`` starts, in ``TimescaleStep`` order (possibly none).

    Receipt starts the statutory acknowledgement and Stage 1 clocks together; a Stage 1 response starts the
    complainant's time to ask for Stage 2; and so on (the table in this module's docstring)."""
    return [step for step in TimescaleStep if (rule := _STEP_RULES.get((procedure, step))) and rule.starts is event]


def steps_completed_by(procedure: Procedure, event: ClockEvent) -> list[TimescaleStep]:
    """The steps of ``procedure`` that ``event`` completes, in ``TimescaleStep`` order (possibly none)."""
    return [
        step for step in TimescaleStep if (rule := _STEP_RULES.get((procedure, step))) and rule.completed_by is event
    ]


def due_date(
    procedure: Procedure,
    step: TimescaleStep,
    started_on: date,
    policy: TimescalePolicy,
    calendar: WorkingCalendar,
    extended: bool = False,
) -> date:
    """The due date of ``step``: the policy's number of working days after ``started_on``.

    ``started_on`` is the day of ``clock_event(procedure, step)``; day 1 is the first working day after it.
    The days skipped are ``non_working_days(procedure, policy, calendar)``: council closure days never move a
    statutory deadline (regulation 2). With ``extended=True`` it is the latest date the policy allows after
    extension: statutory Stage 1 20 and Stage 2 65 working days in total; corporate Stage 1 10 + 10 and Stage 2
    20 + 20 from the acknowledgement. Raises ``ValueError`` for a step the procedure does not time, or
    ``extended=True`` for a step that cannot be extended. Source: domain.md section 4 (2006 Regulations; the
    Ombudsman's Complaint Handling Code).
    """
    rule = _rule(procedure, step)
    name = rule.days
    if extended:
        if rule.extended_days is None:
            raise ValueError(f'{procedure.label}: the "{step.label}" timescale cannot be extended.')
        name = rule.extended_days
    days = getattr(getattr(policy, rule.section), name)
    return add_working_days(started_on, days, non_working_days(procedure, policy, calendar))


@dataclass(frozen=True)
class Clock:
    """A clock that has started: its step, the day it started from, its due date and the latest due date any
    extension may reach (the due date itself when the step cannot be extended)."""

    procedure: Procedure
    step: TimescaleStep
    started_on: date
    due_on: date
    latest_due_on: date


def start_clock(
    procedure: Procedure, step: TimescaleStep, started_on: date, policy: TimescalePolicy, calendar: WorkingCalendar
) -> Clock:
    """The clock of ``step`` started on ``started_on`` with its due dates (``due_date``). Raises ``ValueError`` for a
    step the procedure does not time."""
    due_on = due_date(procedure, step, started_on, policy, calendar)
    latest = (
        due_date(procedure, step, started_on, policy, calendar, extended=True)
        if is_extendable(procedure, step)
        else due_on
    )
    return Clock(procedure=procedure, step=step, started_on=started_on, due_on=due_on, latest_due_on=latest)


def clocks_started_by(
    procedure: Procedure, event: ClockEvent, happened_on: date, policy: TimescalePolicy, calendar: WorkingCalendar
) -> list[Clock]:
    """The clocks ``event`` starts in ``procedure`` when it happens on ``happened_on``: one per
    ``steps_started_by(procedure, event)``, each with its due dates. The app keeps one record per clock started."""
    return [start_clock(procedure, step, happened_on, policy, calendar) for step in steps_started_by(procedure, event)]


def deadline_for(
    procedure: Procedure,
    state: CaseState,
    started_on: date,
    policy: TimescalePolicy,
    calendar: WorkingCalendar,
    extended: bool = False,
) -> date | None:
    """The due date of the step a case in ``state`` is working towards, or ``None`` if that state has no timescale.

    ``started_on`` is the day of the event that starts that step's clock (``clock_event``; ``counted_from`` says it
    in words); day 1 is the first working day after it:

    - received or screening, for a complaint: receipt; the acknowledgement (statutory 3, corporate 5 working days).
    - a comment, whatever its state until it is answered: receipt; 10 working days (its receipt acknowledged it).
    - a compliment: ``None`` (its receipt was its acknowledgement and nothing else is timed).
    - Stage 1: statutory from receipt, 10 working days (20 when extended); corporate from the acknowledgement, 10
      (10 + 10 when extended).
    - Stage 1 response sent: the complainant's last day to ask for Stage 2, 20 working days after the response.
    - Stage 2 requested: corporate, the Stage 2 acknowledgement, 5 working days from the request; statutory
      ``None`` (the Stage 2 clock waits for the terms of reference).
    - Stage 2: statutory from the terms of reference, 25 (65 when extended); corporate from the Stage 2
      acknowledgement, 20 (20 + 20 when extended).
    - adjudication sent: the last day to ask for a review panel, 20 working days after the adjudication.
    - review panel requested: the panel meets within 30 working days of the request; panel held: its findings within
      5 of the meeting; findings received: the council's response within 15 of receiving them.
    - mediation, on hold, Ombudsman and closed: ``None`` (a hold has a review date instead, and Ombudsman dates are
      the Ombudsman's own).

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
        due_date(procedure, T.ACKNOWLEDGE, received_on, policy, calendar)
        for procedure in procedures
        if has_timescale(procedure, T.ACKNOWLEDGE)
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
    return due_date(Procedure.COMMENT, T.COMMENT_RESPONSE, received_on, policy, calendar)


def timescale_met(completed_on: date, due_on: date, extended_to: date | None = None) -> bool:
    """Whether a step completed on ``completed_on`` met its timescale: on or before its due date, or the date an
    agreed extension moved it to (``extended_to``). An extension agreed and told to the complainant within the
    policy counts as in time, as the seeds report it (domain.md section 4; seed 004's Stage 2 table)."""
    return completed_on <= (extended_to if extended_to is not None else due_on)


class InvalidRequest(ValueError):
    """A request for the next stage that cannot be recorded as it stands: before the response it escalates, or late
    without the reason the council accepted it."""


@dataclass(frozen=True)
class EscalationRequest:
    """A request for the next stage: when it came, the last day it could come, and why a late one was accepted."""

    requested_on: date
    last_day: date
    in_time: bool
    late_reason: str | None


def check_escalation_request(
    procedure: Procedure,
    step: TimescaleStep,
    window_started_on: date,
    requested_on: date,
    policy: TimescalePolicy,
    calendar: WorkingCalendar,
    late_reason: str | None = None,
) -> EscalationRequest:
    """Checks a request for Stage 2 (``step=REQUEST_STAGE_2``) or a review panel (``REQUEST_STAGE_3``) against the
    complainant's window, which starts on ``window_started_on`` (the day the response was sent).

    In time on or before the last day (``due_date``): 20 working days after the response by default. A later request
    may be accepted at the council's discretion, with the reason recorded (domain.md section 4; issue 11); without a
    reason it raises ``InvalidRequest``, as it does for a request dated before the response. Raises ``ValueError``
    for a step that is not a complainant's window.
    """
    if not is_complainants_window(step):
        raise ValueError(f'"{step.label}" is not the complainant\'s time to ask for the next stage.')
    last_day = due_date(procedure, step, window_started_on, policy, calendar)
    if requested_on < window_started_on:
        raise InvalidRequest(
            f"The request cannot be dated before the response it asks to escalate, sent on "
            f"{format_date(window_started_on)}."
        )
    in_time = requested_on <= last_day
    reason = (late_reason or "").strip() or None
    if not in_time and reason is None:
        raise InvalidRequest(
            f"The request came after {format_date(last_day)}, the last day to ask. Enter why the council accepts "
            "it late, or refuse it."
        )
    return EscalationRequest(
        requested_on=requested_on, last_day=last_day, in_time=in_time, late_reason=None if in_time else reason
    )


def _rule(procedure: Procedure, step: TimescaleStep) -> StepRule:
    rule = _STEP_RULES.get((procedure, step))
    if rule is None:
        raise ValueError(f'{procedure.label}: there is no timescale for "{step.label}".')
    return rule
