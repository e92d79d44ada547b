"""Who may open the pages that change a case (screening, points, acknowledgement, allocation, holds and the rest,
and the stages: findings, the response, extensions and closing), and the audit of every view of them."""

from flask import abort
from flask_login import current_user

from portal.data import transaction
from portal.data.models import Case, StaffUser
from portal.data.queries import audit
from portal.data.queries import staff as staff_queries
from portal.data.queries.case_access import CASE_ROLES
from portal.domain.types import Procedure, StaffRole

# Roles that may change a case's screening, points, acknowledgement and allocation. Other roles with casework get
# 403 on these pages for cases they can see, and 404 for cases they cannot.
SCREENER_ROLES = frozenset({StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER})
CASE_ROUTE_ROLES = tuple(sorted(CASE_ROLES))
COMPLAINT_PROCEDURES = frozenset({Procedure.STATUTORY, Procedure.CORPORATE})
# The stages are answered by the responding manager the case is allocated to (or their team), and checked, sent,
# extended and closed by the Complaints Team (issue 11).
COMPLAINTS_TEAM = SCREENER_ROLES
STAGE_ROLES = tuple(sorted(COMPLAINTS_TEAM | {StaffRole.RESPONDING_MANAGER}))
# Stage 2 also has investigators, often from outside the council, who see only the cases assigned to them.
STAGE_2_ROLES = tuple(sorted(set(STAGE_ROLES) | {StaffRole.INVESTIGATOR}))


def case_for_change(reference: str) -> Case:
    """The case for a page that changes it: 404 when the user may not see it, 403 when they may see it but only
    complaints officers and managers may change it."""
    case = staff_queries.visible_case(reference, viewer=current_user)
    if case is None:
        abort(404)
    if current_user.role not in SCREENER_ROLES:
        abort(403)
    return case


def record_view(case: Case, page: str) -> None:
    """Every staff view of a case is audited (domain.md section 11)."""
    audit.record(current_user.id, "case_viewed", case_id=case.id, detail={"page": page})
    transaction.commit()


def case_for_stage_work(reference: str, page: str | None = None, roles: tuple[StaffRole, ...] = STAGE_ROLES) -> Case:
    """The case for a stage page: 404 when the user may not see it (a responding manager sees only the cases
    allocated to them or their team, an investigator those assigned to them), 403 for a role not in ``roles``. With
    ``page``, the view is recorded in the audit trail."""
    case = staff_queries.visible_case(reference, viewer=current_user)
    if case is None:
        abort(404)
    if current_user.role not in roles:
        abort(403)
    if page is not None:
        record_view(case, page)
    return case


def in_complaints_team(user: StaffUser) -> bool:
    return user.role in COMPLAINTS_TEAM
