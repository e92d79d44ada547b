"""A "not accepted" decision is checked before its letter goes (seed 003, "Screening System": the person is told why,
and that they can go to the Ombudsman, which "places great importance on the decision-making process").

Screening keeps the decision aside (`screening.propose_not_accepted`) and sends staff here to read the letter. When
the council's settings ask for it (`CouncilSettings.not_accepted_needs_approval`), a complaints officer's decision
waits for a complaints manager to approve it; a complaints manager's own decision needs no second approval. Only
then is the case closed as not accepted and the letter sent. Every step is audited.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.casework import bp
from portal.casework.access import CASE_ROUTE_ROLES, case_for_change, record_view
from portal.casework.letters import letter_for
from portal.casework.messaging import letters_are_safe
from portal.casework.screening import Decision, decide, facts_for, recommendation_for
from portal.common.clock import uk_today
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.models import Case, StaffUser
from portal.data.queries import audit
from portal.data.queries.settings import council_settings
from portal.domain.types import StaffRole
from portal.domain.workflow import InvalidTransition
from portal.notifications import outbox

SEND, ASK_APPROVAL, WITHDRAW = "send", "ask_approval", "withdraw"


def pending(case: Case) -> dict | None:
    return (case.screening or {}).get("pending")


def needs_approval_from_someone_else(user: StaffUser) -> bool:
    return council_settings().not_accepted_needs_approval and user.role is not StaffRole.COMPLAINTS_MANAGER


def _set_pending(case: Case, values: dict | None) -> None:
    screening = dict(case.screening or {})
    if values is None:
        screening.pop("pending", None)
    else:
        screening["pending"] = values
    case.screening = screening


def ask_approval(case: Case, user: StaffUser) -> None:
    _set_pending(case, {**pending(case), "awaiting_approval": True})
    audit.record(user.id, "not_accepted_sent_for_approval", case_id=case.id, detail={})
    transaction.commit()


def withdraw(case: Case, user: StaffUser) -> None:
    _set_pending(case, None)
    audit.record(user.id, "not_accepted_withdrawn", case_id=case.id, detail={})
    transaction.commit()


def send(case: Case, user: StaffUser) -> list[int]:
    """Closes the case as not accepted and queues the letter. Raises InvalidTransition when it cannot be screened."""
    values = dict(pending(case))
    decision = Decision.from_json(_decision_values(values))
    facts = facts_for(case, decision.answers)
    approval = {"approved_by": user.name, "proposed_by": values.get("proposed_by")}
    _set_pending(case, None)
    return decide(case, user, decision, facts, recommendation_for(facts), uk_today(), detail_extra=approval)


def _render(case: Case, errors: list[dict] | None = None):
    record_view(case, "not accepted letter")
    values = pending(case)
    decision = Decision.from_json(_decision_values(values))
    letter = letter_for(case, decision.procedure, decision.reason, decision.signposted_to)
    return render_template(
        "casework/screening/not_accepted.html",
        case=case,
        form=None,
        pending=values,
        letter=letter,
        email=case.submitter.email if case.submitter else None,
        letters_safe=letters_are_safe(case),
        needs_approval=needs_approval_from_someone_else(current_user),
        title=f"Check the letter – {case.reference}",
        page_has_errors=bool(errors),
        extra_errors=errors or [],
    )


def _decision_values(values: dict) -> dict:
    return {key: values[key] for key in Decision.__dataclass_fields__}


@bp.route("/cases/<reference>/screening/not-accepted", methods=["GET", "POST"])
@roles_required(*CASE_ROUTE_ROLES)
def not_accepted(reference: str):
    case = case_for_change(reference)
    if pending(case) is None:
        abort(404)
    if request.method == "GET":
        return _render(case)
    action = request.form.get("action")
    if action == WITHDRAW:
        withdraw(case, current_user)
        flash("The decision was withdrawn: screen the case again", "success")
        return redirect(url_for("casework.screening", reference=case.reference))
    if needs_approval_from_someone_else(current_user):
        if action == ASK_APPROVAL:
            ask_approval(case, current_user)
            flash("Sent to a complaints manager to approve. Nothing has been sent to the person yet", "success")
            return redirect(url_for("casework.not_accepted", reference=case.reference))
        return _render(
            case, [{"text": "A complaints manager must approve this letter before it goes", "href": "#send"}]
        )
    if action != SEND:
        return _render(case)
    try:
        message_ids = send(case, current_user)
    except InvalidTransition as error:
        transaction.rollback()
        return _render(case, [{"text": str(error), "href": "#send"}])
    outbox.deliver_now(message_ids)
    flash("Not accepted: the case is closed and the letter has gone", "success")
    return redirect(url_for("casework.screening", reference=case.reference))
