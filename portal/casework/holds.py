"""Complaints on hold while concurrent proceedings run (regulation 8 of the 2006 Regulations; the corporate procedure
follows the same rule).

The Complaints Team puts a complaint on hold from screening or any stage, with the proceedings, a reason the
complainant is told and a review date. The complainant is told through the outbox, or by letter when letters are
safe. At each review the hold either goes on (a new review date) or ends; when it ends the stage it was held at
starts again with its clock restarted from the day the proceedings ended (`portal.domain.workflow.end_hold`), and the
complainant is told. Every change is audited, and the hold has a stage record of its own whose due date is the review
date, so the work queues show it.
"""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.case_moves.moving import change_case
from portal.casework import bp
from portal.casework.access import CASE_ROUTE_ROLES, case_for_change, record_view
from portal.casework.forms_screening import EndHoldForm, HoldForm, HoldReviewForm
from portal.casework.messaging import common_values, letters_are_safe, letters_not_safe, methods_for, queue_message
from portal.common.changes import json_safe
from portal.common.clock import uk_today
from portal.common.roles import roles_required
from portal.common.working_calendar import council_calendar
from portal.data import transaction
from portal.data.models import Case, StaffUser, StageRecord
from portal.data.queries import audit
from portal.data.queries import screening as queries
from portal.data.queries.settings import timescale_policy
from portal.domain.types import CaseState, ConcurrentProceedings
from portal.domain.workflow import (
    Hold,
    InvalidHold,
    InvalidTransition,
    allowed_moves,
    end_hold,
    format_date,
    put_on_hold,
    review_hold,
)
from portal.notifications import outbox
from portal.notifications.letters import letter_pdf, pdf_download
from portal.notifications.message_templates import (
    DEFAULT_HOLD_ENDED,
    DEFAULT_HOLD_ENDED_SMS,
    DEFAULT_ON_HOLD,
    DEFAULT_ON_HOLD_SMS,
    Message,
    message_from_template,
)


def can_hold(case: Case) -> bool:
    return case.procedure is not None and CaseState.ON_HOLD in allowed_moves(case.procedure, case.state)


def current_hold(case: Case) -> Hold | None:
    """The hold a case is under, as the domain sees it, from the case and the hold's stage record."""
    stage = queries.open_stage(case)
    if case.state is not CaseState.ON_HOLD or stage is None or stage.state is not CaseState.ON_HOLD:
        return None
    return Hold(
        held_from=CaseState(case.held_from or CaseState.STAGE_1),
        reason=case.hold_reason or "",
        held_on=stage.started_on,
        review_on=stage.due_on or stage.started_on,
    )


def _values(case: Case, **extra: str) -> dict[str, str]:
    return {**common_values(case), **extra}


def hold_message(case: Case, hold: Hold) -> Message:
    values = _values(case, hold_reason=hold.reason, review_date=format_date(hold.review_on))
    return message_from_template(DEFAULT_ON_HOLD, values)


def _ended_values(case: Case, stage: StageRecord | None) -> dict[str, str]:
    due = stage.due_on if stage is not None else None
    return _values(case, response_date=format_date(due) if due else "the date we will tell you")


def hold_ended_message(case: Case) -> Message:
    return message_from_template(DEFAULT_HOLD_ENDED, _ended_values(case, queries.open_stage(case)))


def _tell(case: Case, method: str, message: Message, sms_default: dict, values: dict) -> list:
    text = message_from_template(sms_default, values).body
    return queue_message(case, method, sms_default["key"].removesuffix("_sms"), message.subject, message.body, text)


def hold(case: Case, user: StaffUser, form: HoldForm, today: date) -> list[int]:
    """Puts the case on hold, tells the complainant, and audits it. Raises InvalidTransition or InvalidHold (and
    changes nothing). Returns the ids of the queued messages."""
    held = put_on_hold(case.procedure, case.state, form.reason.data, form.review_on.data, today)
    with change_case(case, user, "case_put_on_hold", fields=("hold_reason",)) as change:
        change.move(CaseState.ON_HOLD, today, review_on=held.review_on)
        case.hold_reason = held.reason
        case.hold_proceedings = list(form.proceedings.data)
        values = _values(case, hold_reason=held.reason, review_date=format_date(held.review_on))
        change.queue(_tell(case, form.method.data, hold_message(case, held), DEFAULT_ON_HOLD_SMS, values))
        change.detail.update(
            {
                "proceedings": [ConcurrentProceedings(value).label for value in case.hold_proceedings],
                "review_on": held.review_on.isoformat(),
                "told_by": form.method.data,
            }
        )
    return change.message_ids


def review(case: Case, user: StaffUser, review_on: date, today: date) -> None:
    """The proceedings are still running: the hold goes on to a new review date."""
    held = review_hold(current_hold(case), review_on, today)
    stage = queries.open_stage(case)
    before = stage.due_on
    stage.due_on = held.review_on
    audit.record(
        user.id,
        "hold_reviewed",
        case_id=case.id,
        detail={"changes": {"review_on": [json_safe(before), held.review_on.isoformat()]}},
    )
    transaction.commit()


def end(case: Case, user: StaffUser, ended_on: date, method: str) -> list[int]:
    """The proceedings have ended: the case goes back to the stage it was held at, with its clock restarted from
    `ended_on` (regulation 8), and the complainant is told when they will get a response."""
    resumed = end_hold(
        case.procedure,
        current_hold(case),
        ended_on,
        timescale_policy(),
        council_calendar(),
        acknowledged=case.acknowledged_on is not None,
    )
    with change_case(case, user, "hold_ended", fields=("hold_reason", "acknowledgement_due_on")) as change:
        new_stage = change.move(resumed.state, ended_on, clock_restarts_on=resumed.clock_started_on)
        if resumed.acknowledgement_due_on is not None:
            case.acknowledgement_due_on = resumed.acknowledgement_due_on
        case.hold_reason = None
        case.hold_proceedings = []
        values = _ended_values(case, new_stage)
        message = message_from_template(DEFAULT_HOLD_ENDED, values)
        change.queue(_tell(case, method, message, DEFAULT_HOLD_ENDED_SMS, values))
        change.detail.update(
            {
                "ended_on": ended_on.isoformat(),
                "stage": {"state": resumed.state.value, "due_on": json_safe(resumed.due_on)},
            }
        )
    return change.message_ids


# Pages ------------------------------------------------------------------------------------------------------------


def _render(case: Case, **forms):
    record_view(case, "hold")
    errors = forms.pop("errors", [])
    held = current_hold(case)
    return render_template(
        "casework/screening/hold.html",
        case=case,
        held=held,
        can_hold=can_hold(case),
        proceedings=[ConcurrentProceedings(value).label for value in case.hold_proceedings or []],
        letters_safe=letters_are_safe(case),
        title=f"On hold – {case.reference}",
        page_has_errors=any(form.errors for form in forms.values()) or bool(errors),
        extra_errors=errors,
        # The error summary lists the errors of the form that was sent.
        form=next((form for form in forms.values() if form.errors), None),
        **forms,
    )


def _forms(case: Case, formdata=None) -> dict:
    methods = methods_for(case)
    hold_form, end_form = HoldForm(formdata=formdata), EndHoldForm(formdata=formdata)
    for form in (hold_form, end_form):
        form.set_methods(methods)
        if formdata is None and methods:
            form.method.data = methods[0][0]
    return {"hold_form": hold_form, "review_form": HoldReviewForm(formdata=formdata), "end_form": end_form}


@bp.route("/cases/<reference>/hold", methods=["GET", "POST"])
@roles_required(*CASE_ROUTE_ROLES)
def hold_page(reference: str):
    case = case_for_change(reference)
    if request.method == "GET":
        return _render(case, **_forms(case))
    forms = _forms(case, formdata=request.form)
    action = request.form.get("action")
    today = uk_today()
    try:
        if action == "hold" and forms["hold_form"].validate():
            message_ids = hold(case, current_user, forms["hold_form"], today)
            outbox.deliver_now(message_ids)
            flash(f"On hold until at least {format_date(forms['hold_form'].review_on.data)}", "success")
            return redirect(url_for("casework.hold_page", reference=case.reference))
        if action == "review" and forms["review_form"].validate():
            review(case, current_user, forms["review_form"].review_on.data, today)
            flash(f"Still on hold: review again by {format_date(forms['review_form'].review_on.data)}", "success")
            return redirect(url_for("casework.hold_page", reference=case.reference))
        if action == "end" and forms["end_form"].validate():
            message_ids = end(case, current_user, forms["end_form"].ended_on.data, forms["end_form"].method.data)
            outbox.deliver_now(message_ids)
            flash(f"No longer on hold: back to {case.state.label}", "success")
            return redirect(url_for("casework.case_detail", reference=case.reference))
    except (InvalidHold, InvalidTransition) as error:
        transaction.rollback()
        return _render(case, **forms, errors=[{"text": str(error), "href": f"#{action}"}])
    return _render(case, **forms)


@bp.get("/cases/<reference>/hold/letter")
@roles_required(*CASE_ROUTE_ROLES)
def hold_letter(reference: str):
    """The letter to print and post, when letters are safe: that the complaint is on hold, or, once the hold has
    ended, that it is no longer on hold and when the response is due."""
    case = case_for_change(reference)
    held = current_hold(case)
    if held is None and not any(stage.state is CaseState.ON_HOLD for stage in case.stages):
        abort(404)
    if not letters_are_safe(case):
        return letters_not_safe(case, "casework.hold_page")
    if held is not None:
        message, name = hold_message(case, held), "on-hold"
    else:
        message, name = hold_ended_message(case), "hold-ended"
    pdf = letter_pdf(case, message, uk_today())
    audit.record(current_user.id, "letter_produced", case_id=case.id, detail={"letter": name})
    transaction.commit()
    return pdf_download(pdf, f"{case.reference}-{name}.pdf")
