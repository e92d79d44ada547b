"""Closing a case from the case page (issue 11, item 9): the reason it ended, a complaint's outcome as its findings
give it or as staff decide with a reason, and whether each stage met its timescale. The work is
`portal.case_moves.closing`, which every closing path uses."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.case_moves.closing import (
    COMPLAINT_PROCEDURES,
    InvalidOutcome,
    close_case,
    closing_event,
    derived_outcome,
    outcome_for,
)
from portal.case_moves.moving import in_time
from portal.casework import bp
from portal.casework.access import COMPLAINTS_TEAM, case_for_stage_work
from portal.casework.forms_stages import DERIVED, CloseForm
from portal.common.clock import uk_today
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.models import Case
from portal.domain.moves import InvalidTransition, allowed_moves
from portal.domain.types import CaseState, Closure, Finding
from portal.notifications import outbox


def stage_timescales(case: Case) -> list[dict]:
    """Each timed step the case completed, with whether it met its timescale (``in_time``; an agreed extension counts
    as in time, domain.md section 4), in the order they happened."""
    rows = sorted(case.stages, key=lambda row: (row.started_on, row.id))
    return [
        {"row": row, "met": in_time(row)}
        for row in rows
        if row.step is not None and row.completed_by is not None and row.due_on is not None
    ]


def can_close(case: Case) -> bool:
    held_from = CaseState(case.held_from) if case.held_from else None
    return CaseState.CLOSED in allowed_moves(case.procedure, case.state, progress=case.progress, held_from=held_from)


def _render(case: Case, form: CloseForm, errors: list[dict] | None = None):
    errors = errors or []
    return render_template(
        "casework/stages/close.html",
        case=case,
        form=form,
        complaint=case.procedure in COMPLAINT_PROCEDURES,
        derived=derived_outcome(case),
        timescales=stage_timescales(case),
        can_close=can_close(case),
        title=f"Close {case.reference}",
        page_has_errors=bool(form.errors) or bool(errors),
        extra_errors=errors,
    )


@bp.route("/cases/<reference>/close", methods=["GET", "POST"])
@roles_required(*sorted(COMPLAINTS_TEAM))
def closing(reference: str):
    case = case_for_stage_work(reference, "close")
    if request.method == "GET":
        return _render(case, CloseForm(formdata=None, data={"outcome": DERIVED}))
    form = CloseForm()
    if not can_close(case):
        return _render(case, form, [{"text": f"This case cannot be closed: {case.state.label.lower()}", "href": "#"}])
    if not form.validate():
        return _render(case, form)
    closure = Closure(form.closure.data)
    try:
        outcome = None
        if case.procedure in COMPLAINT_PROCEDURES:
            chosen = None if form.outcome.data in (None, "", DERIVED) else Finding(form.outcome.data)
            outcome = outcome_for(case, chosen, form.override_reason.data)
        change = close_case(
            case, current_user, closure, uk_today(), outcome=outcome, event=closing_event(case, closure)
        )
    except InvalidOutcome as error:
        form.override_reason.errors.append(str(error))
        return _render(case, form)
    except InvalidTransition as error:
        transaction.rollback()
        return _render(case, form, [{"text": str(error), "href": "#closure"}])
    outbox.deliver_now(change.message_ids)
    flash(f"Closed: {closure.label.lower()}", "success")
    return redirect(url_for("casework.case_detail", reference=case.reference))
