"""What the person who made a case asks for while following it online (issue 12, item 3).

Every request is recorded for staff as one audit event with no member of staff as its actor: the case's timeline
shows it as from the person who sent it, with what they wrote. The member of staff dealing with the case (else its
team, else the Complaints Team) is emailed through the outbox, in the same transaction; the email says only what came
and where to look, never what was written. A request that moves the case goes through the same services staff use,
which move it only through `portal.case_moves.moving` and the domain's allowed moves:

- Stage 2 (or the corporate review) and the review panel: `portal.case_moves.requests`, while the complainant's
  window runs (20 working days from the response, domain.md section 4). A late request is not taken online: the
  council decides whether to accept it, so the person is told to contact them.
- Mediation: `portal.case_moves.mediation`; yes moves the case to mediation, no leaves the Stage 2 request standing
  (Sandwell, seed 004).
- Withdrawing: closed as withdrawn through `portal.case_moves.closing.close_case`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask import render_template

from portal.case_moves import closing, mediation, requests
from portal.common.links import external_url
from portal.data import transaction
from portal.data.models import AdvocacyReferral, Attachment, Case, OutboxMessage
from portal.data.queries import audit
from portal.data.queries.settings import council_settings
from portal.domain.clocks import InvalidRequest
from portal.domain.tracking import (
    ACCEPTED_MEDIATION,
    ADDED_INFORMATION,
    ASKED_FOR_ADVOCATE,
    ASKED_FOR_STAGE_2,
    ASKED_FOR_STAGE_3,
    CONFIRMED_POINTS,
    CORRECTED_POINTS,
    DECLINED_MEDIATION,
    STAFF_TOLD,
    WITHDREW,
    Action,
)
from portal.domain.types import AdvocacyStatus, CaseState, Closure
from portal.notifications import outbox

# The stage each request asks for (portal.case_moves.requests).
_NEXT_STAGE = {Action.ASK_FOR_STAGE_2: 2, Action.ASK_FOR_STAGE_3: 3}
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
    what = STAFF_TOLD[action]
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


def ask_for_next_stage(case: Case, action: Action, details: str, today: date) -> list[int]:
    """Stage 2 (or the corporate review) after the Stage 1 response, or a review panel after the Stage 2
    adjudication, within the person's window: recorded and moved by `portal.case_moves.requests`, with the email to
    staff in the same transaction. A late request is refused here: the council decides whether to accept it."""
    number = _NEXT_STAGE.get(action)
    if number is None or requests.requestable_stage(case) != number or case.state is CaseState.CLOSED:
        raise RequestRefused("You cannot ask for this now")
    record = requests.record_stage_2_request if number == 2 else requests.record_stage_3_request
    message = _email_to_staff(case, ASKED_FOR_STAGE_2 if number == 2 else ASKED_FOR_STAGE_3, today)
    try:
        change = record(case, today, by_complainant=True, details=details, today=today)
    except InvalidRequest as error:
        transaction.rollback()
        raise RequestRefused("The last day to ask online has passed: contact us") from error
    return [*change.message_ids, message.id]


def answer_mediation(case: Case, accept: bool, today: date) -> list[int]:
    """The person's answer to an offer of mediation, through `portal.case_moves.mediation`: yes moves the case to
    mediation, for staff to arrange the meeting; no leaves the Stage 2 request standing (seed 004)."""
    if mediation.offer_waiting(case) is None:
        raise RequestRefused("Mediation is not being offered now")
    message = _email_to_staff(case, ACCEPTED_MEDIATION if accept else DECLINED_MEDIATION, today)
    try:
        change = mediation.answer_mediation(case, accept, today, by_complainant=True, today=today)
    except mediation.MediationError as error:
        transaction.rollback()
        raise RequestRefused("Mediation is not being offered now") from error
    return [*change.message_ids, message.id]


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
