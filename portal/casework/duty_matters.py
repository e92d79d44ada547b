"""Duty matters: contacts that enter no procedure (Staffordshire seed 003, "Duty Matters": about 30% of the
Complaints Team's work), recorded as closed cases outside the procedures so they are counted and can be found again."""

import secrets
from datetime import date

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from portal.casework import bp
from portal.casework.access import SCREENER_ROLES
from portal.casework.forms_screening import DutyMatterForm
from portal.common.clock import uk_today, utc_now
from portal.common.closing import case_closed
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.models import Case, Person, StaffUser
from portal.data.queries import audit
from portal.data.queries import cases as case_queries
from portal.domain.references import new_reference
from portal.domain.types import CaseState, Channel, Closure, FeedbackKind, Procedure, SubmitterRole


def record_duty_matter(form: DutyMatterForm, user: StaffUser, today: date) -> Case:
    """A contact that enters no procedure: recorded as a closed case outside the procedures (seed 003, "Duty
    Matters": about 30% of the Complaints Team's work), so it is counted and can be found again."""
    signposted = form.outcome.data == "signposted"
    case = Case(
        reference=case_queries.unused_reference(lambda: new_reference(secrets.SystemRandom())),
        kind=FeedbackKind.DUTY_MATTER,
        procedure=Procedure.OUTSIDE_PROCEDURES,
        state=CaseState.CLOSED,
        channel=Channel(form.channel.data),
        received_on=form.received_on.data,
        submitter=Person(
            role=SubmitterRole(form.role.data),
            name=form.name.data,
            email=form.email.data or None,
            phone=form.phone.data or None,
            contact_methods=[],
            support_needs={},
        ),
        summary=_first_line(form.about.data),
        description=form.about.data,
        answers={},
        screening={
            "duty_matter": {
                "outcome": form.outcome.data,
                "signposted_to": form.signposted_to.data if signposted else None,
                "notes": form.notes.data or None,
            }
        },
        screening_reason=(f"Signposted to {form.signposted_to.data}" if signposted else "Answered"),
        screened_at=utc_now(),
        screened_by_id=user.id,
        recorded_by_id=user.id,
        closure=Closure.SIGNPOSTED if signposted else Closure.RESOLVED,
        closed_on=today,
    )
    case_queries.add_case(case)
    case_closed(case, today)
    audit.record(
        user.id,
        "duty_matter_recorded",
        case_id=case.id,
        detail={
            "changes": {
                "kind": [None, case.kind.value],
                "procedure": [None, case.procedure.value],
                "state": [None, case.state.value],
                "channel": [None, case.channel.value],
                "received_on": [None, case.received_on.isoformat()],
                "closure": [None, case.closure.value],
            }
        },
    )
    transaction.commit()
    return case


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 120 else line[:117].rstrip() + "..."


@bp.route("/duty-matters/new", methods=["GET", "POST"])
@roles_required(*sorted(SCREENER_ROLES))
def new_duty_matter():
    form = DutyMatterForm()
    if form.validate_on_submit():
        case = record_duty_matter(form, current_user, uk_today())
        flash(f"Duty matter {case.reference} recorded", "success")
        return redirect(url_for("casework.new_duty_matter"))
    return render_template(
        "casework/screening/duty_matter.html",
        form=form,
        title="Record a duty matter",
        page_has_errors=bool(form.errors),
    )
