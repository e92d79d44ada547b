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
    or_,
    select,
    true,
    union,
)
from sqlalchemy.orm import aliased, selectinload

from portal.data.database import db
from portal.data.models import Case, CaseAssignment, CaseChild, Person, StaffUser, Team, Theme, case_themes
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
    """One page of cases and how many cases match: `total` of them, or more than `total` when `more` (the count
    stops a little past the page, as counting a long list exactly is slow and tells staff nothing they need)."""

    cases: list[FoundCase]
    total: int
    more: bool


DueBefore = Mapping[Procedure | FeedbackKind, date]


def _matching(viewer: StaffUser, search: CaseSearch, due_before: DueBefore) -> tuple[Select, list]:
    conditions = [visible_to(viewer), *_conditions(viewer, search, due_before)]
    query = select(Case).where(*conditions).order_by(Case.safeguarding_flag.desc(), *_order(search))
    return query, conditions


def find_cases(
    viewer: StaffUser, search: CaseSearch, *, due_before: DueBefore, limit: int, offset: int, count_past: int
) -> FoundCases:
    """One page of the cases `viewer` may see that match `search`: possible safeguarding concerns first, then in
    the order asked for. `due_before` gives, for each procedure (and each kind of feedback, for cases not screened
    yet), the first due date that is no longer "due soon" (for the due queue): the clocks count working days
    differently. The matches are counted up to `count_past` cases beyond the page's first."""
    query, conditions = _matching(viewer, search, due_before)
    query = query.options(selectinload(Case.submitter)).limit(limit).offset(offset)
    cases = [FoundCase(case=found, due_on=found.next_due_on) for found in db.session.scalars(query)]
    if len(cases) < limit and (cases or offset == 0):
        # The page holds the last of the matches, so it says how many there are without counting them again.
        return FoundCases(cases=cases, total=offset + len(cases), more=False)
    counted_up_to = offset + count_past
    counted = select(Case.id).where(*conditions).limit(counted_up_to + 1).subquery()
    total = db.session.scalar(select(func.count()).select_from(counted)) or 0
    return FoundCases(cases=cases, total=min(total, counted_up_to), more=total > counted_up_to)


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
        for found in db.session.scalars(query):
            yield FoundCase(case=found, due_on=found.next_due_on)

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


def _conditions(viewer: StaffUser, search: CaseSearch, due_before: DueBefore) -> list[ColumnElement[bool]]:
    conditions = [_queue_condition(viewer, search.queue, due_before)]
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


def _queue_condition(viewer: StaffUser, queue: Queue, due_before: DueBefore) -> ColumnElement[bool]:
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
        # The first bound lets the database read only the cases due before the latest boundary from the index.
        return and_(Case.next_due_on < max(due_before.values()), Case.next_due_on < _threshold(due_before))
    if queue is Queue.ON_HOLD:
        return Case.state == CaseState.ON_HOLD
    return true()


def _contains(column, text: str) -> ColumnElement[bool]:
    """Case-insensitive "contains", with % and _ taken literally. Both sides go through the database's lower(), so
    the comparison is the same whichever side the capitals were on (SQLite's lower() folds only A to Z)."""
    escaped = text.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return func.lower(column).contains(func.lower(literal(escaped)), escape="/")


def _contains_email(column, text: str) -> ColumnElement[bool]:
    """`_contains` for email addresses, which are checked as they are typed and never hold a space: so a text with a
    space (a full name, say) matches none. Nearly every address shares its domain with many others, and a trigram
    index is slow to search for the domain's common trigrams: so the index is searched for the text up to its @
    alone, and the whole text is checked only on the addresses that has found."""
    if any(character.isspace() for character in text):
        return false()
    local_part, at, _domain = text.partition("@")
    if not (at and local_part):
        return _contains(column, text)
    # `|| ''` keeps PostgreSQL from searching the index for the whole text as well.
    return and_(_contains(column, local_part + at), _contains(column + "", text))


def _text_condition(text: str, reference: str | None) -> ColumnElement[bool]:
    """Matches the reference, the submitter's name or email address, or the name of a child the case is about.

    The matching cases are gathered as one list of ids (a UNION of small searches, each of which PostgreSQL answers
    from an index: the reference's own for a whole reference, trigram indexes for the rest), so the case list reads
    only those cases rather than testing every case one by one."""
    # Its own alias of cases, so that the searches are never correlated with the case list's own rows.
    searched = aliased(Case)
    if not (text or reference):
        return false()
    by_reference = searched.reference == reference if reference else _contains(searched.reference, text)
    searches = [select(searched.id).where(by_reference)]
    if text:
        searches += [
            select(searched.id)
            .join(Person, Person.id == searched.submitter_id)
            .where(or_(_contains(Person.name, text), _contains_email(Person.email, text))),
            select(CaseChild.case_id).where(_contains(CaseChild.name, text)),
        ]
    return Case.id.in_(union(*searches))


def _order(search: CaseSearch) -> list:
    descending = search.direction is Direction.DESCENDING
    if search.sort is SortKey.DUE:
        # Cases with no deadline go last whichever way the dates run.
        return [
            (Case.next_due_on.desc() if descending else Case.next_due_on.asc()).nulls_last(),
            Case.received_on.asc(),
            Case.id.asc(),
        ]
    column = Case.reference if search.sort is SortKey.REFERENCE else Case.received_on
    if descending:
        return [column.desc(), Case.id.desc()]
    return [column.asc(), Case.id.asc()]
