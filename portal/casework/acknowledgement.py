"""The acknowledgement: the letter or message that tells the complainant what their complaint points are, when they
will get a response, how to get an advocate, and to tell us if we have got it wrong (domain.md sections 3, 4 and 7).

It is sent by email or text message through the outbox, or produced as a PDF letter for post. The words come from
the council's "acknowledgement" message template, or DEFAULT_ACKNOWLEDGEMENT when there is none. The day it was
sent and whether that met the acknowledgement deadline are recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.case_moves.moving import change_case
from portal.casework import bp
from portal.casework.access import CASE_ROUTE_ROLES, COMPLAINT_PROCEDURES, case_for_change, record_view
from portal.casework.forms_screening import AcknowledgementForm
from portal.casework.messaging import (
    EMAIL,
    LETTER,
    METHOD_LABELS,
    TEXT,
    common_values,
    letters_are_safe,
    letters_not_safe,
    methods_for,
    queue_message,
)
from portal.common.case_links import link_paragraph
from portal.common.changes import json_safe
from portal.common.clock import uk_today
from portal.common.roles import roles_required
from portal.common.working_calendar import council_calendar, non_working_days_for
from portal.data import transaction
from portal.data.models import Case, StaffUser
from portal.data.queries import audit
from portal.data.queries import screening as queries
from portal.data.queries.settings import council_settings, timescale_policy
from portal.domain.calendar import Holidays, working_days_between
from portal.domain.types import CaseState, ClockEvent, Procedure
from portal.domain.workflow import acknowledgement_due, deadline_for, format_date
from portal.notifications import outbox
from portal.notifications.letters import letter_pdf, pdf_download
from portal.notifications.message_templates import (
    DEFAULT_ACKNOWLEDGEMENT,
    DEFAULT_ACKNOWLEDGEMENT_SMS,
    Message,
    message_from_template,
)

PLACEHOLDERS = (
    "name",
    "reference",
    "received_date",
    "points",
    "response_date",
    "advocacy",
    "council_name",
    "contact_email",
    "contact_phone",
)


# Rules ---------------------------------------------------------------------------------------------------------------


def timeliness(acknowledged_on: date, due_on: date | None, holidays: Holidays) -> str:
    """Whether the acknowledgement met its deadline, in words: "on time" or "2 working days late".

    Late by the working days after the due date up to and including the day it was sent (domain.md section 4).
    """
    if due_on is None or acknowledged_on <= due_on:
        return "on time"
    late = working_days_between(due_on, acknowledged_on, holidays)
    if late == 0:
        return "late (sent on a non-working day after the deadline)"
    return f"{late} working day{'' if late == 1 else 's'} late"


def acknowledge_by(case: Case) -> date | None:
    """The acknowledgement deadline: as recorded, or from the procedure (or kind, before screening)."""
    if case.acknowledgement_due_on is not None:
        return case.acknowledgement_due_on
    return acknowledgement_due(case.procedure or case.kind, case.received_on, timescale_policy(), council_calendar())


def response_date(case: Case, today: date) -> date | None:
    """The first stage's due date, which the acknowledgement promises. A corporate complaint's Stage 1 clock starts
    when it is acknowledged, so before then this is the date it would have if acknowledged `today`."""
    stage = queries.open_stage(case)
    if stage is not None and stage.due_on is not None:
        return stage.extended_to or stage.due_on
    if case.procedure is Procedure.CORPORATE and case.state is CaseState.STAGE_1:
        clock = case.acknowledged_on or today
        return deadline_for(case.procedure, case.state, clock, timescale_policy(), council_calendar())
    return None


def advocacy_text(case: Case) -> str:
    council = council_settings()
    providers = queries.active_advocacy_providers()
    if providers:
        lines = []
        for provider in providers:
            ways = " or ".join(value for value in (provider.phone, provider.email) if value)
            lines.append(f"{provider.name}{': ' + ways if ways else ''}")
        contacts = "\n".join(lines)
    else:
        contacts = f"{council.advocacy_provider_name}: {council.advocacy_provider_email}"
    return (
        "You can have free, independent help from an advocate to make your complaint. Children and young people "
        "have a right to an advocate. Ask us to arrange one, or contact:\n" + contacts
    )


def placeholder_values(case: Case, today: date) -> dict[str, str]:
    points = queries.points_of(case)
    due = response_date(case, today)
    return {
        **common_values(case),
        "points": "\n".join(f"{point.number}. {point.text}" for point in points),
        "response_date": format_date(due) if due else "the date we will tell you",
        "advocacy": advocacy_text(case),
    }


def acknowledgement(case: Case, today: date) -> Message:
    return message_from_template(DEFAULT_ACKNOWLEDGEMENT, placeholder_values(case, today))


def text_message(case: Case, today: date) -> str:
    return message_from_template(DEFAULT_ACKNOWLEDGEMENT_SMS, placeholder_values(case, today)).body


def problem(case: Case) -> str | None:
    """Why the case cannot be acknowledged yet, or None."""
    if case.procedure not in COMPLAINT_PROCEDURES:
        return "Screen the case into the statutory or corporate procedure before acknowledging it"
    if case.state is CaseState.CLOSED:
        return "This case is closed"
    if case.state is CaseState.ON_HOLD:
        return "The complaint is on hold: acknowledge it when the hold ends"
    if not queries.points_of(case):
        return "Add the complaint points before acknowledging the complaint: the acknowledgement lists them"
    return None


# Services ------------------------------------------------------------------------------------------------------------

_FIELDS = ("acknowledged_on", "acknowledgement_method", "acknowledgement_due_on")


@dataclass(frozen=True)
class Sent:
    message_ids: list[int]
    timeliness: str


def send(case: Case, user: StaffUser, method: str, today: date) -> Sent:
    """Sends (email, text) or records (letter) the acknowledgement, and records the day and whether it was on time.

    A corporate complaint's Stage 1 clock starts now, so its due date is set here (Complaint Handling Code).
    """
    holidays = non_working_days_for(case.procedure)
    message = acknowledgement(case, today)
    # The signed link that opens the case online for the address it goes to (issue 12).
    link = link_paragraph(case.id, case.submitter.email if case.submitter else None, today)
    with change_case(case, user, "acknowledgement_sent", fields=_FIELDS) as change:
        change.queue(
            queue_message(
                case,
                method,
                DEFAULT_ACKNOWLEDGEMENT["key"],
                message.subject,
                message.body + link,
                text_message(case, today),
            )
        )
        case.acknowledgement_due_on = acknowledge_by(case)
        case.acknowledged_on = today
        case.acknowledgement_method = method
        change.clock_event(ClockEvent.ACKNOWLEDGED, today)
        on_time = timeliness(today, case.acknowledgement_due_on, holidays)
        change.detail.update(
            {
                "on_time": case.acknowledgement_due_on is None or today <= case.acknowledgement_due_on,
                "timeliness": on_time,
            }
        )
        for stage in change.started:
            change.detail["stage_changes"] = {
                "clock_started_on": [None, json_safe(stage.clock_started_on)],
                "due_on": [None, json_safe(stage.due_on)],
            }
    return Sent(message_ids=change.message_ids, timeliness=on_time)


# Pages ---------------------------------------------------------------------------------------------------------------


def _render(case: Case, form: AcknowledgementForm, today: date, errors: list[dict] | None = None):
    """The acknowledgement page; showing it is an audited view of the case."""
    record_view(case, "acknowledgement")
    errors = errors or []
    reason = problem(case)
    ready = reason is None and case.acknowledged_on is None
    return render_template(
        "casework/screening/acknowledgement.html",
        case=case,
        form=form,
        ready=ready,
        problem=reason,
        preview=acknowledgement(case, today) if case.procedure in COMPLAINT_PROCEDURES else None,
        text_preview=text_message(case, today) if case.procedure in COMPLAINT_PROCEDURES else None,
        acknowledge_by=acknowledge_by(case),
        response_date=response_date(case, today),
        timeliness=timeliness(case.acknowledged_on, case.acknowledgement_due_on, non_working_days_for(case.procedure))
        if case.acknowledged_on
        else None,
        method_label=METHOD_LABELS.get(case.acknowledgement_method or "", case.acknowledgement_method),
        letters_safe=letters_are_safe(case),
        no_safe_method=not form.method.choices,
        title=f"Acknowledge {case.reference}",
        page_has_errors=bool(form.errors) or bool(errors),
        extra_errors=errors,
    )


@bp.route("/cases/<reference>/acknowledgement", methods=["GET", "POST"])
@roles_required(*CASE_ROUTE_ROLES)
def acknowledgement_page(reference: str):
    case = case_for_change(reference)
    today = uk_today()
    form = AcknowledgementForm()
    methods = methods_for(case)
    form.set_methods(methods)
    if request.method == "GET":
        form.method.data = methods[0][0] if methods else None
        return _render(case, form, today)
    reason = problem(case)
    if case.acknowledged_on is not None:
        reason = f"This complaint was already acknowledged on {format_date(case.acknowledged_on)}"
    if reason is not None:
        return _render(case, form, today, [{"text": reason, "href": "#method"}])
    if not form.validate():
        return _render(case, form, today)
    sent = send(case, current_user, form.method.data, today)
    outbox.deliver_now(sent.message_ids)
    how = {EMAIL: "emailed", TEXT: "sent by text message", LETTER: "recorded: print the letter and post it"}
    flash(
        f"Acknowledgement {how[form.method.data]}. Acknowledged on {format_date(today)}: {sent.timeliness}.", "success"
    )
    return redirect(url_for("casework.acknowledgement_page", reference=case.reference))


@bp.get("/cases/<reference>/acknowledgement/letter")
@roles_required(*CASE_ROUTE_ROLES)
def acknowledgement_letter(reference: str):
    """The acknowledgement as a PDF letter to print and post. Never cached: it holds personal data."""
    case = case_for_change(reference)
    if case.procedure not in COMPLAINT_PROCEDURES:
        abort(404)
    if not letters_are_safe(case):
        return letters_not_safe(case, "casework.acknowledgement_page")
    today = case.acknowledged_on or uk_today()
    pdf = letter_pdf(case, acknowledgement(case, today), today)
    audit.record(current_user.id, "letter_produced", case_id=case.id, detail={"letter": "acknowledgement"})
    transaction.commit()
    return pdf_download(pdf, f"{case.reference}-acknowledgement.pdf")
