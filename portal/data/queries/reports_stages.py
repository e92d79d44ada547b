"""The annual report's counts of the stages: table 1 (carried over to carried forward at each level), timescales,
the Stage 2 and Stage 3 lists, findings per point at Stage 2, mediation and the Ombudsman. Aggregated by the
database; the rules are portal.domain.reporting's, turned into SQL here.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select, union_all

from portal.data.database import db
from portal.data.escalation_models import Mediation, OmbudsmanCase, ReviewPanel, Stage2
from portal.data.models import Case, ComplaintPoint, ServiceArea, StageRecord, Team
from portal.data.queries.report_calendar import WorkingDays
from portal.data.queries.reports import advocated, in_ranges, period_ranges
from portal.data.stage_models import PointFinding
from portal.domain.clocks import COMPLAINANT_WINDOWS
from portal.domain.reporting import (
    CLOSURE_ENDS,
    COMPLAINT_PROCEDURES,
    ONGOING_DECISIONS,
    EpisodeEnd,
    ReportPeriod,
    StageLevel,
    period_boundaries,
    table_one_by_interval,
)
from portal.domain.types import (
    CaseState,
    Channel,
    Closure,
    Finding,
    OmbudsmanDecision,
    OmbudsmanStatus,
    Procedure,
    Progress,
)

# Which procedures' clocks skip the council's closure days, decided by the timescale policy and passed in.
SkipsClosureDays = frozenset[Procedure]


def _skips(procedure_column, skipping: SkipsClosureDays) -> ColumnElement[bool]:
    return procedure_column.in_(skipping) if skipping else literal(False)


def _sum(condition) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


# Table 1 -----------------------------------------------------------------------------------------------------------


def _end_class(responded: ColumnElement[bool], closure_column) -> ColumnElement[str]:
    """portal.domain.reporting.episode_end, in SQL."""
    whens = [(responded, literal(EpisodeEnd.RESOLVED.value))]
    for end in EpisodeEnd:
        closures = [closure for closure, value in CLOSURE_ENDS.items() if value is end]
        whens.append((closure_column.in_(closures), literal(end.value)))
    return case(*whens, else_=literal(EpisodeEnd.NOT_PURSUED.value))


def _interval(column: ColumnElement[date | None], boundaries: Sequence[date]) -> ColumnElement[int | None]:
    """portal.domain.reporting.interval_of, in SQL; NULL stays NULL."""
    whens = [(column < boundary, index) for index, boundary in enumerate(boundaries)]
    return case((column.is_(None), None), *whens, else_=len(boundaries))


def _touching(started: ColumnElement[date], may_end: ColumnElement[date | None], periods: Sequence[ReportPeriod]):
    """Only what started by the last period's end and had not ended before the first began can count at all."""
    first = min(period.first_day for period in periods)
    last = max(period.last_day for period in periods)
    return and_(started <= last, or_(may_end.is_(None), may_end >= first))


def _case_closed_on() -> ColumnElement[date | None]:
    return case((Case.state == CaseState.CLOSED, Case.closed_on), else_=None)


TableOneCounts = list[tuple[int, StageLevel, Procedure | None, dict[str, int]]]


def _counted(episodes, periods: Sequence[ReportPeriod], level: StageLevel) -> TableOneCounts:
    """Groups the episodes by procedure, the intervals between the periods' boundaries they started and ended in, and
    how they ended (a few dozen rows however many cases), then lays the groups out as each period's columns."""
    boundaries = period_boundaries(periods)
    started = _interval(episodes.c.started_on, boundaries).label("started")
    ended = _interval(episodes.c.ended_on, boundaries).label("ended")
    query = select(episodes.c.procedure, started, ended, episodes.c.end_class, func.count()).group_by(
        episodes.c.procedure, started, ended, episodes.c.end_class
    )
    groups: dict[Procedure | None, list] = defaultdict(list)
    for procedure, started_in, ended_in, end, episodes_counted in db.session.execute(query):
        groups[procedure].append((started_in, ended_in, EpisodeEnd(end), episodes_counted))
    return [
        (index, level, procedure, {column.value: count for column, count in columns.items()})
        for procedure, counted in groups.items()
        for index, columns in enumerate(table_one_by_interval(periods, counted))
    ]


def table_one(periods: Sequence[ReportPeriod]) -> TableOneCounts:
    """B&NES table 1 for each period: (period index, level, procedure, counts), the counts being the episodes carried
    over, received, resolved, found outside scope, not pursued and carried forward
    (portal.domain.reporting.table_one_columns). One query per level, whatever the number of periods.

    Representations and Stage 1 are counted for the first period alone: of the others, the year-on-year comparison
    needs only what was received, which `portal.data.queries.reports.received_by_day` counts with the months. Their
    cases are most of the cases, so this pass groups a year's cases and those still open rather than five years'."""
    return [
        *_representations_and_stage_1(periods[:1]),
        *_stage_2(periods),
        *_stage_3(periods),
        *_ombudsman(periods),
    ]


def _representations_and_stage_1(periods: Sequence[ReportPeriod]):
    responded_on = Case.stage_1_answered_on
    # A comment is answered when it closes, whether or not the answer was recorded as its own step.
    is_comment = Case.procedure == Procedure.COMMENT
    responded = or_(responded_on.is_not(None), and_(is_comment, Case.closure.in_(_RESOLVING_CLOSURES)))
    ended_on = func.coalesce(responded_on, _case_closed_on())
    episodes = select(
        Case.procedure.label("procedure"),
        Case.received_on.label("started_on"),
        ended_on.label("ended_on"),
        _end_class(responded, Case.closure).label("end_class"),
    ).where(Case.procedure.in_((*COMPLAINT_PROCEDURES, Procedure.COMMENT)))
    # What `_touching` keeps, in three parts that each read one index alone: the cases received in the periods, and
    # those received before them that were not closed when they began, not closed yet or closed since.
    first = min(period.first_day for period in periods)
    last = max(period.last_day for period in periods)
    before = Case.received_on < first
    episodes = union_all(
        episodes.where(Case.received_on.between(first, last), or_(Case.closed_on.is_(None), Case.closed_on >= first)),
        episodes.where(before, Case.closed_on.is_(None)),
        episodes.where(before, Case.closed_on >= first),
    ).subquery()
    rows = _counted(episodes, periods, StageLevel.STAGE_1)
    return [(i, StageLevel.REPRESENTATION if p is Procedure.COMMENT else level, p, c) for i, level, p, c in rows]


_RESOLVING_CLOSURES = tuple(closure for closure, end in CLOSURE_ENDS.items() if end is EpisodeEnd.RESOLVED)


def _stage_2(periods: Sequence[ReportPeriod]):
    # The council's answer ends Stage 2: the adjudication or review response, or a corporate request refused.
    refused_on = case((Stage2.accepted.is_(False), Stage2.screened_on), else_=None)
    answered_on = func.coalesce(Stage2.response_sent_on, refused_on)
    ended_on = func.coalesce(answered_on, Stage2.closed_on, _case_closed_on())
    episodes = (
        select(
            Stage2.procedure.label("procedure"),
            Stage2.requested_on.label("started_on"),
            ended_on.label("ended_on"),
            _end_class(answered_on.is_not(None), Case.closure).label("end_class"),
        )
        .join(Case, Case.id == Stage2.case_id)
        .where(_touching(Stage2.requested_on, ended_on, periods))
        .subquery()
    )
    return _counted(episodes, periods, StageLevel.STAGE_2)


def _stage_3(periods: Sequence[ReportPeriod]):
    ended_on = func.coalesce(ReviewPanel.response_sent_on, _case_closed_on())
    episodes = (
        select(
            literal(Procedure.STATUTORY.value).label("procedure"),
            ReviewPanel.requested_on.label("started_on"),
            ended_on.label("ended_on"),
            _end_class(ReviewPanel.response_sent_on.is_not(None), Case.closure).label("end_class"),
        )
        .join(Case, Case.id == ReviewPanel.case_id)
        .where(_touching(ReviewPanel.requested_on, ended_on, periods))
        .subquery()
    )
    counted = _counted(episodes, periods, StageLevel.STAGE_3)
    return [(index, level, Procedure.STATUTORY, counts) for index, level, _, counts in counted]


def _decided() -> ColumnElement[bool]:
    return and_(OmbudsmanCase.decided_on.is_not(None), OmbudsmanCase.decision.not_in(ONGOING_DECISIONS))


def _ombudsman(periods: Sequence[ReportPeriod]):
    ended_on = case((_decided(), OmbudsmanCase.decided_on), else_=None)
    episodes = (
        select(
            literal(None).label("procedure"),
            OmbudsmanCase.received_on.label("started_on"),
            ended_on.label("ended_on"),
            literal(EpisodeEnd.RESOLVED.value).label("end_class"),
        )
        .where(_touching(OmbudsmanCase.received_on, ended_on, periods))
        .subquery()
    )
    counted = _counted(episodes, periods, StageLevel.OMBUDSMAN)
    return [(index, level, None, counts) for index, level, _, counts in counted]


# Timescales ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepTimes:
    procedure: Procedure
    step: str
    completed: int
    in_time: int
    extended: int
    working_days: int

    @property
    def average_working_days(self) -> float | None:
        return self.working_days / self.completed if self.completed else None


def _in_time(completed_on, due_on, extended_to) -> ColumnElement[bool]:
    """portal.domain.clocks.timescale_met, in SQL: on or before the due date, or the date an agreed extension moved
    it to."""
    return completed_on <= func.coalesce(extended_to, due_on)


def step_timescales(period: ReportPeriod, skipping: SkipsClosureDays) -> list[StepTimes]:
    """Every timed step the council completed in ``period`` (by the event that completes it), by procedure and step:
    how many, how many in time (an agreed extension's date counts), how many were extended, and the working days
    they took between them (from the day the clock started to the day the step was done)."""
    row = StageRecord
    days = WorkingDays(row.clock_started_on, row.completed_on, _skips(row.procedure, skipping))
    query = days.join(
        select(
            row.procedure,
            row.step,
            func.count(),
            _sum(_in_time(row.completed_on, row.due_on, row.extended_to)),
            _sum(row.extended_to.is_not(None)),
            func.coalesce(func.sum(days.between), 0),
        ).select_from(row)
    )
    query = query.where(
        row.completed_on.between(period.first_day, period.last_day),
        row.completed_by.is_not(None),
        row.step.is_not(None),
        row.step.not_in(COMPLAINANT_WINDOWS),
        row.due_on.is_not(None),
        row.procedure.is_not(None),
    ).group_by(row.procedure, row.step)
    return [StepTimes(r[0], r[1].value, r[2], r[3], r[4], r[5]) for r in db.session.execute(query)]


def acknowledgement_timescales(period: ReportPeriod, skipping: SkipsClosureDays) -> list[StepTimes]:
    """Complaints acknowledged in ``period``, by procedure: in time when acknowledged by the due date."""
    days = WorkingDays(Case.received_on, Case.acknowledged_on, _skips(Case.procedure, skipping))
    query = days.join(
        select(
            Case.procedure,
            func.count(),
            _sum(Case.acknowledged_on <= Case.acknowledgement_due_on),
            func.coalesce(func.sum(days.between), 0),
        ).select_from(Case)
    )
    query = query.where(
        Case.acknowledged_on.between(period.first_day, period.last_day),
        Case.acknowledgement_due_on.is_not(None),
        Case.procedure.in_(COMPLAINT_PROCEDURES),
    ).group_by(Case.procedure)
    return [StepTimes(r[0], "acknowledge", r[1], r[2], 0, r[3]) for r in db.session.execute(query)]


@dataclass(frozen=True)
class ComplaintGroup:
    """Stage 1 complaints received in the reported period that are alike in every way the tables below count them:
    the quarter they came in, their procedure and channel, whether a response was sent, their outcome and how they
    closed, and whether a child made them and had an advocate. With them, their Stage 1 timescales: answered within
    the timescale (an agreed extension counts), answered late, or not answered (still open, or closed without an
    answer), with the working days the answers took, how many were answered within 10 and within 20 working days
    (Dudley) and how many were extended (Sandwell table 7; B&NES 6.3)."""

    quarter: int
    procedure: Procedure
    channel: Channel
    responded: bool
    finding: Finding | None
    closure: Closure | None
    still_open: bool
    made_by_child: bool
    advocated: bool
    complaints: int
    met: int
    missed: int
    not_answered: int
    extended: int
    working_days: int
    within_10: int
    within_20: int


def received_complaints(period: ReportPeriod, skipping: SkipsClosureDays) -> list[ComplaintGroup]:
    """The Stage 1 complaints received in ``period`` in groups (a few hundred however many complaints): one pass over
    the year's complaints from which the report makes its Stage 1 timescales, outcomes, channels, children's
    complaints and the count of responses its remedies are shares of."""
    quarter = in_ranges(Case.received_on, [(part.first_day, part.last_day) for part in period.quarters()])
    days = WorkingDays(Case.stage_1_clock_started_on, Case.stage_1_answered_on, _skips(Case.procedure, skipping))
    answered = Case.stage_1_answered_on.is_not(None)
    met = and_(answered, Case.stage_1_answered_on <= Case.stage_1_due_on)
    by_child = Case.made_by_child.is_(True)
    keys = (
        quarter.label("quarter"),
        Case.procedure,
        Case.channel,
        (Case.progress != Progress.NONE).label("responded"),
        Case.finding,
        Case.closure,
        Case.closed_on.is_(None).label("still_open"),
        by_child.label("by_child"),
        case((by_child, advocated()), else_=literal(False)).label("advocated"),
    )
    query = days.join(
        select(
            *keys,
            func.count(),
            _sum(met),
            _sum(and_(answered, ~met)),
            _sum(~answered),
            _sum(and_(answered, Case.stage_1_extended.is_(True))),
            func.coalesce(func.sum(days.between), 0),
            _sum(days.between <= 10),
            _sum(days.between <= 20),
        ).select_from(Case)
    )
    query = query.where(
        Case.received_on.between(period.first_day, period.last_day), Case.procedure.in_(COMPLAINT_PROCEDURES)
    ).group_by(*keys)
    return [
        ComplaintGroup(
            row[0], row[1], row[2], bool(row[3]), row[4], row[5], bool(row[6]), bool(row[7]), bool(row[8]), *row[9:]
        )
        for row in db.session.execute(query)
    ]


# Stage 2 and Stage 3 lists -----------------------------------------------------------------------------------------


def _service() -> ColumnElement[str | None]:
    return func.coalesce(ServiceArea.name, Team.name)


def _with_service(query, case_id_column):
    return (
        query.join(Case, Case.id == case_id_column)
        .outerjoin(Team, Team.id == Case.team_id)
        .outerjoin(ServiceArea, ServiceArea.id == func.coalesce(Case.service_area_id, Team.service_area_id))
    )


@dataclass(frozen=True)
class Stage2Row:
    procedure: Procedure
    service: str | None
    requested_on: date
    terms_agreed_on: date | None
    response_sent_on: date | None
    closed_on: date | None
    working_days: int | None
    cost_pence: int | None


def stage_2_list(period: ReportPeriod, skipping: SkipsClosureDays) -> list[Stage2Row]:
    """Every Stage 2 asked for by the period's end and not closed before it began, in the order they were asked for
    (Sandwell table 13), with the working days from the terms of reference to the closing date."""
    until = func.coalesce(Stage2.closed_on, Stage2.response_sent_on)
    days = WorkingDays(Stage2.terms_of_reference_agreed_on, Stage2.closed_on, _skips(Stage2.procedure, skipping))
    query = _with_service(
        select(
            Stage2.procedure,
            _service(),
            Stage2.requested_on,
            Stage2.terms_of_reference_agreed_on,
            Stage2.response_sent_on,
            Stage2.closed_on,
            days.between,
            Stage2.cost_pence,
        ).select_from(Stage2),
        Stage2.case_id,
    )
    query = days.join(query).where(
        Stage2.requested_on <= period.last_day,
        or_(until.is_(None), until >= period.first_day),
        or_(Stage2.accepted.is_(None), Stage2.accepted.is_(True)),
    )
    query = query.order_by(Stage2.requested_on, Stage2.id)
    return [Stage2Row(*row) for row in db.session.execute(query)]


def stage_2_point_findings(period: ReportPeriod) -> list[tuple[Finding, int]]:
    """The findings on each complaint point of the statutory Stage 2 investigations whose terms of reference were
    agreed in ``period`` (Staffordshire: "5 investigations ... 55 individual complaints")."""
    commissioned = (
        select(Stage2.case_id)
        .where(
            Stage2.procedure == Procedure.STATUTORY,
            Stage2.terms_of_reference_agreed_on.between(period.first_day, period.last_day),
        )
        .scalar_subquery()
    )
    query = (
        select(PointFinding.finding, func.count())
        .join(ComplaintPoint, ComplaintPoint.id == PointFinding.point_id)
        .where(PointFinding.stage == 2, ComplaintPoint.case_id.in_(commissioned))
        .group_by(PointFinding.finding)
    )
    return [tuple(row) for row in db.session.execute(query)]


@dataclass(frozen=True)
class PanelRow:
    service: str | None
    requested_on: date
    held_on: date | None
    working_days_to_panel: int | None
    findings_received_on: date | None
    response_sent_on: date | None


def stage_3_list(period: ReportPeriod) -> list[PanelRow]:
    """Review panels asked for by the period's end and not answered before it began, with the working days from the
    request to the panel (statutory: 30 at most)."""
    days = WorkingDays(ReviewPanel.requested_on, ReviewPanel.held_on, literal(False))
    query = _with_service(
        select(
            _service(),
            ReviewPanel.requested_on,
            ReviewPanel.held_on,
            days.between,
            ReviewPanel.findings_received_on,
            ReviewPanel.response_sent_on,
        ).select_from(ReviewPanel),
        ReviewPanel.case_id,
    )
    query = days.join(query).where(
        ReviewPanel.requested_on <= period.last_day,
        or_(ReviewPanel.response_sent_on.is_(None), ReviewPanel.response_sent_on >= period.first_day),
    )
    return [PanelRow(*row) for row in db.session.execute(query.order_by(ReviewPanel.requested_on, ReviewPanel.id))]


# Mediation and the Ombudsman ---------------------------------------------------------------------------------------


def mediation(period: ReportPeriod) -> dict[str, int]:
    """Mediation offered in ``period``: offered, accepted, resolved, not resolved (Stage 2 went ahead)."""
    query = select(
        func.count(),
        _sum(Mediation.accepted.is_(True)),
        _sum(Mediation.resolved.is_(True)),
        _sum(Mediation.resolved.is_(False)),
    ).where(Mediation.offered_on.between(period.first_day, period.last_day))
    offered, accepted, resolved, not_resolved = db.session.execute(query).one()
    return {"offered": offered, "accepted": accepted, "resolved": resolved, "not_resolved": not_resolved}


@dataclass(frozen=True)
class OmbudsmanRow:
    service: str | None
    received_on: date
    status: OmbudsmanStatus
    decision: OmbudsmanDecision | None
    decided_on: date | None
    summary: str | None


def ombudsman_list(period: ReportPeriod) -> list[OmbudsmanRow]:
    """The Ombudsman's complaints received in ``period``, in the order they came (Staffordshire's table; Sandwell
    table 14), with the decision and what the Ombudsman recommended in its own words."""
    query = _with_service(
        select(
            _service(),
            OmbudsmanCase.received_on,
            OmbudsmanCase.status,
            OmbudsmanCase.decision,
            OmbudsmanCase.decided_on,
            OmbudsmanCase.decision_summary,
        ).select_from(OmbudsmanCase),
        OmbudsmanCase.case_id,
    ).where(OmbudsmanCase.received_on.between(period.first_day, period.last_day))
    return [
        OmbudsmanRow(*row) for row in db.session.execute(query.order_by(OmbudsmanCase.received_on, OmbudsmanCase.id))
    ]


def ombudsman_by_year(periods: Sequence[ReportPeriod]) -> list[tuple[int, OmbudsmanDecision | None, int]]:
    """(period index, decision, complaints received from the Ombudsman) for the year-on-year comparison."""
    ranges = period_ranges(periods)
    bucket = in_ranges(OmbudsmanCase.received_on, ranges).label("bucket")
    first, last = min(f for f, _ in ranges), max(last for _, last in ranges)
    query = (
        select(bucket, OmbudsmanCase.decision, func.count())
        .where(OmbudsmanCase.received_on.between(first, last))
        .group_by(bucket, OmbudsmanCase.decision)
    )
    return [tuple(row) for row in db.session.execute(query)]
