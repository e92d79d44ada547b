"""The annual report's and the dashboard's counts of cases, aggregated by the database (GROUP BY), never case by case
in Python. Each function returns a few small rows; portal.reporting lays them out as the seeds' tables.

The definitions are portal.domain.reporting's and docs/reports.md's: a case counts in the period its date falls in
(received, for what came in); a case with several categories counts once in each; its outcome is the one recorded
when it closed. Periods are passed in as `ReportPeriod`s; the first is the one reported on, the others the earlier
years a year-on-year column compares it with.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, case, distinct, func, literal, or_, select, text

from portal.data.database import db
from portal.data.learning_models import LearningAction, LearningRecord
from portal.data.models import (
    AdvocacyReferral,
    Case,
    EqualitiesAnswers,
    Remedy,
    ServiceArea,
    StageRecord,
    Team,
    Theme,
    case_themes,
)
from portal.data.participation_models import Compliment, compliment_teams
from portal.domain.clocks import COMPLAINANT_WINDOWS
from portal.domain.compliments import ComplimentSource
from portal.domain.reporting import COMPLAINT_PROCEDURES, ReportPeriod
from portal.domain.types import (
    AdvocacyStatus,
    CaseState,
    FeedbackKind,
    Finding,
    LearningActionStatus,
    Procedure,
    SubmitterRole,
    ThemeScope,
)

UPHELD_IN_PART = (Finding.UPHELD, Finding.PARTIALLY_UPHELD)
# Advocacy that a child actually had (B&NES 7.6, Sandwell 5.1: "supported by an external advocate").
ADVOCACY_GIVEN = (AdvocacyStatus.REFERRED, AdvocacyStatus.ACCEPTED, AdvocacyStatus.ENDED)


def in_ranges(column: ColumnElement[date], ranges: Sequence[tuple[date, date]]) -> ColumnElement[int]:
    """The index of the range ``column`` falls in (both ends included), or NULL: the GROUP BY key that puts each
    case in its period, quarter or month."""
    return case(*[(column.between(first, last), index) for index, (first, last) in enumerate(ranges)], else_=None)


def period_ranges(periods: Sequence[ReportPeriod]) -> list[tuple[date, date]]:
    return [(period.first_day, period.last_day) for period in periods]


def _span(ranges: Sequence[tuple[date, date]]) -> tuple[date, date]:
    return min(first for first, _ in ranges), max(last for _, last in ranges)


def _received_within(ranges: Sequence[tuple[date, date]]) -> ColumnElement[bool]:
    first, last = _span(ranges)
    return Case.received_on.between(first, last)


def _complaints() -> ColumnElement[bool]:
    return Case.procedure.in_(COMPLAINT_PROCEDURES)


def _rows(query) -> list[tuple]:
    return [tuple(row) for row in db.session.execute(query)]


# SQLite's planner statistics are gathered again when the cases have grown this many times over since they last were.
STATISTICS_STALE_AFTER_GROWING = 10


def keep_planner_statistics() -> None:
    """On SQLite, which keeps no statistics for its query planner unless asked to: gathers them (`ANALYZE`) before a
    report when they never were, or the cases have grown many times over since. Without them the planner may read a
    year's acknowledgements through the index of every complaint rather than through the index of the days
    acknowledged (seconds rather than milliseconds at 1,000,000 cases). The report that gathers them takes that much
    longer (2 s at 1,000,000 cases), once; counting the cases to know takes about 10 ms. SQLite's own
    `PRAGMA optimize` would gather them again at every report while any partial index is empty."""
    if db.engine.dialect.name != "sqlite":
        return
    has_statistics = db.session.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"))
    counted = (
        db.session.scalar(text("SELECT max(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = 'cases'"))
        if has_statistics
        else None
    )
    cases = db.session.scalar(select(func.count()).select_from(Case))
    if counted is None or cases > STATISTICS_STALE_AFTER_GROWING * counted:
        db.session.execute(text("ANALYZE"))
        db.session.commit()


def group_in_memory() -> None:
    """On PostgreSQL, lets the rest of this transaction's grouping queries hash their groups in memory rather than sort
    hundreds of thousands of rows on disk (the planner's guess at the number of groups, by period and several columns,
    is far above the few dozen there are), and skips just-in-time compilation, which takes longer than these queries
    take to run. A report runs a few dozen such queries in one transaction; the settings end with it."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL work_mem = '64MB'"))
        db.session.execute(text("SET LOCAL jit = off"))


# What came in ------------------------------------------------------------------------------------------------------


def received_by_kind(periods: Sequence[ReportPeriod]) -> list[tuple[int, FeedbackKind, Procedure | None, int]]:
    """(period index, kind, procedure, cases received) for each period."""
    ranges = period_ranges(periods)
    bucket = in_ranges(Case.received_on, ranges).label("bucket")
    query = (
        select(bucket, Case.kind, Case.procedure, func.count())
        .where(_received_within(ranges))
        .group_by(bucket, Case.kind, Case.procedure)
    )
    return [row for row in _rows(query) if row[0] is not None]


def _parts_of_day(parts: Sequence[Sequence[tuple[date, date]]]) -> dict[date, list[tuple[int, int]]]:
    """(period index, part index) for each day of ``parts``, ``parts[i]`` being period ``i``'s parts."""
    parts_of_day: dict[date, list[tuple[int, int]]] = defaultdict(list)
    for index, spans in enumerate(parts):
        for part, (first, last) in enumerate(spans):
            for offset in range((last - first).days + 1):
                parts_of_day[first + timedelta(days=offset)].append((index, part))
    return parts_of_day


PartCounts = dict[tuple[int, int, Procedure], list[int]]


def add_up_by_part(days: Iterable[Sequence], parts: Sequence[Sequence[tuple[date, date]]]) -> PartCounts:
    """Adds up rows of (day, procedure, count, ...) into {(period index, part index, procedure): [count, ...]}, each
    day counting in every part it falls in."""
    parts_of_day = _parts_of_day(parts)
    totals: PartCounts = {}
    for day, procedure, *counts in days:
        for index, part in parts_of_day.get(day, ()):
            added = totals.setdefault((index, part, procedure), [0] * len(counts))
            for position, count in enumerate(counts):
                added[position] += count
    return totals


def complaints_by_part(
    periods: Sequence[ReportPeriod], parts: Sequence[Sequence[tuple[date, date]]]
) -> list[tuple[int, int, Procedure, int]]:
    """(period index, part index, procedure, complaints received): ``parts[i]`` cuts period ``i`` into its quarters
    or months (the dashboard's months, this year and last).

    The database counts the complaints received on each day (a few hundred rows a year however many cases, in one
    pass that needs no long CASE per row); the days are then added up into their parts."""
    query = (
        select(Case.received_on, Case.procedure, func.count())
        .where(_received_within(period_ranges(periods)), _complaints())
        .group_by(Case.received_on, Case.procedure)
    )
    counted = add_up_by_part(db.session.execute(query), parts)
    return [(index, part, procedure, count) for (index, part, procedure), (count,) in counted.items()]


class DayCount(NamedTuple):
    received_on: date
    procedure: Procedure
    received: int
    upheld: int


def received_by_day(periods: Sequence[ReportPeriod]) -> list[DayCount]:
    """Complaints and comments received on each day of ``periods``, by procedure, with how many of them were upheld or
    partially upheld: a few thousand rows, read in one pass over the periods' cases, that `add_up_by_part` adds up
    into what came in each year, quarter and month (the annual report's year-on-year tables, its quarters and its
    months)."""
    query = (
        select(
            Case.received_on,
            Case.procedure,
            func.count(),
            func.count().filter(Case.finding.in_(UPHELD_IN_PART)),
        )
        .where(_received_within(period_ranges(periods)), Case.procedure.in_((*COMPLAINT_PROCEDURES, Procedure.COMMENT)))
        # In the order of ix_cases_received_on_kind, so that the database counts each day as it reads the index
        # rather than hashing every case; a day and procedure can come twice (a complaint and an advocacy request),
        # which add_up_by_part adds together.
        .group_by(Case.received_on, Case.kind, Case.procedure)
    )
    return [DayCount(*row) for row in db.session.execute(query)]


@dataclass(frozen=True)
class TeamCount:
    procedure: Procedure
    service_area: str | None
    team: str | None
    quarter: int
    submitter_role: SubmitterRole | None
    complaints: int


def complaints_by_team(period: ReportPeriod) -> list[TeamCount]:
    """Stage 1 complaints received in ``period`` by the service area and team the case is counted under, the quarter
    it came in (Staffordshire's breakdown tables) and who made it. A case's own service area comes first, else its
    team's."""
    quarters = [(quarter.first_day, quarter.last_day) for quarter in period.quarters()]
    bucket = in_ranges(Case.received_on, quarters).label("bucket")
    area_id = func.coalesce(Case.service_area_id, Team.service_area_id)
    query = (
        select(Case.procedure, ServiceArea.name, Team.name, bucket, Case.submitter_role, func.count())
        .select_from(Case)
        .outerjoin(Team, Team.id == Case.team_id)
        .outerjoin(ServiceArea, ServiceArea.id == area_id)
        .where(Case.received_on.between(period.first_day, period.last_day), _complaints())
        .group_by(Case.procedure, ServiceArea.name, Team.name, bucket, Case.submitter_role)
    )
    return [TeamCount(*row) for row in _rows(query)]


def complaints_by_category(periods: Sequence[ReportPeriod]) -> list[tuple[int, Procedure, str, int, int]]:
    """(period index, procedure, category, complaints, of which upheld or partially upheld): a complaint counts once
    in each category it carries, however many points it has (B&NES table 4; Sandwell tables 15 and 16)."""
    ranges = period_ranges(periods)
    bucket = in_ranges(Case.received_on, ranges).label("bucket")
    upheld = func.sum(case((Case.finding.in_(UPHELD_IN_PART), 1), else_=0))
    query = (
        select(bucket, Case.procedure, Theme.name, func.count(), upheld)
        .select_from(Case)
        .join(case_themes, case_themes.c.case_id == Case.id)
        .join(Theme, and_(Theme.id == case_themes.c.theme_id, Theme.scope == ThemeScope.COMPLAINT))
        .where(_received_within(ranges), _complaints())
        .group_by(bucket, Case.procedure, Theme.name)
    )
    return [row for row in _rows(query) if row[0] is not None]


def category_order() -> list[str]:
    """The complaint categories in the council's own order, so the table follows the list staff keep."""
    query = select(Theme.name).where(Theme.scope == ThemeScope.COMPLAINT).order_by(Theme.position, Theme.name)
    return list(db.session.scalars(query))


# Children and young people ---------------------------------------------------------------------------------------


def advocated() -> ColumnElement[bool]:
    """Whether the case's child had an advocate."""
    return (
        select(AdvocacyReferral.id)
        .where(AdvocacyReferral.case_id == Case.id, AdvocacyReferral.status.in_(ADVOCACY_GIVEN))
        .correlate(Case)
        .exists()
    )


def children_themes(period: ReportPeriod) -> list[tuple[str, str, int]]:
    """(what, theme, number) for children's formal complaints ("complaint") by complaint theme, and for their
    informal feedback ("feedback": comments made by children) by the children's themes (Sandwell tables 11 and 12)."""
    is_feedback = Case.procedure == Procedure.COMMENT
    what = case((is_feedback, literal("feedback")), else_=literal("complaint")).label("what")
    scope_matches = or_(
        and_(is_feedback, Theme.scope == ThemeScope.CHILDREN),
        and_(Case.procedure.in_(COMPLAINT_PROCEDURES), Theme.scope == ThemeScope.COMPLAINT),
    )
    query = (
        select(what, Theme.name, func.count())
        .select_from(Case)
        .join(case_themes, case_themes.c.case_id == Case.id)
        .join(Theme, Theme.id == case_themes.c.theme_id)
        .where(
            # What scope_matches implies, said so that the cases are read from the report's index.
            Case.procedure.in_((*COMPLAINT_PROCEDURES, Procedure.COMMENT)),
            Case.received_on.between(period.first_day, period.last_day),
            Case.made_by_child.is_(True),
            scope_matches,
        )
        .group_by(what, Theme.name)
    )
    return _rows(query)


def children_feedback_count(period: ReportPeriod) -> int:
    """Informal feedback (comments) from children and young people received in ``period``."""
    query = select(func.count()).where(
        Case.received_on.between(period.first_day, period.last_day),
        Case.procedure == Procedure.COMMENT,
        Case.made_by_child.is_(True),
    )
    return db.session.scalar(query) or 0


# What the council did --------------------------------------------------------------------------------------------


def remedies(period: ReportPeriod) -> list[tuple[str, int]]:
    """How many of the complaints received in ``period`` had each kind of remedy at Stage 1 (Staffordshire: "an
    explanation ... 93% of responses")."""
    received = and_(Case.received_on.between(period.first_day, period.last_day), _complaints())
    query = (
        select(Remedy.kind, func.count(distinct(Remedy.case_id)))
        .join(Case, Case.id == Remedy.case_id)
        .where(received, or_(Remedy.stage == 1, Remedy.stage.is_(None)))
        .group_by(Remedy.kind)
    )
    return [(row[0].value, row[1]) for row in _rows(query)]


# Who complained --------------------------------------------------------------------------------------------------


def complaints_per_person(period: ReportPeriod) -> list[tuple[int, int]]:
    """(complaints made, people who made that many) for Stage 1 complaints received in ``period``, each complainant
    known by the key kept on their cases (portal.domain.reporting.complainant_key). People who gave none are not
    counted."""
    per_person = (
        select(func.count().label("made"))
        .where(
            Case.received_on.between(period.first_day, period.last_day),
            _complaints(),
            Case.submitter_key.is_not(None),
        )
        .group_by(Case.submitter_key)
        .subquery()
    )
    return _rows(select(per_person.c.made, func.count()).group_by(per_person.c.made))


def ethnicity(period: ReportPeriod) -> list[tuple[str | None, int]]:
    """(ethnic group as answered, complaints) for the Stage 1 complaints received in ``period`` whose complainant
    answered the equalities questions on the form (a case has one set of answers at most); the others are the rest of
    the period's complaints."""
    query = (
        select(EqualitiesAnswers.ethnicity, func.count())
        .select_from(EqualitiesAnswers)
        .join(Case, Case.id == EqualitiesAnswers.case_id)
        .where(Case.received_on.between(period.first_day, period.last_day), _complaints())
        .group_by(EqualitiesAnswers.ethnicity)
    )
    return _rows(query)


# Compliments and learning ------------------------------------------------------------------------------------------


def compliments_by_year(periods: Sequence[ReportPeriod]) -> list[tuple[int, int]]:
    """(period index, compliments received) for the year-on-year comparison."""
    ranges = period_ranges(periods)
    bucket = in_ranges(Compliment.received_on, ranges).label("bucket")
    first, last = _span(ranges)
    query = select(bucket, func.count()).where(Compliment.received_on.between(first, last)).group_by(bucket)
    return [row for row in _rows(query) if row[0] is not None]


def compliments_by_source(period: ReportPeriod) -> list[tuple[ComplimentSource, int]]:
    """(who gave it, compliments received in ``period``)."""
    query = (
        select(Compliment.source, func.count())
        .where(Compliment.received_on.between(period.first_day, period.last_day))
        .group_by(Compliment.source)
    )
    return _rows(query)


def compliments_by_team(period: ReportPeriod) -> list[tuple[str | None, int]]:
    """(team, compliments received in ``period``): a compliment about two teams counts once for each; one about no
    team counts under ``None``."""
    query = (
        select(Team.name, func.count(distinct(Compliment.id)))
        .select_from(Compliment)
        .outerjoin(compliment_teams, compliment_teams.c.compliment_id == Compliment.id)
        .outerjoin(Team, Team.id == compliment_teams.c.team_id)
        .where(Compliment.received_on.between(period.first_day, period.last_day))
        .group_by(Team.name)
    )
    return _rows(query)


def compliment_examples(period: ReportPeriod) -> list[Compliment]:
    """The compliments received in ``period`` that have approved anonymised wording: staff choose the report's
    examples from these."""
    query = (
        select(Compliment)
        .where(
            Compliment.received_on.between(period.first_day, period.last_day),
            Compliment.anonymised_text.is_not(None),
            Compliment.approved_at.is_not(None),
        )
        .order_by(Compliment.received_on, Compliment.id)
    )
    return list(db.session.scalars(query))


def compliments_chosen(ids: Sequence[int]) -> list[Compliment]:
    if not ids:
        return []
    query = select(Compliment).where(Compliment.id.in_(list(ids)), Compliment.anonymised_text.is_not(None))
    return list(db.session.scalars(query.order_by(Compliment.received_on, Compliment.id)))


def learning_by_category(period: ReportPeriod) -> list[tuple[str, int, int, int]]:
    """(learning category, learning records, actions, of which done) for the learning recorded from complaints
    received in ``period``."""
    done = func.coalesce(func.sum(case((LearningAction.status == LearningActionStatus.DONE, 1), else_=0)), 0)
    query = (
        select(Theme.name, func.count(distinct(LearningRecord.id)), func.count(LearningAction.id), done)
        .select_from(LearningRecord)
        .join(Theme, Theme.id == LearningRecord.category_id)
        .join(Case, Case.id == LearningRecord.case_id)
        .outerjoin(LearningAction, LearningAction.record_id == LearningRecord.id)
        .where(Case.received_on.between(period.first_day, period.last_day))
        .group_by(Theme.name)
        .order_by(Theme.name)
    )
    return _rows(query)


def learning_records(period: ReportPeriod) -> list[LearningRecord]:
    """The learning recorded from complaints received in ``period``: staff choose the report's examples from
    these."""
    query = (
        select(LearningRecord)
        .join(Case, Case.id == LearningRecord.case_id)
        .where(Case.received_on.between(period.first_day, period.last_day))
        .order_by(LearningRecord.id)
    )
    return list(db.session.scalars(query))


def learning_records_chosen(ids: Sequence[int]) -> dict[int, LearningRecord]:
    if not ids:
        return {}
    query = select(LearningRecord).where(LearningRecord.id.in_(list(ids)))
    return {record.id: record for record in db.session.scalars(query)}


# The dashboard -----------------------------------------------------------------------------------------------------


def open_by_state() -> list[tuple[Procedure | None, CaseState, int]]:
    """(procedure, state, cases) for every case not closed: where the work stands today."""
    query = (
        select(Case.procedure, Case.state, func.count())
        .where(Case.state != CaseState.CLOSED)
        .group_by(Case.procedure, Case.state)
    )
    return _rows(query)


def open_deadlines(today: date, due_soon_before: date) -> tuple[int, int]:
    """(overdue, due soon): the council's open timed steps (not the complainant's time to ask for the next stage)
    whose due date, or agreed extended date, has passed, or falls before ``due_soon_before``."""
    due = func.coalesce(StageRecord.extended_to, StageRecord.due_on)
    query = select(
        func.coalesce(func.sum(case((due < today, 1), else_=0)), 0),
        func.coalesce(func.sum(case((and_(due >= today, due < due_soon_before), 1), else_=0)), 0),
    ).where(
        StageRecord.completed_on.is_(None),
        StageRecord.due_on.is_not(None),
        StageRecord.step.is_not(None),
        StageRecord.step.not_in(COMPLAINANT_WINDOWS),
    )
    overdue, soon = db.session.execute(query).one()
    return int(overdue), int(soon)
