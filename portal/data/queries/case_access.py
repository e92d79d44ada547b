"""Need-to-know (domain.md section 11): which cases each member of staff may see, as a database condition."""

from sqlalchemy import ColumnElement, exists, false, or_, select, true

from portal.data.models import AdvocacyReferral, Case, CaseAssignment, StaffUser
from portal.domain.types import StaffRole

SEES_EVERY_CASE = frozenset({StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER})
CASE_ROLES = SEES_EVERY_CASE | {StaffRole.RESPONDING_MANAGER, StaffRole.INVESTIGATOR, StaffRole.PARTICIPATION_OFFICER}


def visible_to(user: StaffUser) -> ColumnElement[bool]:
    """The cases `user` may open. Roles without casework (learning lead, report viewer, administrator) see none."""
    if user.role in SEES_EVERY_CASE:
        return true()
    if user.role == StaffRole.RESPONDING_MANAGER:
        conditions = [Case.responding_manager_id == user.id]
        # Without this guard a member of staff with no team would match every case with no team.
        if user.team_id is not None:
            conditions.append(Case.team_id == user.team_id)
        return or_(*conditions)
    if user.role == StaffRole.INVESTIGATOR:
        return exists(
            select(CaseAssignment.id).where(CaseAssignment.case_id == Case.id, CaseAssignment.staff_user_id == user.id)
        )
    if user.role == StaffRole.PARTICIPATION_OFFICER:
        return or_(
            Case.made_by_child.is_(True), exists(select(AdvocacyReferral.id).where(AdvocacyReferral.case_id == Case.id))
        )
    return false()
