"""Who may work on a case's stages: the responding manager it is allocated to (or their team) answers it, and the
Complaints Team checks, sends, extends and closes (issue 11; need-to-know, domain.md section 11)."""

from flask import abort
from flask_login import current_user

from portal.casework.access import SCREENER_ROLES, record_view
from portal.data.models import Case, StaffUser
from portal.data.queries import staff as staff_queries
from portal.domain.types import StaffRole

# The Complaints Team.
COMPLAINTS_TEAM = SCREENER_ROLES
# Everyone who works on a stage: the Complaints Team and responding managers.
STAGE_ROLES = tuple(sorted(COMPLAINTS_TEAM | {StaffRole.RESPONDING_MANAGER}))


def case_for_stage_work(reference: str, page: str | None = None) -> Case:
    """The case for a stage page: 404 when the user may not see it (a responding manager sees only the cases
    allocated to them or their team), 403 for a role that does not work on stages. With ``page``, the view is
    recorded in the audit trail."""
    case = staff_queries.visible_case(reference, viewer=current_user)
    if case is None:
        abort(404)
    if current_user.role not in STAGE_ROLES:
        abort(403)
    if page is not None:
        record_view(case, page)
    return case


def in_complaints_team(user: StaffUser) -> bool:
    return user.role in COMPLAINTS_TEAM
