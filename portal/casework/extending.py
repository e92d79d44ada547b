"""Extending a response's deadline (issue 11, item 2; domain.md section 4): up to the policy's maximum
(portal.domain.extensions: statutory Stage 1 to 20 working days in all, corporate Stage 1 once only by up to 10),
with the reason and the new date, and the complainant is told, through the outbox or by a letter to post. Each
extension is kept, and the case summary shows them all.
"""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.case_moves.moving import change_case
from portal.casework import bp
from portal.casework.access import COMPLAINTS_TEAM, case_for_stage_work
from portal.casework.forms_stages import ExtensionForm
from portal.casework.messaging import common_values, letters_are_safe, letters_not_safe, methods_for, queue_message
from portal.common.changes import json_safe
from portal.common.clock import uk_today
from portal.common.roles import roles_required
from portal.common.working_calendar import council_calendar
from portal.data import transaction
from portal.data.models import Case, StaffUser, StageRecord
from portal.data.queries import audit
from portal.data.queries import stages as queries
from portal.data.queries.settings import timescale_policy
from portal.data.stage_models import Extension
from portal.domain import extensions
from portal.domain.calendar import format_date
from portal.domain.clocks import is_extendable
from portal.domain.extensions import InvalidExtension
from portal.notifications import outbox
from portal.notifications.letters import letter_pdf, pdf_download
from portal.notifications.message_templates import message_from_template
from portal.notifications.response_templates import EXTENSION, EXTENSION_SMS

TEAM_ROLES = tuple(sorted(COMPLAINTS_TEAM))


def extendable_row(case: Case) -> StageRecord | None:
    """The open timed step a case could have extended: one the policy allows to be extended, whose clock has
    started (a corporate Stage 1 waits for the acknowledgement)."""
    for row in case.stages:
        if row.completed_on is None and row.step is not None and row.clock_started_on is not None:
            if is_extendable(row.procedure or case.procedure, row.step):
                return row
    return None


def latest_allowed(case: Case, row: StageRecord) -> date:
    """The latest date an extension may reach now; raises ``InvalidExtension`` when it cannot be extended again."""
    return extensions.extension_limit(
        row.procedure or case.procedure,
        row.step,
        row.clock_started_on,
        timescale_policy(),
        council_calendar(),
        previous_extensions=len(row.extensions),
    )


def _values(case: Case, extension: Extension) -> dict[str, str]:
    return {
        **common_values(case),
        "extension_reason": extension.reason,
        "new_date": format_date(extension.new_due_on),
        "previous_date": format_date(extension.previous_due_on),
    }


def extend(
    case: Case, row: StageRecord, user: StaffUser, new_due_on: date, reason: str, method: str, today: date
) -> list[int]:
    """Checks the extension with the domain, keeps it, moves the step's due date and tells the complainant, in one
    audited change. Raises ``InvalidExtension`` (changing nothing). Returns the ids of the queued messages."""
    checked = extensions.extend(
        row.procedure or case.procedure,
        row.step,
        started_on=row.clock_started_on,
        current_due=row.current_due_on,
        new_due=new_due_on,
        reason=reason,
        granted_on=today,
        policy=timescale_policy(),
        calendar=council_calendar(),
        previous_extensions=len(row.extensions),
    )
    if method not in dict(methods_for(case)):
        raise InvalidExtension("Select how to tell the complainant")
    with change_case(case, user, "deadline_extended") as change:
        extension = queries.add_extension(
            row,
            Extension(
                previous_due_on=checked.previous_due_on,
                new_due_on=checked.new_due_on,
                reason=checked.reason,
                granted_on=checked.granted_on,
                granted_by_id=user.id,
                complainant_told_on=today,
                told_by=method,
            ),
        )
        row.extended_to = checked.new_due_on
        values = _values(case, extension)
        message = message_from_template(EXTENSION, values)
        queued = queue_message(
            case,
            method,
            EXTENSION["key"],
            message.subject,
            message.body,
            message_from_template(EXTENSION_SMS, values).body,
        )
        transaction.flush()
        extension.outbox_message_id = queued[0].id if queued else None
        change.queue(queued)
        change.detail.update(
            {
                "step": row.step.value,
                "changes": {"due_on": [json_safe(checked.previous_due_on), checked.new_due_on.isoformat()]},
                "reason": checked.reason,
                "told_by": method,
            }
        )
    return change.message_ids


# Pages ---------------------------------------------------------------------------------------------------------------


def _render(case: Case, form: ExtensionForm, errors: list[dict] | None = None):
    errors = errors or []
    row = extendable_row(case)
    limit, refusal = None, None
    if row is not None:
        try:
            limit = latest_allowed(case, row)
        except InvalidExtension as error:
            refusal = str(error)
    return render_template(
        "casework/stages/extension.html",
        case=case,
        row=row,
        limit=limit,
        refusal=refusal,
        history=[item for stage in case.stages for item in stage.extensions],
        letters_safe=letters_are_safe(case),
        form=form,
        title=f"Extend the deadline – {case.reference}",
        page_has_errors=bool(form.errors) or bool(errors),
        extra_errors=errors,
    )


def _form(case: Case, formdata=None) -> ExtensionForm:
    form = ExtensionForm(formdata=formdata)
    methods = methods_for(case)
    form.set_methods(methods)
    if formdata is None and methods:
        form.method.data = methods[0][0]
    return form


@bp.route("/cases/<reference>/extension", methods=["GET", "POST"])
@roles_required(*TEAM_ROLES)
def extension(reference: str):
    case = case_for_stage_work(reference, "extension")
    if request.method == "GET":
        return _render(case, _form(case))
    form = _form(case, formdata=request.form)
    row = extendable_row(case)
    if row is None:
        return _render(case, form, [{"text": "There is no deadline that can be extended at this step", "href": "#"}])
    if not form.validate():
        return _render(case, form)
    try:
        message_ids = extend(
            case, row, current_user, form.new_due_on.data, form.reason.data, form.method.data, uk_today()
        )
    except InvalidExtension as error:
        transaction.rollback()
        return _render(case, form, [{"text": str(error), "href": "#new_due_on"}])
    outbox.deliver_now(message_ids)
    flash(f"Extended to {format_date(form.new_due_on.data)}: the complainant has been told", "success")
    return redirect(url_for("casework.case_detail", reference=case.reference) + "#deadlines")


@bp.get("/cases/<reference>/extension/<int:extension_id>/letter")
@roles_required(*TEAM_ROLES)
def extension_letter(reference: str, extension_id: int):
    """The letter telling the complainant about an extension, to print and post when letters are safe."""
    case = case_for_stage_work(reference)
    extension = next((item for stage in case.stages for item in stage.extensions if item.id == extension_id), None)
    if extension is None:
        abort(404)
    if not letters_are_safe(case):
        return letters_not_safe(case, "casework.extension")
    pdf = letter_pdf(case, message_from_template(EXTENSION, _values(case, extension)), extension.granted_on)
    audit.record(current_user.id, "letter_produced", case_id=case.id, detail={"letter": "extension"})
    transaction.commit()
    return pdf_download(pdf, f"{case.reference}-extension.pdf")
