"""The Ombudsman (issue 11, item 8; domain.md section 5; seeds 003 and 004).

A complainant may go to the Local Government and Social Care Ombudsman at any time, usually after the procedure.
The Complaints Team records each enquiry or investigation with the Ombudsman's reference and dates, which moves the
case to "With the Ombudsman" (`portal.case_moves.moving`); then the Ombudsman's decision from its list
(``OmbudsmanDecision``), and the remedies the council agreed to (an apology, a time and trouble payment with its
amount, a change of practice...), each with a due date and tracked until the council records its evidence.

Afterwards the case closes (the case's close page), or goes back into the procedure when the Ombudsman finds the
complaint premature or asks the council to take the next step: only into the stage after the last response sent
(``portal.domain.moves``): Stage 1 when there was none, then Stage 2, then a review panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.case_moves.moving import CaseChange, change_case
from portal.casework import bp
from portal.casework.access import case_for_stage_work
from portal.casework.findings import money, remedy_text
from portal.casework.forms_escalation import (
    OmbudsmanDecisionForm,
    OmbudsmanForm,
    OmbudsmanRemedyForm,
    RemedyEvidenceForm,
)
from portal.casework.stage_2 import TEAM_ROLES, StepError, check_day
from portal.common.changes import changes, json_safe, snapshot
from portal.common.clock import uk_today
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.escalation_models import REQUESTED_BY_OMBUDSMAN, OmbudsmanCase, ReviewPanel, Stage2
from portal.data.models import Case, Remedy, StaffUser
from portal.data.queries import audit
from portal.data.queries import escalation as queries
from portal.data.queries import stages as stage_queries
from portal.domain.moves import InvalidTransition, allowed_moves, state_label
from portal.domain.types import CaseState, ClockEvent, OmbudsmanDecision, OmbudsmanStatus, RemedyKind

DETAIL_FIELDS = (
    "reference",
    "status",
    "received_on",
    "investigation_started_on",
    "council_reply_due_on",
    "council_replied_on",
)
# What a case sent back by the Ombudsman records on entering each state: the request the Ombudsman stands in for.
_SENT_BACK_EVENTS = {
    CaseState.STAGE_2_REQUESTED: ClockEvent.STAGE_2_REQUESTED,
    CaseState.STAGE_3_REQUESTED: ClockEvent.STAGE_3_REQUESTED,
}


@dataclass(frozen=True)
class Details:
    """What staff record about an Ombudsman enquiry or investigation."""

    reference: str | None
    status: OmbudsmanStatus
    received_on: date
    investigation_started_on: date | None = None
    council_reply_due_on: date | None = None
    council_replied_on: date | None = None


def current_ombudsman_case(case: Case) -> OmbudsmanCase | None:
    return case.ombudsman_cases[-1] if case.ombudsman_cases else None


def _held_from(case: Case) -> CaseState | None:
    return CaseState(case.held_from) if case.held_from else None


def can_refer(case: Case) -> bool:
    """Whether the case can go to the Ombudsman from where it is (any stage, a hold, or closed)."""
    if case.procedure is None:
        return False
    allowed = allowed_moves(case.procedure, case.state, progress=case.progress, held_from=_held_from(case))
    return CaseState.OMBUDSMAN in allowed


def sent_back_to(case: Case) -> CaseState | None:
    """Where the Ombudsman can send the case back to: the stage after the last response sent, or screening for a
    complaint that was not accepted; ``None`` when only closing is left."""
    if case.state is not CaseState.OMBUDSMAN:
        return None
    allowed = allowed_moves(case.procedure, case.state, progress=case.progress)
    return next((state for state in allowed if state is not CaseState.CLOSED), None)


def _check_details(case: Case, details: Details, today: date) -> None:
    check_day(details.received_on, today, case.received_on, "the day the council received the complaint", "received_on")
    for name in ("investigation_started_on", "council_replied_on"):
        day = getattr(details, name)
        if day is not None:
            check_day(day, today, details.received_on, "the day the council heard from the Ombudsman", name)


def refer(case: Case, user: StaffUser, details: Details, today: date) -> CaseChange:
    """Records an enquiry or investigation by the Ombudsman and moves the case to "With the Ombudsman". Raises
    ``StepError`` or ``InvalidTransition`` (changing nothing)."""
    if not can_refer(case):
        raise StepError(f"This case cannot go to the Ombudsman from where it is: {case.state.label.lower()}")
    _check_details(case, details, today)
    with change_case(case, user, "ombudsman_referral") as change:
        change.move(CaseState.OMBUDSMAN, today)
        record = queries.add(OmbudsmanCase(case_id=case.id, recorded_by_id=user.id, **details.__dict__))
        change.detail.update({"changes": {name: [None, json_safe(getattr(record, name))] for name in DETAIL_FIELDS}})
    return change


def update_details(case: Case, user: StaffUser, record: OmbudsmanCase, details: Details, today: date) -> dict:
    """Keeps what the Ombudsman is doing and its dates up to date; audits and returns what changed."""
    _check_details(case, details, today)
    values = {name: getattr(details, name) for name in DETAIL_FIELDS}
    return _save(case, user, record, values, "ombudsman_details_changed")


def record_decision(
    case: Case,
    user: StaffUser,
    record: OmbudsmanCase,
    decision: OmbudsmanDecision,
    decided_on: date,
    summary: str | None,
    today: date,
) -> dict:
    """Records the Ombudsman's decision, in its own words; audits and returns what changed."""
    check_day(decided_on, today, record.received_on, "the day the council heard from the Ombudsman", "decided_on")
    values = {"decision": decision, "decided_on": decided_on, "decision_summary": summary or None}
    return _save(case, user, record, values, "ombudsman_decision_recorded")


def _save(case: Case, user: StaffUser, record: OmbudsmanCase, values: dict, action: str) -> dict:
    """Sets ``values`` on the Ombudsman record; audits and commits what changed, if anything, and returns it."""
    before = snapshot(record, tuple(values))
    for name, value in values.items():
        setattr(record, name, value)
    changed = changes(before, snapshot(record, tuple(values)))
    if changed:
        audit.record(user.id, action, case_id=case.id, detail={"changes": changed})
        transaction.commit()
    return changed


def add_remedy(
    case: Case,
    user: StaffUser,
    record: OmbudsmanCase,
    kind: RemedyKind,
    description: str | None,
    amount_pence: int | None,
    due_on: date,
) -> Remedy:
    """Adds a remedy the council agreed to after the Ombudsman's enquiry or investigation, with its due date."""
    amount = amount_pence if kind is RemedyKind.FINANCIAL_PAYMENT else None
    remedy = stage_queries.add_remedy(
        case,
        Remedy(
            kind=kind, description=description or None, amount_pence=amount, due_on=due_on, ombudsman_case_id=record.id
        ),
    )
    audit.record(
        user.id,
        "ombudsman_remedy_added",
        case_id=case.id,
        detail={
            "changes": {"remedy": [None, remedy_text(remedy)]},
            "due_on": due_on.isoformat(),
            "amount_pence": amount,
        },
    )
    transaction.commit()
    return remedy


def record_evidence(
    case: Case, user: StaffUser, remedy: Remedy, evidence: str, completed_on: date, today: date
) -> None:
    """Records the evidence that a remedy was done, which ends its tracking."""
    check_day(
        completed_on,
        today,
        remedy.ombudsman_case.received_on,
        "the day the council heard from the Ombudsman",
        "completed_on",
    )
    before = {"evidence": remedy.evidence, "completed_on": json_safe(remedy.completed_on)}
    remedy.evidence, remedy.completed_on = evidence, completed_on
    audit.record(
        user.id,
        "ombudsman_remedy_evidenced",
        case_id=case.id,
        detail={
            "remedy": remedy_text(remedy),
            "changes": changes(before, {"evidence": evidence, "completed_on": completed_on.isoformat()}),
        },
    )
    transaction.commit()


def send_back(case: Case, user: StaffUser, today: date) -> CaseChange:
    """Takes the case back into the procedure at the stage the Ombudsman asked for (``sent_back_to``). At Stage 1 its
    clock starts again from today; at Stage 2 or a review panel the Ombudsman's request stands for the
    complainant's, recorded with the day. Raises ``StepError`` or ``InvalidTransition``."""
    target = sent_back_to(case)
    if target is None:
        raise StepError("The case can only be closed now: there is no later stage to go back to")
    with change_case(case, user, "ombudsman_sent_back") as change:
        event = _SENT_BACK_EVENTS.get(target)
        if event is not None:
            change.move(target, today, event=event)
            record_class = Stage2 if target is CaseState.STAGE_2_REQUESTED else ReviewPanel
            record = record_class(case_id=case.id, requested_on=today, requested_through=REQUESTED_BY_OMBUDSMAN)
            if record_class is Stage2:
                record.procedure = case.procedure
            queries.add(record)
        elif target is CaseState.STAGE_1:
            change.move(target, today, clock_restarts_on=today)
        else:
            change.move(target, today)
    return change


# Pages ---------------------------------------------------------------------------------------------------------------


def _details_form(record: OmbudsmanCase | None, formdata=None) -> OmbudsmanForm:
    data = {}
    if record is not None:
        data = {
            "reference": record.reference,
            "status": record.status.value,
            "received_on": record.received_on,
            "investigation_started_on": record.investigation_started_on,
            "reply_due_on": record.council_reply_due_on,
            "replied_on": record.council_replied_on,
        }
    return OmbudsmanForm(formdata=formdata, data=data)


def _decision_form(record: OmbudsmanCase | None, formdata=None) -> OmbudsmanDecisionForm:
    data = {}
    if record is not None and record.decision is not None:
        data = {"decision": record.decision.value, "decided_on": record.decided_on, "summary": record.decision_summary}
    return OmbudsmanDecisionForm(formdata=formdata, data=data)


def _evidence_form(remedy: Remedy, formdata=None) -> RemedyEvidenceForm:
    """Each remedy's form has its own field names, so the page has no two fields alike."""
    return RemedyEvidenceForm(formdata=formdata, prefix=f"remedy-{remedy.id}")


def _evidence_name(remedy: Remedy) -> str:
    return f"evidence_form_{remedy.id}"


def _details_from(form: OmbudsmanForm) -> Details:
    return Details(
        reference=form.reference.data or None,
        status=OmbudsmanStatus(form.status.data),
        received_on=form.received_on.data,
        investigation_started_on=form.investigation_started_on.data,
        council_reply_due_on=form.reply_due_on.data,
        council_replied_on=form.replied_on.data,
    )


def _render(case: Case, errors: list[dict] | None = None, **forms):
    record = current_ombudsman_case(case)
    today = uk_today()
    forms = {
        "details_form": _details_form(record),
        "decision_form": _decision_form(record),
        "remedy_form": OmbudsmanRemedyForm(formdata=None),
        **forms,
    }
    errors = errors or []
    target = sent_back_to(case)
    return render_template(
        "casework/stages/ombudsman.html",
        case=case,
        record=record,
        earlier=case.ombudsman_cases[:-1],
        with_ombudsman=case.state is CaseState.OMBUDSMAN,
        can_refer=can_refer(case),
        sent_back_to=state_label(case.procedure, target) if target else None,
        remedies=list(record.remedies) if record else [],
        evidence_forms={
            remedy.id: forms.get(_evidence_name(remedy)) or _evidence_form(remedy, formdata=None)
            for remedy in (record.remedies if record else [])
        },
        today=today,
        remedy_text=remedy_text,
        money=money,
        title=f"Ombudsman – {case.reference}",
        page_has_errors=any(form.errors for form in forms.values()) or bool(errors),
        extra_errors=errors,
        form=next((form for form in forms.values() if form.errors), None),
        **forms,
    )


def _case(reference: str) -> Case:
    return case_for_stage_work(reference, "ombudsman", TEAM_ROLES)


def _record(case: Case) -> OmbudsmanCase:
    record = current_ombudsman_case(case)
    if record is None:
        abort(404)
    return record


def _done(case: Case, message: str, anchor: str = ""):
    flash(message, "success")
    return redirect(url_for("casework.ombudsman", reference=case.reference) + anchor)


@bp.get("/cases/<reference>/ombudsman")
@roles_required(*TEAM_ROLES)
def ombudsman(reference: str):
    return _render(_case(reference))


@bp.post("/cases/<reference>/ombudsman")
@roles_required(*TEAM_ROLES)
def ombudsman_details(reference: str):
    """Records a new enquiry or investigation, or changes the details of the current one while it is open."""
    case = _case(reference)
    record = current_ombudsman_case(case)
    updating = record is not None and case.state is CaseState.OMBUDSMAN
    form = _details_form(record, formdata=request.form)
    if not form.validate():
        return _render(case, details_form=form)
    try:
        if updating:
            changed = update_details(case, current_user, record, _details_from(form), uk_today())
            return _done(case, "Saved" if changed else "Nothing was changed")
        refer(case, current_user, _details_from(form), uk_today())
    except (StepError, InvalidTransition) as error:
        transaction.rollback()
        field = getattr(error, "field", "") or "status"
        form[
            {"council_replied_on": "replied_on", "council_reply_due_on": "reply_due_on"}.get(field, field)
        ].errors.append(str(error))
        return _render(case, details_form=form)
    return _done(case, "Recorded: the case is with the Ombudsman")


@bp.post("/cases/<reference>/ombudsman/decision")
@roles_required(*TEAM_ROLES)
def ombudsman_decision(reference: str):
    case = _case(reference)
    record = _record(case)
    form = _decision_form(record, formdata=request.form)
    if not form.validate():
        return _render(case, decision_form=form)
    try:
        changed = record_decision(
            case,
            current_user,
            record,
            OmbudsmanDecision(form.decision.data),
            form.decided_on.data,
            form.summary.data,
            uk_today(),
        )
    except StepError as error:
        transaction.rollback()
        form.decided_on.errors.append(str(error))
        return _render(case, decision_form=form)
    return _done(case, "Decision saved" if changed else "Nothing was changed", "#ombudsman-decision")


@bp.post("/cases/<reference>/ombudsman/remedies")
@roles_required(*TEAM_ROLES)
def ombudsman_remedy(reference: str):
    case = _case(reference)
    record = _record(case)
    form = OmbudsmanRemedyForm()
    if not form.validate():
        return _render(case, remedy_form=form)
    remedy = add_remedy(
        case,
        current_user,
        record,
        RemedyKind(form.kind.data),
        form.description.data,
        form.amount.data,
        form.due_on.data,
    )
    return _done(case, f"Remedy added: {remedy_text(remedy)}", "#remedies")


@bp.post("/cases/<reference>/ombudsman/remedies/<int:remedy_id>/evidence")
@roles_required(*TEAM_ROLES)
def ombudsman_remedy_evidence(reference: str, remedy_id: int):
    case = _case(reference)
    remedy = queries.ombudsman_remedy_of(case, remedy_id)
    if remedy is None:
        abort(404)
    form = _evidence_form(remedy, formdata=request.form)
    name = _evidence_name(remedy)
    if not form.validate():
        return _render(case, **{name: form})
    try:
        record_evidence(case, current_user, remedy, form.evidence.data, form.completed_on.data, uk_today())
    except StepError as error:
        transaction.rollback()
        form.completed_on.errors.append(str(error))
        return _render(case, **{name: form})
    return _done(case, "Evidence recorded", "#remedies")


@bp.post("/cases/<reference>/ombudsman/send-back")
@roles_required(*TEAM_ROLES)
def ombudsman_send_back(reference: str):
    case = _case(reference)
    try:
        send_back(case, current_user, uk_today())
    except (StepError, InvalidTransition) as error:
        transaction.rollback()
        return _render(case, errors=[{"text": str(error), "href": "#send-back"}])
    flash(f"Back in the procedure: {state_label(case.procedure, case.state).lower()}", "success")
    return redirect(url_for("casework.case_detail", reference=case.reference))
