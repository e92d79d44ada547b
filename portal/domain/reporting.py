"""What the reports count, and how: the pure definitions behind the dashboard and the statutory annual report
(domain.md section 10; docs/reports.md says the same in words for the people who read the reports).

The counting itself happens in the database (portal.data.queries.reports): the queries build their SQL from the
sets and rules here, so that one definition serves both, and the tests check that the SQL and these functions agree.

Sources: the five seed reports. Bath and North East Somerset's table 1 (carried over, received, resolved, outside
scope, not pursued, carried forward), its table 4 (a case counts once in each category it carries; percentages of a
whole are rounded so that they add up to 100), Sandwell's tables 6 (repeat complainants), 7 (timescales met by
quarter) and 13 (Stage 2 list), Staffordshire's Stage 1 quarters and Stage 2 findings per complaint point.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from portal.domain.calendar import MONTH_NAMES, format_date
from portal.domain.types import CaseState, ClockEvent, Closure, LabelledEnum, OmbudsmanDecision, Procedure

# The council's reporting year runs from 1 April to 31 March (domain.md section 10).
YEAR_STARTS_IN_MONTH = 4


# Periods ---------------------------------------------------------------------------------------------------------


def _shift_years(day: date, years: int) -> date:
    """The same day ``years`` earlier or later; 29 February becomes 28 February in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


@dataclass(frozen=True, order=True)
class ReportPeriod:
    """The days a report covers, both included."""

    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError("A report period cannot end before it starts")

    @classmethod
    def reporting_year(cls, starting: int) -> ReportPeriod:
        """The council's reporting year that starts on 1 April of ``starting``."""
        return cls(date(starting, YEAR_STARTS_IN_MONTH, 1), date(starting + 1, YEAR_STARTS_IN_MONTH - 1, 31))

    @property
    def is_reporting_year(self) -> bool:
        return self == ReportPeriod.reporting_year(self.first_day.year)

    @property
    def label(self) -> str:
        """ "2022/23" for a reporting year, otherwise the two dates in words."""
        if self.is_reporting_year:
            return f"{self.first_day.year}/{str(self.last_day.year)[-2:]}"
        return f"{format_date(self.first_day)} to {format_date(self.last_day)}"

    def contains(self, day: date | None) -> bool:
        return day is not None and self.first_day <= day <= self.last_day

    def years_earlier(self, years: int) -> ReportPeriod:
        """The same days ``years`` years earlier: the period a year-on-year column compares with."""
        return ReportPeriod(_shift_years(self.first_day, -years), _shift_years(self.last_day, -years))

    def months(self) -> list[Month]:
        """Each calendar month the period touches, cut to the period's own days."""
        months, start = [], _month_start(self.first_day)
        while start <= self.last_day:
            end = _next_month(start) - timedelta(days=1)
            months.append(Month(max(start, self.first_day), min(end, self.last_day)))
            start = _next_month(start)
        return months

    def quarters(self) -> list[Quarter]:
        """Runs of three months from the period's first day (Q1 is April to June in a reporting year), the last one
        cut to the period's end."""
        quarters, start, number = [], self.first_day, 1
        while start <= self.last_day:
            end = _shift_months(start, 3) - timedelta(days=1)
            quarters.append(Quarter(number, start, min(end, self.last_day)))
            start, number = end + timedelta(days=1), number + 1
        return quarters


def _shift_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


@dataclass(frozen=True)
class Month:
    first_day: date
    last_day: date

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.first_day.month - 1]} {self.first_day.year}"

    @property
    def short_label(self) -> str:
        return MONTH_NAMES[self.first_day.month - 1][:3]


@dataclass(frozen=True)
class Quarter:
    number: int
    first_day: date
    last_day: date

    @property
    def label(self) -> str:
        return f"Q{self.number}"


def default_period(today: date) -> ReportPeriod:
    """The annual report's period until someone chooses another: the last reporting year (1 April to 31 March) that
    has ended by ``today``."""
    year = today.year - 1 if today.month >= YEAR_STARTS_IN_MONTH else today.year - 2
    return ReportPeriod.reporting_year(year)


def year_so_far(today: date) -> ReportPeriod:
    """From 1 April of the reporting year holding ``today`` up to ``today``: the dashboard's "this year so far"."""
    starting = today.year if today.month >= YEAR_STARTS_IN_MONTH else today.year - 1
    return ReportPeriod(date(starting, YEAR_STARTS_IN_MONTH, 1), today)


# Stages and what ends them (table 1) -----------------------------------------------------------------------------


class StageLevel(LabelledEnum):
    """A level of the procedures at which a case is counted in table 1. A complaint that goes to Stage 2 counts at
    Stage 1 (received, then resolved by its response) and again at Stage 2 (received when it was asked for)."""

    REPRESENTATION = "representation", "Representation"
    STAGE_1 = "stage_1", "Stage 1"
    STAGE_2 = "stage_2", "Stage 2"
    STAGE_3 = "stage_3", "Stage 3"
    OMBUDSMAN = "ombudsman", "Referral to Ombudsman"


class EpisodeEnd(LabelledEnum):
    """How a case's time at one level ended (B&NES table 1's columns)."""

    RESOLVED = "resolved", "Resolved"
    OUTSIDE_SCOPE = "outside_scope", "Outside scope"
    NOT_PURSUED = "not_pursued", "Not pursued"


# How a case closed, when it closed at a level without the level's response.
CLOSURE_ENDS: dict[Closure, EpisodeEnd] = {
    Closure.RESOLVED: EpisodeEnd.RESOLVED,
    Closure.RESOLVED_BY_MEDIATION: EpisodeEnd.RESOLVED,
    Closure.OUTSIDE_SCOPE: EpisodeEnd.OUTSIDE_SCOPE,
    Closure.NOT_ACCEPTED: EpisodeEnd.OUTSIDE_SCOPE,
    Closure.SIGNPOSTED: EpisodeEnd.OUTSIDE_SCOPE,
    Closure.WITHDRAWN: EpisodeEnd.NOT_PURSUED,
    Closure.NOT_PURSUED: EpisodeEnd.NOT_PURSUED,
    Closure.NOT_ENGAGING: EpisodeEnd.NOT_PURSUED,
    Closure.SENSITIVE: EpisodeEnd.NOT_PURSUED,
}


def episode_end(responded: bool, closure: Closure | None) -> EpisodeEnd:
    """How a level ended: with the level's response (or the Ombudsman's decision, or the council's refusal of a
    corporate Stage 2 request), "resolved"; otherwise as the case closed (``CLOSURE_ENDS``). A case that left the
    level without a response and without closing (a complainant who dropped Stage 2 for the Ombudsman) counts as
    not pursued there."""
    if responded:
        return EpisodeEnd.RESOLVED
    if closure is None:
        return EpisodeEnd.NOT_PURSUED
    return CLOSURE_ENDS[closure]


@dataclass(frozen=True)
class Episode:
    """A case's time at one level: from the day it started there (the complaint received, the next stage asked
    for, the Ombudsman's first contact) to the day it ended there, ``None`` while it goes on."""

    started_on: date
    ended_on: date | None = None
    end: EpisodeEnd | None = None


class Column(LabelledEnum):
    CARRIED_OVER = "carried_over", "Carried over"
    RECEIVED = "received", "Received"
    RESOLVED = "resolved", "Resolved"
    OUTSIDE_SCOPE = "outside_scope", "Outside scope"
    NOT_PURSUED = "not_pursued", "Not pursued"
    CARRIED_FORWARD = "carried_forward", "Carried forward"


def open_on(episode: Episode, day: date) -> bool:
    """Whether the case was at this level at the end of ``day``: started by then and not ended by then."""
    return episode.started_on <= day and (episode.ended_on is None or episode.ended_on > day)


def table_one_columns(episode: Episode, period: ReportPeriod) -> frozenset[Column]:
    """The columns of table 1 an episode counts in for ``period``.

    - carried over: started before the period and still going on its first day (open at the end of the day before);
    - received: started in the period;
    - resolved, outside scope, not pursued: ended in the period, in that way;
    - carried forward: started by the period's last day and still going at its end.

    So carried over + received = resolved + outside scope + not pursued + carried forward, row by row.
    """
    columns: set[Column] = set()
    if open_on(episode, period.first_day - timedelta(days=1)):
        columns.add(Column.CARRIED_OVER)
    if period.contains(episode.started_on):
        columns.add(Column.RECEIVED)
    if period.contains(episode.ended_on) and episode.end is not None:
        columns.add(Column(episode.end.value))
    if open_on(episode, period.last_day):
        columns.add(Column.CARRIED_FORWARD)
    return frozenset(columns)


def period_boundaries(periods: Sequence[ReportPeriod]) -> tuple[date, ...]:
    """Each period's first day and the day after its last, in order. ``table_one_columns`` compares an episode's dates
    only with these days, so all the days between two boundaries count alike: the database can count episodes by
    the interval their dates fall in (``interval_of``) rather than date by date."""
    days = {period.first_day for period in periods} | {period.last_day + timedelta(days=1) for period in periods}
    return tuple(sorted(days))


def interval_of(day: date, boundaries: Sequence[date]) -> int:
    """0 before the first boundary, ``i`` from the ``i``-th boundary (counting from 1) up to the day before the next."""
    return sum(1 for boundary in boundaries if day >= boundary)


def _day_in(interval: int, boundaries: Sequence[date]) -> date:
    return boundaries[0] - timedelta(days=1) if interval == 0 else boundaries[interval - 1]


def table_one_by_interval(
    periods: Sequence[ReportPeriod],
    counted: Iterable[tuple[int, int | None, EpisodeEnd | None, int]],
) -> list[dict[Column, int]]:
    """Table 1's columns for each period from episodes counted by (interval started in, interval ended in or
    ``None``, how it ended, episodes), the intervals being those of ``period_boundaries(periods)``. Each group
    stands for all its episodes: any day of an interval decides the columns as every other would."""
    boundaries = period_boundaries(periods)
    totals = [dict.fromkeys(Column, 0) for _ in periods]
    for started, ended, end, episodes in counted:
        ended_on = None if ended is None else _day_in(ended, boundaries)
        episode = Episode(_day_in(started, boundaries), ended_on, end)
        for index, period in enumerate(periods):
            for column in table_one_columns(episode, period):
                totals[index][column] += episodes
    return totals


# The statutory and corporate levels, in table 1's order (the Ombudsman's row counts both procedures together).
TABLE_ONE_ROWS: tuple[tuple[StageLevel, Procedure | None], ...] = (
    (StageLevel.REPRESENTATION, Procedure.COMMENT),
    (StageLevel.STAGE_1, Procedure.STATUTORY),
    (StageLevel.STAGE_1, Procedure.CORPORATE),
    (StageLevel.STAGE_2, Procedure.STATUTORY),
    (StageLevel.STAGE_2, Procedure.CORPORATE),
    (StageLevel.STAGE_3, Procedure.STATUTORY),
    (StageLevel.OMBUDSMAN, None),
)
COMPLAINT_PROCEDURES: tuple[Procedure, ...] = (Procedure.STATUTORY, Procedure.CORPORATE)
PROCEDURE_SHORT_NAMES = {Procedure.STATUTORY: "Statutory", Procedure.CORPORATE: "Corporate"}


def table_one_row_label(level: StageLevel, procedure: Procedure | None) -> str:
    if level is StageLevel.STAGE_3:
        return "Stage 3 (Statutory Procedure only)"
    if procedure in PROCEDURE_SHORT_NAMES:
        return f"{level.label} ({PROCEDURE_SHORT_NAMES[procedure]} Procedure)"
    return level.label


# The Stage 1 response: the event that ends a complaint's Stage 1 (and a comment's wait for its answer), and the
# states whose rows it completes.
STAGE_1_RESPONSE_EVENTS = frozenset({ClockEvent.STAGE_1_RESPONSE_SENT, ClockEvent.COMMENT_ANSWERED})
STAGE_1_STATES = frozenset({CaseState.STAGE_1, CaseState.AWAITING_RESPONSE})


class TimedStep(Protocol):
    """What the reports read of a case's timed step (a stage record)."""

    state: CaseState
    completed_by: ClockEvent | None
    completed_on: date | None
    clock_started_on: date | None
    due_on: date | None
    extended_to: date | None


@dataclass(frozen=True)
class Stage1Answer:
    """A case's Stage 1 response (a comment's answer), as the annual report counts it: the day it was sent, the day
    its clock started, the day it was due (the date an agreed extension moved it to, if there was one) and whether it
    was extended."""

    answered_on: date
    clock_started_on: date | None
    due_on: date | None
    extended: bool


def stage_1_answer(steps: Iterable[TimedStep]) -> Stage1Answer | None:
    """The latest of a case's Stage 1 steps completed by the response, or ``None`` while none has been. Table 1 ends
    the Stage 1 episode, resolved, on the day it was sent; the Stage 1 timescales table says whether it was in time."""
    answers = [
        step
        for step in steps
        if step.state in STAGE_1_STATES and step.completed_by in STAGE_1_RESPONSE_EVENTS and step.completed_on
    ]
    if not answers:
        return None
    latest = max(answers, key=lambda step: step.completed_on)
    return Stage1Answer(
        latest.completed_on,
        latest.clock_started_on,
        latest.extended_to or latest.due_on,
        latest.extended_to is not None,
    )


# The Ombudsman's decision "remains ongoing" is not an end.
ONGOING_DECISIONS = frozenset({OmbudsmanDecision.REMAINS_ONGOING})


# Percentages -----------------------------------------------------------------------------------------------------


def rate(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` as a whole percentage, halves rounded up (Sandwell: 155 of 241 is 64%); ``None`` when
    there is nothing to divide by."""
    if whole <= 0:
        return None
    return math.floor(100 * part / whole + 0.5)


def shares(counts: Sequence[int]) -> list[int | None]:
    """Each count as a whole percentage of their total, rounded so that they add up to 100 (the largest remainder
    method, as B&NES table 4 and Staffordshire's Stage 2 findings do: 19, 24, 6 and 6 of 55 are 34%, 44%, 11% and
    11%). ``None`` for each when the total is 0."""
    total = sum(counts)
    if total <= 0:
        return [None] * len(counts)
    exact = [100 * count / total for count in counts]
    floors = [math.floor(value) for value in exact]
    left = 100 - sum(floors)
    # Ties go to the earlier row, so the result never depends on anything but the counts and their order.
    order = sorted(range(len(counts)), key=lambda index: (-(exact[index] - floors[index]), index))
    for index in order[:left]:
        floors[index] += 1
    return floors


def percent_text(value: int | None) -> str:
    return "" if value is None else f"{value}%"


# Who complained ----------------------------------------------------------------------------------------------------


# The ethnic groups the forms ask about (portal.intake.forms.ETHNICITY), as the annual report groups them against the
# Children in Need census (Sandwell table 4). No answer, or "prefer not to say", is "Not obtained".
ETHNIC_GROUPS: tuple[tuple[str, str], ...] = (
    ("asian", "Asian or Asian British"),
    ("black", "Black or Black British"),
    ("mixed", "Mixed heritage"),
    ("white", "White"),
    ("other", "Other"),
    ("not_obtained", "Not obtained"),
)
NOT_OBTAINED = "not_obtained"
KNOWN_ETHNIC_GROUPS = frozenset(key for key, _ in ETHNIC_GROUPS if key != NOT_OBTAINED)


def ethnic_group(answer: str | None) -> str:
    return answer if answer in KNOWN_ETHNIC_GROUPS else NOT_OBTAINED


def complainant_key(email: str | None, phone: str | None, name: str | None) -> str | None:
    """Who a complaint came from, for counting repeat complainants (Sandwell table 6): the email address in lower
    case, else the phone number without spaces, else the name in lower case; ``None`` for someone who gave none."""
    for value in ((email or "").strip(" ").lower(), (phone or "").replace(" ", ""), (name or "").strip(" ").lower()):
        if value:
            return value
    return None


def repeat_complainants(complaints_per_person: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sandwell table 6 from (number of complaints, number of people who made that many): the rows for people who
    made more than one, fewest complaints first, as (people, complaints each)."""
    return sorted(((people, made) for made, people in complaints_per_person if made > 1), key=lambda row: row[1])


# The Ombudsman's decisions as Sandwell groups them (table 14).
OMBUDSMAN_DECISION_GROUPS: tuple[tuple[str, frozenset[OmbudsmanDecision]], ...] = (
    (
        "Upheld: fault found",
        frozenset(
            {
                OmbudsmanDecision.FAULT_FOUND,
                OmbudsmanDecision.MALADMINISTRATION_INJUSTICE,
                OmbudsmanDecision.MALADMINISTRATION_NO_INJUSTICE,
            }
        ),
    ),
    ("No fault found", frozenset({OmbudsmanDecision.NO_FAULT})),
    (
        "Closed after initial enquiries: no further action",
        frozenset(
            {
                OmbudsmanDecision.NOT_INVESTIGATED,
                OmbudsmanDecision.INVESTIGATION_DISCONTINUED,
                OmbudsmanDecision.OUTSIDE_JURISDICTION,
            }
        ),
    ),
    ("Advised to go through the complaints procedure first", frozenset({OmbudsmanDecision.PREMATURE})),
    ("Remains ongoing", ONGOING_DECISIONS),
)


# The states whose due dates the dashboard's "due soon and overdue" counts: the council's own deadlines, not the
# complainant's time to ask for the next stage.
COMPLAINANT_WAITING_STATES = frozenset({CaseState.STAGE_1_RESPONDED, CaseState.STAGE_2_ADJUDICATED})
