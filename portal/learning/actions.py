"""Learning actions: the open-actions list across every case (filtered by owner, team and status, overdue ones
tagged), one action's page, adding and changing actions, and completing one with its evidence."""

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from portal.common import htmx
from portal.common.clock import uk_today
from portal.common.fields import kept_choice
from portal.common.pagination import page_number
from portal.data.queries import learning as queries
from portal.data.queries.learning import ActionFilters
from portal.domain.types import LearningActionStatus
from portal.learning import bp
from portal.learning.forms import ANY, OVERDUE, ActionFilterForm, ActionForm, ChangeActionForm, CompleteActionForm
from portal.learning.views import (
    action_or_404,
    action_rows,
    form_page,
    learning_staff_only,
    page_context,
    pages_of,
    record_or_404,
    render_learning,
    save,
    viewed,
)
from portal.learning_records import services
from portal.learning_records.services import ActionChange

ACTIONS_PER_PAGE = 50


# The open-actions list ---------------------------------------------------------------------------------------------


def _filters(form: ActionFilterForm) -> tuple[ActionFilters, dict]:
    """The filters the form's query string asks for, keeping only offered choices, and the same for the audit."""
    owner, team, status = kept_choice(form.owner, ANY), kept_choice(form.team, ANY), kept_choice(form.status, ANY)
    filters = ActionFilters(
        owner_id=int(owner) if owner else None,
        team_id=int(team) if team else None,
        status=LearningActionStatus(status) if status not in (ANY, OVERDUE) else None,
        overdue_on=uk_today() if status == OVERDUE else None,
    )
    return filters, {name: value for name, value in (("owner", owner), ("team", team), ("status", status)) if value}


@bp.get("/actions")
@learning_staff_only
def open_actions():
    form = ActionFilterForm(formdata=request.args, owners=queries.action_owners(current_user), teams=queries.teams())
    filters, chosen = _filters(form)
    number = page_number(request.args.get("page"))
    page = queries.open_actions(current_user, filters, limit=ACTIONS_PER_PAGE, offset=(number - 1) * ACTIONS_PER_PAGE)
    pagination = pages_of(
        number,
        page.total,
        ACTIONS_PER_PAGE,
        lambda n: url_for("learning.open_actions", page=n, **chosen),
        "Pages of actions",
    )
    viewed("learning_actions_viewed", filters=chosen, page=number)
    return htmx.render_page_or_partial(
        "learning/open_actions.html",
        "learning/partials/_action_results.html",
        **page_context(
            title="Open actions",
            form=form,
            rows=action_rows(page.actions, uk_today()),
            total=page.total,
            narrowed=bool(chosen),
            pagination=pagination,
        ),
    )


# One action --------------------------------------------------------------------------------------------------------


@bp.get("/actions/<int:action_id>")
@learning_staff_only
def action(action_id: int):
    found = action_or_404(action_id)
    viewed("learning_viewed", case_id=found.record.case_id, learning_action_id=found.id)
    [row] = action_rows([found], uk_today())
    return render_learning(
        "learning/action.html",
        title=f"Action for {found.record.case.reference}",
        row=row,
        may_change=queries.may_change_record(found.record, current_user),
    )


@bp.route("/records/<int:record_id>/actions/new", methods=["GET", "POST"])
@learning_staff_only
def new_action(record_id: int):
    record = record_or_404(record_id)
    form = ActionForm(owners=services.possible_owners(record.case))
    if form.validate_on_submit():
        saved = save(
            form,
            "description",
            lambda: services.add_action(
                record, form.description.data, _owner(form, record.case), form.due_on.data, current_user, uk_today()
            ),
            lambda _: ("Action added", url_for("learning.record", record_id=record.id)),
        )
        if saved:
            return saved
    return form_page(
        "learning/action_form.html",
        form,
        record.case_id,
        {"learning_record_id": record.id},
        title="Add an action",
        record=record,
    )


def _owner(form: ActionForm, case, including=None):
    owners = {str(person.id): person for person in services.possible_owners(case, including)}
    return owners.get(form.owner.data)


@bp.route("/actions/<int:action_id>/change", methods=["GET", "POST"])
@learning_staff_only
def change_action(action_id: int):
    found = action_or_404(action_id)
    if not queries.may_change_record(found.record, current_user) or found.status is LearningActionStatus.DONE:
        abort(403)
    owners = services.possible_owners(found.record.case, including=found.owner)
    form = ChangeActionForm(
        owners=owners,
        data=None
        if request.method == "POST"
        else {
            "description": found.description,
            "owner": str(found.owner_id),
            "due_on": found.due_on,
            "status": found.status.value,
        },
    )
    if form.validate_on_submit():
        change = ActionChange(
            description=form.description.data,
            owner=_owner(form, found.record.case, found.owner),
            due_on=form.due_on.data,
            status=LearningActionStatus(form.status.data),
        )
        saved = save(
            form,
            "description",
            lambda: services.change_action(found, change, current_user, uk_today()),
            lambda changed: (
                "Action saved" if changed else "Nothing was changed",
                url_for("learning.action", action_id=found.id),
            ),
        )
        if saved:
            return saved
    return form_page(
        "learning/action_form.html",
        form,
        found.record.case_id,
        {"learning_action_id": found.id},
        title="Change the action",
        record=found.record,
        action=found,
    )


@bp.route("/actions/<int:action_id>/complete", methods=["GET", "POST"])
@learning_staff_only
def complete_action(action_id: int):
    found = action_or_404(action_id)
    if found.status is LearningActionStatus.DONE:
        flash("This action is already done", "important")
        return redirect(url_for("learning.action", action_id=found.id))
    form = CompleteActionForm(data=None if request.method == "POST" else {"completed_on": uk_today()})
    if form.validate_on_submit():
        saved = save(
            form,
            "evidence",
            lambda: services.complete_action(
                found, form.evidence.data, form.completed_on.data, current_user, uk_today()
            ),
            lambda _: ("Action marked as done", url_for("learning.open_actions")),
        )
        if saved:
            return saved
    return form_page(
        "learning/complete_action.html",
        form,
        found.record.case_id,
        {"learning_action_id": found.id},
        title="Mark the action as done",
        row=action_rows([found], uk_today())[0],
    )
