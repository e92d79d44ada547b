"""The work behind the case pages: who may see which cases, and the audit trail of every view."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from portal.common.pagination import last_page
from portal.common.working_calendar import council_calendar, non_working_days_for
from portal.data import transaction
from portal.data.models import Case, StaffUser
from portal.data.queries import audit
from portal.data.queries import queues as queue_queries
from portal.data.queries import screening as screening_queries
from portal.data.queries import staff as staff_queries
from portal.data.queries.case_access import CASE_ROLES, SEES_EVERY_CASE
from portal.data.queries.queues import CaseSearch
from portal.data.queries.settings import timescale_policy
from portal.domain import case_export
from portal.domain.calendar import format_date
from portal.domain.clocks import is_complainants_window
from portal.domain.deadline_status import Deadline, deadline, due_soon_before
from portal.domain.moves import state_label
from portal.domain.types import CaseState, FeedbackKind, Procedure
from portal.domain.workflow import STATE_STEPS, non_working_days

CASES_PER_PAGE = 50
# The case list counts its matches up to this many past the page's first case, then says "more than": an exact count
# of a long list is slow and tells staff nothing they need.
CASES_COUNTED_AHEAD = 1000

CASEWORK_ROLES = tuple(sorted(CASE_ROLES))
# Need-to-know (domain.md section 11): these roles see only some cases, so their list says so.
ALLOCATED_ONLY_ROLES = CASE_ROLES - SEES_EVERY_CASE


# Work queues ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    case: Case
    deadline: Deadline | None


@dataclass(frozen=True)
class CaseListPage:
    """Page `number` of the list; `last` is the last page counted, and more follow it when `more` (so `total` cases
    match, or more than `total`)."""

    rows: list[QueueRow]
    number: int
    last: int
    total: int
    more: bool

    @property
    def first_shown(self) -> int:
        return (self.number - 1) * CASES_PER_PAGE + 1 if self.rows else 0

    @property
    def last_shown(self) -> int:
        return (self.number - 1) * CASES_PER_PAGE + len(self.rows)


def _due_before(today: date) -> queue_queries.DueBefore:
    # Each procedure's clock counts closure days its own way (regulation 2), so each has its own "due soon" boundary.
    policy, calendar = timescale_policy(), council_calendar()
    return {
        what: due_soon_before(today, non_working_days(what, policy, calendar)) for what in (*Procedure, *FeedbackKind)
    }


def case_list_page(user: StaffUser, search: CaseSearch, number: int, today: date) -> CaseListPage | None:
    """One page of a work queue for `user`, recorded in the audit trail with the search and filters used (staff
    searches are part of the trail). None if there is no such page. `today` decides what is due or overdue."""
    found = queue_queries.find_cases(
        user,
        search,
        due_before=_due_before(today),
        limit=CASES_PER_PAGE,
        offset=(number - 1) * CASES_PER_PAGE,
        count_past=CASES_COUNTED_AHEAD,
    )
    last = last_page(found.total, CASES_PER_PAGE)
    if number > last:
        return None
    audit.record(user.id, "case_list_viewed", detail=_audit_detail(search, number))
    transaction.commit()
    rows = [
        QueueRow(
            case=row.case,
            deadline=None
            if row.due_on is None
            else deadline(today, row.due_on, non_working_days_for(row.case.procedure or row.case.kind)),
        )
        for row in found.cases
    ]
    return CaseListPage(rows=rows, number=number, last=last, total=found.total, more=found.more)


# Who may take the case list's personal data away in a file: the Complaints Team, who handle every case. Other roles
# with casework get the same list with a pseudonym in place of the reference and no personal data (domain.md
# section 11: need-to-know).
PERSONAL_EXPORT_ROLES = SEES_EVERY_CASE


def case_list_export(user: StaffUser, search: CaseSearch, today: date, secret: bytes) -> tuple[list[str], Iterator]:
    """The headings and rows of every case in `user`'s list as filtered, personal data only for the roles allowed
    it; recorded in the audit trail (with the filters, and whether it held personal data) before any row is read."""
    personal = user.role in PERSONAL_EXPORT_ROLES
    due_before = _due_before(today)
    audit.record(user.id, "case_list_exported", detail={**_audit_detail(search, 1), "personal_data": personal})
    transaction.commit()

    found_cases = queue_queries.export_cases(user, search, due_before=due_before)
    rows = (case_export.row(_export_case(found), personal, secret) for found in found_cases)
    return case_export.headings(personal), rows


def _export_case(found: queue_queries.FoundCase) -> case_export.ExportCase:
    case, submitter = found.case, found.case.submitter
    return case_export.ExportCase(
        case_id=case.id,
        reference=case.reference,
        received_on=case.received_on,
        kind=case.kind.label,
        procedure=case.procedure.label if case.procedure else "Not decided yet",
        status=state_label(case.procedure, case.state),
        team=case.team.name if case.team else "",
        due_on=found.due_on,
        closed_on=case.closed_on,
        outcome=case.finding.label if case.finding else "",
        made_by_child=case.made_by_child,
        flagged=case.safeguarding_flag,
        submitter=submitter.name if submitter else None,
        email=submitter.email if submitter else None,
        phone=submitter.phone if submitter else None,
        children=[child.name for child in case.children if child.name],
        summary=case.summary,
    )


def _audit_detail(search: CaseSearch, number: int) -> dict:
    filters = {
        "kind": sorted(kind.value for kind in search.kinds),
        "procedure": sorted("none" if procedure is None else procedure.value for procedure in search.procedures),
        "stage": sorted(state.value for state in search.states),
        "status": search.status.value if search.status else None,
        "team": search.team_id,
        "theme": search.theme_id,
        "made_by_child": search.made_by_child,
        "flagged": search.flagged,
    }
    detail: dict = {
        "queue": search.queue.value,
        "filters": {name: value for name, value in filters.items() if value},
        "sort": search.sort.value,
        "direction": search.direction.value,
        "page": number,
    }
    if search.text:
        detail["search"] = search.text
    return detail


def view_case(user: StaffUser, reference: str) -> Case | None:
    """The case, if `user` may see it, recorded in the audit trail. None for no case or one they may not see."""
    case = staff_queries.visible_case(reference, viewer=user)
    if case is None:
        return None
    audit.record(user.id, "case_viewed", case_id=case.id)
    transaction.commit()
    return case


# The case's current step -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CurrentStep:
    """What the case is waiting for, and its deadline as it stands on a given day (None: nothing is timed)."""

    name: str
    deadline: Deadline | None


def current_step(case: Case, today: date) -> CurrentStep:
    """The step a case is at: screening, the acknowledgement, the stage it is in or its hold's review, with the
    due date and working days left counted by its own procedure's clock (closure days as regulation 2 says)."""
    name, due = _step_and_due(case)
    step = STATE_STEPS.get((case.procedure, case.state)) if case.procedure else None
    if step is not None and is_complainants_window(step) and due is not None and today > due:
        # The complainant's time to ask for the next stage, not the council's deadline: once it has passed, the
        # council closes the case (a late request can still be accepted, portal.domain.clocks).
        return CurrentStep(
            name=f"Close the case: the last day to ask for the next stage was {format_date(due)}", deadline=None
        )
    holidays = non_working_days_for(case.procedure or case.kind)
    return CurrentStep(name=name, deadline=None if due is None else deadline(today, due, holidays))


def _step_and_due(case: Case) -> tuple[str, date | None]:
    stage = screening_queries.open_stage(case)
    stage_due = (stage.extended_to or stage.due_on) if stage is not None else None
    if case.state is CaseState.CLOSED:
        return (f"Closed: {case.closure.label.lower()}" if case.closure else "Closed"), None
    if case.state is CaseState.ON_HOLD:
        return "On hold: review whether the proceedings have ended", stage_due
    if case.state in (CaseState.RECEIVED, CaseState.SCREENING):
        due = case.acknowledgement_due_on or case.response_due_on
        proposed = (case.screening or {}).get("pending")
        if proposed and proposed.get("awaiting_approval"):
            return "A complaints manager to approve the “not accepted” letter", due
        if proposed:
            return "Check the “not accepted” letter before it goes", due
        return "Screen the case", due
    if case.acknowledged_on is None and case.acknowledgement_due_on is not None:
        return "Acknowledge the complaint", case.acknowledgement_due_on
    step = STATE_STEPS.get((case.procedure, case.state))
    return (step.label if step else case.state.label), stage_due
