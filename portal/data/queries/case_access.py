"""Need-to-know (domain.md section 11): which cases each member of staff may see, as a database condition."""

from sqlalchemy import ColumnElement, and_, exists, false, not_, or_, select, true

from portal.data.escalation_models import Stage2
from portal.data.models import AdvocacyReferral, Case, CaseAssignment, CaseChild, StaffUser, case_named_staff
from portal.domain.types import Channel, StaffRole

SEES_EVERY_CASE = frozenset({StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER})
CASE_ROLES = SEES_EVERY_CASE | {StaffRole.RESPONDING_MANAGER, StaffRole.INVESTIGATOR, StaffRole.PARTICIPATION_OFFICER}
# Cases that reached the council through someone who speaks for a child.
CHILDRENS_CHANNELS = (Channel.VIA_ADVOCATE, Channel.VIA_PARTICIPATION_TEAM)


def involves_a_child() -> ColumnElement[bool]:
    """Cases made by a child, or about a child with the child's involvement: the Participation Team's cases (issue 14).

    Involvement means an advocate was asked for, the case came through an advocate or the Participation Team, or an
    adult made it on the child's behalf and said the child knows about it and agrees.
    """
    return or_(
        Case.made_by_child.is_(True),
        # Correlated to the case only, so that a query over referrals themselves can use this condition too.
        exists(select(AdvocacyReferral.id).where(AdvocacyReferral.case_id == Case.id).correlate(Case)),
        Case.channel.in_(CHILDRENS_CHANNELS),
        and_(
            Case.on_behalf_of_child.is_(True),
            exists(
                select(CaseChild.id)
                .where(CaseChild.case_id == Case.id, CaseChild.knows_and_agrees == "yes")
                .correlate(Case)
            ),
        ),
    )


def names(user: StaffUser) -> ColumnElement[bool]:
    """Cases whose complaint names `user`: they may never open them, whatever their role."""
    return exists(
        select(case_named_staff.c.case_id).where(
            case_named_staff.c.case_id == Case.id, case_named_staff.c.staff_user_id == user.id
        )
    )


def visible_to(user: StaffUser) -> ColumnElement[bool]:
    """The cases `user` may open. Roles without casework (learning lead, report viewer, administrator) see none,
    and nobody sees a case whose complaint names them."""
    return and_(not_(names(user)), _by_role(user))


def _by_role(user: StaffUser) -> ColumnElement[bool]:
    if user.role in SEES_EVERY_CASE:
        return true()
    if user.role == StaffRole.RESPONDING_MANAGER:
        # An assignment alone never shows a manager another team's case; a Stage 2 role they hold does.
        return or_(_allocated_to(user), holds_a_stage_2_role(user))
    if user.role == StaffRole.INVESTIGATOR:
        return _assigned_to(user)
    if user.role == StaffRole.PARTICIPATION_OFFICER:
        return involves_a_child()
    return false()


def _assigned_to(user: StaffUser) -> ColumnElement[bool]:
    """Cases the Complaints Team has given ``user`` beyond allocation, such as a Stage 2 investigation."""
    return exists(
        select(CaseAssignment.id).where(CaseAssignment.case_id == Case.id, CaseAssignment.staff_user_id == user.id)
    )


def holds_a_stage_2_role(user: StaffUser) -> ColumnElement[bool]:
    """Cases in which ``user`` is the Investigating Officer (the corporate reviewer), the Independent Person or the
    Adjudicating Officer: a manager from another team sees the case while the role is theirs, and no longer once the
    Complaints Team gives it to someone else."""
    return exists(
        select(Stage2.id)
        .where(
            Stage2.case_id == Case.id,
            or_(
                Stage2.investigating_officer_id == user.id,
                Stage2.independent_person_id == user.id,
                Stage2.adjudicating_officer_id == user.id,
            ),
        )
        .correlate(Case)
    )


def _allocated_to(user: StaffUser) -> ColumnElement[bool]:
    """Cases the Complaints Team has allocated to `user` or to their team. The team a member of the public chose is
    only a suggestion: a case reaches a team when the Complaints Team allocates it (which always names a responding
    manager)."""
    conditions = [Case.responding_manager_id == user.id]
    # Without this guard a member of staff with no team would match every allocated case with no team.
    if user.team_id is not None:
        conditions.append(and_(Case.team_id == user.team_id, Case.responding_manager_id.is_not(None)))
    return or_(*conditions)
