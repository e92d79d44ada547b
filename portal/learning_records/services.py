"""The work behind learning from complaints: recording what a case taught the council, the actions that follow, and
completing them with evidence (domain.md section 8).

Other parts of the portal call `record_learning` and `add_action` (the Stage 1 findings, when a finding is upheld or
partially upheld), with `categories` and `possible_owners` for their forms' choices. Like the audit trail, these add
to the caller's unit of work and never commit: the caller commits them with the change that caused them, through
`portal.data.transaction`. Each raises `LearningError` with a message for the person, and the field it belongs to,
when what was asked cannot be done.
"""

from dataclasses import dataclass
from datetime import date

from portal.common.changes import changes, snapshot
from portal.data.learning_models import LearningAction, LearningRecord
from portal.data.models import Case, StaffUser, Theme
from portal.data.queries import audit
from portal.data.queries import learning as queries
from portal.domain.learning import InvalidActionChange, check_completion, check_status_change
from portal.domain.types import LearningActionStatus

SUMMARY_MAX_LENGTH = 5000
DESCRIPTION_MAX_LENGTH = 2000
EVIDENCE_MAX_LENGTH = 5000


class LearningError(Exception):
    """A change that cannot be made as asked; the message says why. `field` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def categories(including: Theme | None = None) -> list[Theme]:
    """The learning categories staff may choose from, in the council's order (administrators edit the list)."""
    return queries.categories(including.id if including else None)


def possible_owners(case: Case, including: StaffUser | None = None) -> list[StaffUser]:
    """The staff who may own an action on `case`."""
    return queries.possible_owners(case, including.id if including else None)


# Learning records ----------------------------------------------------------------------------------------------------


def record_learning(case: Case, category: Theme, summary: str, actor: StaffUser) -> LearningRecord:
    """Records what `case` taught the council, in `category`, and audits it. Does not commit.

    For upheld and partially upheld complaints (`portal.domain.outcomes.needs_learning`), though any complaint whose
    learning `actor` may change can have some. Raises `LearningError` when `actor` may not, the category is not an
    active learning category, or the summary is empty or longer than SUMMARY_MAX_LENGTH.
    """
    if queries.learning_case(case.reference, actor) is None:
        raise LearningError("You cannot record learning for this case.")
    _check_category(category)
    _check_text(summary, "summary", "Enter what was learnt", SUMMARY_MAX_LENGTH, "What was learnt")
    record = queries.add_record(LearningRecord(case=case, category=category, summary=summary, recorded_by=actor))
    audit.record(
        actor.id,
        "learning_recorded",
        case_id=case.id,
        detail={
            "learning_record_id": record.id,
            "changes": {"category": [None, category.name], "summary": [None, summary]},
        },
    )
    return record


def change_record(record: LearningRecord, category: Theme, summary: str, actor: StaffUser) -> dict:
    """Changes a learning record's category and summary and audits what changed. Returns the changes (empty when
    nothing changed). Does not commit."""
    _check_may_change(record, actor)
    if category is None or category.id != record.category_id:
        _check_category(category)
    _check_text(summary, "summary", "Enter what was learnt", SUMMARY_MAX_LENGTH, "What was learnt")
    changed = changes(
        {"category": record.category.name, "summary": record.summary}, {"category": category.name, "summary": summary}
    )
    if changed:
        record.category = category
        record.summary = summary
        audit.record(
            actor.id,
            "learning_changed",
            case_id=record.case_id,
            detail={"learning_record_id": record.id, "changes": changed},
        )
    return changed


def _check_category(category: Theme | None) -> None:
    if category is None or category not in queries.categories():
        raise LearningError("Choose a category from the list", "category")


def _check_text(text: str | None, field: str, empty_message: str, max_length: int, name: str) -> None:
    if not (text or "").strip():
        raise LearningError(empty_message, field)
    if len(text) > max_length:
        raise LearningError(f"{name} must be {max_length:,} characters or fewer", field)


# Actions -------------------------------------------------------------------------------------------------------------


def add_action(
    record: LearningRecord, description: str, owner: StaffUser, due_on: date, actor: StaffUser, today: date
) -> LearningAction:
    """Adds an action to `record`: what to do, who owns it and by when; and audits it. Does not commit.

    Raises `LearningError` when `actor` may not change the record, the owner may not own actions on the case (see
    `possible_owners`), or the due date is before `today`.
    """
    _check_may_change(record, actor)
    _check_text(description, "description", "Enter what needs to be done", DESCRIPTION_MAX_LENGTH, "The action")
    _check_owner(record, owner)
    if due_on < today:
        raise LearningError("The due date must be today or in the future", "due_on")
    action = queries.add_action(
        LearningAction(
            record=record,
            description=description,
            owner=owner,
            due_on=due_on,
            status=LearningActionStatus.OPEN,
            recorded_on=today,
        )
    )
    audit.record(
        actor.id,
        "learning_action_added",
        case_id=record.case_id,
        detail={
            "learning_record_id": record.id,
            "learning_action_id": action.id,
            "changes": {
                "description": [None, description],
                "owner": [None, owner.name],
                "due_on": [None, due_on.isoformat()],
                "action_status": [None, LearningActionStatus.OPEN.value],
            },
        },
    )
    return action


@dataclass(frozen=True)
class ActionChange:
    description: str
    owner: StaffUser
    due_on: date
    status: LearningActionStatus


def change_action(action: LearningAction, change: ActionChange, actor: StaffUser, today: date) -> dict:
    """Changes what an action is, who owns it, when it is due and whether it has started; audits what changed and
    returns it. Completing it needs evidence: `complete_action`. A new due date may not be in the past, though an
    overdue action keeps its date until someone changes it. Does not commit."""
    _check_may_change(action.record, actor)
    _check_text(change.description, "description", "Enter what needs to be done", DESCRIPTION_MAX_LENGTH, "The action")
    if change.owner.id != action.owner_id:
        _check_owner(action.record, change.owner)
    if change.due_on != action.due_on and change.due_on < today:
        raise LearningError("The due date must be today or in the future", "due_on")
    if change.status is not action.status:
        try:
            check_status_change(action.status, change.status)
        except InvalidActionChange as error:
            raise LearningError(str(error), "status") from error
    before = {**snapshot(action, ("description", "due_on")), "owner": action.owner.name, "action_status": action.status}
    after = {
        "description": change.description,
        "due_on": change.due_on,
        "owner": change.owner.name,
        "action_status": change.status,
    }
    changed = changes(before, after)
    if changed:
        action.description = change.description
        action.owner = change.owner
        action.due_on = change.due_on
        action.status = change.status
        _audit_action(action, actor, "learning_action_changed", changed)
    return changed


def complete_action(action: LearningAction, evidence: str, completed_on: date, actor: StaffUser, today: date) -> None:
    """Marks an action done with the evidence of what was done, and audits it. Its owner may complete it, as may
    anyone who may change its learning record. Does not commit."""
    if action.owner_id != actor.id:
        _check_may_change(action.record, actor)
    try:
        check_completion(action.status, evidence, completed_on, action.recorded_on, today)
    except InvalidActionChange as error:
        raise LearningError(str(error), "completed_on" if (evidence or "").strip() else "evidence") from error
    if len(evidence) > EVIDENCE_MAX_LENGTH:
        raise LearningError(f"The evidence must be {EVIDENCE_MAX_LENGTH:,} characters or fewer", "evidence")
    changed = changes(
        {"action_status": action.status},
        {"action_status": LearningActionStatus.DONE, "evidence": evidence, "completed_on": completed_on},
    )
    action.status = LearningActionStatus.DONE
    action.evidence = evidence
    action.completed_on = completed_on
    action.completed_by = actor
    _audit_action(action, actor, "learning_action_completed", changed)


def _audit_action(action: LearningAction, actor: StaffUser, what: str, changed: dict) -> None:
    audit.record(
        actor.id,
        what,
        case_id=action.record.case_id,
        detail={"learning_record_id": action.record_id, "learning_action_id": action.id, "changes": changed},
    )


def _check_may_change(record: LearningRecord, actor: StaffUser) -> None:
    if not queries.may_change_record(record, actor):
        raise LearningError("You cannot change the learning for this case.")


def _check_owner(record: LearningRecord, owner: StaffUser | None) -> None:
    if owner is None or owner not in queries.possible_owners(record.case):
        raise LearningError("Choose who owns the action from the list", "owner")


# Views, for the audit trail ------------------------------------------------------------------------------------------


def record_view(actor: StaffUser, what: str, case_id: int | None = None, **detail) -> None:
    """Audits a view of learning: a list (no case) or one case's record or action. Does not commit."""
    audit.record(actor.id, what, case_id=case_id, detail=detail)
