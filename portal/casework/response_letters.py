"""Response letters: the framework every stage's response uses (issue 11, items 2 and 7).

1. **Draft** from the council's template for the letter's kind (portal.notifications.response_templates; the
   admin screen edits the words, and each template must keep the wording the law needs). The draft fills in the
   case's details, the findings on each point and the remedies; placeholders that depend on the day it is sent
   ({escalate_by}) stay until then.
2. **Edit**: staff change the words as plain text. It is stored as typed and escaped wherever it is shown; a PDF
   prints it as text. (No HTML: `portal.common.sanitise.clean_html` is the only way HTML would ever get in.)
3. **Quality check** by the Complaints Team, by someone other than the person who sent it for checking: always for
   the statutory procedure, and for corporate letters when the council's setting says so (CouncilSettings.
   corporate_letters_need_check). Changing a checked letter needs a new check.
4. **Send** by email through the outbox, or record it as posted and print the PDF, only in the ways that are safe
   for the person (portal.casework.messaging). Sending fills in the last day to ask for the next stage
   (portal.domain.clocks: the complainant's window, counted from the day it is sent) and moves the case through
   `portal.case_moves` with the event sending records (the Stage 1 response sent...), in the same transaction.

A kind of letter is a `LetterKind`; `register` adds one for the state a case is in while it is prepared. Stage 1
(statutory and corporate) and a comment's reply are registered here; the later stages register their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.case_moves import closing
from portal.case_moves.moving import CaseChange, change_case
from portal.casework import bp
from portal.casework.access import STAGE_ROLES, case_for_stage_work, in_complaints_team
from portal.casework.findings import findings_text, missing_findings, outcome_sentence, remedies_text
from portal.casework.forms_stages import CheckForm, LetterForm, SendLetterForm
from portal.casework.messaging import EMAIL, LETTER, common_values, letters_are_safe, letters_not_safe, methods_for
from portal.common.changes import changes
from portal.common.clock import uk_today, utc_now
from portal.common.roles import roles_required
from portal.common.working_calendar import council_calendar
from portal.data import transaction
from portal.data.models import Case, StaffUser
from portal.data.queries import audit
from portal.data.queries import stages as queries
from portal.data.queries.settings import council_settings, timescale_policy
from portal.data.stage_models import ResponseLetter
from portal.domain.calendar import format_date
from portal.domain.clocks import due_date
from portal.domain.moves import InvalidTransition
from portal.domain.types import CaseState, ClockEvent, Closure, LetterStatus, Procedure, TimescaleStep
from portal.notifications import outbox, response_templates
from portal.notifications.letters import letter_pdf, pdf_download
from portal.notifications.message_templates import (
    Message,
    fill_placeholders,
    message_from_template,
    placeholders_in,
)

ESCALATE_BY = "escalate_by"


class Checking(StrEnum):
    """Whether a kind of letter is quality-checked before it goes."""

    ALWAYS = "always"
    COUNCIL_SETTING = "council_setting"
    NEVER = "never"


@dataclass(frozen=True)
class LetterKind:
    """A kind of response: the state a case is in while it is prepared, the timed step sending it completes and the
    event it records, where the case goes then, and the template it starts from.

    ``stage``: whose findings and remedies it lists (``None``: none). ``window``: the complainant's time to ask for
    the next stage that it tells them about, as {escalate_by}. ``closure`` and ``response_sent``: when sending it
    closes the case (the procedure's last response). ``ready``: what must be done before it can be sent, in words.
    ``values``: placeholders of its own for the draft (the Adjudicating Officer's name...). ``on_sent``: what else
    sending it records, inside the same change (the day a Stage 2 adjudication went...).
    """

    key: str
    procedure: Procedure
    state: CaseState
    step: TimescaleStep
    event: ClockEvent
    target: CaseState
    template: dict
    stage: int | None = None
    window: TimescaleStep | None = None
    closure: Closure | None = None
    response_sent: bool = False
    checking: Checking = Checking.ALWAYS
    ready: Callable[[Case], list[str]] = field(default=lambda case: [])
    values: Callable[[Case], dict[str, str]] = field(default=lambda case: {})
    on_sent: Callable[[Case, date], None] = field(default=lambda case, sent_on: None)


LETTER_KINDS: dict[tuple[Procedure, CaseState], LetterKind] = {}


def register(kind: LetterKind) -> LetterKind:
    """Makes ``kind`` the response for cases of its procedure in its state."""
    LETTER_KINDS[(kind.procedure, kind.state)] = kind
    return kind


def kind_for(case: Case) -> LetterKind | None:
    """The response a case is waiting for in its state, or ``None`` when none is."""
    return LETTER_KINDS.get((case.procedure, case.state)) if case.procedure else None


def needs_check(kind: LetterKind) -> bool:
    if kind.checking is Checking.COUNCIL_SETTING:
        return council_settings().corporate_letters_need_check
    return kind.checking is Checking.ALWAYS


def findings_before_sending(stage: int) -> Callable[[Case], list[str]]:
    """A stage's response gives a finding on every point, so each needs one first."""

    def problems(case: Case) -> list[str]:
        if not case.points:
            return ["Add the complaint points, and a finding on each, before the response goes"]
        return [
            f"Record the finding on point {point.number} before the response goes"
            for point in missing_findings(case, stage)
        ]

    return problems


for _procedure, _template, _checking in (
    (Procedure.STATUTORY, response_templates.STAGE_1_RESPONSE, Checking.ALWAYS),
    (Procedure.CORPORATE, response_templates.CORPORATE_STAGE_1_RESPONSE, Checking.COUNCIL_SETTING),
):
    register(
        LetterKind(
            key=_template["key"],
            procedure=_procedure,
            state=CaseState.STAGE_1,
            step=TimescaleStep.STAGE_1_RESPONSE,
            event=ClockEvent.STAGE_1_RESPONSE_SENT,
            target=CaseState.STAGE_1_RESPONDED,
            template=_template,
            stage=1,
            window=TimescaleStep.REQUEST_STAGE_2,
            checking=_checking,
            ready=findings_before_sending(1),
        )
    )
# A comment is forwarded to the team manager and answered; the reply closes it (domain.md section 2).
register(
    LetterKind(
        key=response_templates.COMMENT_RESPONSE["key"],
        procedure=Procedure.COMMENT,
        state=CaseState.AWAITING_RESPONSE,
        step=TimescaleStep.COMMENT_RESPONSE,
        event=ClockEvent.COMMENT_ANSWERED,
        target=CaseState.CLOSED,
        template=response_templates.COMMENT_RESPONSE,
        closure=Closure.RESOLVED,
        checking=Checking.NEVER,
    )
)


# Rules ---------------------------------------------------------------------------------------------------------------


class LetterError(ValueError):
    """A step the letter cannot take as things stand; the message says why, for the error summary."""


def escalate_by(case: Case, kind: LetterKind, sent_on: date) -> date | None:
    """The last day to ask for the next stage if the letter is sent on ``sent_on``: the complainant's window counted
    from that day (portal.domain.clocks.due_date; domain.md section 4)."""
    if kind.window is None:
        return None
    return due_date(case.procedure, kind.window, sent_on, timescale_policy(), council_calendar())


def draft_values(case: Case, kind: LetterKind, user: StaffUser) -> dict[str, str]:
    manager = case.responding_manager or user
    values = {
        **common_values(case),
        "manager_name": manager.name,
        "team": case.team.name if case.team else "right",
    }
    if kind.stage is not None:
        values |= {
            "findings": findings_text(case, kind.stage),
            "outcome": outcome_sentence(case, kind.stage),
            "remedies": remedies_text(case, kind.stage),
        }
    return values | kind.values(case)


def letter_problems(case: Case, kind: LetterKind, letter: ResponseLetter) -> list[str]:
    """What stops the letter going as it is: the kind's own conditions, the last day to ask for the next stage taken
    out, or a placeholder staff still have to replace with their own words."""
    problems = list(kind.ready(case))
    text = f"{letter.subject}\n{letter.body}"
    if kind.window is not None and "{" + ESCALATE_BY + "}" not in text:
        problems.append(
            "Put {escalate_by} back in the letter: it becomes the last day to ask for the next stage when the letter "
            "is sent"
        )
    for name in placeholders_in(text):
        if name != ESCALATE_BY:
            problems.append(f"Replace {{{name}}} in the letter with your own words")
    return problems


# Services ------------------------------------------------------------------------------------------------------------


def draft(case: Case, kind: LetterKind, user: StaffUser) -> ResponseLetter:
    """Starts the response from the council's template, or returns the one already being prepared."""
    letter = queries.unsent_letter(case, kind.key)
    if letter is not None:
        return letter
    message = message_from_template(kind.template, draft_values(case, kind, user))
    letter = queries.add_letter(
        ResponseLetter(
            case_id=case.id,
            kind=kind.key,
            procedure=case.procedure,
            step=kind.step,
            stage=kind.stage,
            status=LetterStatus.DRAFT,
            subject=message.subject,
            body=re.sub(r"\n{3,}", "\n\n", message.body),
            drafted_by_id=user.id,
        )
    )
    audit.record(user.id, "letter_drafted", case_id=case.id, detail={"letter": kind.key, "letter_id": letter.id})
    transaction.commit()
    return letter


def save(letter: ResponseLetter, user: StaffUser, subject: str, body: str) -> dict:
    """Keeps the words as typed. A letter already checked goes back to draft: it must be checked again."""
    if letter.status not in (LetterStatus.DRAFT, LetterStatus.APPROVED):
        raise LetterError("This letter is with the Complaints Team for checking: it can be changed once it comes back")
    changed = changes({"subject": letter.subject, "body": letter.body}, {"subject": subject, "body": body})
    if not changed:
        return changed
    if letter.status is LetterStatus.APPROVED:
        changed["letter_status"] = [letter.status.value, LetterStatus.DRAFT.value]
        letter.status = LetterStatus.DRAFT
        letter.checked_by_id = None
        letter.checked_at = None
    letter.subject, letter.body = subject, body
    audit.record(user.id, "letter_changed", case_id=letter.case_id, detail={"letter_id": letter.id, "changes": changed})
    transaction.commit()
    return changed


def submit(case: Case, kind: LetterKind, letter: ResponseLetter, user: StaffUser) -> None:
    """Sends the draft to the Complaints Team for its quality check."""
    if letter.status is not LetterStatus.DRAFT:
        raise LetterError("Only a draft can be sent for checking")
    problems = letter_problems(case, kind, letter)
    if problems:
        raise LetterError(problems[0])
    _set_status(letter, user, LetterStatus.AWAITING_CHECK, "letter_submitted_for_check")
    letter.submitted_by_id = user.id
    transaction.commit()


def check(letter: ResponseLetter, user: StaffUser, approved: bool, comments: str | None) -> None:
    """The Complaints Team's quality check: approved, or sent back with what needs to change. Someone other than the
    person who sent it for checking checks it."""
    if letter.status is not LetterStatus.AWAITING_CHECK:
        raise LetterError("This letter is not waiting for a check")
    if not in_complaints_team(user):
        raise LetterError("Only the Complaints Team can check a response")
    if letter.submitted_by_id == user.id:
        raise LetterError("Someone else in the Complaints Team must check a letter you sent for checking")
    if not approved and not comments:
        raise LetterError("Enter what needs to change, so the person who wrote it knows")
    status = LetterStatus.APPROVED if approved else LetterStatus.DRAFT
    _set_status(letter, user, status, "letter_approved" if approved else "letter_sent_back", comments=comments)
    letter.checked_by_id = user.id if approved else None
    letter.checked_at = utc_now() if approved else None
    letter.check_comments = None if approved else comments
    transaction.commit()


def _set_status(letter: ResponseLetter, user: StaffUser, status: LetterStatus, action: str, **detail) -> None:
    audit.record(
        user.id,
        action,
        case_id=letter.case_id,
        detail={
            "letter_id": letter.id,
            "changes": {"letter_status": [letter.status.value, status.value]},
            **{key: value for key, value in detail.items() if value},
        },
    )
    letter.status = status


def can_send(kind: LetterKind, letter: ResponseLetter) -> bool:
    return letter.status is LetterStatus.APPROVED or (letter.status is LetterStatus.DRAFT and not needs_check(kind))


def sending_methods(case: Case) -> list[tuple[str, str]]:
    """A response goes in writing: by email, or by post when letters are safe (never by text message)."""
    return [(method, label) for method, label in methods_for(case) if method in (EMAIL, LETTER)]


def send(case: Case, kind: LetterKind, letter: ResponseLetter, user: StaffUser, method: str, today: date) -> list[int]:
    """Sends the letter and moves the case on (the event it records starts and stops the clocks), in one change.
    Raises ``LetterError`` or ``InvalidTransition``, changing nothing. Returns the ids of the queued messages."""
    if not in_complaints_team(user):
        raise LetterError("Only the Complaints Team can send a response")
    if not can_send(kind, letter):
        raise LetterError("The Complaints Team must check this letter before it goes")
    if method not in dict(sending_methods(case)):
        raise LetterError("Select how to send the letter")
    problems = letter_problems(case, kind, letter)
    if problems:
        raise LetterError(problems[0])
    last_day = escalate_by(case, kind, today)
    values = {ESCALATE_BY: format_date(last_day)} if last_day else {}
    subject, body = fill_placeholders(letter.subject, values), fill_placeholders(letter.body, values)
    fields = closing.OUTCOME_FIELDS if kind.target is CaseState.CLOSED else ()
    with change_case(case, user, "response_sent", fields=fields) as change:
        if kind.target is CaseState.CLOSED:
            closing.close_within(change, kind.closure, today, event=kind.event, response_sent=kind.response_sent)
        else:
            change.move(kind.target, today, event=kind.event)
        deliver(change, letter, method, subject, body, today)
        kind.on_sent(case, today)
        change.detail.update(
            {
                "letter": kind.key,
                "letter_id": letter.id,
                "method": method,
                "escalate_by": last_day.isoformat() if last_day else None,
            }
        )
    return change.message_ids


def deliver(change: CaseChange, letter: ResponseLetter, method: str, subject: str, body: str, today: date) -> None:
    """Sends ``letter`` with these words as part of ``change``: by email through the outbox, or recorded as posted
    (its PDF is printed from the response page). Any letter or notice to the complainant goes this way."""
    case = change.case
    if method == EMAIL:
        message = outbox.queue_email(
            recipient=case.submitter.email,
            template=letter.kind,
            subject=subject,
            body=body,
            personalisation={"reference": case.reference},
            case_id=case.id,
        )
        transaction.flush()
        letter.outbox_message_id = message.id
        change.queue([message])
    letter.status = LetterStatus.SENT
    letter.sent_on, letter.sent_by_id, letter.method = today, change.user.id, method
    letter.subject, letter.sent_body = subject, body


# Pages ---------------------------------------------------------------------------------------------------------------

DRAFT, SAVE, SUBMIT, APPROVE, SEND_BACK, SEND = "draft", "save", "submit", "approve", "send_back", "send"


def _forms(case: Case, letter: ResponseLetter | None, formdata=None) -> dict:
    letter_form = LetterForm(formdata=formdata, data={"subject": letter.subject, "body": letter.body} if letter else {})
    send_form = SendLetterForm(formdata=formdata)
    methods = sending_methods(case)
    send_form.set_methods(methods)
    if formdata is None and methods:
        send_form.method.data = methods[0][0]
    return {"letter_form": letter_form, "check_form": CheckForm(formdata=formdata), "send_form": send_form}


def _render(case: Case, kind: LetterKind | None, letter: ResponseLetter | None, forms: dict, errors=None):
    errors = errors or []
    today = uk_today()
    sent = [item for item in queries.letters_of(case) if item.status is LetterStatus.SENT]
    return render_template(
        "casework/stages/response.html",
        case=case,
        kind=kind,
        letter=letter,
        sent=sent,
        needs_check=needs_check(kind) if kind else False,
        problems=letter_problems(case, kind, letter) if kind and letter else [],
        escalate_by_today=escalate_by(case, kind, today) if kind else None,
        in_team=in_complaints_team(current_user),
        may_check=letter is not None
        and letter.status is LetterStatus.AWAITING_CHECK
        and in_complaints_team(current_user)
        and letter.submitted_by_id != current_user.id,
        may_send=kind is not None and letter is not None and can_send(kind, letter),
        letters_safe=letters_are_safe(case),
        title=f"Response – {case.reference}",
        page_has_errors=any(form.errors for form in forms.values()) or bool(errors),
        extra_errors=errors,
        form=next((form for form in forms.values() if form.errors), None),
        **forms,
    )


@bp.route("/cases/<reference>/response", methods=["GET", "POST"])
@roles_required(*STAGE_ROLES)
def response_letter(reference: str):
    case = case_for_stage_work(reference, "response letter")
    kind = kind_for(case)
    letter = queries.unsent_letter(case, kind.key) if kind else None
    if request.method == "GET":
        return _render(case, kind, letter, _forms(case, letter))
    forms = _forms(case, letter, formdata=request.form)
    action = request.form.get("action")
    if kind is None:
        return _render(case, kind, letter, forms, [{"text": "No response is due at this step", "href": "#response"}])
    try:
        message = _act(case, kind, letter, action, forms)
    except (LetterError, InvalidTransition) as error:
        transaction.rollback()
        return _render(case, kind, letter, forms, [{"text": str(error), "href": f"#{action or 'response'}"}])
    if message is None:
        return _render(case, kind, letter, forms)
    flash(message, "success")
    return redirect(url_for("casework.response_letter", reference=case.reference))


def _act(case: Case, kind: LetterKind, letter: ResponseLetter | None, action: str | None, forms: dict) -> str | None:
    """Does what the button asked. Returns the message to flash, or ``None`` when a form has errors to show."""
    if action == DRAFT:
        draft(case, kind, current_user)
        return "Response drafted from the template: check the words and change what you need to"
    if letter is None:
        raise LetterError("Draft the response first")
    if action in (SAVE, SUBMIT):
        form = forms["letter_form"]
        if not form.validate():
            return None
        save(letter, current_user, form.subject.data, form.body.data)
        if action == SAVE:
            return "Draft saved"
        submit(case, kind, letter, current_user)
        return "Sent to the Complaints Team for its quality check"
    if action in (APPROVE, SEND_BACK):
        form = forms["check_form"]
        if not form.validate():
            return None
        check(letter, current_user, action == APPROVE, form.comments.data)
        return "Checked: ready to send" if action == APPROVE else "Sent back with what needs to change"
    if action == SEND:
        form = forms["send_form"]
        if not form.validate():
            return None
        outbox.deliver_now(send(case, kind, letter, current_user, form.method.data, uk_today()))
        if form.method.data == LETTER:
            return "Recorded as sent by post: print the letter and post it today"
        return "Response emailed"
    raise LetterError("Choose what to do with the letter")


@bp.get("/cases/<reference>/response/<int:letter_id>/letter")
@roles_required(*STAGE_ROLES)
def response_letter_pdf(reference: str, letter_id: int):
    """A sent response as a PDF to print and post, when letters are safe for the person. Never cached."""
    case = case_for_stage_work(reference)
    letter = queries.letter_of(case, letter_id)
    if letter is None or letter.status is not LetterStatus.SENT:
        abort(404)
    if not letters_are_safe(case):
        return letters_not_safe(case, "casework.response_letter")
    pdf = letter_pdf(case, Message(subject=letter.subject, body=letter.sent_body or letter.body), letter.sent_on)
    audit.record(current_user.id, "letter_produced", case_id=case.id, detail={"letter": letter.kind})
    transaction.commit()
    return pdf_download(pdf, f"{case.reference}-{letter.kind.replace('_', '-')}.pdf")
