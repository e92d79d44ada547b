"""The case page: summary, documents, notes, messages and timeline, and the audit trail for complaints managers.

Each section is its own page under /staff/cases/<reference>, joined by MOJ sub-navigation. Every page loads the case
through the need-to-know condition (404 for a case the user may not see) and records the view in the audit trail.
Notes and messages are added with a plain POST and redirect; with htmx the notes region swaps itself in place.
"""

import io
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import abort, current_app, flash, make_response, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from portal.casework import bp, deadlines, services, timeline
from portal.casework.forms_case import AuditFilterForm, MessageForm, NoteForm
from portal.common import htmx
from portal.common.clock import UK, uk_today
from portal.common.fields import SUPPORT_NEEDS
from portal.common.filters import format_moment
from portal.common.pagination import govuk_pagination, last_page, page_number
from portal.common.roles import roles_required
from portal.common.working_calendar import non_working_days_for
from portal.data import transaction
from portal.data.models import Case, CaseNote, StaffUser
from portal.data.queries import audit
from portal.data.queries import case_page as queries
from portal.data.queries.settings import council_settings
from portal.domain.calendar import Holidays, working_days_left
from portal.domain.deadline_status import DeadlineStatus, deadline
from portal.domain.types import CaseState, ConcurrentProceedings, FeedbackKind, Procedure, StaffRole
from portal.notifications import outbox
from portal.uploads import InvalidStorageKey, storage_for
from portal.uploads.checks import ACCEPTED_KINDS, format_size
from portal.uploads.scanning import ScanStatus

logger = logging.getLogger(__name__)

CASE_ROLES = services.CASEWORK_ROLES
# Who may write on a case they can see (investigators read only). Need-to-know still decides which cases.
NOTE_ROLES = (
    StaffRole.COMPLAINTS_OFFICER,
    StaffRole.COMPLAINTS_MANAGER,
    StaffRole.RESPONDING_MANAGER,
    StaffRole.PARTICIPATION_OFFICER,
)
AUDIT_ROLES = (StaffRole.COMPLAINTS_MANAGER,)

CASE_EVENTS_PER_PAGE = 100
EVENTS_PER_PAGE = 50
# Amber once the acknowledgement is due within this many working days.

SECTIONS = (
    ("casework.case_detail", "Summary"),
    ("casework.case_documents", "Documents"),
    ("casework.case_notes", "Notes"),
    ("casework.case_messages", "Messages"),
    ("casework.case_timeline", "Timeline"),
    ("casework.case_audit", "Audit trail"),
)


# Rules the page shows ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AcknowledgementStatus:
    """Red, amber or green for the acknowledgement deadline, with the words that explain it."""

    tag: str
    colour: str
    explanation: str

    @property
    def tag_class(self) -> str:
        return f"govuk-tag--{self.colour}"


def acknowledgement_status(
    due: date | None, acknowledged_on: date | None, today: date, holidays: Holidays
) -> AcknowledgementStatus:
    """Overdue (red) when today is after the due date and it is not acknowledged; due soon (amber) within
    DUE_SOON_WORKING_DAYS working days of the due date; otherwise on time (green): `deadline` decides, as it does for
    the work queues. Working days as in `portal.domain.calendar`."""
    if due is None:
        return AcknowledgementStatus("Not needed", "grey", "There is no acknowledgement timescale for this case.")
    if acknowledged_on is not None:
        if acknowledged_on <= due:
            return AcknowledgementStatus("Acknowledged", "green", f"On {_day(acknowledged_on)}, due by {_day(due)}.")
        late = -working_days_left(acknowledged_on, due, holidays)
        return AcknowledgementStatus(
            "Acknowledged late", "orange", f"On {_day(acknowledged_on)}, {_working_days(late)} after {_day(due)}."
        )
    standing = deadline(today, due, holidays)
    left, colour = standing.working_days_left, standing.status.tag_colour
    if standing.status is DeadlineStatus.OVERDUE:
        late = f", {_working_days(-left)} ago" if left < 0 else ""
        return AcknowledgementStatus("Overdue", colour, f"It was due by {_day(due)}{late}.")
    if standing.status is DeadlineStatus.DUE_SOON:
        when = "today" if left == 0 else f"in {_working_days(left)}"
        return AcknowledgementStatus("Due soon", colour, f"Due by {_day(due)}: {when}.")
    return AcknowledgementStatus("On time", colour, f"Due by {_day(due)}: {_working_days(left)} left.")


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _working_days(count: int) -> str:
    return f"{count} working day{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class DocumentRow:
    id: int
    filename: str
    kind: str
    size: str
    added: datetime
    added_by: str
    scan_status: ScanStatus


_KIND_LABELS = {kind.content_type: kind.label for kind in ACCEPTED_KINDS}


def document_rows(case: Case, staff_names: dict[int, str]) -> list[DocumentRow]:
    return [
        DocumentRow(
            id=attachment.id,
            filename=attachment.filename,
            kind=_KIND_LABELS.get(attachment.content_type, attachment.content_type),
            size=format_size(attachment.size_bytes),
            added=attachment.created_at,
            added_by=staff_names.get(attachment.uploaded_by_id, "Staff")
            if attachment.uploaded_by_id
            else "The person who sent it",
            scan_status=ScanStatus(attachment.scan_status),
        )
        for attachment in sorted(case.attachments, key=lambda item: (item.created_at, item.id))
    ]


# The work ------------------------------------------------------------------------------------------------------------


def open_case(user: StaffUser, reference: str, section: str) -> Case:
    """The case, if `user` may see it, with the view recorded in the audit trail; 404 otherwise."""
    case = queries.case_for_page(reference, user)
    if case is None:
        abort(404)
    audit.record(user.id, "case_viewed", case_id=case.id, detail={"section": section})
    transaction.commit()
    return case


def visible_case(user: StaffUser, reference: str) -> Case:
    """The case, if `user` may see it, without recording a view (the change made to it is recorded instead)."""
    case = queries.case_for_page(reference, user)
    if case is None:
        abort(404)
    return case


def write_note(user: StaffUser, case: Case, body: str, shared: bool) -> CaseNote:
    """Adds an internal note, or a message to the person who sent the case, which is also emailed to them if
    they gave an email address. The note, its audit event and the email are committed together."""
    note = queries.add_note(case, user, body, shared_with_complainant=shared)
    email = case.submitter.email if shared and case.submitter else None
    detail: dict = {"note_id": note.id, "changes": {"message" if shared else "note": [None, body]}}
    message = None
    if shared:
        detail["emailed"] = bool(email)
    if email:
        council = council_settings()
        message = outbox.queue_email(
            recipient=email,
            template="case_message",
            subject=f"A message about your {case.kind.label.lower()}: {case.reference}",
            body=render_template("casework/case_page/emails/message.txt", case=case, note=note, council=council),
            personalisation={"reference": case.reference, "message": body},
            case_id=case.id,
        )
    audit.record(user.id, "message_sent" if shared else "note_added", case_id=case.id, detail=detail)
    transaction.commit()
    if message is not None:
        outbox.deliver_now([message.id])
    return note


# Pages ---------------------------------------------------------------------------------------------------------------


def _sections(case: Case) -> list[dict]:
    counts = {
        "casework.case_documents": len(case.attachments),
        "casework.case_notes": sum(1 for note in case.notes if not note.shared_with_complainant),
        "casework.case_messages": sum(1 for note in case.notes if note.shared_with_complainant),
    }
    return [
        {
            "href": url_for(endpoint, reference=case.reference),
            "text": f"{label} ({counts[endpoint]})" if endpoint in counts else label,
            "current": request.endpoint == endpoint,
        }
        for endpoint, label in SECTIONS
        if endpoint != "casework.case_audit" or current_user.role in AUDIT_ROLES
    ]


def _render_case_page(template: str, case: Case, section_title: str, **context):
    title = f"Case {case.reference}" if section_title == "Summary" else f"{section_title} – case {case.reference}"
    return render_template(
        template,
        case=case,
        sections=_sections(case),
        section_title=section_title,
        title=title,
        can_write=current_user.role in NOTE_ROLES,
        **context,
    )


RECEIPT_ACKNOWLEDGES = frozenset({FeedbackKind.COMMENT, FeedbackKind.COMPLIMENT})


def case_acknowledgement(case: Case, today: date) -> AcknowledgementStatus:
    """The acknowledgement as the case page shows it. Comments and compliments were acknowledged by their receipt,
    so they are never overdue for one; a complaint on hold waits for the hold to end (regulation 8)."""
    if case.kind in RECEIPT_ACKNOWLEDGES and case.procedure in (None, Procedure.COMMENT, Procedure.COMPLIMENT):
        return AcknowledgementStatus("By the receipt", "green", "Acknowledged by the receipt sent when it arrived.")
    if case.state is CaseState.ON_HOLD and case.acknowledged_on is None:
        return AcknowledgementStatus(
            "On hold", "grey", "The acknowledgement waits for the hold to end; its deadline starts again then."
        )
    holidays = non_working_days_for(case.procedure or case.kind)
    return acknowledgement_status(case.acknowledgement_due_on, case.acknowledged_on, today, holidays)


@bp.get("/cases/<reference>")
@roles_required(*CASE_ROLES)
def case_detail(reference: str):
    case = open_case(current_user, reference, "summary")
    today = uk_today()
    return _render_case_page(
        "casework/case_detail.html",
        case,
        "Summary",
        acknowledgement=case_acknowledgement(case, today),
        step=services.current_step(case, today),
        timed_steps=deadlines.timed_steps(case, today),
        support=support_needs(case),
        proceedings=[ConcurrentProceedings(value).label for value in case.hold_proceedings or []],
    )


def support_needs(case: Case) -> list[str]:
    """The help the person asked for to take part, in words, interpreter's language included."""
    saved = (case.submitter.support_needs if case.submitter else None) or {}
    labels = dict(SUPPORT_NEEDS)
    needs = []
    for need in saved.get("needs") or []:
        if need == "interpreter" and saved.get("interpreter_language"):
            needs.append(f"An interpreter for {saved['interpreter_language']}")
        elif need == "other" and saved.get("other"):
            needs.append(saved["other"])
        else:
            needs.append(labels.get(need, need))
    return needs


@bp.get("/cases/<reference>/documents")
@roles_required(*CASE_ROLES)
def case_documents(reference: str):
    case = open_case(current_user, reference, "documents")
    names = queries.staff_names({item.uploaded_by_id for item in case.attachments if item.uploaded_by_id})
    return _render_case_page(
        "casework/case_page/documents.html", case, "Documents", documents=document_rows(case, names)
    )


@bp.get("/cases/<reference>/documents/<int:attachment_id>")
@roles_required(*CASE_ROLES)
def download_document(reference: str, attachment_id: int):
    case = visible_case(current_user, reference)
    attachment = queries.attachment_of(case, attachment_id)
    if attachment is None or not ScanStatus(attachment.scan_status).may_be_downloaded:
        abort(404)  # a file the virus scanner has not passed is given to nobody
    try:
        data = storage_for(current_app.config, current_app.instance_path).open(attachment.storage_key)
    except (FileNotFoundError, InvalidStorageKey):
        logger.error("The file for attachment %s of case %s is missing from storage", attachment.id, case.id)
        abort(404)
    audit.record(
        current_user.id,
        "document_downloaded",
        case_id=case.id,
        detail={"attachment_id": attachment.id, "filename": attachment.filename},
    )
    transaction.commit()
    response = send_file(
        io.BytesIO(data),
        mimetype=attachment.content_type,
        as_attachment=True,
        download_name=attachment.filename,
        conditional=False,
        etag=False,
        max_age=0,
    )
    # Exactly the stored type: send_file would add a second charset to "text/plain; charset=utf-8".
    response.headers["Content-Type"] = attachment.content_type
    # Files from the public are never shown inline, never guessed at by the browser and never kept in caches.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/cases/<reference>/timeline")
@roles_required(*CASE_ROLES)
def case_timeline(reference: str):
    case = open_case(current_user, reference, "timeline")
    names = queries.staff_names({item.uploaded_by_id for item in case.attachments if item.uploaded_by_id})
    case_events = queries.case_events(case.id)
    events = timeline.case_timeline(case, case_events, names, names_in(case_events))
    return _render_case_page("casework/case_page/timeline.html", case, "Timeline", events=events)


# Notes and messages ----------------------------------------------------------------------------------------------


def _notes_context(case: Case, shared: bool, form, added: bool = False) -> dict:
    notes = sorted(
        (note for note in case.notes if note.shared_with_complainant == shared),
        key=lambda note: (note.created_at, note.id),
        reverse=True,
    )
    endpoint = "casework.send_message" if shared else "casework.add_note"
    return {
        "notes": notes,
        "form": form,
        "shared": shared,
        "added": added,
        "post_url": url_for(endpoint, reference=case.reference),
        "submitter_email": case.submitter.email if case.submitter else None,
        "moment": format_moment,
    }


def _notes_page(case: Case, shared: bool, form):
    template = "casework/case_page/messages.html" if shared else "casework/case_page/notes.html"
    title = "Messages" if shared else "Notes"
    context = _notes_context(case, shared, form)
    return make_response(_render_case_page(template, case, title, page_has_errors=bool(form.errors), **context))


def _notes_fragment(case: Case, shared: bool, form, added: bool = False):
    context = _notes_context(case, shared, form, added=added)
    return make_response(render_template("casework/partials/_notes.html", case=case, can_write=True, **context))


def _post_note(reference: str, shared: bool):
    htmx.vary_on_htmx()
    case = visible_case(current_user, reference)
    form = MessageForm() if shared else NoteForm()
    fragment = htmx.is_partial_request()
    if form.validate_on_submit():
        write_note(current_user, case, form.body.data, shared)
        if fragment:
            fresh = MessageForm(formdata=None) if shared else NoteForm(formdata=None)
            response = _notes_fragment(case, shared, fresh, added=True)
        else:
            flash("Message sent" if shared else "Note added", "success")
            endpoint = "casework.case_messages" if shared else "casework.case_notes"
            response = redirect(url_for(endpoint, reference=case.reference), 303)
    else:
        # The form comes back with the notes on it, so this counts as a view of the case.
        audit.record(
            current_user.id, "case_viewed", case_id=case.id, detail={"section": "messages" if shared else "notes"}
        )
        transaction.commit()
        response = _notes_fragment(case, shared, form) if fragment else _notes_page(case, shared, form)
    return response


@bp.get("/cases/<reference>/notes")
@roles_required(*CASE_ROLES)
def case_notes(reference: str):
    case = open_case(current_user, reference, "notes")
    return _notes_page(case, shared=False, form=NoteForm(formdata=None))


@bp.post("/cases/<reference>/notes")
@roles_required(*NOTE_ROLES)
def add_note(reference: str):
    return _post_note(reference, shared=False)


@bp.get("/cases/<reference>/messages")
@roles_required(*CASE_ROLES)
def case_messages(reference: str):
    case = open_case(current_user, reference, "messages")
    return _notes_page(case, shared=True, form=MessageForm(formdata=None))


@bp.post("/cases/<reference>/messages")
@roles_required(*NOTE_ROLES)
def send_message(reference: str):
    return _post_note(reference, shared=True)


# The audit trail (complaints managers only; read-only: there are no POST routes) ----------------------------------


def names_in(events) -> timeline.Names:
    """The names of the staff and teams the events' details refer to by id."""
    staff_ids, team_ids = timeline.ids_in(event.detail for event in events)
    return timeline.Names(staff=queries.staff_names(staff_ids), teams=queries.team_names(team_ids))


@bp.get("/cases/<reference>/audit")
@roles_required(*AUDIT_ROLES)
def case_audit(reference: str):
    number = page_number(request.args.get("page"))
    case = queries.case_for_page(reference, current_user)
    if case is None:
        abort(404)
    audit.record(current_user.id, "case_audit_viewed", case_id=case.id, detail={"page": number})
    transaction.commit()
    found = queries.case_events_page(case.id, CASE_EVENTS_PER_PAGE, (number - 1) * CASE_EVENTS_PER_PAGE)
    last = last_page(found.total, CASE_EVENTS_PER_PAGE)
    if number > last:
        abort(404)
    names = names_in(event for event, _ in found.events)
    return _render_case_page(
        "casework/case_page/audit.html",
        case,
        "Audit trail",
        rows=[timeline.audit_row(event, names=names) for event, _ in found.events],
        total=found.total,
        pagination=govuk_pagination(
            number, last, lambda n: url_for("casework.case_audit", reference=case.reference, page=n), "Pages of events"
        ),
    )


def _uk_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, UK).astimezone(UTC)


@bp.get("/audit")
@roles_required(*AUDIT_ROLES)
def audit_trail():
    number = page_number(request.args.get("page"))
    form = AuditFilterForm(formdata=request.args, staff=queries.staff_for_filter())
    filtered = any(request.args.get(name) for name in ("staff", "since", "until"))
    valid = form.validate() if filtered else True
    actor_id = int(form.staff.data) if valid and form.staff.data else None
    since = _uk_midnight(form.since.data) if valid and form.since.data else None
    before = _uk_midnight(form.until.data + timedelta(days=1)) if valid and form.until.data else None
    filters = {
        "staff_id": actor_id,
        "from": since and form.since.data.isoformat(),
        "to": before and form.until.data.isoformat(),
    }
    audit.record(
        current_user.id, "audit_trail_viewed", detail={"page": number, **{k: v for k, v in filters.items() if v}}
    )
    transaction.commit()
    found = (
        queries.events_page(
            EVENTS_PER_PAGE, (number - 1) * EVENTS_PER_PAGE, actor_id=actor_id, since=since, before=before
        )
        if valid
        else queries.AuditPage(events=[], total=0)
    )
    last = last_page(found.total, EVENTS_PER_PAGE)
    if number > last:
        abort(404)
    names = names_in(event for event, _ in found.events)
    query = {key: request.args.getlist(key) for key in ("staff", "since", "until") if request.args.get(key)}
    return render_template(
        "casework/case_page/audit_trail.html",
        form=form,
        valid=valid,
        page_has_errors=not valid,
        rows=[timeline.audit_row(event, reference, names) for event, reference in found.events],
        total=found.total,
        number=number,
        first_shown=(number - 1) * EVENTS_PER_PAGE + 1,
        pagination=govuk_pagination(number, last, lambda n: url_for("casework.audit_trail", page=n, **query), "Pages"),
        title="Audit trail" if last == 1 else f"Audit trail (page {number} of {last})",
    )
