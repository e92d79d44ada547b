"""Stage 3, the review panel (issue 11, item 5; 2006 Regulations; domain.md section 4; seeds 003 and 004).

1. The request, within 20 working days of the Stage 2 adjudication (`portal.case_moves.requests`).
2. The panel: three people independent of the council, one of them its chair, and never the Stage 2 Independent
   Person (``portal.domain.outcomes.check_panel``, whose messages the page shows).
3. The panel meets within 30 working days of the request; its findings come within 5 working days of the meeting;
   the council responds within 15 working days of receiving them. Each date moves the case on and starts the next
   clock (`portal.case_moves.moving`).
4. The findings on each point at Stage 3 (`portal.casework.findings`), the panel's recommendations
   (`portal.casework.recommendations`), and the council's response (registered here with the letters framework),
   whose sending ends the procedure and closes the case. The Ombudsman comes next.
"""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.case_moves.moving import CaseChange, change_case
from portal.case_moves.requests import current_panel, last_day_to_ask, requestable_stage
from portal.casework import bp, deadlines, recommendations, response_letters
from portal.casework.access import STAGE_ROLES, case_for_stage_work, in_complaints_team
from portal.casework.forms_escalation import PanelFindingsForm, PanelHeldForm, panel_form
from portal.casework.stage_2 import TEAM_ROLES, StepError, check_day, record_request, request_form_for
from portal.common.changes import changes
from portal.common.clock import uk_today
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.escalation_models import REQUESTED_TO_STAFF, ReviewPanel, ReviewPanelMember
from portal.data.models import Case, StaffUser
from portal.data.queries import audit
from portal.data.queries import escalation as queries
from portal.domain.calendar import format_date
from portal.domain.moves import InvalidTransition, stage_of
from portal.domain.outcomes import PANEL_SIZE, InvalidPanel, PanelMember, check_panel
from portal.domain.types import CaseState, ClockEvent, Closure, Procedure, TimescaleStep
from portal.notifications import response_templates


def panel_of(case: Case) -> ReviewPanel | None:
    """The case's current review panel. A case that reached Stage 3 before it was recorded here gets one, dated from
    the day it entered "Review panel requested"."""
    panel = current_panel(case)
    if panel is not None or case.procedure is not Procedure.STATUTORY or stage_of(case.state) != 3:
        return panel
    entered = [row.started_on for row in case.stages if row.state is CaseState.STAGE_3_REQUESTED]
    return queries.add(
        ReviewPanel(
            case_id=case.id, requested_on=max(entered, default=uk_today()), requested_through=REQUESTED_TO_STAFF
        )
    )


def stage_2_independent_person(case: Case) -> str | None:
    """The name of the Stage 2 Independent Person, who may not sit on the panel (domain.md section 4)."""
    person = case.stage_2s[-1].independent_person if case.stage_2s else None
    return person.name if person else None


def set_panel(case: Case, user: StaffUser, members: list[PanelMember], chair: int) -> dict:
    """Records the panel's members (``chair``: the position, from 1, of its chair), checked by ``check_panel``.
    Raises ``InvalidPanel`` with each problem, or ``StepError`` when the panel cannot change now."""
    if case.state is not CaseState.STAGE_3_REQUESTED:
        raise StepError(f"The panel is chosen before it meets: {case.state.label.lower()}")
    checked = check_panel(members, stage_2_independent_person(case))
    panel = panel_of(case)
    before = [_describe(member.name, member.chair) for member in panel.members]
    after = [_describe(member.name, position == chair) for position, member in enumerate(checked, start=1)]
    changed = changes({"panel": before}, {"panel": after})
    if not changed:
        return changed
    queries.replace_panel_members(
        panel,
        [
            ReviewPanelMember(
                position=position, name=member.name, independent=member.independent, chair=position == chair
            )
            for position, member in enumerate(checked, start=1)
        ],
    )
    audit.record(user.id, "review_panel_chosen", case_id=case.id, detail={"changes": changed})
    transaction.commit()
    return changed


def _describe(name: str, chair: bool) -> str:
    return f"{name} (chair)" if chair else name


def record_panel_held(case: Case, user: StaffUser, held_on: date, today: date) -> CaseChange:
    """Records the day the panel met, which completes its 30 working days and starts the 5 for its findings."""
    if case.state is not CaseState.STAGE_3_REQUESTED:
        raise StepError(f"The panel meets after a request for it: {case.state.label.lower()}", "held_on")
    panel = panel_of(case)
    if len(panel.members) != PANEL_SIZE:
        raise StepError(f"Record the panel's {PANEL_SIZE} members first", "held_on")
    check_day(held_on, today, panel.requested_on, "the day the panel was asked for", "held_on")
    with change_case(case, user, "review_panel_held") as change:
        change.move(CaseState.STAGE_3_PANEL_HELD, today, event=ClockEvent.PANEL_HELD, event_on=held_on)
        panel.held_on = held_on
        change.detail["changes"] = {"panel_held_on": [None, held_on.isoformat()]}
    return change


def record_findings_received(case: Case, user: StaffUser, received_on: date, today: date) -> CaseChange:
    """Records the day the council received the panel's findings, which completes their 5 working days and starts
    the council's 15 to respond."""
    if case.state is not CaseState.STAGE_3_PANEL_HELD:
        raise StepError(f"The findings come after the panel meets: {case.state.label.lower()}", "received_on")
    panel = panel_of(case)
    check_day(received_on, today, panel.held_on, "the day the panel met", "received_on")
    with change_case(case, user, "review_panel_findings_received") as change:
        change.move(CaseState.STAGE_3_FINDINGS, today, event=ClockEvent.FINDINGS_RECEIVED, event_on=received_on)
        panel.findings_received_on = received_on
        change.detail["changes"] = {"panel_findings_received_on": [None, received_on.isoformat()]}
    return change


# The council's response to the panel, through the letters framework -----------------------------------------------


def _response_values(case: Case) -> dict[str, str]:
    panel = panel_of(case)
    return {
        "recommendations": recommendations.recommendations_text(case, 3),
        "panel_date": format_date(panel.held_on) if panel and panel.held_on else "{panel_date}",
    }


def _response_sent(case: Case, sent_on: date) -> None:
    panel_of(case).response_sent_on = sent_on


response_letters.register(
    response_letters.LetterKind(
        key=response_templates.STAGE_3_RESPONSE["key"],
        procedure=Procedure.STATUTORY,
        state=CaseState.STAGE_3_FINDINGS,
        step=TimescaleStep.STAGE_3_RESPONSE,
        event=ClockEvent.PANEL_RESPONSE_SENT,
        target=CaseState.CLOSED,
        template=response_templates.STAGE_3_RESPONSE,
        stage=3,
        closure=Closure.RESOLVED,
        response_sent=True,
        ready=response_letters.findings_before_sending(3),
        values=_response_values,
        on_sent=_response_sent,
    )
)


# Pages ---------------------------------------------------------------------------------------------------------------


def _panel_form(panel: ReviewPanel | None, formdata=None):
    data = {}
    if panel is not None:
        for member in panel.members:
            data[f"name-{member.position}"] = member.name
            data[f"independent-{member.position}"] = member.independent
            if member.chair:
                data["chair"] = str(member.position)
    return panel_form(formdata=formdata, data=data)


@recommendations.shown_on(3)
def render(case: Case, errors: list[dict] | None = None, **forms):
    panel = current_panel(case)
    forms = {
        "request_form": request_form_for(case, 3),
        "panel_form": _panel_form(panel),
        "held_form": PanelHeldForm(formdata=None),
        "findings_form": PanelFindingsForm(formdata=None),
        "recommendation_form": recommendations.recommendation_form(case),
        **forms,
    }
    errors = errors or []
    return render_template(
        "casework/stages/stage_3.html",
        case=case,
        panel=panel,
        statutory=case.procedure is Procedure.STATUTORY,
        team=in_complaints_team(current_user),
        last_day=last_day_to_ask(case) if requestable_stage(case) == 3 else None,
        independent_person=stage_2_independent_person(case),
        panel_size=PANEL_SIZE,
        running=deadlines.running_steps(case, 3),
        recommendations=recommendations.recommendations_at(case, 3),
        may_add_recommendations=recommendations.RECOMMENDATION_STATES.get(case.state) == 3,
        title=f"Review panel – {case.reference}",
        page_has_errors=any(form.errors for form in forms.values() if form) or bool(errors),
        extra_errors=errors,
        form=next((form for form in forms.values() if form and form.errors), None),
        **forms,
    )


def _done(case: Case, message: str, anchor: str = ""):
    flash(message, "success")
    return redirect(url_for("casework.stage_3", reference=case.reference) + anchor)


@bp.get("/cases/<reference>/stage-3")
@roles_required(*STAGE_ROLES)
def stage_3(reference: str):
    case = case_for_stage_work(reference, "stage 3")
    return render(case)


@bp.post("/cases/<reference>/stage-3/request")
@roles_required(*TEAM_ROLES)
def stage_3_request(reference: str):
    case = case_for_stage_work(reference, "stage 3", TEAM_ROLES)
    page = record_request(case, 3, render)
    return page or _done(case, "Request for a review panel recorded")


@bp.post("/cases/<reference>/stage-3/panel")
@roles_required(*TEAM_ROLES)
def stage_3_panel(reference: str):
    case = case_for_stage_work(reference, "stage 3", TEAM_ROLES)
    form = _panel_form(current_panel(case), formdata=request.form)
    if not form.validate():
        return render(case, panel_form=form)
    members = [
        PanelMember(name=form[f"name-{number}"].data, independent=bool(form[f"independent-{number}"].data))
        for number in range(1, PANEL_SIZE + 1)
    ]
    try:
        changed = set_panel(case, current_user, members, int(form.chair.data))
    except InvalidPanel as error:
        transaction.rollback()
        return render(case, panel_form=form, errors=[{"text": problem, "href": "#panel"} for problem in error.problems])
    except StepError as error:
        transaction.rollback()
        return render(case, panel_form=form, errors=[{"text": str(error), "href": "#panel"}])
    return _done(case, "Panel saved" if changed else "Nothing was changed", "#panel")


def _dated_step(case: Case, form, step, message: str):
    if not form.validate():
        return render(case, **{_FORM_NAMES[type(form)]: form})
    field = next(name for name in form._fields if name != "csrf_token")
    try:
        step(case, current_user, form[field].data, uk_today())
    except (StepError, InvalidTransition) as error:
        transaction.rollback()
        form[field].errors.append(str(error))
        return render(case, **{_FORM_NAMES[type(form)]: form})
    return _done(case, message)


_FORM_NAMES = {PanelHeldForm: "held_form", PanelFindingsForm: "findings_form"}


@bp.post("/cases/<reference>/stage-3/held")
@roles_required(*TEAM_ROLES)
def stage_3_held(reference: str):
    case = case_for_stage_work(reference, "stage 3", TEAM_ROLES)
    return _dated_step(case, PanelHeldForm(), record_panel_held, "Panel meeting recorded: its findings are due next")


@bp.post("/cases/<reference>/stage-3/findings-received")
@roles_required(*TEAM_ROLES)
def stage_3_findings_received(reference: str):
    case = case_for_stage_work(reference, "stage 3", TEAM_ROLES)
    return _dated_step(
        case,
        PanelFindingsForm(),
        record_findings_received,
        "Panel's findings recorded: record them on each point, then send the council's response",
    )
