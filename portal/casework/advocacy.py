"""Advocacy for a child's case: the Complaints Team records that an advocate was offered, accepted, referred to a
provider or declined (Children Act 1989 s26A; domain.md section 7: "record offered / accepted / provider / referral
date"). Any case made by a child, for a child or about a named child counts as a child's case.
"""

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.casework import bp
from portal.casework.access import CASE_ROUTE_ROLES, case_for_change, record_view
from portal.casework.forms_screening import AdvocacyForm
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.models import AdvocacyReferral, Case, StaffUser
from portal.data.queries import audit
from portal.data.queries import screening as queries
from portal.domain.types import AdvocacyStatus

# What each step records: the status, and the date it sets.
STEPS = {
    "offered": (AdvocacyStatus.OFFERED, "offered_on"),
    "accepted": (AdvocacyStatus.ACCEPTED, "requested_on"),
    "referred": (AdvocacyStatus.REFERRED, "referred_on"),
    "declined": (AdvocacyStatus.DECLINED, "responded_on"),
}
FINISHED = frozenset({AdvocacyStatus.DECLINED, AdvocacyStatus.ENDED})


def is_childs_case(case: Case) -> bool:
    return case.made_by_child or case.on_behalf_of_child or bool(case.children)


def record_step(case: Case, user: StaffUser, step: str, provider: str | None, day: date) -> AdvocacyReferral:
    """Moves the case's current advocacy record on a step, or starts one when there is none still running (the
    last one was declined or ended). The provider is kept when the step names none. Audited with the values."""
    status, date_field = STEPS[step]
    current = next((item for item in reversed(case.advocacy_referrals) if item.status not in FINISHED), None)
    before = {} if current is None else {"status": current.status.value, "provider": current.provider}
    if current is None:
        current = AdvocacyReferral(status=status)
        case.advocacy_referrals.append(current)
    current.status = status
    current.provider = provider or current.provider
    setattr(current, date_field, day)
    changes = {
        "advocacy": [before.get("status"), status.value],
        "provider": [before.get("provider"), current.provider],
        date_field: [None, day.isoformat()],
    }
    changes = {name: change for name, change in changes.items() if change[0] != change[1]}
    audit.record(user.id, "advocacy_recorded", case_id=case.id, detail={"changes": changes})
    transaction.commit()
    return current


def _providers() -> list[str]:
    return [provider.name for provider in queries.active_advocacy_providers() if provider.for_children]


@bp.route("/cases/<reference>/advocacy", methods=["GET", "POST"])
@roles_required(*CASE_ROUTE_ROLES)
def advocacy(reference: str):
    case = case_for_change(reference)
    form = AdvocacyForm()
    form.set_providers(_providers())
    childs_case = is_childs_case(case)
    if request.method == "POST" and childs_case and form.validate():
        record_step(case, current_user, form.step.data, form.provider.data or None, form.happened_on.data)
        flash("Advocacy recorded", "success")
        return redirect(url_for("casework.advocacy", reference=case.reference))
    record_view(case, "advocacy")
    return render_template(
        "casework/screening/advocacy.html",
        case=case,
        form=form,
        childs_case=childs_case,
        title=f"Advocacy – {case.reference}",
        page_has_errors=bool(form.errors),
    )
