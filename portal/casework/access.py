"""Who may open the pages that change a case (screening, points, acknowledgement, allocation, holds and the rest),
and the audit of every view of them."""

from flask import abort
from flask_login import current_user

from portal.data import transaction
from portal.data.models import Case
from portal.data.queries import audit
from portal.data.queries import staff as staff_queries
from portal.data.queries.case_access import CASE_ROLES
from portal.domain.types import Procedure, StaffRole

# Roles that may change a case's screening, points, acknowledgement and allocation. Other roles with casework get
# 403 on these pages for cases they can see, and 404 for cases they cannot.
SCREENER_ROLES = frozenset({StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER})
CASE_ROUTE_ROLES = tuple(sorted(CASE_ROLES))
COMPLAINT_PROCEDURES = frozenset({Procedure.STATUTORY, Procedure.CORPORATE})


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
