"""Stage 2 (issue 11, items 4 and 6): from the request to the closing date.

Statutory (2006 Regulations; domain.md section 4; seeds 003 and 004):

1. The request, checked against the 20 working days after the Stage 1 response (`portal.case_moves.requests`);
   mediation may be offered now (`portal.casework.mediating`).
2. The Investigating Officer and the Independent Person, often from outside the council, who are given the case
   (investigator accounts), and the Adjudicating Officer. Neither investigator may have handled Stage 1
   (``portal.domain.outcomes.check_stage_2_handler``).
3. The day the terms of reference are agreed starts the 25-working-day clock, which may be extended to 65 in all
   (`portal.casework.extending`).
4. The investigation report, the findings on each point at Stage 2 (`portal.casework.findings`), the recommendations
   and their actions (`portal.casework.recommendations`), and the Adjudicating Officer's letter (registered here with
   the letters framework, `portal.casework.response_letters`), which starts the 20 working days to ask for a review
   panel.
5. The closing date and the cost of the investigation: Sandwell's Stage 2 table.

Corporate (Complaint Handling Code; seed 003): the Complaints Team screens the request: accepted, it is acknowledged
within 5 working days and answered within 20 by someone other than the Stage 1 handler (unless the council's setting
allows it); refused, the person is told why and how to go to the Ombudsman, and the case closes.
"""

from __future__ import annotations

from datetime import date

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.case_moves import closing
from portal.case_moves import mediation as mediating
from portal.case_moves.moving import CaseChange, change_case
from portal.case_moves.requests import (
    InvalidRequest,
    current_stage_2,
    last_day_to_ask,
    record_stage_2_request,
    record_stage_3_request,
    requestable_stage,
)
from portal.casework import bp, deadlines, recommendations, response_letters
from portal.casework.access import COMPLAINTS_TEAM, STAGE_2_ROLES, case_for_stage_work, in_complaints_team
from portal.casework.forms_escalation import (
    ACCEPT,
    NOBODY,
    CloseOutForm,
    InvestigationPeopleForm,
    InvestigatorAccountForm,
    ReportForm,
    ReviewerForm,
    ScreenRequestForm,
    StageRequestForm,
    TermsOfReferenceForm,
)
from portal.casework.messaging import common_values
from portal.common import staff_accounts
from portal.common.changes import changes, json_safe
from portal.common.clock import uk_today
from portal.common.roles import roles_required
from portal.common.working_calendar import council_calendar
from portal.data import transaction
from portal.data.escalation_models import REQUESTED_TO_STAFF, Stage2
from portal.data.models import Case, StaffUser
from portal.data.queries import audit
from portal.data.queries import escalation as queries
from portal.data.queries import stages as stage_queries
from portal.data.queries.settings import timescale_policy
from portal.data.stage_models import ResponseLetter
from portal.domain.calendar import format_date
from portal.domain.clocks import due_date
from portal.domain.moves import InvalidTransition, stage_of
from portal.domain.outcomes import InvalidHandler, check_stage_2_handler
from portal.domain.types import CaseState, ClockEvent, Closure, LetterStatus, Procedure, StaffRole, TimescaleStep
from portal.notifications import outbox, response_templates
from portal.notifications.message_templates import message_from_template
from portal.uploads import UploadPolicy, accept_uploads, attachment_for, discard_stored, storage_for

TEAM_ROLES = tuple(sorted(COMPLAINTS_TEAM))
STAGE_2_PROCEDURES = (Procedure.STATUTORY, Procedure.CORPORATE)
# The roles each procedure's Stage 2 has, as `Stage2` columns, and what people call them.
PEOPLE: dict[Procedure, dict[str, str]] = {
    Procedure.STATUTORY: {
        "investigating_officer": "Investigating Officer",
        "independent_person": "Independent Person",
        "adjudicating_officer": "Adjudicating Officer",
    },
    Procedure.CORPORATE: {"investigating_officer": "Stage 2 reviewer"},
}
# The roles that investigate, so may not have handled Stage 1 (portal.domain.outcomes.check_stage_2_handler).
INVESTIGATING = ("investigating_officer", "independent_person")
# The states in which Stage 2's people may change: until the response goes.
BEFORE_RESPONSE = frozenset({CaseState.STAGE_2_REQUESTED, CaseState.MEDIATION, CaseState.STAGE_2})


class StepError(ValueError):
    """A step of Stage 2, Stage 3 or the Ombudsman that cannot be taken as things stand; ``field`` names the form
    field it belongs to."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


# Rules ---------------------------------------------------------------------------------------------------------------


def stage_2_of(case: Case) -> Stage2 | None:
    """The case's current Stage 2. A case that reached a Stage 2 state before Stage 2 was recorded here gets one,
    dated from the day it entered Stage 2 requested, so its people and dates can be recorded too."""
    stage_2 = current_stage_2(case)
    if stage_2 is not None or case.procedure not in STAGE_2_PROCEDURES or stage_of(case.state) != 2:
        return stage_2
    entered = [row.started_on for row in case.stages if row.state is CaseState.STAGE_2_REQUESTED]
    return queries.add(
        Stage2(
            case_id=case.id,
            procedure=case.procedure,
            requested_on=max(entered, default=uk_today()),
            requested_through=REQUESTED_TO_STAFF,
        )
    )


def stage_1_handlers(case: Case) -> set[int]:
    """Who handled Stage 1: the handler of each Stage 1 step the case has had."""
    return {row.handler_id for row in case.stages if row.state is CaseState.STAGE_1 and row.handler_id is not None}


def check_handler(case: Case, person: StaffUser, role: str) -> None:
    """Raises ``StepError`` when ``person`` handled Stage 1 and may not take ``role`` at Stage 2
    (``check_stage_2_handler``: never for a statutory investigation; corporate unless the council allows it)."""
    for handler in stage_1_handlers(case):
        try:
            check_stage_2_handler(case.procedure, handler, person.id, timescale_policy())
        except InvalidHandler as error:
            raise StepError(f"{person.name} handled Stage 1. {error}", role) from error


def set_people(case: Case, user: StaffUser, people: dict[str, StaffUser | None]) -> dict:
    """Records who holds each of the procedure's Stage 2 roles (``PEOPLE``). Each of them sees the case through the
    role (``case_access.holds_a_stage_2_role``); an investigator is also assigned it, as on the involvement page.
    Raises ``StepError`` (changing nothing) for someone who may not take a role, or the same person as Investigating
    Officer and Independent Person. Returns the changes by role."""
    if case.state not in BEFORE_RESPONSE or case.procedure not in STAGE_2_PROCEDURES:
        raise StepError(f"Stage 2's people cannot be changed now: {case.state.label.lower()}")
    roles = PEOPLE[case.procedure]
    for role, person in people.items():
        if person is not None and role in INVESTIGATING:
            check_handler(case, person, role)
    officer, independent = people.get("investigating_officer"), people.get("independent_person")
    if officer is not None and independent is not None and officer.id == independent.id:
        raise StepError("The Independent Person must be someone other than the Investigating Officer", INVESTIGATING[1])
    stage_2 = stage_2_of(case)
    before = {label: _name(getattr(stage_2, role)) for role, label in roles.items()}
    for role in roles:
        person = people.get(role)
        setattr(stage_2, f"{role}_id", person.id if person else None)
        if person is not None and person.role is StaffRole.INVESTIGATOR:
            queries.assign(case, person)
    if officer is not None:
        for row in case.stages:
            if row.completed_on is None and stage_of(row.state) == 2:
                row.handler_id = officer.id
    changed = changes(before, {label: _name(people.get(role)) for role, label in roles.items()})
    if changed:
        audit.record(user.id, "stage_2_people_changed", case_id=case.id, detail={"changes": changed})
        transaction.commit()
    else:
        transaction.rollback()
    return changed


def _name(person: StaffUser | None) -> str | None:
    return person.name if person else None


def agree_terms_of_reference(case: Case, user: StaffUser, agreed_on: date, today: date) -> CaseChange:
    """Records the day the terms of reference were agreed, which starts the statutory Stage 2 clock (25 working days,
    extendable to 65: ``portal.domain.clocks``), and moves the case to "Stage 2: investigating". The Investigating
    Officer and the Independent Person must be recorded first. Raises ``StepError`` or ``InvalidTransition``."""
    if case.procedure is not Procedure.STATUTORY or case.state is not CaseState.STAGE_2_REQUESTED:
        raise StepError(f"Terms of reference are agreed after a request for Stage 2: {case.state.label.lower()}")
    stage_2 = stage_2_of(case)
    if stage_2.investigating_officer is None or stage_2.independent_person is None:
        raise StepError("Record the Investigating Officer and the Independent Person first", "agreed_on")
    check_day(agreed_on, today, stage_2.requested_on, "the day Stage 2 was asked for", "agreed_on")
    with change_case(case, user, "terms_of_reference_agreed") as change:
        row = change.move(CaseState.STAGE_2, today, event=ClockEvent.TERMS_OF_REFERENCE_AGREED, event_on=agreed_on)
        row.handler_id = stage_2.investigating_officer_id
        stage_2.terms_of_reference_agreed_on = agreed_on
        change.detail["changes"] = {"terms_of_reference_agreed_on": [None, agreed_on.isoformat()]}
    return change


def screen_request(
    case: Case, user: StaffUser, accepted: bool, reason: str | None, method: str, today: date
) -> CaseChange:
    """The Complaints Team's decision on a corporate request for Stage 2 (seed 003), sent to the complainant:

    - accepted: the acknowledgement, naming the reviewer and the date of the response (20 working days from today,
      the Complaint Handling Code), moves the case to "Stage 2 review" and starts that clock;
    - refused: the reason and the Ombudsman's details, and the case closes (not accepted) with its Stage 1 outcome.

    Raises ``StepError`` or ``InvalidTransition`` (changing nothing)."""
    if case.procedure is not Procedure.CORPORATE or case.state is not CaseState.STAGE_2_REQUESTED:
        raise StepError(f"Only a corporate request for Stage 2 is screened: {case.state.label.lower()}")
    if method not in dict(response_letters.sending_methods(case)):
        raise StepError("Select how to send it", "method")
    stage_2 = stage_2_of(case)
    values = common_values(case)
    if accepted:
        reviewer = stage_2.investigating_officer
        if reviewer is None:
            raise StepError("Choose the Stage 2 reviewer first", "decision")
        check_handler(case, reviewer, "decision")
        response_date = due_date(
            Procedure.CORPORATE, TimescaleStep.STAGE_2_RESPONSE, today, timescale_policy(), council_calendar()
        )
        template = response_templates.CORPORATE_STAGE_2_ACKNOWLEDGEMENT
        values |= {"reviewer": reviewer.name, "response_date": format_date(response_date)}
    else:
        reason = (reason or "").strip()
        if not reason:
            raise StepError("Enter why the request is refused", "refusal_reason")
        template = response_templates.CORPORATE_STAGE_2_REFUSAL
        values |= {"reason": reason}
    action = "stage_2_request_accepted" if accepted else "stage_2_request_refused"
    with change_case(case, user, action, fields=closing.OUTCOME_FIELDS) as change:
        stage_2.accepted, stage_2.screened_on, stage_2.screened_by_id = accepted, today, user.id
        if accepted:
            row = change.move(CaseState.STAGE_2, today, event=ClockEvent.STAGE_2_ACKNOWLEDGED)
            row.handler_id = stage_2.investigating_officer_id
            stage_2.acknowledged_on = today
        else:
            stage_2.refusal_reason = reason
            closing.close_within(change, Closure.NOT_ACCEPTED, today)
        send_notice(change, template, values, method, TimescaleStep.STAGE_2_ACKNOWLEDGE, today)
        change.detail.update({"accepted": accepted, "reason": stage_2.refusal_reason, "method": method})
    return change


def send_notice(
    change: CaseChange, template: dict, values: dict[str, str], method: str, step: TimescaleStep, today: date
) -> ResponseLetter:
    """Sends the complainant a notice from the council's ``template`` as part of ``change``, kept as a sent letter
    (so the response page lists it and prints it for post)."""
    case = change.case
    message = message_from_template(template, values)
    letter = stage_queries.add_letter(
        ResponseLetter(
            case_id=case.id,
            kind=template["key"],
            procedure=case.procedure,
            step=step,
            stage=2,
            status=LetterStatus.DRAFT,
            subject=message.subject,
            body=message.body,
            drafted_by_id=change.user.id,
        )
    )
    response_letters.deliver(change, letter, method, message.subject, message.body, today)
    return letter


def add_report(case: Case, user: StaffUser, stored, today: date) -> None:
    """Keeps the investigation report with the case's documents and records the day it came."""
    if case.state is not CaseState.STAGE_2:
        raise StepError(f"The report is added during the investigation: {case.state.label.lower()}", "report")
    stage_2 = stage_2_of(case)
    attachment = queries.attach_report(case, attachment_for(stored, uploaded_by_id=user.id))
    replaced = stage_2.report.filename if stage_2.report else None
    stage_2.report_id, stage_2.report_received_on = attachment.id, today
    audit.record(
        user.id,
        "stage_2_report_added",
        case_id=case.id,
        detail={"changes": {"report": [replaced, attachment.filename]}, "attachment_id": attachment.id},
    )
    transaction.commit()


def record_close_out(case: Case, user: StaffUser, closed_on: date | None, cost_pence: int | None, today: date) -> dict:
    """Records Stage 2's closing date (after its response went) and the cost of the investigation (Sandwell's
    Stage 2 table). Raises ``StepError``; returns what changed."""
    stage_2 = current_stage_2(case)
    if stage_2 is None:
        raise StepError("There is no Stage 2 to close", "closed_on")
    if closed_on is not None:
        if stage_2.response_sent_on is None:
            raise StepError("The closing date is recorded once Stage 2's response has gone", "closed_on")
        check_day(closed_on, today, stage_2.response_sent_on, "the day Stage 2's response went", "closed_on")
    before = {"closed_on": json_safe(stage_2.closed_on), "cost_pence": stage_2.cost_pence}
    stage_2.closed_on, stage_2.cost_pence = closed_on, cost_pence
    changed = changes(before, {"closed_on": json_safe(closed_on), "cost_pence": cost_pence})
    if changed:
        audit.record(user.id, "stage_2_closing_recorded", case_id=case.id, detail={"changes": changed})
        transaction.commit()
    return changed


def check_day(day: date, today: date, earliest: date | None, after_what: str, field: str) -> None:
    """Raises ``StepError`` for a day in the future, or before ``earliest`` (which ``after_what`` names)."""
    if day > today:
        raise StepError("The date must be today or in the past", field)
    if earliest is not None and day < earliest:
        raise StepError(f"The date must be on or after {format_date(earliest)}, {after_what}", field)


# The Stage 2 response, through the letters framework --------------------------------------------------------------


def _response_values(case: Case) -> dict[str, str]:
    stage_2 = stage_2_of(case)
    officer = stage_2.adjudicating_officer if case.procedure is Procedure.STATUTORY else stage_2.investigating_officer
    name = officer.name if officer else "{adjudicating_officer}"
    return {
        "adjudicating_officer": name,
        "reviewer": officer.name if officer else "{reviewer}",
        "recommendations": recommendations.recommendations_text(case, 2),
    }


def _response_ready(case: Case) -> list[str]:
    problems = response_letters.findings_before_sending(2)(case)
    stage_2 = stage_2_of(case)
    if case.procedure is Procedure.STATUTORY:
        if stage_2.adjudicating_officer is None:
            problems.append("Record the Adjudicating Officer on the Stage 2 page before the adjudication goes")
        if stage_2.report is None:
            problems.append("Add the investigation report on the Stage 2 page before the adjudication goes")
    return problems


def _response_sent(case: Case, sent_on: date) -> None:
    stage_2_of(case).response_sent_on = sent_on


response_letters.register(
    response_letters.LetterKind(
        key=response_templates.STAGE_2_ADJUDICATION["key"],
        procedure=Procedure.STATUTORY,
        state=CaseState.STAGE_2,
        step=TimescaleStep.STAGE_2_RESPONSE,
        event=ClockEvent.ADJUDICATION_SENT,
        target=CaseState.STAGE_2_ADJUDICATED,
        template=response_templates.STAGE_2_ADJUDICATION,
        stage=2,
        window=TimescaleStep.REQUEST_STAGE_3,
        ready=_response_ready,
        values=_response_values,
        on_sent=_response_sent,
    )
)
# The corporate review's answer ends the procedure: the Ombudsman comes next.
response_letters.register(
    response_letters.LetterKind(
        key=response_templates.CORPORATE_STAGE_2_RESPONSE["key"],
        procedure=Procedure.CORPORATE,
        state=CaseState.STAGE_2,
        step=TimescaleStep.STAGE_2_RESPONSE,
        event=ClockEvent.STAGE_2_RESPONSE_SENT,
        target=CaseState.CLOSED,
        template=response_templates.CORPORATE_STAGE_2_RESPONSE,
        stage=2,
        closure=Closure.RESOLVED,
        response_sent=True,
        checking=response_letters.Checking.COUNCIL_SETTING,
        ready=_response_ready,
        values=_response_values,
        on_sent=_response_sent,
    )
)


# Pages ---------------------------------------------------------------------------------------------------------------


def _people_form(case: Case, stage_2: Stage2 | None, formdata=None):
    form_class = InvestigationPeopleForm if case.procedure is Procedure.STATUTORY else ReviewerForm
    data = {}
    if stage_2 is not None:
        for role in PEOPLE[case.procedure]:
            value = getattr(stage_2, f"{role}_id")
            data["reviewer" if form_class is ReviewerForm else role] = str(value) if value else NOBODY
    form = form_class(formdata=formdata, data=data)
    form.set_staff([(str(user.id), _label(user)) for user in queries.stage_2_candidates(case)])
    return form


def _label(user: StaffUser) -> str:
    return f"{user.name} ({user.role.label.lower()})"


def _screening_form(case: Case, formdata=None) -> ScreenRequestForm:
    form = ScreenRequestForm(formdata=formdata)
    methods = response_letters.sending_methods(case)
    form.set_methods(methods)
    if formdata is None and methods:
        form.method.data = methods[0][0]
    return form


def request_form_for(case: Case, number: int, formdata=None) -> StageRequestForm | None:
    """The form to record a request for stage ``number``, when that stage can be asked for now."""
    return StageRequestForm(formdata=formdata) if requestable_stage(case) == number else None


@recommendations.shown_on(2)
def render(case: Case, errors: list[dict] | None = None, **forms):
    """The Stage 2 page, with any of its forms given (holding what was typed and its errors) and other errors."""
    stage_2 = current_stage_2(case)
    team = in_complaints_team(current_user)
    forms = {
        "request_form": request_form_for(case, 2),
        "people_form": _people_form(case, stage_2),
        "account_form": InvestigatorAccountForm(formdata=None),
        "terms_form": TermsOfReferenceForm(formdata=None),
        "screening_form": _screening_form(case),
        "report_form": ReportForm(formdata=None),
        "close_out_form": CloseOutForm(
            formdata=None, data={"closed_on": stage_2.closed_on, "cost": stage_2.cost_pence} if stage_2 else {}
        ),
        "recommendation_form": recommendations.recommendation_form(case),
        **forms,
    }
    errors = errors or []
    procedure = case.procedure if case.procedure in STAGE_2_PROCEDURES else None
    return render_template(
        "casework/stages/stage_2.html",
        case=case,
        stage_2=stage_2,
        procedure=procedure,
        team=team,
        people=PEOPLE.get(procedure, {}),
        last_day=last_day_to_ask(case) if requestable_stage(case) == 2 else None,
        mediation=mediating.current_mediation(case),
        running=deadlines.running_steps(case, 2),
        recommendations=recommendations.recommendations_at(case, 2),
        may_add_recommendations=recommendations.RECOMMENDATION_STATES.get(case.state) == 2,
        before_response=case.state in BEFORE_RESPONSE,
        title=f"Stage 2 – {case.reference}",
        page_has_errors=any(form.errors for form in forms.values() if form) or bool(errors),
        extra_errors=errors,
        form=next((form for form in forms.values() if form and form.errors), None),
        **forms,
    )


def _done(case: Case, message: str, anchor: str = ""):
    flash(message, "success")
    return redirect(url_for("casework.stage_2", reference=case.reference) + anchor)


@bp.get("/cases/<reference>/stage-2")
@roles_required(*STAGE_2_ROLES)
def stage_2(reference: str):
    case = case_for_stage_work(reference, "stage 2", STAGE_2_ROLES)
    return render(case)


def record_request(case: Case, number: int, render_page):
    """Records a request for stage ``number`` from the posted form, or shows the page again with what is wrong."""
    form = request_form_for(case, number, formdata=request.form)
    if form is None:
        return render_page(case, errors=[{"text": f"Stage {number} cannot be asked for now", "href": "#request"}])
    if not form.validate():
        return render_page(case, request_form=form)
    record = record_stage_2_request if number == 2 else record_stage_3_request
    try:
        record(
            case,
            form.requested_on.data,
            False,
            form.late_reason.data,
            user=current_user,
            details=form.details.data,
            today=uk_today(),
        )
    except (InvalidRequest, InvalidTransition) as error:
        transaction.rollback()
        field = "late_reason" if "late" in str(error) else "requested_on"
        form[field].errors.append(str(error))
        return render_page(case, request_form=form)
    return None


@bp.post("/cases/<reference>/stage-2/request")
@roles_required(*TEAM_ROLES)
def stage_2_request(reference: str):
    case = case_for_stage_work(reference, "stage 2", TEAM_ROLES)
    page = record_request(case, 2, render)
    return page or _done(case, "Request for Stage 2 recorded")


@bp.post("/cases/<reference>/stage-2/people")
@roles_required(*TEAM_ROLES)
def stage_2_people(reference: str):
    case = case_for_stage_work(reference, "stage 2", TEAM_ROLES)
    if case.procedure not in STAGE_2_PROCEDURES:
        return render(case, errors=[{"text": "This case has no Stage 2", "href": "#people"}])
    form = _people_form(case, current_stage_2(case), formdata=request.form)
    if not form.validate():
        return render(case, people_form=form)
    chosen = {name: form[name].data for name in form.staff_fields}
    if case.procedure is Procedure.CORPORATE:
        chosen = {"investigating_officer": chosen["reviewer"]}
    people = {role: queries.staff_user(int(value)) if value != NOBODY else None for role, value in chosen.items()}
    try:
        changed = set_people(case, current_user, people)
    except StepError as error:
        transaction.rollback()
        field = "reviewer" if case.procedure is Procedure.CORPORATE else (error.field or "investigating_officer")
        form[field].errors.append(str(error))
        return render(case, people_form=form)
    return _done(case, "Saved" if changed else "Nothing was changed", "#people")


@bp.post("/cases/<reference>/stage-2/investigator-account")
@roles_required(*TEAM_ROLES)
def stage_2_investigator_account(reference: str):
    """An investigator account for someone outside the council, so they can be given this Stage 2: they are emailed a
    link to set it up, and see only the cases they are given (portal.data.queries.case_access)."""
    case = case_for_stage_work(reference, "stage 2", TEAM_ROLES)
    form = InvestigatorAccountForm()
    if not form.validate():
        return render(case, account_form=form)
    try:
        user, _ = staff_accounts.create_account(
            form.email.data, form.name.data, StaffRole.INVESTIGATOR, None, actor_id=current_user.id
        )
    except staff_accounts.AccountError as error:
        transaction.rollback()
        form.email.errors.append(str(error))
        return render(case, account_form=form)
    return _done(
        case,
        f"Investigator account made for {user.name}: choose them below. They are emailed a link to set it up",
        "#people",
    )


@bp.post("/cases/<reference>/stage-2/terms-of-reference")
@roles_required(*TEAM_ROLES)
def stage_2_terms(reference: str):
    case = case_for_stage_work(reference, "stage 2", TEAM_ROLES)
    form = TermsOfReferenceForm()
    if not form.validate():
        return render(case, terms_form=form)
    try:
        agree_terms_of_reference(case, current_user, form.agreed_on.data, uk_today())
    except (StepError, InvalidTransition) as error:
        transaction.rollback()
        form.agreed_on.errors.append(str(error))
        return render(case, terms_form=form)
    return _done(case, "Terms of reference agreed: the Stage 2 investigation has started")


@bp.post("/cases/<reference>/stage-2/screening")
@roles_required(*TEAM_ROLES)
def stage_2_screening(reference: str):
    case = case_for_stage_work(reference, "stage 2", TEAM_ROLES)
    form = _screening_form(case, formdata=request.form)
    if not form.validate():
        return render(case, screening_form=form)
    accepted = form.decision.data == ACCEPT
    try:
        change = screen_request(case, current_user, accepted, form.refusal_reason.data, form.method.data, uk_today())
    except (StepError, InvalidTransition) as error:
        transaction.rollback()
        form[getattr(error, "field", "") or "decision"].errors.append(str(error))
        return render(case, screening_form=form)
    outbox.deliver_now(change.message_ids)
    if accepted:
        return _done(case, "Request accepted: the acknowledgement has gone")
    flash("Request refused: the letter has gone and the case is closed", "success")
    return redirect(url_for("casework.case_detail", reference=case.reference))


@bp.post("/cases/<reference>/stage-2/report")
@roles_required(*STAGE_2_ROLES)
def stage_2_report(reference: str):
    case = case_for_stage_work(reference, "stage 2", STAGE_2_ROLES)
    form = ReportForm()
    chosen = [file for file in request.files.getlist("report") if file.filename]
    if not chosen:
        form.report.errors = ["Select the investigation report"]
        return render(case, report_form=form)
    if case.state is not CaseState.STAGE_2:
        form.report.errors = [f"The report is added during the investigation: {case.state.label.lower()}"]
        return render(case, report_form=form)
    storage = storage_for(current_app.config, current_app.instance_path)
    policy = UploadPolicy.from_config(current_app.config)
    outcome = accept_uploads(chosen[:1], storage, policy)
    if outcome.errors:
        discard_stored(outcome.stored, storage)
        form.report.errors = outcome.errors
        return render(case, report_form=form)
    try:
        add_report(case, current_user, outcome.stored[0], uk_today())
    except Exception:
        transaction.rollback()
        discard_stored(outcome.stored, storage)
        raise
    return _done(case, "Investigation report added", "#investigation-report")


@bp.post("/cases/<reference>/stage-2/closing")
@roles_required(*TEAM_ROLES)
def stage_2_closing(reference: str):
    case = case_for_stage_work(reference, "stage 2", TEAM_ROLES)
    form = CloseOutForm()
    if not form.validate():
        return render(case, close_out_form=form)
    try:
        changed = record_close_out(case, current_user, form.closed_on.data, form.cost.data, uk_today())
    except StepError as error:
        transaction.rollback()
        form[error.field or "closed_on"].errors.append(str(error))
        return render(case, close_out_form=form)
    return _done(case, "Saved" if changed else "Nothing was changed", "#closing")
