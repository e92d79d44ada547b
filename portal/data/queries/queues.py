"""Work queues: finding, filtering, sorting and counting the cases a member of staff may see.

Every query here is limited by `case_access.visible_to(viewer)` (need-to-know, domain.md section 11), whatever the
queue, search or filters.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    null,
    or_,
    select,
    true,
    union,
)
from sqlalchemy.orm import aliased, selectinload

from portal.data.database import db
from portal.data.models import Case, CaseAssignment, CaseChild, Person, StaffUser, StageRecord, Team, Theme, case_themes
from portal.data.queries.case_access import holds_a_stage_2_role, visible_to
from portal.domain.types import CASE_THEME_SCOPES, CaseState, FeedbackKind, Procedure


class Queue(StrEnum):
    ALL = "all"
    TO_SCREEN = "to-screen"
    MINE = "mine"
    DUE = "due"
    ON_HOLD = "on-hold"


class SortKey(StrEnum):
    RECEIVED = "received"
    DUE = "due"
    REFERENCE = "reference"


class Direction(StrEnum):
    ASCENDING = "asc"
    DESCENDING = "desc"


class Status(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


UNSCREENED_STATES = frozenset({CaseState.RECEIVED, CaseState.SCREENING})


@dataclass(frozen=True)
class CaseSearch:
    """What someone asked the case list for. Every value has already been checked against what exists.

    `procedures` may hold None, meaning "no procedure chosen yet". An empty set means "any".
    """

    queue: Queue = Queue.ALL
    text: str = ""
    reference: str | None = None
    kinds: frozenset[FeedbackKind] = field(default_factory=frozenset)
    procedures: frozenset[Procedure | None] = field(default_factory=frozenset)
    states: frozenset[CaseState] = field(default_factory=frozenset)
    status: Status | None = None
    team_id: int | None = None
    theme_id: int | None = None
    made_by_child: bool = False
    flagged: bool = False
    sort: SortKey = SortKey.RECEIVED
    direction: Direction = Direction.DESCENDING


@dataclass(frozen=True)
class FoundCase:
    case: Case
    due_on: date | None


@dataclass(frozen=True)
class FoundCases:
    cases: list[FoundCase]
    total: int


def due_on() -> ColumnElement[date | None]:
    """A case's next deadline: the acknowledgement's while it is not acknowledged, then its open stage's (the
    extended date when there is one), or else the reply its receipt promised (a comment not screened yet). Closed
    cases have none; comments and compliments have no acknowledgement deadline, so they are never overdue for one."""
    open_stage_due = (
        select(func.coalesce(StageRecord.extended_to, StageRecord.due_on))
        .where(StageRecord.case_id == Case.id, StageRecord.completed_on.is_(None))
        .order_by(StageRecord.started_on.desc(), StageRecord.id.desc())
        .limit(1)
        .correlate(Case)
        .scalar_subquery()
    )
    return case(
        (Case.state == CaseState.CLOSED, null()),
        # On hold (regulation 8): the review date, held in the hold's own stage record; nothing else is due.
        (Case.state == CaseState.ON_HOLD, open_stage_due),
        (and_(Case.acknowledged_on.is_(None), Case.acknowledgement_due_on.is_not(None)), Case.acknowledgement_due_on),
        else_=func.coalesce(open_stage_due, Case.response_due_on),
    )


DueBefore = Mapping[Procedure | FeedbackKind, date]


def _matching(viewer: StaffUser, search: CaseSearch, due_before: DueBefore) -> tuple[Select, list]:
    due = due_on()
    conditions = [visible_to(viewer), *_conditions(viewer, search, due, due_before)]
    query = (
        select(Case, due.label("due_on"))
        .where(*conditions)
        .order_by(Case.safeguarding_flag.desc(), *_order(search, due))
    )
    return query, conditions


def find_cases(viewer: StaffUser, search: CaseSearch, *, due_before: DueBefore, limit: int, offset: int) -> FoundCases:
    """One page of the cases `viewer` may see that match `search`: possible safeguarding concerns first, then in
    the order asked for. `due_before` gives, for each procedure (and each kind of feedback, for cases not screened
    yet), the first due date that is no longer "due soon" (for the due queue): the clocks count working days
    differently."""
    query, conditions = _matching(viewer, search, due_before)
    total = db.session.scalar(select(func.count(Case.id)).where(*conditions)) or 0
    query = query.options(selectinload(Case.submitter)).limit(limit).offset(offset)
    return FoundCases(cases=[FoundCase(case=row[0], due_on=row[1]) for row in db.session.execute(query)], total=total)


def export_cases(viewer: StaffUser, search: CaseSearch, *, due_before: DueBefore) -> Iterator[FoundCase]:
    """Every case `viewer` may see that matches `search`, in the case list's order, with its submitter, children
    and team, read a thousand at a time so that a long export never holds every case at once.

    The query is built now, while `viewer` is still loaded; the rows are read as the response streams, when the
    request's own database session may have been closed."""
    query, _ = _matching(viewer, search, due_before)
    query = query.options(
        selectinload(Case.submitter), selectinload(Case.children), selectinload(Case.team)
    ).execution_options(yield_per=1000)

    def read() -> Iterator[FoundCase]:
        for row in db.session.execute(query):
            yield FoundCase(case=row[0], due_on=row[1])

    return read()


def teams() -> list[Team]:
    """Every team, for the team filter: old cases can belong to teams that are no longer active."""
    return list(db.session.scalars(select(Team).order_by(Team.name)))


def themes() -> list[Theme]:
    """Every theme a case can carry, for the theme filter (not the learning categories, which cases never carry)."""
    return list(
        db.session.scalars(
            select(Theme).where(Theme.scope.in_(CASE_THEME_SCOPES)).order_by(Theme.scope, Theme.position, Theme.name)
        )
    )


def _conditions(viewer: StaffUser, search: CaseSearch, due, due_before: DueBefore) -> list[ColumnElement[bool]]:
    conditions = [_queue_condition(viewer, search.queue, due, due_before)]
    if search.text or search.reference:
        conditions.append(_text_condition(search.text, search.reference))
    if search.kinds:
        conditions.append(Case.kind.in_(search.kinds))
    if search.procedures:
        chosen = [procedure for procedure in search.procedures if procedure is not None]
        either = [Case.procedure.in_(chosen)] if chosen else []
        if None in search.procedures:
            either.append(Case.procedure.is_(None))
        conditions.append(or_(*either))
    if search.states:
        conditions.append(Case.state.in_(search.states))
    if search.status is Status.OPEN:
        conditions.append(Case.state != CaseState.CLOSED)
    elif search.status is Status.CLOSED:
        conditions.append(Case.state == CaseState.CLOSED)
    if search.team_id is not None:
        conditions.append(Case.team_id == search.team_id)
    if search.theme_id is not None:
        conditions.append(
            exists(
                select(case_themes.c.case_id).where(
                    case_themes.c.case_id == Case.id, case_themes.c.theme_id == search.theme_id
                )
            )
        )
    if search.made_by_child:
        conditions.append(Case.made_by_child.is_(True))
    if search.flagged:
        conditions.append(Case.safeguarding_flag.is_(True))
    return conditions


def _threshold(due_before: DueBefore) -> ColumnElement[date]:
    """The "due soon" boundary of each case, by its procedure or, before screening, its kind."""
    whens = [(Case.procedure == key, day) for key, day in due_before.items() if isinstance(key, Procedure)]
    whens += [
        (and_(Case.procedure.is_(None), Case.kind == key), day)
        for key, day in due_before.items()
        if isinstance(key, FeedbackKind)
    ]
    return case(*whens, else_=min(due_before.values()))


def _queue_condition(viewer: StaffUser, queue: Queue, due, due_before: DueBefore) -> ColumnElement[bool]:
    if queue is Queue.TO_SCREEN:
        return Case.state.in_(UNSCREENED_STATES)
    if queue is Queue.MINE:
        return or_(
            Case.responding_manager_id == viewer.id,
            Case.screened_by_id == viewer.id,
            exists(
                select(CaseAssignment.id).where(
                    CaseAssignment.case_id == Case.id, CaseAssignment.staff_user_id == viewer.id
                )
            ),
            holds_a_stage_2_role(viewer),
        )
    if queue is Queue.DUE:
        return and_(due.is_not(None), due < _threshold(due_before))
    if queue is Queue.ON_HOLD:
        return Case.state == CaseState.ON_HOLD
    return true()


def _contains(column, text: str) -> ColumnElement[bool]:
    """Case-insensitive "contains", with % and _ taken literally. Both sides go through the database's lower(), so
    the comparison is the same whichever side the capitals were on (SQLite's lower() folds only A to Z)."""
    escaped = text.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return func.lower(column).contains(func.lower(literal(escaped)), escape="/")


def _text_condition(text: str, reference: str | None) -> ColumnElement[bool]:
    """Matches the reference, the submitter's name or email address, or the name of a child the case is about.

    The matching cases are gathered as one list of ids (a UNION of three small searches, each of which PostgreSQL
    answers from a trigram index), so the case list never tests every case's people one by one."""
    matches = [Case.reference == reference] if reference else []
    if text:
        # Its own alias of cases, so that the searches are never correlated with the case list's own rows.
        searched = aliased(Case)
        matching = union(
            select(searched.id).where(_contains(searched.reference, text)),
            select(searched.id)
            .join(Person, Person.id == searched.submitter_id)
            .where(or_(_contains(Person.name, text), _contains(Person.email, text))),
            select(CaseChild.case_id).where(_contains(CaseChild.name, text)),
        )
        matches.append(Case.id.in_(matching))
    return or_(*matches) if matches else false()


def _order(search: CaseSearch, due) -> list:
    descending = search.direction is Direction.DESCENDING
    if search.sort is SortKey.DUE:
        # Cases with no deadline go last whichever way the dates run.
        return [
            (due.desc() if descending else due.asc()).nulls_last(),
            Case.received_on.asc(),
            Case.id.asc(),
        ]
    column = Case.reference if search.sort is SortKey.REFERENCE else Case.received_on
    if descending:
        return [column.desc(), Case.id.desc()]
    return [column.asc(), Case.id.asc()]
