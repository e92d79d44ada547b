"""Reads and writes for the later steps of a complaint: mediation, Stage 2, the review panel, recommendations and the
Ombudsman, and the people who may be given a Stage 2 role.

Nothing here commits: the services commit each change with its audit event through `portal.data.transaction`.
"""

from sqlalchemy import select

from portal.data.database import db
from portal.data.escalation_models import Recommendation, ReviewPanel, ReviewPanelMember
from portal.data.models import Attachment, Case, CaseAssignment, Remedy, StaffUser
from portal.domain.types import StaffRole


def add(row):
    """Adds a new record of any of this module's kinds and gives it its id."""
    db.session.add(row)
    db.session.flush()
    return row


def recommendation_of(case: Case, recommendation_id: int) -> Recommendation | None:
    return db.session.scalar(
        select(Recommendation).where(Recommendation.id == recommendation_id, Recommendation.case_id == case.id)
    )


def delete_recommendation(recommendation: Recommendation) -> None:
    db.session.delete(recommendation)
    db.session.flush()


def ombudsman_remedy_of(case: Case, remedy_id: int) -> Remedy | None:
    """One of the case's remedies that the Ombudsman asked for."""
    return db.session.scalar(
        select(Remedy).where(Remedy.id == remedy_id, Remedy.case_id == case.id, Remedy.ombudsman_case_id.is_not(None))
    )


def replace_panel_members(panel: ReviewPanel, members: list[ReviewPanelMember]) -> None:
    panel.members.clear()
    db.session.flush()
    panel.members.extend(members)
    db.session.flush()


def attach_report(case: Case, attachment: Attachment) -> Attachment:
    case.attachments.append(attachment)
    db.session.flush()
    return attachment


# People -------------------------------------------------------------------------------------------------------------

# Who may hold a Stage 2 role: investigators (often from outside the council), managers and the Complaints Team.
STAGE_2_ROLES = (
    StaffRole.INVESTIGATOR,
    StaffRole.RESPONDING_MANAGER,
    StaffRole.COMPLAINTS_MANAGER,
    StaffRole.COMPLAINTS_OFFICER,
)


def stage_2_candidates(case: Case) -> list[StaffUser]:
    """Active staff who may be given a Stage 2 role on ``case``: never someone the complaint names."""
    named = {member.id for member in case.named_staff}
    users = db.session.scalars(
        select(StaffUser)
        .where(StaffUser.active.is_(True), StaffUser.role.in_(STAGE_2_ROLES))
        .order_by(StaffUser.name, StaffUser.id)
    )
    return [user for user in users if user.id not in named]


def staff_user(user_id: int) -> StaffUser | None:
    return db.session.get(StaffUser, user_id)


def assign(case: Case, user: StaffUser) -> bool:
    """Assigns the case to ``user``, an investigator given a Stage 2 role. Returns whether they were new to it."""
    if any(assignment.staff_user_id == user.id for assignment in case.assignments):
        return False
    case.assignments.append(CaseAssignment(staff_user_id=user.id))
    db.session.flush()
    return True
