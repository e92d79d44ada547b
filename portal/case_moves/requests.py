"""Asking for the next stage (issue 11, items 4 to 6): what the complainant does after a response, either on the
tracking pages themselves (``by_complainant=True``) or by phone, email or letter, recorded by staff.

- Stage 2 may be asked for within 20 working days of the Stage 1 response, and a review panel (statutory Stage 3)
  within 20 of the Stage 2 adjudication (domain.md section 4; the corporate window is a portal setting). The request
  is checked against that window by ``portal.domain.clocks.check_escalation_request``: a later one is accepted only
  at the council's discretion, with the reason recorded, so a person asking late on the tracking pages is told to
  contact the council instead (``InvalidRequest``).
- A closed case reopens only into the stage after its last response (``portal.domain.moves``): after Stage 1 into
  Stage 2, after a statutory Stage 2 into Stage 3, never straight from Stage 1 into Stage 3.
- The request moves the case through `portal.case_moves.moving` with the event that completes the complainant's
  window and starts the next clocks (corporate: the Stage 2 acknowledgement, 5 working days), and keeps a `Stage2`
  or `ReviewPanel` with the request's dates, in one audited change.

The Ombudsman sending a complaint back for the next stage is not a request: see `portal.casework.ombudsman`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.case_moves.moving import CaseChange, change_case, event_day
from portal.common.clock import uk_today
from portal.common.working_calendar import council_calendar
from portal.data.escalation_models import REQUESTED_ONLINE, REQUESTED_TO_STAFF, ReviewPanel, Stage2
from portal.data.models import Case, StaffUser
from portal.data.queries import escalation as queries
from portal.data.queries.settings import timescale_policy
from portal.domain.clocks import InvalidRequest, check_escalation_request, due_date
from portal.domain.moves import allowed_moves, state_label
from portal.domain.types import CaseState, ClockEvent, TimescaleStep

__all__ = [
    "InvalidRequest",
    "current_panel",
    "current_stage_2",
    "last_day_to_ask",
    "record_stage_2_request",
    "record_stage_3_request",
    "requestable_stage",
]


@dataclass(frozen=True)
class _Stage:
    number: int
    requested: CaseState
    window: TimescaleStep
    window_opened_by: ClockEvent
    event: ClockEvent
    name: str


_STAGES = {
    2: _Stage(
        2,
        CaseState.STAGE_2_REQUESTED,
        TimescaleStep.REQUEST_STAGE_2,
        ClockEvent.STAGE_1_RESPONSE_SENT,
        ClockEvent.STAGE_2_REQUESTED,
        "Stage 2",
    ),
    3: _Stage(
        3,
        CaseState.STAGE_3_REQUESTED,
        TimescaleStep.REQUEST_STAGE_3,
        ClockEvent.ADJUDICATION_SENT,
        ClockEvent.STAGE_3_REQUESTED,
        "a review panel (Stage 3)",
    ),
}
# The states from which the complainant asks: the time to ask after a response, or a closed case (late).
_ASKING_FROM = frozenset({CaseState.STAGE_1_RESPONDED, CaseState.STAGE_2_ADJUDICATED, CaseState.CLOSED})


def current_stage_2(case: Case) -> Stage2 | None:
    """The case's latest Stage 2 (a case sent back by the Ombudsman may have had an earlier one)."""
    return case.stage_2s[-1] if case.stage_2s else None


def current_panel(case: Case) -> ReviewPanel | None:
    """The case's latest review panel."""
    return case.review_panels[-1] if case.review_panels else None


def requestable_stage(case: Case) -> int | None:
    """The stage the complainant may ask for now, 2 or 3, or ``None``: Stage 2 after a Stage 1 response, a review
    panel after a statutory Stage 2 adjudication, also once the case has closed after that response (a late request,
    accepted at the council's discretion). Source: ``portal.domain.moves``."""
    if case.procedure is None or case.state not in _ASKING_FROM:
        return None
    allowed = allowed_moves(case.procedure, case.state, progress=case.progress)
    return next((number for number, stage in _STAGES.items() if stage.requested in allowed), None)


def last_day_to_ask(case: Case) -> date | None:
    """The last day the complainant may ask for ``requestable_stage(case)`` in time: 20 working days after the
    response by default (``portal.domain.clocks.due_date``); ``None`` when no stage can be asked for."""
    number = requestable_stage(case)
    if number is None:
        return None
    stage = _STAGES[number]
    opened = event_day(case, stage.window_opened_by)
    if opened is None:
        return None
    return due_date(case.procedure, stage.window, opened, timescale_policy(), council_calendar())


def record_stage_2_request(
    case: Case,
    requested_on: date,
    by_complainant: bool,
    late_reason: str | None = None,
    *,
    user: StaffUser | None = None,
    details: str | None = None,
    today: date | None = None,
) -> CaseChange:
    """Records a request for Stage 2 made on ``requested_on`` and moves the case to "Stage 2 requested", keeping a
    `Stage2` for it. ``by_complainant``: asked on the tracking pages (no ``user``); otherwise ``user`` is the member
    of staff recording it. ``late_reason``: why the council accepts a late request. ``details``: what the person is
    still unhappy about, as typed. Raises ``InvalidRequest`` (changing nothing) when Stage 2 cannot be asked for
    now, the date is in the future or before the response, or the request is late without a reason."""
    return _record(case, _STAGES[2], requested_on, by_complainant, late_reason, user, details, today)


def record_stage_3_request(
    case: Case,
    requested_on: date,
    by_complainant: bool,
    late_reason: str | None = None,
    *,
    user: StaffUser | None = None,
    details: str | None = None,
    today: date | None = None,
) -> CaseChange:
    """Records a request for a review panel (statutory Stage 3) and moves the case to "Review panel requested",
    starting the 30 working days to hold the panel; keeps a `ReviewPanel` for it. As ``record_stage_2_request``."""
    return _record(case, _STAGES[3], requested_on, by_complainant, late_reason, user, details, today)


def _record(
    case: Case,
    stage: _Stage,
    requested_on: date,
    by_complainant: bool,
    late_reason: str | None,
    user: StaffUser | None,
    details: str | None,
    today: date | None,
) -> CaseChange:
    if not by_complainant and user is None:
        raise ValueError("A request recorded by staff needs the member of staff who recorded it.")
    today = today or uk_today()
    if requestable_stage(case) != stage.number:
        label = state_label(case.procedure, case.state).lower() if case.procedure else case.state.label.lower()
        raise InvalidRequest(f"{stage.name[0].upper()}{stage.name[1:]} cannot be asked for now: {label}.")
    if requested_on > today:
        raise InvalidRequest("The date of the request must be today or in the past.")
    opened = event_day(case, stage.window_opened_by)
    record_class = Stage2 if stage.number == 2 else ReviewPanel
    record = record_class(
        case_id=case.id,
        requested_on=requested_on,
        requested_through=REQUESTED_ONLINE if by_complainant else REQUESTED_TO_STAFF,
        request_details=details if details and details.strip() else None,
        request_recorded_by_id=None if by_complainant else user.id,
    )
    if stage.number == 2:
        record.procedure = case.procedure
    if opened is not None:
        checked = check_escalation_request(
            case.procedure, stage.window, opened, requested_on, timescale_policy(), council_calendar(), late_reason
        )
        record.request_last_day, record.request_in_time, record.late_reason = (
            checked.last_day,
            checked.in_time,
            checked.late_reason,
        )
    with change_case(case, user, f"stage_{stage.number}_requested") as change:
        change.move(stage.requested, today, event=stage.event, event_on=requested_on)
        queries.add(record)
        change.detail.update(
            {
                "requested_on": requested_on.isoformat(),
                "last_day": record.request_last_day.isoformat() if record.request_last_day else None,
                "in_time": record.request_in_time,
                "late_reason": record.late_reason,
                "requested_through": record.requested_through,
            }
        )
    return change
