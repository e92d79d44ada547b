"""Assisted entry: staff record feedback that came by phone, letter, email, in person or through someone else.

One page that works without JavaScript. The case's clock starts on the day the feedback reached the council, which
may be days before it is typed in: the acknowledgement deadline counts from that day (domain.md sections 2 and 4).
"""

import secrets
from datetime import date

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.casework import bp
from portal.casework.forms_case import AssistedEntryForm
from portal.common.roles import roles_required
from portal.common.working_calendar import council_calendar
from portal.data import transaction
from portal.data.models import Case, CaseChild, Person, StaffUser
from portal.data.queries import audit
from portal.data.queries import case_page as queries
from portal.data.queries.cases import add_case, unused_reference
from portal.data.queries.settings import council_settings, timescale_policy
from portal.data.queries.teams import active_teams
from portal.domain.references import new_reference
from portal.domain.safeguarding import matching_phrases
from portal.domain.types import CaseState, Channel, FeedbackKind, StaffRole, SubmitterRole
from portal.domain.workflow import acknowledgement_due, response_due
from portal.notifications import outbox
from portal.notifications.safeguarding import queue_safeguarding_alert
from portal.uploads import StoredFile, UploadPolicy, accept_uploads, attachment_for, discard_stored, storage_for

ENTRY_ROLES = (StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER, StaffRole.PARTICIPATION_OFFICER)
FILES_NOT_KEPT = "Choose the files again: files are not kept when another answer needs correcting"


def _storage():
    return storage_for(current_app.config, current_app.instance_path)


def _optional(value: str | None) -> str | None:
    return (value or "").strip() or None


def _person(form: AssistedEntryForm) -> Person:
    return Person(
        role=SubmitterRole(form.submitter_role.data),
        name=_optional(form.full_name.data),
        organisation=_optional(form.organisation.data),
        email=_optional(form.email.data),
        phone=_optional(form.phone.data),
        address=_optional(form.address.data),
        postcode=_optional(form.postcode.data),
        contact_methods=list(form.contact_methods.data or []),
        letters_ok=_safe(form.letters_ok.data),
        voicemail_ok=_safe(form.voicemail_ok.data),
        safe_contact_times=_optional(form.safe_contact_times.data),
    )


def _safe(answer: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(answer or "")


def _child(form: AssistedEntryForm) -> CaseChild | None:
    """The child it is about, when staff said it is about one (with whatever details they have)."""
    if form.about_child.data != "yes":
        return None
    name, born, age = _optional(form.child_name.data), form.child_date_of_birth.data, form.child_age.data
    return CaseChild(name=name, date_of_birth=born, age=age)


def record_case(user: StaffUser, form: AssistedEntryForm, files: tuple[StoredFile, ...]) -> Case:
    """Creates the case from the form, with its files, its acknowledgement deadline from the day it was received
    and a "case_recorded" audit event, in one transaction."""
    kind = FeedbackKind(form.kind.data)
    received_on: date = form.received_on.data
    made_by_child = form.made_by_child.data == "yes"
    child = _child(form)
    summary, description = form.summary.data.strip(), form.description.data.strip()
    council = council_settings()
    matches = matching_phrases([summary, description], council.safeguarding_phrases or [])
    case = Case(
        reference=unused_reference(lambda: new_reference(secrets.SystemRandom())),
        kind=kind,
        state=CaseState.RECEIVED,
        channel=Channel(form.channel.data),
        received_on=received_on,
        acknowledgement_due_on=acknowledgement_due(kind, received_on, timescale_policy(), council_calendar()),
        response_due_on=response_due(kind, received_on, timescale_policy(), council_calendar()),
        submitter=_person(form),
        made_by_child=made_by_child,
        # Asked apart from "is it about a child?": a grandparent about their own contact names a child but complains
        # for themself (domain.md section 3).
        on_behalf_of_child=child is not None and not made_by_child and form.on_behalf_of_child.data == "yes",
        summary=summary,
        description=description,
        team_id=int(form.team.data) if form.team.data else None,
        safeguarding_flag=bool(matches) or form.safeguarding_concern.data,
        safeguarding_matches=matches,
        recorded_by_id=user.id,
        answers={},
    )
    if child is not None:
        case.children.append(child)
    add_case(case)
    audit.record(user.id, "case_recorded", case_id=case.id, detail=_recorded_detail(case, files))
    # Added after the case, so that its timeline tells of the files after the recording.
    case.attachments.extend(attachment_for(stored, uploaded_by_id=user.id) for stored in files)
    alert = queue_safeguarding_alert(case, council)
    transaction.commit()
    if alert:
        outbox.deliver_now([alert.id])
    return case


def _recorded_detail(case: Case, files: tuple[StoredFile, ...]) -> dict:
    """What was recorded, as changes from nothing. Contact details and the description stay on the case only."""
    values = {
        "kind": case.kind.value,
        "channel": case.channel.value,
        "received_on": case.received_on.isoformat(),
        "acknowledgement_due_on": case.acknowledgement_due_on.isoformat() if case.acknowledgement_due_on else None,
        "response_due_on": case.response_due_on.isoformat() if case.response_due_on else None,
        "submitter_role": case.submitter.role.value,
        "made_by_child": case.made_by_child,
        "on_behalf_of_child": case.on_behalf_of_child,
        "letters_ok": case.submitter.letters_ok,
        "voicemail_ok": case.submitter.voicemail_ok,
        "team_id": case.team_id,
        "summary": case.summary,
        "safeguarding_flag": case.safeguarding_flag,
    }
    detail: dict = {"changes": {name: [None, value] for name, value in values.items() if value is not None}}
    if files:
        detail["documents"] = [stored.filename for stored in files]
    return detail


@bp.route("/record", methods=["GET", "POST"])
@roles_required(*ENTRY_ROLES)
def record_feedback():
    form = AssistedEntryForm(teams=active_teams())
    upload_errors: list[str] = []
    if request.method == "POST":
        chosen = [file for file in request.files.getlist("documents") if file.filename]
        if form.validate_on_submit():
            storage = _storage()
            outcome = accept_uploads(chosen, storage, UploadPolicy.from_config(current_app.config))
            if outcome.errors:
                # Nothing is recorded until every file is right, so a case never lacks a file staff meant to add.
                discard_stored(outcome.stored, storage)
                upload_errors = outcome.errors
            else:
                try:
                    case = record_case(current_user, form, outcome.stored)
                except Exception:
                    transaction.rollback()
                    discard_stored(outcome.stored, storage)
                    raise
                return _after_recording(case)
        elif chosen:
            upload_errors = [FILES_NOT_KEPT]
    return render_template(
        "casework/assisted_entry/record_feedback.html",
        form=form,
        upload_errors=upload_errors,
        extra_errors=[{"text": message, "href": "#documents"} for message in upload_errors],
        page_has_errors=bool(form.errors or upload_errors),
        title="Record a complaint, comment or compliment",
    )


def _after_recording(case: Case):
    flash(f"{case.kind.label} recorded. Its reference is {case.reference}", "success")
    # A participation officer may record an adult's complaint that only the Complaints Team may then open.
    if queries.case_for_page(case.reference, current_user) is None:
        return redirect(url_for("casework.record_feedback"), 303)
    return redirect(url_for("casework.case_detail", reference=case.reference), 303)
