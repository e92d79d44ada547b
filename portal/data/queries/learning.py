"""Learning records and their actions: who may see them, the lists the learning pages show, and adding them.

Need-to-know (domain.md section 11): the Complaints Team sees the learning of every case; a responding manager that of
the cases they may open (allocated to them or their team); the learning lead, who opens no cases, the learning of
upheld and partially upheld complaints and of any case that has learning recorded. Each member of staff also sees the
actions they own. Nobody sees the learning of a case whose complaint names them.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, not_, or_, select
from sqlalchemy.orm import selectinload

from portal.data.database import db
from portal.data.learning_models import LearningAction, LearningRecord
from portal.data.models import Case, StaffUser, Team, Theme
from portal.data.queries.case_access import SEES_EVERY_CASE, names, visible_to
from portal.domain.learning import OPEN_ACTION_STATUSES
from portal.domain.types import FeedbackKind, Finding, LearningActionStatus, StaffRole, ThemeScope

# Who may use the learning pages, and who may own an action (an owner must be able to open it to complete it).
LEARNING_ROLES = frozenset(
    {StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER, StaffRole.RESPONDING_MANAGER, StaffRole.LEARNING_LEAD}
)
UPHELD_IN_PART = (Finding.UPHELD, Finding.PARTIALLY_UPHELD)


def _has_learning() -> ColumnElement[bool]:
    return exists(select(LearningRecord.id).where(LearningRecord.case_id == Case.id).correlate(Case))


def _needs_learning() -> ColumnElement[bool]:
    """Upheld and partially upheld complaints (`portal.domain.outcomes.needs_learning`, as a database condition)."""
    return and_(Case.kind == FeedbackKind.COMPLAINT, Case.finding.in_(UPHELD_IN_PART))


def learning_cases_for(user: StaffUser) -> ColumnElement[bool]:
    """The cases whose learning `user` may see and change."""
    if user.role in SEES_EVERY_CASE or user.role == StaffRole.RESPONDING_MANAGER:
        return visible_to(user)
    if user.role == StaffRole.LEARNING_LEAD:
        return and_(not_(names(user)), or_(_needs_learning(), _has_learning()))
    return false()


def _actions_for(user: StaffUser) -> ColumnElement[bool]:
    """The actions `user` may see: those of the cases whose learning they see, and their own. Needs the query to
    join the action's record and case."""
    if user.role not in LEARNING_ROLES:
        return false()
    return or_(learning_cases_for(user), and_(LearningAction.owner_id == user.id, not_(names(user))))


def _actions() -> Select:
    return (
        select(LearningAction)
        .join(LearningAction.record)
        .join(LearningRecord.case)
        .options(
            selectinload(LearningAction.owner),
            selectinload(LearningAction.record).selectinload(LearningRecord.category),
            selectinload(LearningAction.record).selectinload(LearningRecord.case).selectinload(Case.team),
        )
    )


# One case, record or action -------------------------------------------------------------------------------------------


def learning_case(reference: str, user: StaffUser) -> Case | None:
    """The complaint with this reference, if `user` may record its learning."""
    return db.session.scalar(
        select(Case).where(Case.reference == reference, Case.kind == FeedbackKind.COMPLAINT, learning_cases_for(user))
    )


def record_for(record_id: int, user: StaffUser) -> LearningRecord | None:
    return db.session.scalar(
        select(LearningRecord)
        .join(LearningRecord.case)
        .where(LearningRecord.id == record_id, learning_cases_for(user))
        .options(selectinload(LearningRecord.actions).selectinload(LearningAction.owner))
    )


def action_for(action_id: int, user: StaffUser) -> LearningAction | None:
    return db.session.scalar(_actions().where(LearningAction.id == action_id, _actions_for(user)))


def cases_openable_by(user: StaffUser, case_ids: set[int]) -> set[int]:
    """Which of these cases `user` may open on the case page (the learning lead, who opens no cases, none)."""
    if not case_ids:
        return set()
    return set(db.session.scalars(select(Case.id).where(Case.id.in_(case_ids), visible_to(user))))


def may_change_record(record: LearningRecord, user: StaffUser) -> bool:
    """Whether `user` may change the record and add actions to it (an action's owner may only complete their own)."""
    return (
        db.session.scalar(select(func.count(Case.id)).where(Case.id == record.case_id, learning_cases_for(user))) == 1
    )


# Lists -------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionFilters:
    """What the open-actions list is narrowed to. None means any."""

    owner_id: int | None = None
    team_id: int | None = None
    status: LearningActionStatus | None = None
    overdue_on: date | None = None


@dataclass(frozen=True)
class ActionsPage:
    actions: list[LearningAction]
    total: int


def open_actions(viewer: StaffUser, filters: ActionFilters, *, limit: int, offset: int) -> ActionsPage:
    """The open and in-progress actions `viewer` may see, across every case, matching `filters`: the earliest due
    first. `filters.overdue_on` keeps only those due before that day."""
    conditions = [_actions_for(viewer), LearningAction.status.in_(OPEN_ACTION_STATUSES)]
    if filters.owner_id is not None:
        conditions.append(LearningAction.owner_id == filters.owner_id)
    if filters.team_id is not None:
        conditions.append(Case.team_id == filters.team_id)
    if filters.status is not None:
        conditions.append(LearningAction.status == filters.status)
    if filters.overdue_on is not None:
        conditions.append(LearningAction.due_on < filters.overdue_on)
    total = db.session.scalar(
        select(func.count(LearningAction.id)).join(LearningAction.record).join(LearningRecord.case).where(*conditions)
    )
    actions = db.session.scalars(
        _actions().where(*conditions).order_by(LearningAction.due_on, LearningAction.id).limit(limit).offset(offset)
    )
    return ActionsPage(actions=list(actions), total=total or 0)


@dataclass(frozen=True)
class ActionCounts:
    open: int
    overdue: int
    due_soon: int


def action_counts(viewer: StaffUser, today: date, due_soon_before: date) -> ActionCounts:
    """How many actions `viewer` may see are open, overdue (due before `today`) and due soon (from `today` to the
    day before `due_soon_before`)."""
    due = LearningAction.due_on
    open_count, overdue, due_soon = db.session.execute(
        select(
            func.count(LearningAction.id),
            func.count(LearningAction.id).filter(due < today),
            func.count(LearningAction.id).filter(due >= today, due < due_soon_before),
        )
        .join(LearningAction.record)
        .join(LearningRecord.case)
        .where(_actions_for(viewer), LearningAction.status.in_(OPEN_ACTION_STATUSES))
    ).one()
    return ActionCounts(open=open_count, overdue=overdue, due_soon=due_soon)


def cases_awaiting_learning(viewer: StaffUser, limit: int) -> tuple[list[Case], int]:
    """Upheld and partially upheld complaints `viewer` may see with no learning recorded yet (Dudley found learning
    forms "have not been returned" for some: seed 000, section 14), the most recently closed first, and how many there
    are in all."""
    conditions = [learning_cases_for(viewer), _needs_learning(), not_(_has_learning())]
    total = db.session.scalar(select(func.count(Case.id)).where(*conditions)) or 0
    cases = db.session.scalars(
        select(Case)
        .where(*conditions)
        .options(selectinload(Case.team))
        .order_by(Case.closed_on.desc().nulls_last(), Case.received_on.desc(), Case.id.desc())
        .limit(limit)
    )
    return list(cases), total


@dataclass(frozen=True)
class RecordsPage:
    records: list[LearningRecord]
    total: int


def learning_records(viewer: StaffUser, category_id: int | None, *, limit: int, offset: int) -> RecordsPage:
    """The learning records `viewer` may see, the newest first, in one category or all."""
    conditions = [learning_cases_for(viewer)]
    if category_id is not None:
        conditions.append(LearningRecord.category_id == category_id)
    total = db.session.scalar(select(func.count(LearningRecord.id)).join(LearningRecord.case).where(*conditions))
    records = db.session.scalars(
        select(LearningRecord)
        .join(LearningRecord.case)
        .where(*conditions)
        .options(
            selectinload(LearningRecord.category),
            selectinload(LearningRecord.case).selectinload(Case.team),
            selectinload(LearningRecord.actions),
        )
        .order_by(LearningRecord.created_at.desc(), LearningRecord.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return RecordsPage(records=list(records), total=total or 0)


# Choices -----------------------------------------------------------------------------------------------------------


def categories(including: int | None = None) -> list[Theme]:
    """The active learning categories in the council's order, and the one with id `including` even if it has been
    deactivated since (a record keeps its category)."""
    condition = Theme.active.is_(True)
    if including is not None:
        condition = or_(condition, Theme.id == including)
    return list(
        db.session.scalars(
            select(Theme).where(Theme.scope == ThemeScope.LEARNING, condition).order_by(Theme.position, Theme.id)
        )
    )


def all_categories() -> list[Theme]:
    """Every learning category, active or not, for filtering records recorded under one since deactivated."""
    return list(
        db.session.scalars(select(Theme).where(Theme.scope == ThemeScope.LEARNING).order_by(Theme.position, Theme.id))
    )


def possible_owners(case: Case, including: int | None = None) -> list[StaffUser]:
    """Active staff who may own an action on `case`: those who may use the learning pages, except anyone the
    complaint names; and the current owner (`including`) even if that has changed since."""
    condition = and_(
        StaffUser.active.is_(True),
        StaffUser.role.in_(LEARNING_ROLES),
        StaffUser.id.not_in([person.id for person in case.named_staff]),
    )
    if including is not None:
        condition = or_(condition, StaffUser.id == including)
    return list(db.session.scalars(select(StaffUser).where(condition).order_by(StaffUser.name, StaffUser.id)))


def action_owners(viewer: StaffUser) -> list[StaffUser]:
    """The owners of the open actions `viewer` may see, for the owner filter."""
    owner_ids = (
        select(LearningAction.owner_id)
        .join(LearningAction.record)
        .join(LearningRecord.case)
        .where(_actions_for(viewer), LearningAction.status.in_(OPEN_ACTION_STATUSES))
    )
    return list(db.session.scalars(select(StaffUser).where(StaffUser.id.in_(owner_ids)).order_by(StaffUser.name)))


def teams() -> list[Team]:
    """Every team, for the team filter: old cases can belong to teams that are no longer active."""
    return list(db.session.scalars(select(Team).order_by(Team.name)))


# Writes ------------------------------------------------------------------------------------------------------------


def add_record(record: LearningRecord) -> LearningRecord:
    """Adds a learning record to the session and gives it an id; the caller audits and commits."""
    db.session.add(record)
    db.session.flush()
    return record


def add_action(action: LearningAction) -> LearningAction:
    """Adds an action to the session and gives it an id; the caller audits and commits."""
    db.session.add(action)
    db.session.flush()
    return action
