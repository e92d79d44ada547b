"""The work behind the case pages: who may see which cases, and the audit trail of every view."""

import math
from dataclasses import dataclass

from portal.data.models import Case, StaffUser
from portal.data.queries import audit
from portal.data.queries import staff as staff_queries
from portal.data.queries.case_access import CASE_ROLES, SEES_EVERY_CASE
from portal.extensions import db

CASES_PER_PAGE = 50

CASEWORK_ROLES = tuple(sorted(CASE_ROLES))
# Need-to-know (domain.md section 11): these roles see only some cases, so their list says so.
ALLOCATED_ONLY_ROLES = CASE_ROLES - SEES_EVERY_CASE


@dataclass(frozen=True)
class CaseListPage:
    cases: list[Case]
    number: int
    last: int
    total: int

    @property
    def first_shown(self) -> int:
        return (self.number - 1) * CASES_PER_PAGE + 1 if self.cases else 0

    @property
    def last_shown(self) -> int:
        return (self.number - 1) * CASES_PER_PAGE + len(self.cases)


def case_list_page(user: StaffUser, number: int) -> CaseListPage | None:
    """One page of the cases `user` may see, recorded in the audit trail. None if there is no such page."""
    found = staff_queries.case_page(CASES_PER_PAGE, (number - 1) * CASES_PER_PAGE, viewer=user)
    last = max(1, math.ceil(found.total / CASES_PER_PAGE))
    if number > last:
        return None
    audit.record(user.id, "case_list_viewed", detail={"page": number})
    db.session.commit()
    return CaseListPage(cases=found.cases, number=number, last=last, total=found.total)


def view_case(user: StaffUser, reference: str) -> Case | None:
    """The case, if `user` may see it, recorded in the audit trail. None for no case or one they may not see."""
    case = staff_queries.visible_case(reference, viewer=user)
    if case is None:
        return None
    audit.record(user.id, "case_viewed", case_id=case.id)
    db.session.commit()
    return case
