"""What the person who made a case asks for while following it online (issue 12, item 3).

Every request is recorded for staff as one audit event with no member of staff as its actor: the case's timeline
shows it as from the person who sent it, with what they wrote. The member of staff dealing with the case (else its
team, else the Complaints Team) is emailed through the outbox, in the same transaction; the email says only what came
and where to look, never what was written. A request that moves the case moves it through
`portal.case_moves.moving`, like every other move:

- Stage 2 (or the corporate review) and the review panel, while the complainant's window runs
  (`portal.domain.clocks.check_escalation_request`: 20 working days from the response, domain.md section 4). A late
  request is not taken online: the council decides whether to accept it, so the person contacts them.
- Declining mediation: the Stage 2 request stands (Sandwell, seed 004), so the case goes back to "Stage 2 requested".
- Withdrawing: closed as withdrawn through `portal.case_moves.closing.close_case`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask import render_template

from portal.case_moves import closing, moving
from portal.common.links import external_url
from portal.common.working_calendar import council_calendar
from portal.data import transaction
from portal.data.models import AdvocacyReferral, Attachment, Case, OutboxMessage
from portal.data.queries import audit
from portal.data.queries import screening as queries
from portal.data.queries.settings import council_settings, timescale_policy
from portal.domain.clocks import InvalidRequest, check_escalation_request
from portal.domain.tracking import (
    ACCEPTED_MEDIATION,
    ADDED_INFORMATION,
    ASKED_FOR_ADVOCATE,
    ASKED_FOR_STAGE_2,
    ASKED_FOR_STAGE_3,
    CONFIRMED_POINTS,
    CORRECTED_POINTS,
    DECLINED_MEDIATION,
    REQUESTS_FOR_STAFF,
    WINDOWS,
    WITHDREW,
    Action,
)
from portal.domain.types import AdvocacyStatus, CaseState, ClockEvent, Closure
from portal.notifications import outbox

# The requests that move the case, their event and where they take it.
_NEXT_STAGE = {
    Action.ASK_FOR_STAGE_2: (ASKED_FOR_STAGE_2, ClockEvent.STAGE_2_REQUESTED, CaseState.STAGE_2_REQUESTED),
    Action.ASK_FOR_STAGE_3: (ASKED_FOR_STAGE_3, ClockEvent.STAGE_3_REQUESTED, CaseState.STAGE_3_REQUESTED),
}
RUNNING_ADVOCACY = frozenset(
    {AdvocacyStatus.OFFERED, AdvocacyStatus.REQUESTED, AdvocacyStatus.REFERRED, AdvocacyStatus.ACCEPTED}
)


class RequestRefused(ValueError):
    """The request cannot be taken online as things stand: the case has moved on, or the last day has passed."""


# Telling staff --------------------------------------------------------------------------------------------------------


def staff_to_tell(case: Case) -> str:
    """Where the email about a request goes: the member of staff dealing with the case, else its team, else the
    Complaints Team's own address."""
    manager = case.responding_manager
    if manager is not None and manager.active and manager.email:
        return manager.email
    if case.team is not None and case.team.email:
        return case.team.email
    return council_settings().contact_email


def _email_to_staff(case: Case, action: str, today: date) -> OutboxMessage:
    council = council_settings()
    what = REQUESTS_FOR_STAFF[action]
    return outbox.queue_email(
        recipient=staff_to_tell(case),
        template="complainant_request",
        subject=f"{case.reference}: {what[0].lower() + what[1:]}",
        body=render_template(
            "tracking/emails/to_staff.txt",
            case=case,
            what=what,
            today=today,
            link=external_url("casework.case_timeline", reference=case.reference),
            council=council,
        ),
        personalisation={"reference": case.reference, "request": what},
        case_id=case.id,
    )


def _recorded(case: Case, action: str, today: date, detail: dict) -> list[int]:
    """Records a request that does not move the case, tells staff, and commits."""
    message = _email_to_staff(case, action, today)
    audit.record(None, action, case_id=case.id, case_reference=case.reference, detail=detail)
    transaction.commit()
    return [message.id]


def advocacy_running(case: Case) -> bool:
    return any(referral.status in RUNNING_ADVOCACY for referral in case.advocacy_referrals)


# The requests ---------------------------------------------------------------------------------------------------------


def add_information(case: Case, text: str | None, attachments: Iterable[Attachment], today: date) -> list[int]:
    """Adds what the person wrote (to the audit event, kept as typed) and the files they chose (checked by
    portal.uploads) to the case. Returns the ids of the messages to send."""
    files = list(attachments)
    for attachment in files:
        case.attachments.append(attachment)
    detail = {"information": text or None, "documents": [attachment.filename for attachment in files]}
    return _recorded(case, ADDED_INFORMATION, today, detail)


def answer_points(case: Case, right: bool, correction: str | None, today: date) -> list[int]:
    """The person says the complaint points are right, or what is wrong or missing ("tell us if we have got this
    wrong": domain.md section 4, the acknowledgement)."""
    points = [f"{point.number}. {point.text}" for point in case.points]
    if right:
        return _recorded(case, CONFIRMED_POINTS, today, {"points": points})
    return _recorded(case, CORRECTED_POINTS, today, {"points": points, "correction": correction})


def ask_for_advocate(case: Case, details: str | None, today: date) -> list[int]:
    """Records that the person asked for an advocate (Children Act 1989 s26A; domain.md section 7), unless a request
    or referral is already running."""
    if advocacy_running(case):
        raise RequestRefused("You have already asked for an advocate")
    case.advocacy_referrals.append(AdvocacyReferral(status=AdvocacyStatus.REQUESTED, requested_on=today))
    return _recorded(case, ASKED_FOR_ADVOCATE, today, {"advocacy": AdvocacyStatus.REQUESTED.value, "note": details})


def window_started_on(case: Case) -> date | None:
    """The day the response was sent that opened the case's window to ask for the next stage."""
    stage = queries.open_stage(case)
    return stage.clock_started_on if stage is not None and stage.state is case.state else None


def ask_for_next_stage(case: Case, action: Action, reason: str, today: date) -> list[int]:
    """Stage 2 (or the corporate review) after the Stage 1 response, or a review panel after the Stage 2
    adjudication, in the person's window. Moves the case through the case-moving service."""
    window = WINDOWS.get(case.state)
    if window is None or window[1] is not action or action not in _NEXT_STAGE:
        raise RequestRefused("You cannot ask for this now")
    step, _ = window
    started_on = window_started_on(case)
    if started_on is None or case.procedure is None:
        raise RequestRefused("You cannot ask for this online: contact us")
    try:
        request = check_escalation_request(
            case.procedure, step, started_on, today, timescale_policy(), council_calendar()
        )
    except InvalidRequest as error:
        raise RequestRefused("The last day to ask online has passed: contact us") from error
    name, event, target = _NEXT_STAGE[action]
    change = moving.move_case(
        case,
        None,
        target,
        on=today,
        action=name,
        event=event,
        detail={"reason": reason, "in_time": request.in_time, "last_day": request.last_day.isoformat()},
        messages=lambda moved: [_email_to_staff(moved, name, today)],
    )
    return change.message_ids


def answer_mediation(case: Case, accept: bool, today: date) -> list[int]:
    """The person's answer to an offer of mediation. Yes is recorded for staff to arrange it; no takes the case back
    to its Stage 2 request, which stands (seed 004)."""
    if case.state is not CaseState.MEDIATION:
        raise RequestRefused("Mediation is not being offered now")
    if accept:
        return _recorded(case, ACCEPTED_MEDIATION, today, {"mediation": "accepted"})
    change = moving.move_case(
        case,
        None,
        CaseState.STAGE_2_REQUESTED,
        on=today,
        action=DECLINED_MEDIATION,
        messages=lambda moved: [_email_to_staff(moved, DECLINED_MEDIATION, today)],
    )
    return change.message_ids


def withdraw(case: Case, reason: str | None, today: date) -> list[int]:
    """Closes the complaint as withdrawn through the one closing service; staff are told."""
    change = closing.close_case(
        case,
        None,
        Closure.WITHDRAWN,
        today,
        detail={"withdrawn": "by the person who sent it, online", "reason": reason},
        messages=[_email_to_staff(case, WITHDREW, today)],
    )
    return change.message_ids
