"""Reads and writes for screening, complaint points, the acknowledgement, allocation and duty matters.

Nothing here commits: the casework services commit each change together with its audit event.
"""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.data.database import db
from portal.data.models import (
    AdvocacyProvider,
    Case,
    CaseAssignment,
    CaseChild,
    ComplaintPoint,
    MessageTemplate,
    Person,
    StaffUser,
    StageRecord,
    Team,
)
from portal.data.queries import people
from portal.domain.contacts import national_phone
from portal.domain.types import StaffRole

# Earlier cases --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EarlierCase:
    """A case from the same person or about the same child, and what they have in common."""

    case: Case
    matches: tuple[str, ...]


def earlier_cases(case: Case, limit: int = 20) -> list[EarlierCase]:
    """Other cases from the same person (same email or phone) or about the same child (same name, and the same
    date of birth or an age that fits), newest first. Repeat complainants and repeat issues (domain.md section 3)."""
    matches: dict[int, list[str]] = {}
    found: dict[int, Case] = {}

    def note(cases, why: str) -> None:
        for other in cases:
            if other.id != case.id:
                found[other.id] = other
                matches.setdefault(other.id, [])
                if why not in matches[other.id]:
                    matches[other.id].append(why)

    person = case.submitter
    base = select(Case).join(Person, Case.submitter_id == Person.id).where(Case.id != case.id)
    if person is not None and person.email:
        note(db.session.scalars(base.where(people.has_email(person.email))), "Same email")
    phone = national_phone(person.phone if person else None)
    if phone:
        note(db.session.scalars(base.where(people.has_phone(phone))), "Same phone number")
    for child in case.children:
        if not child.name:
            continue
        query = (
            select(CaseChild)
            .options(selectinload(CaseChild.case))
            .where(func.lower(func.trim(CaseChild.name)) == child.name.strip().lower(), CaseChild.case_id != case.id)
        )
        same = [other.case for other in db.session.scalars(query) if _same_child(case, child, other)]
        note(same, "Same child")
    ordered = sorted(found.values(), key=lambda other: (other.received_on, other.id), reverse=True)[:limit]
    return [EarlierCase(case=other, matches=tuple(matches[other.id])) for other in ordered]


def _same_child(case: Case, child: CaseChild, other: CaseChild) -> bool:
    """Same name (checked by the caller) and a date of birth or age that agrees; a name alone is not enough."""
    if child.date_of_birth and other.date_of_birth:
        return child.date_of_birth == other.date_of_birth
    ages = [_age_on(child, case.received_on), _age_on(other, other.case.received_on)]
    if None in ages:
        return False
    years_apart = abs((case.received_on - other.case.received_on).days) / 365.25
    return abs(ages[0] - ages[1]) <= years_apart + 1


def _age_on(child: CaseChild, day) -> int | None:
    if child.date_of_birth:
        born = child.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return child.age


# Templates and providers ----------------------------------------------------------------------------------------------


def message_template(key: str) -> MessageTemplate | None:
    return db.session.scalar(select(MessageTemplate).where(MessageTemplate.key == key))


def active_advocacy_providers() -> list[AdvocacyProvider]:
    return list(
        db.session.scalars(
            select(AdvocacyProvider).where(AdvocacyProvider.active.is_(True)).order_by(AdvocacyProvider.name)
        )
    )


# Stages ---------------------------------------------------------------------------------------------------------------


def open_stage(case: Case) -> StageRecord | None:
    """The stage the case is in now: the latest one not completed."""
    current = [stage for stage in case.stages if stage.completed_on is None]
    return max(current, key=lambda stage: (stage.started_on, stage.id or 0), default=None)


def add_stage(case: Case, stage: StageRecord) -> StageRecord:
    case.stages.append(stage)
    db.session.flush()
    return stage


# Complaint points -----------------------------------------------------------------------------------------------------


def points_of(case: Case) -> list[ComplaintPoint]:
    return list(
        db.session.scalars(
            select(ComplaintPoint).where(ComplaintPoint.case_id == case.id).order_by(ComplaintPoint.number)
        )
    )


def point_of(case: Case, point_id: int) -> ComplaintPoint | None:
    return db.session.scalar(
        select(ComplaintPoint).where(ComplaintPoint.case_id == case.id, ComplaintPoint.id == point_id)
    )


def add_point(case: Case, text: str) -> ComplaintPoint:
    """Adds a point after the last one. The unique (case, number) constraint refuses a number taken meanwhile."""
    last = db.session.scalar(select(func.max(ComplaintPoint.number)).where(ComplaintPoint.case_id == case.id))
    point = ComplaintPoint(case_id=case.id, number=(last or 0) + 1, text=text)
    db.session.add(point)
    db.session.flush()
    return point


def delete_point(point: ComplaintPoint) -> None:
    db.session.delete(point)
    db.session.flush()


def renumber_points(points: list[ComplaintPoint]) -> None:
    """Numbers `points` 1..n in the order given, in two steps so that no two points ever share a number, which the
    unique (case, number) constraint would refuse: first every point gets a free negative number, then its own."""
    for position, point in enumerate(points, start=1):
        point.number = -position
    db.session.flush()
    for position, point in enumerate(points, start=1):
        point.number = position
    db.session.flush()


# Allocation -----------------------------------------------------------------------------------------------------------


def active_team(team_id: int) -> Team | None:
    return db.session.scalar(select(Team).where(Team.id == team_id, Team.active.is_(True)))


def responding_managers(team_id: int | None = None) -> list[StaffUser]:
    """Active responding managers, by name; only those in `team_id` when it is given."""
    query = (
        select(StaffUser)
        .options(selectinload(StaffUser.team))
        .where(StaffUser.role == StaffRole.RESPONDING_MANAGER, StaffUser.active.is_(True))
        .order_by(StaffUser.name, StaffUser.id)
    )
    if team_id is not None:
        query = query.where(StaffUser.team_id == team_id)
    return list(db.session.scalars(query))


def responding_manager(user_id: int) -> StaffUser | None:
    return db.session.scalar(
        select(StaffUser).where(
            StaffUser.id == user_id, StaffUser.role == StaffRole.RESPONDING_MANAGER, StaffUser.active.is_(True)
        )
    )


def staff_user(user_id: int | None) -> StaffUser | None:
    return None if user_id is None else db.session.get(StaffUser, user_id)


# New cases ------------------------------------------------------------------------------------------------------------


# Staff named in a complaint, and investigators ----------------------------------------------------------------------


def staff_who_may_be_named(case: Case) -> list[StaffUser]:
    """Active staff not yet named in the complaint, by name."""
    named = {member.id for member in case.named_staff}
    query = select(StaffUser).where(StaffUser.active.is_(True)).order_by(StaffUser.name, StaffUser.id)
    return [member for member in db.session.scalars(query) if member.id not in named]


def active_staff_member(user_id: int) -> StaffUser | None:
    return db.session.scalar(select(StaffUser).where(StaffUser.id == user_id, StaffUser.active.is_(True)))


def investigators_who_may_be_assigned(case: Case) -> list[StaffUser]:
    """Active investigators neither assigned to the case nor named in it, by name."""
    taken = {assignment.staff_user_id for assignment in case.assignments} | {member.id for member in case.named_staff}
    query = (
        select(StaffUser)
        .where(StaffUser.role == StaffRole.INVESTIGATOR, StaffUser.active.is_(True))
        .order_by(StaffUser.name, StaffUser.id)
    )
    return [member for member in db.session.scalars(query) if member.id not in taken]


def assign(case: Case, member: StaffUser) -> None:
    case.assignments.append(CaseAssignment(staff_user=member))
    db.session.flush()


def unassign(case: Case, member_id: int) -> StaffUser | None:
    """Removes the member's assignment to the case; returns them, or None if they were not assigned."""
    for assignment in case.assignments:
        if assignment.staff_user_id == member_id:
            case.assignments.remove(assignment)
            db.session.flush()
            return assignment.staff_user
    return None
