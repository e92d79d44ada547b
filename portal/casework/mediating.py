"""The mediation page (issue 11, item 3): the Complaints Team records the offer, the complainant's answer when they
give it to staff, and the outcome of the meeting. The rules are `portal.case_moves.mediation`'s, which the tracking
pages use too when the complainant answers there."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from portal.case_moves import mediation as mediating
from portal.casework import bp
from portal.casework.access import COMPLAINTS_TEAM, STAGE_ROLES, case_for_stage_work, in_complaints_team
from portal.casework.forms_escalation import MediationAnswerForm, MediationOfferForm, MediationOutcomeForm
from portal.common.clock import uk_today
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.models import Case
from portal.domain.moves import InvalidTransition
from portal.notifications import outbox

TEAM_ROLES = tuple(sorted(COMPLAINTS_TEAM))


def _render(case: Case, errors: list[dict] | None = None, **forms):
    forms = {
        "offer_form": MediationOfferForm(formdata=None),
        "answer_form": MediationAnswerForm(formdata=None),
        "outcome_form": MediationOutcomeForm(formdata=None),
        **forms,
    }
    errors = errors or []
    return render_template(
        "casework/stages/mediation.html",
        case=case,
        mediation=mediating.current_mediation(case),
        earlier=[item for item in case.mediations if item is not mediating.current_mediation(case)],
        can_offer=mediating.can_offer(case),
        waiting=mediating.offer_waiting(case),
        in_mediation=case.state.value == "mediation",
        team=in_complaints_team(current_user),
        title=f"Mediation – {case.reference}",
        page_has_errors=any(form.errors for form in forms.values()) or bool(errors),
        extra_errors=errors,
        form=next((form for form in forms.values() if form.errors), None),
        **forms,
    )


def _refused(case: Case, name: str, form, error: Exception):
    """The page again with what was typed, and why the rules refused it."""
    transaction.rollback()
    return _render(case, errors=[{"text": str(error), "href": f"#{name.removesuffix('_form')}"}], **{name: form})


@bp.get("/cases/<reference>/mediation")
@roles_required(*STAGE_ROLES)
def mediation(reference: str):
    case = case_for_stage_work(reference, "mediation")
    return _render(case)


@bp.post("/cases/<reference>/mediation/offer")
@roles_required(*TEAM_ROLES)
def mediation_offer(reference: str):
    case = case_for_stage_work(reference, "mediation", TEAM_ROLES)
    form = MediationOfferForm()
    if not form.validate():
        return _render(case, offer_form=form)
    try:
        mediating.offer_mediation(case, current_user, form.offered_on.data, form.mediator_name.data, today=uk_today())
    except mediating.MediationError as error:
        return _refused(case, "offer_form", form, error)
    flash("Offer of mediation recorded: record their answer when they give it", "success")
    return redirect(url_for("casework.mediation", reference=case.reference))


@bp.post("/cases/<reference>/mediation/answer")
@roles_required(*TEAM_ROLES)
def mediation_answer(reference: str):
    case = case_for_stage_work(reference, "mediation", TEAM_ROLES)
    form = MediationAnswerForm()
    if not form.validate():
        return _render(case, answer_form=form)
    accepted = form.accepted.data == "yes"
    try:
        mediating.answer_mediation(
            case, accepted, form.answered_on.data, by_complainant=False, user=current_user, today=uk_today()
        )
    except (mediating.MediationError, InvalidTransition) as error:
        return _refused(case, "answer_form", form, error)
    if accepted:
        flash("Mediation accepted: record the outcome after the meeting", "success")
        return redirect(url_for("casework.mediation", reference=case.reference))
    flash("Mediation not accepted: Stage 2 goes ahead", "success")
    return redirect(url_for("casework.stage_2", reference=case.reference))


@bp.post("/cases/<reference>/mediation/outcome")
@roles_required(*TEAM_ROLES)
def mediation_outcome(reference: str):
    case = case_for_stage_work(reference, "mediation", TEAM_ROLES)
    form = MediationOutcomeForm()
    if not form.validate():
        return _render(case, outcome_form=form)
    resolved = form.resolved.data == "yes"
    try:
        change = mediating.record_outcome(
            case, current_user, form.held_on.data, resolved, form.notes.data, today=uk_today()
        )
    except (mediating.MediationError, InvalidTransition) as error:
        return _refused(case, "outcome_form", form, error)
    outbox.deliver_now(change.message_ids)
    if resolved:
        flash("Resolved by mediation: the case is closed", "success")
        return redirect(url_for("casework.case_detail", reference=case.reference))
    flash("Mediation did not resolve the complaint: Stage 2 goes ahead", "success")
    return redirect(url_for("casework.stage_2", reference=case.reference))
