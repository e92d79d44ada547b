"""Recommendations of a Stage 2 investigation or a review panel (issue 11, items 4 and 5; seed 003's
"Recommendations from Stage 2 Investigations" and the Stage 3 examples): whether the council accepts each, and the
action it plans, with who owns it and by when. The Adjudicating Officer's letter (Stage 2) and the council's
response to the panel (Stage 3) list them.

An accepted recommendation with an action planned is turned into a learning record with that action, through the
learning service (portal.learning_records); the learning pages track the action until it is done, with evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from portal.casework import bp
from portal.casework.access import STAGE_ROLES, case_for_stage_work
from portal.casework.forms_escalation import NOBODY, RecommendationForm
from portal.common.clock import uk_today
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.escalation_models import Recommendation
from portal.data.models import Case, StaffUser, Theme
from portal.data.queries import audit
from portal.data.queries import escalation as queries
from portal.domain.calendar import format_date
from portal.domain.types import CaseState
from portal.learning_records import services as learning

# Where recommendations are recorded: during the investigation, and once the panel's findings have come.
RECOMMENDATION_STATES: dict[CaseState, int] = {CaseState.STAGE_2: 2, CaseState.STAGE_3_FINDINGS: 3}
# The page each stage's recommendations are on.
STAGE_PAGES = {2: "casework.stage_2", 3: "casework.stage_3"}


class RecommendationError(ValueError):
    """A recommendation that cannot be recorded as it stands; ``field`` names the form field it belongs to."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class PlannedAction:
    """The action the council plans for an accepted recommendation: a learning category, who owns it and by when."""

    category: Theme
    owner: StaffUser
    due_on: date


# The recommendation form's fields for the learning service's ones.
_LEARNING_FIELDS = {"category": "action_category", "owner": "action_owner", "due_on": "action_due_on"}


def recommendations_at(case: Case, stage: int) -> list[Recommendation]:
    return [item for item in case.recommendations if item.stage == stage]


def add_recommendation(
    case: Case,
    user: StaffUser,
    stage: int,
    text: str,
    accepted: bool,
    response: str | None,
    action: PlannedAction | None,
    today: date,
) -> Recommendation:
    """Records a recommendation at ``stage`` and audits it. An accepted one with an action planned becomes a learning
    record with that action (portal.learning_records), all in one commit. Raises ``RecommendationError`` (changing
    nothing) when an action is planned for a recommendation not accepted, or the learning service refuses it."""
    if action is not None and not accepted:
        raise RecommendationError("Plan an action only for a recommendation the council accepts", "action_owner")
    recommendation = queries.add(
        Recommendation(
            case_id=case.id,
            stage=stage,
            text=text,
            accepted=accepted,
            response=response or None,
            action_owner_id=action.owner.id if action else None,
            action_due_on=action.due_on if action else None,
            recorded_by_id=user.id,
            recorded_on=today,
        )
    )
    if action is not None:
        source = "investigation" if stage == 2 else "review panel"
        try:
            record = learning.record_learning(
                case, action.category, f"The Stage {stage} {source} recommended: {text}", user
            )
            planned = learning.add_action(record, response or text, action.owner, action.due_on, user, today)
        except learning.LearningError as error:
            raise RecommendationError(str(error), _LEARNING_FIELDS.get(error.field, "text")) from error
        recommendation.learning_action_id = planned.id
    audit.record(
        user.id,
        "recommendation_added",
        case_id=case.id,
        detail={
            "stage": stage,
            "recommendation_id": recommendation.id,
            "changes": {"recommendation": [None, text]},
            "accepted": accepted,
            "learning_action_id": recommendation.learning_action_id,
        },
    )
    transaction.commit()
    return recommendation


def remove_recommendation(case: Case, user: StaffUser, recommendation: Recommendation) -> None:
    audit.record(
        user.id,
        "recommendation_removed",
        case_id=case.id,
        detail={"stage": recommendation.stage, "changes": {"recommendation": [recommendation.text, None]}},
    )
    queries.delete_recommendation(recommendation)
    transaction.commit()


def recommendations_text(case: Case, stage: int) -> str:
    """The recommendations at ``stage`` and the council's answer to each, as a letter lists them."""
    items = recommendations_at(case, stage)
    if not items:
        return ""
    source = "The investigation" if stage == 2 else "The review panel"
    lines = [f"{source} recommended:"]
    for item in items:
        answer = "We accept this" if item.accepted else "We do not accept this"
        detail = f": {item.response}" if item.response else ""
        due = f" By {format_date(item.action_due_on)}." if item.accepted and item.action_due_on else ""
        lines.append(f"- {item.text} {answer}{detail}.{due}".replace("..", "."))
    return "\n".join(lines)


def recommendation_form(case: Case, formdata=None) -> RecommendationForm:
    form = RecommendationForm(formdata=formdata)
    form.set_staff([(str(user.id), user.name) for user in learning.possible_owners(case)])
    form.set_categories([(str(category.id), category.name) for category in learning.categories()])
    return form


# Pages ---------------------------------------------------------------------------------------------------------------

# Each stage's page, which shows the recommendations with the form to add one: registered by the stage's module.
_PAGES: dict[int, Callable[..., str]] = {}


def shown_on(stage: int) -> Callable:
    """Registers the function that renders ``stage``'s page, given the case, and ``recommendation_form`` or
    ``errors`` to show."""

    def register(render: Callable[..., str]) -> Callable[..., str]:
        _PAGES[stage] = render
        return render

    return register


def _planned(form: RecommendationForm) -> PlannedAction | None:
    """The action the form plans, if it names its owner (the form has checked the rest is there)."""
    if form.action_owner.data == NOBODY:
        return None
    category = next(item for item in learning.categories() if str(item.id) == form.action_category.data)
    return PlannedAction(category, queries.staff_user(int(form.action_owner.data)), form.action_due_on.data)


def _back_to(case: Case, stage: int):
    return redirect(url_for(STAGE_PAGES[stage], reference=case.reference) + "#recommendations")


@bp.post("/cases/<reference>/recommendations")
@roles_required(*STAGE_ROLES)
def add_recommendation_view(reference: str):
    """Adds a recommendation at the stage the case is at; that stage's page shows the form and any errors."""
    case = case_for_stage_work(reference, "recommendations")
    stage = RECOMMENDATION_STATES.get(case.state)
    if stage is None:
        abort(404)
    form = recommendation_form(case, formdata=request.form)
    if not form.validate():
        return _PAGES[stage](case, recommendation_form=form)
    try:
        add_recommendation(
            case,
            current_user,
            stage,
            form.text.data,
            form.accepted.data == "yes",
            form.response.data,
            _planned(form),
            uk_today(),
        )
    except RecommendationError as error:
        transaction.rollback()
        form[error.field].errors.append(str(error))
        return _PAGES[stage](case, recommendation_form=form)
    flash("Recommendation added", "success")
    return _back_to(case, stage)


@bp.post("/cases/<reference>/recommendations/<int:recommendation_id>/remove")
@roles_required(*STAGE_ROLES)
def remove_recommendation_view(reference: str, recommendation_id: int):
    case = case_for_stage_work(reference, "recommendations")
    recommendation = queries.recommendation_of(case, recommendation_id)
    if recommendation is None:
        abort(404)
    stage = recommendation.stage
    if RECOMMENDATION_STATES.get(case.state) != stage:
        message = "Recommendations of a stage that has ended cannot be removed"
        return _PAGES[stage](case, errors=[{"text": message, "href": "#recommendations"}])
    remove_recommendation(case, current_user, recommendation)
    flash("Recommendation removed", "success")
    return _back_to(case, stage)
