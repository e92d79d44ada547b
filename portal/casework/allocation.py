"""Allocation: the Complaints Team gives a case to a team and a responding manager, who is emailed through the outbox.

The email holds the case reference, the procedure and the due date, and a link to the case page; never the
complainant's personal details, which the manager sees after signing in.
"""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.casework import bp
from portal.casework.access import CASE_ROUTE_ROLES, COMPLAINT_PROCEDURES, case_for_change, record_view
from portal.casework.acknowledgement import response_date
from portal.casework.forms_screening import AllocationForm
from portal.common.changes import changes, snapshot
from portal.common.clock import uk_today
from portal.common.links import external_url
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.models import Case, StaffUser, Team
from portal.data.queries import audit
from portal.data.queries import screening as queries
from portal.data.queries import teams as team_queries
from portal.data.queries.settings import council_settings
from portal.domain.types import CaseState
from portal.domain.workflow import format_date
from portal.notifications import outbox

ALLOCATE, FILTER = "allocate", "filter"
_FIELDS = ("team_id", "responding_manager_id")


def _manager_label(manager: StaffUser) -> str:
    return f"{manager.name} ({manager.team.name})" if manager.team else manager.name


def allocate(case: Case, user: StaffUser, team: Team, manager: StaffUser, today: date) -> list[int]:
    """Records the team and responding manager and notifies the manager when they are new to the case.
    Returns the ids of the queued emails, to send after the commit."""
    before = snapshot(case, _FIELDS)
    case.team_id = team.id
    case.responding_manager_id = manager.id
    stage = queries.open_stage(case)
    if stage is not None:
        stage.handler_id = manager.id
    detail = {
        "changes": changes(before, snapshot(case, _FIELDS)),
        "team": team.name,
        "responding_manager": manager.name,
    }
    audit.record(user.id, "case_allocated", case_id=case.id, detail=detail)
    queued = []
    if before["responding_manager_id"] != manager.id:
        queued.append(_notify(case, team, manager, today))
    transaction.commit()
    return [message.id for message in queued]


def _notify(case: Case, team: Team, manager: StaffUser, today: date):
    due = response_date(case, today)
    council = council_settings()
    link = external_url("casework.case_detail", reference=case.reference)
    body = render_template(
        "casework/screening/emails/allocation.txt",
        case=case,
        team=team,
        manager=manager,
        due=format_date(due) if due else None,
        link=link,
        council=council,
    )
    return outbox.queue_email(
        recipient=manager.email,
        template="allocation",
        subject=f"Case {case.reference} has been allocated to you",
        body=body,
        personalisation={"reference": case.reference, "link": link, "due": format_date(due) if due else ""},
        case_id=case.id,
    )


def _choices(case: Case, team_filter: int | None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The teams, and the responding managers the case may go to: never one the complaint names."""
    teams = [(str(team.id), team.name) for team in team_queries.active_teams()]
    named = {member.id for member in case.named_staff}
    managers = [
        (str(manager.id), _manager_label(manager))
        for manager in queries.responding_managers(team_filter)
        if manager.id not in named
    ]
    return teams, managers


def _team_filter(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _render(case: Case, form: AllocationForm, team_filter: int | None, errors: list[dict] | None = None):
    """The allocation page; showing it is an audited view of the case."""
    record_view(case, "allocation")
    errors = errors or []
    team = queries.active_team(team_filter) if team_filter else None
    return render_template(
        "casework/screening/allocation.html",
        case=case,
        form=form,
        filtered_team=team,
        open=case.state is not CaseState.CLOSED,
        title=f"Allocate {case.reference}",
        page_has_errors=bool(form.errors) or bool(errors),
        extra_errors=errors,
    )


@bp.route("/cases/<reference>/allocation", methods=["GET", "POST"])
@roles_required(*CASE_ROUTE_ROLES)
def allocation(reference: str):
    case = case_for_change(reference)
    if request.method == "GET":
        team_filter = _team_filter(request.args.get("team"))
        form = AllocationForm(
            data={
                "team": str(team_filter or case.team_id or ""),
                "manager": str(case.responding_manager_id or ""),
            }
        )
        form.set_choices(*_choices(case, team_filter))
        return _render(case, form, team_filter)

    form = AllocationForm()
    if request.form.get("action") == FILTER:
        team_filter = _team_filter(form.team.data)
        form.set_choices(*_choices(case, team_filter))
        return _render(case, form, team_filter)
    # Any active responding manager may be chosen, whichever team the list was showing.
    form.set_choices(*_choices(case, None))
    if case.state is CaseState.CLOSED:
        return _render(case, form, None, [{"text": "This case is closed, so it cannot be allocated", "href": "#team"}])
    if not form.validate():
        return _render(case, form, None)
    team = queries.active_team(int(form.team.data))
    manager = queries.responding_manager(int(form.manager.data))
    message_ids = allocate(case, current_user, team, manager, uk_today())
    outbox.deliver_now(message_ids)
    flash(f"Allocated to {manager.name} ({team.name})", "success")
    if case.procedure in COMPLAINT_PROCEDURES and case.acknowledged_on is None:
        return redirect(url_for("casework.acknowledgement_page", reference=case.reference))
    return redirect(url_for("casework.allocation", reference=case.reference))
