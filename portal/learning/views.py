"""What the learning pages share: who may open them, their sub-navigation, rows of actions with their deadlines, and
loading a record or action the member of staff may see (404 otherwise)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from portal.common.pagination import govuk_pagination, last_page
from portal.common.roles import roles_required
from portal.common.staff_menu import may_open
from portal.common.working_calendar import non_working_days_for
from portal.data import transaction
from portal.data.learning_models import LearningAction, LearningRecord
from portal.data.queries import learning as queries
from portal.domain.deadline_status import Deadline, DeadlineStatus, deadline, due_soon_before
from portal.domain.types import LearningActionStatus
from portal.learning_records import services
from portal.learning_records.services import LearningError

T = TypeVar("T")
learning_staff_only: Callable = roles_required(*queries.LEARNING_ROLES)

SECTIONS = (
    ("learning.home", "Overview"),
    ("learning.open_actions", "Open actions"),
    ("learning.learning_records", "Learning records"),
)
STATUS_TAG_COLOURS = {
    LearningActionStatus.OPEN: "grey",
    LearningActionStatus.IN_PROGRESS: "light-blue",
    LearningActionStatus.DONE: "green",
}


def sections() -> list[dict]:
    return [
        {"href": url_for(endpoint), "text": text, "current": request.endpoint == endpoint}
        for endpoint, text in SECTIONS
        if may_open(current_user, endpoint)
    ]


def page_context(**context) -> dict:
    """A learning page's context, with what every one of them shows."""
    return {
        "sections": sections(),
        "status_colours": STATUS_TAG_COLOURS,
        **context,
    }


def render_learning(template: str, **context):
    return render_template(template, **page_context(**context))


@dataclass(frozen=True)
class ActionRow:
    """An action as the lists show it: its deadline on the day (None once done), and whether the viewer may open the
    case page it came from."""

    action: LearningAction
    deadline: Deadline | None
    case_link: bool

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline.status is DeadlineStatus.OVERDUE


def learning_holidays():
    """A learning action's due date is set by people, not by a procedure: its working days skip bank holidays only."""
    return non_working_days_for(None)


def action_rows(actions: Iterable[LearningAction], today: date) -> list[ActionRow]:
    actions = list(actions)
    holidays = learning_holidays()
    linked = queries.cases_openable_by(current_user, {action.record.case_id for action in actions})
    return [
        ActionRow(
            action=action,
            deadline=None if action.status is LearningActionStatus.DONE else deadline(today, action.due_on, holidays),
            case_link=action.record.case_id in linked,
        )
        for action in actions
    ]


def due_soon_from(today: date) -> date:
    """The first due date that is no longer "due soon" for a learning action on `today`."""
    return due_soon_before(today, learning_holidays())


def record_or_404(record_id: int) -> LearningRecord:
    record = queries.record_for(record_id, current_user)
    if record is None:
        abort(404)
    return record


def action_or_404(action_id: int) -> LearningAction:
    action = queries.action_for(action_id, current_user)
    if action is None:
        abort(404)
    return action


def viewed(what: str, case_id: int | None = None, **detail) -> None:
    """Records in the audit trail that the member of staff saw this page."""
    services.record_view(current_user, what, case_id=case_id, **detail)
    transaction.commit()


def pages_of(number: int, total: int, per_page: int, link: Callable[[int], str], label: str) -> dict | None:
    """For page `number` of a list of `total` rows: the GOV.UK pagination block's parameters (None when one page holds
    them all), or a 404 for a page past the last."""
    last = last_page(total, per_page)
    if number > last:
        abort(404)
    return govuk_pagination(number, last, link, label)


def form_page(template: str, form: FlaskForm, case_id: int, seen: dict, **context):
    """A page with a form about one case's learning: the view is audited when the page is first shown (`seen` says
    what was shown), and the GOV.UK error summary leads the page when what was sent had errors."""
    if request.method == "GET":
        viewed("learning_viewed", case_id=case_id, **seen)
    return render_learning(template, form=form, page_has_errors=bool(form.errors), **context)


def save(form: FlaskForm, fallback_field: str, change: Callable[[], T], then: Callable[[T], tuple[str, str]]):
    """Makes `change` through a service and commits it with its audit, then says so and redirects where `then` says
    (given what `change` returned). When the service refuses, undoes what it began and puts the reason on the form:
    returns None, and the view shows the form again."""
    try:
        result = change()
    except LearningError as error:
        transaction.rollback()
        show_error(form, error, fallback_field)
        return None
    transaction.commit()
    message, next_url = then(result)
    flash(message, "success")
    return redirect(next_url)


def show_error(form: FlaskForm, error: LearningError, fallback_field: str) -> None:
    """Puts a service's refusal on the form field it is about, for the error summary and beside the field."""
    field = form[error.field] if error.field and error.field in form else form[fallback_field]
    field.errors = [*field.errors, str(error)]
