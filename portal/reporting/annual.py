"""The statutory annual report (domain.md section 10), laid out like the seeds from the database's aggregates
(portal.data.queries.reports and reports_stages). Each function below makes one table; `annual_report` makes them
all, in the order the seeds tell their story. docs/reports.md defines every count in words."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from portal.common.working_calendar import council_calendar
from portal.data.queries import participation, report_texts
from portal.data.queries import reports as q
from portal.data.queries import reports_stages as stages
from portal.data.queries.report_calendar import ensure_working_day_numbers
from portal.data.queries.settings import timescale_policy
from portal.domain.clocks import non_working_days
from portal.domain.closing_the_loop import CHILD_QUESTIONS, Answer, Audience, period_results
from portal.domain.reporting import (
    COMPLAINT_PROCEDURES,
    ETHNIC_GROUPS,
    NOT_OBTAINED,
    OMBUDSMAN_DECISION_GROUPS,
    PROCEDURE_SHORT_NAMES,
    TABLE_ONE_ROWS,
    Column,
    ReportPeriod,
    StageLevel,
    ethnic_group,
    percent_text,
    rate,
    repeat_complainants,
    shares,
    table_one_row_label,
)
from portal.domain.types import Finding, Procedure
from portal.reporting.tables import Chart, Table

# How many reporting years the year-on-year tables show, the reported one included (Sandwell shows five).
YEARS_COMPARED = 5
# The numbered working-day calendar covers these years, so that every imported case's days can be counted.
CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY = date(2000, 1, 1), date(2060, 12, 31)
FINDING_ORDER = (Finding.UPHELD, Finding.PARTIALLY_UPHELD, Finding.NOT_UPHELD, Finding.NO_FINDING)


@dataclass
class AnnualReport:
    period: ReportPeriod
    earlier: list[ReportPeriod]
    tables: list[Table]
    texts: report_texts.ReportWords = field(default_factory=report_texts.ReportWords)

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)

    def as_json(self) -> dict:
        return {
            "period": {"from": self.period.first_day.isoformat(), "to": self.period.last_day.isoformat()},
            "label": self.period.label,
            "tables": {table.key: table.as_json() for table in self.tables},
        }


def _label(value) -> str:
    return getattr(value, "label", None) or (str(value) if value is not None else "Not recorded")


def _years(period: ReportPeriod) -> list[ReportPeriod]:
    """The period itself first, then the same days in each earlier year."""
    return [period, *(period.years_earlier(years) for years in range(1, YEARS_COMPARED))]


def prepare_calendar() -> frozenset[Procedure]:
    """Makes sure the working-day calendar the queries count with is current, and says which procedures' clocks skip
    the council's closure days (the timescale policy's choice; never the statutory procedure)."""
    calendar, policy = council_calendar(), timescale_policy()
    ensure_working_day_numbers(calendar.bank_holidays, calendar.closure_days, CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY)
    return frozenset(
        procedure
        for procedure in (Procedure.STATUTORY, Procedure.CORPORATE, Procedure.COMMENT)
        if non_working_days(procedure, policy, calendar) != calendar.bank_holidays
    )


def annual_report(period: ReportPeriod) -> AnnualReport:
    skipping = prepare_calendar()
    q.keep_planner_statistics()
    q.group_in_memory()
    years = _years(period)
    # The counts that several tables share come from one pass each, every year compared at once.
    levels, arrivals = stages.table_one(years), q.received_by_day(years)
    # Each year's months cover its days exactly, so the months' counts add up to the years' too.
    monthly = q.add_up_by_part(
        arrivals, [[(month.first_day, month.last_day) for month in year.months()] for year in years]
    )
    complaints, team_counts = stages.received_complaints(period, skipping), q.complaints_by_team(period)
    tables = [
        table_one(period, levels),
        year_on_year(years, levels, monthly),
        stage_1_outcomes(years, monthly),
        outcomes(complaints),
        by_quarter(period, arrivals),
        by_month(years, monthly),
        by_team(period, team_counts),
        categories(period),
        stage_1_timescales(period, complaints),
        step_timescales(period, skipping),
        remedies(period, complaints),
        children(period, complaints),
        children_themes(period),
        closing_the_loop(period),
        channels(complaints),
        who_complained(team_counts),
        repeat(period),
        ethnicity(period, complaints),
        mediation(period),
        stage_2_list(period, skipping),
        stage_2_findings(period),
        stage_3_list(period),
        ombudsman_decisions(years),
        ombudsman_list(period),
        compliments_by_source(period),
        compliments_by_team(period),
        learning(period),
    ]
    return AnnualReport(period, years[1:], tables, report_texts.words_for(period))


# What came in --------------------------------------------------------------------------------------------------------


def table_one(period: ReportPeriod, levels: stages.TableOneCounts) -> Table:
    """B&NES table 1 for ``period``, the first of the periods ``levels`` were counted for."""
    counts = {(level, procedure): values for index, level, procedure, values in levels if index == 0}
    columns = list(Column)
    rows, totals = [], [0] * len(columns)
    for level, procedure in TABLE_ONE_ROWS:
        values = counts.get((level, procedure), {})
        figures = [int(values.get(column.value, 0)) for column in columns]
        rows.append([table_one_row_label(level, procedure), *figures])
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
    return Table(
        "table_1",
        "Complaints received and resolved",
        ["Level", *(_table_one_heading(column, period) for column in columns)],
        rows,
        total=["Total", *totals],
        chart=Chart((2,), "Received in the period at each level of the procedures."),
    )


def _table_one_heading(column: Column, period: ReportPeriod) -> str:
    if column is Column.CARRIED_OVER:
        return f"Carried over from {period.years_earlier(1).label}"
    if column is Column.CARRIED_FORWARD:
        return f"Carried forward to {_next(period).label}"
    if column is Column.RECEIVED:
        return f"Received {period.label}"
    return column.label


def _next(period: ReportPeriod) -> ReportPeriod:
    return period.years_earlier(-1)


def year_on_year(years: list[ReportPeriod], levels: stages.TableOneCounts, monthly: q.PartCounts) -> Table:
    """What was received at each level in each of ``years``: representations and Stage 1 from ``monthly``, what came
    in each month of each year; the later levels from table 1's counts."""
    received: dict[tuple[int, str], int] = defaultdict(int)
    for (index, _month, procedure), (count, _upheld) in monthly.items():
        level = StageLevel.REPRESENTATION if procedure is Procedure.COMMENT else StageLevel.STAGE_1
        received[(index, table_one_row_label(level, procedure))] += count
    for index, level, procedure, values in levels:
        if level not in (StageLevel.REPRESENTATION, StageLevel.STAGE_1):
            received[(index, table_one_row_label(level, procedure))] += values[Column.RECEIVED.value]
    for index, count in q.compliments_by_year(years):
        received[(index, "Compliments")] += count
    labels = [table_one_row_label(level, procedure) for level, procedure in TABLE_ONE_ROWS] + ["Compliments"]
    oldest_first = list(reversed(range(len(years))))
    rows = [[label, *(received.get((index, label), 0) for index in oldest_first)] for label in labels]
    return Table(
        "year_on_year",
        "Comparison with previous years: received in each year",
        ["Level", *(years[index].label for index in oldest_first)],
        rows,
    )


def stage_1_outcomes(years: list[ReportPeriod], monthly: q.PartCounts) -> Table:
    """Sandwell table 1: Stage 1 complaints received each year and how many were upheld or partly upheld, from what
    came in each month of each year."""
    received, upheld = defaultdict(int), defaultdict(int)
    for (index, _month, procedure), (count, upheld_count) in monthly.items():
        if procedure in COMPLAINT_PROCEDURES:
            received[index] += count
            upheld[index] += upheld_count
    rows = [
        [year.label, received[index], upheld[index], percent_text(rate(upheld[index], received[index]))]
        for index, year in enumerate(years)
    ]
    return Table(
        "stage_1_outcomes",
        "Outcome of Stage 1 complaints, year on year",
        ["Year", "Stage 1 complaints", "Upheld or partly upheld", "%"],
        rows,
    )


def outcomes(complaints: list[stages.ComplaintGroup]) -> Table:
    """Outcomes of the complaints received in the reported period."""
    counts: dict[str, int] = defaultdict(int)
    for group in complaints:
        if group.finding is not None:
            key = group.finding.label
        elif group.still_open:
            key = "Still open"
        elif group.closure:
            key = f"Closed without a finding ({group.closure.label.lower()})"
        else:
            key = "Closed without a finding"
        counts[key] += group.complaints
    order = [finding.label for finding in FINDING_ORDER]
    labels = [label for label in order if label in counts] + sorted(set(counts) - set(order))
    figures = [counts[label] for label in labels]
    rows = [
        [label, count, percent_text(share)]
        for label, count, share in zip(labels, figures, shares(figures), strict=True)
    ]
    return Table(
        "outcomes",
        "Outcome of Stage 1 complaints received in the period",
        ["Outcome", "Complaints", "%"],
        rows,
        total=["Total", sum(figures), "100%" if figures else ""],
        chart=Chart((1,), "Stage 1 complaints by outcome."),
    )


def by_quarter(period: ReportPeriod, arrivals: list[q.DayCount]) -> Table:
    """Complaints received in each quarter of ``period``, the first of the years ``arrivals`` were counted for."""
    quarters = period.quarters()
    counts = defaultdict(int)
    for (_index, part, procedure), (count, _upheld) in q.add_up_by_part(
        arrivals, [[(x.first_day, x.last_day) for x in quarters]]
    ).items():
        counts[(part, procedure)] += count
    rows = [
        [
            quarter.label,
            *(counts[(part, procedure)] for procedure in COMPLAINT_PROCEDURES),
            sum(counts[(part, procedure)] for procedure in COMPLAINT_PROCEDURES),
        ]
        for part, quarter in enumerate(quarters)
    ]
    return Table(
        "by_quarter",
        "Stage 1 complaints received by quarter",
        ["Quarter", *(PROCEDURE_SHORT_NAMES[p] for p in COMPLAINT_PROCEDURES), "Total"],
        rows,
        total=["Total", *(sum(row[i] for row in rows) for i in range(1, len(COMPLAINT_PROCEDURES) + 2))],
        chart=Chart((len(COMPLAINT_PROCEDURES) + 1,), "Stage 1 complaints received in each quarter."),
    )


def by_month(years: list[ReportPeriod], monthly: q.PartCounts) -> Table:
    """Sandwell table 5: Stage 1 complaints month on month, a column per year, from what came in each month."""
    months = [year.months() for year in years]
    counts = defaultdict(int)
    for (index, part, procedure), (count, _upheld) in monthly.items():
        if procedure in COMPLAINT_PROCEDURES:
            counts[(index, part)] += count
    oldest_first = list(reversed(range(len(years))))
    rows = [
        [month.short_label, *(counts[(index, part)] for index in oldest_first)] for part, month in enumerate(months[0])
    ]
    return Table(
        "by_month",
        "Stage 1 complaints received month on month",
        ["Month", *(years[index].label for index in oldest_first)],
        rows,
        total=["Total", *(sum(counts[(index, part)] for part in range(len(months[index]))) for index in oldest_first)],
        chart=Chart((len(years),), f"Stage 1 complaints received in each month of {years[0].label}."),
    )


def by_team(period: ReportPeriod, team_counts: list[q.TeamCount]) -> Table:
    quarters = period.quarters()
    counts: dict[tuple[str, str], list[int]] = {}
    for row in team_counts:
        key = (row.service_area or "Not recorded", row.team or "Not recorded")
        counts.setdefault(key, [0] * len(quarters))
        if row.quarter is not None:
            counts[key][row.quarter] += row.complaints
    rows = [[area, team, *figures, sum(figures)] for (area, team), figures in sorted(counts.items())]
    return Table(
        "by_team",
        "Stage 1 complaints by service area and team",
        ["Service area", "Team", *(quarter.label for quarter in quarters), "Total"],
        rows,
        total=["Total", "", *(sum(row[i] for row in rows) for i in range(2, len(quarters) + 3))],
    )


def categories(period: ReportPeriod) -> Table:
    """B&NES table 4: a complaint counts once in each category it carries."""
    numbers, upheld = defaultdict(int), defaultdict(int)
    for _index, _procedure, name, count, upheld_count in q.complaints_by_category([period]):
        numbers[name] += count
        upheld[name] += upheld_count
    order = [name for name in q.category_order() if name in numbers]
    figures = [numbers[name] for name in order]
    rows = [
        [name, numbers[name], percent_text(share), upheld[name], percent_text(rate(upheld[name], numbers[name]))]
        for name, share in zip(order, shares(figures), strict=True)
    ]
    total, total_upheld = sum(figures), sum(upheld[name] for name in order)
    return Table(
        "categories",
        "Categories of Stage 1 complaints and the percentage upheld",
        [
            "Category",
            "Number of Stage 1 complaints",
            "% of Stage 1 complaints",
            "Upheld or partially upheld",
            "% upheld or partially upheld",
        ],
        rows,
        total=["Total", total, "100%" if total else "", total_upheld, percent_text(rate(total_upheld, total))],
        chart=Chart((1,), "Stage 1 complaints in each category."),
        note="A complaint about more than one thing counts once in each of its categories.",
    )


# Timescales --------------------------------------------------------------------------------------------------------


def stage_1_timescales(period: ReportPeriod, complaints: list[stages.ComplaintGroup]) -> Table:
    """Sandwell table 7: Stage 1 complaints received in the period, by quarter, answered within the timescale (an
    agreed extension counts) or not."""
    quarters = period.quarters()
    met, missed, waiting = [0] * len(quarters), [0] * len(quarters), [0] * len(quarters)
    extended = working_days = answered = within_10 = within_20 = 0
    for row in complaints:
        met[row.quarter] += row.met
        missed[row.quarter] += row.missed
        waiting[row.quarter] += row.not_answered
        extended += row.extended
        working_days += row.working_days
        answered += row.met + row.missed
        within_10 += row.within_10
        within_20 += row.within_20
    percentages = shares([sum(met), sum(missed)])
    rows = [
        ["Timescale met", *met, sum(met), percent_text(percentages[0])],
        ["Timescale missed", *missed, sum(missed), percent_text(percentages[1])],
    ]
    if sum(waiting):
        rows.append(["Not answered", *waiting, sum(waiting), ""])
    average = f"{working_days / answered:.1f}" if answered else "none answered"
    return Table(
        "stage_1_timescales",
        "Stage 1 compliance against timescales",
        ["Stage 1 timescales", *(quarter.label for quarter in quarters), "Total", "Percentage"],
        rows,
        chart=Chart(tuple(range(1, len(quarters) + 1)), "Stage 1 complaints answered in time and late, by quarter."),
        note=(
            f"Answered on average in {average} working days; {within_10} within 10 and {within_20} within 20 working "
            f"days; {extended} with an agreed extension (in time when answered by the extended date)."
        ),
    )


def step_timescales(period: ReportPeriod, skipping: frozenset[Procedure]) -> Table:
    steps = stages.acknowledgement_timescales(period, skipping) + stages.step_timescales(period, skipping)
    rows = [
        [
            PROCEDURE_SHORT_NAMES.get(row.procedure, _label(row.procedure)),
            row.step.replace("_", " ").capitalize(),
            row.completed,
            row.in_time,
            percent_text(rate(row.in_time, row.completed)),
            row.extended,
            round(row.average_working_days, 1) if row.average_working_days is not None else None,
        ]
        for row in sorted(steps, key=lambda r: (r.procedure, r.step))
    ]
    return Table(
        "step_timescales",
        "Timescales met at each step",
        ["Procedure", "Step", "Completed", "Within timescale", "%", "Extended", "Average working days"],
        rows,
        note="A step counts in the period it was completed; one completed by an agreed extended date is in time.",
    )


def remedies(period: ReportPeriod, complaints: list[stages.ComplaintGroup]) -> Table:
    answered = sum(group.complaints for group in complaints if group.responded)
    rows = [
        [kind.replace("_", " ").capitalize(), count, percent_text(rate(count, answered))]
        for kind, count in q.remedies(period)
    ]
    return Table(
        "remedies",
        "Remedies at Stage 1",
        ["Remedy", "Complaints", "% of Stage 1 responses"],
        sorted(rows, key=lambda row: -row[1]),
        note=f"{answered} complaints received in the period were answered at Stage 1.",
    )


# Children and young people -----------------------------------------------------------------------------------------


def children(period: ReportPeriod, complaints: list[stages.ComplaintGroup]) -> Table:
    counts: dict[Finding | None, int] = defaultdict(int)
    advocated = total = 0
    for group in complaints:
        if group.made_by_child:
            counts[group.finding] += group.complaints
            total += group.complaints
            advocated += group.complaints if group.advocated else 0
    rows = [[finding.label, counts[finding]] for finding in FINDING_ORDER if finding in counts]
    if None in counts:
        rows.append(["Not decided or closed without a finding", counts[None]])
    rows.append(["Supported by an independent advocate", advocated])
    rows.append(["Informal feedback (comments) from children and young people", q.children_feedback_count(period)])
    return Table(
        "children",
        "Complaints made by children and young people",
        ["", "Number"],
        rows,
        total=["Formal complaints made by children and young people", total],
    )


def children_themes(period: ReportPeriod) -> Table:
    rows = [
        ["Formal complaint" if what == "complaint" else "Informal feedback", theme, count]
        for what, theme, count in sorted(q.children_themes(period))
    ]
    return Table("children_themes", "Themes of children's complaints and feedback", ["What", "Theme", "Number"], rows)


def closing_the_loop(period: ReportPeriod) -> Table:
    """What children said when their complaint or feedback ended (the Participation Team's closing-the-loop survey),
    counted as the Participation Team's own results report counts them."""
    results = period_results(
        "",
        participation.survey_outcomes_between(Audience.CHILD, period.first_day, period.last_day),
        CHILD_QUESTIONS,
    )
    rows: list[list] = [
        [question.wording, *(results.answers[question.key][answer] for answer in Answer), results.skipped(question.key)]
        for question in CHILD_QUESTIONS
    ]
    return Table(
        "closing_the_loop",
        "Closing the loop: what children and young people told us when their case ended",
        ["Question", *(answer.label for answer in Answer), "Not answered"],
        rows if results.answering else [],
        note=(
            f"{results.asked} asked, {results.answering} answered; "
            f"{results.advocate_checks} checked with the child by their advocate instead."
        ),
    )


def _count_table(key: str, title: str, heading: str, counts: dict[str, int], counted: str = "Complaints") -> Table:
    # Most first; ties in the order of their names, so that the order never depends on the order rows were read in.
    labels = sorted(counts, key=lambda label: (-counts[label], label))
    figures = [counts[label] for label in labels]
    rows = [
        [label, count, percent_text(share)]
        for label, count, share in zip(labels, figures, shares(figures), strict=True)
    ]
    return Table(
        key,
        title,
        [heading, counted, "%"],
        rows,
        total=["Total", sum(figures), "100%" if figures else ""],
        chart=Chart((1,), f"{title}.") if rows else None,
    )


def channels(complaints: list[stages.ComplaintGroup]) -> Table:
    counts = defaultdict(int)
    for group in complaints:
        counts[_label(group.channel)] += group.complaints
    return _count_table("channels", "How Stage 1 complaints were received", "How", counts)


def who_complained(team_counts: list[q.TeamCount]) -> Table:
    counts = defaultdict(int)
    for row in team_counts:
        counts[_label(row.submitter_role)] += row.complaints
    return _count_table("who_complained", "Who made Stage 1 complaints", "Who", counts)


def repeat(period: ReportPeriod) -> Table:
    """Sandwell table 6."""
    rows = [[people, made] for people, made in repeat_complainants(q.complaints_per_person(period))]
    return Table(
        "repeat_complainants",
        "Repeat complainants",
        ["Number of people making more than one complaint", "Number of complaints made"],
        rows,
        note="The same person is recognised by their email address, else their phone number, else their name.",
    )


def ethnicity(period: ReportPeriod, complaints: list[stages.ComplaintGroup]) -> Table:
    counts = defaultdict(int)
    for answer, count in q.ethnicity(period):
        counts[ethnic_group(answer)] += count
    counts[NOT_OBTAINED] += sum(group.complaints for group in complaints) - sum(counts.values())
    census = report_texts.census_for(period.first_day.year)
    keys = [key for key, _ in ETHNIC_GROUPS]
    complainants = shares([counts[key] for key in keys])
    census_figures = [census.get(key, 0) for key in keys]
    census_shares = shares(census_figures)
    rows = [
        [
            label,
            counts[key],
            percent_text(complainants[i]),
            census.get(key),
            percent_text(census_shares[i]),
        ]
        for i, (key, label) in enumerate(ETHNIC_GROUPS)
    ]
    return Table(
        "ethnicity",
        "Ethnicity of complainants against the Children in Need census",
        ["Ethnic group", "Complaints", "% of complaints", "Children in Need census", "% of census"],
        rows,
        note="" if census else "No census figures have been entered for this year yet.",
    )


# Later stages ------------------------------------------------------------------------------------------------------


def mediation(period: ReportPeriod) -> Table:
    figures = stages.mediation(period)
    rows = [
        [words, figures[key]]
        for key, words in (
            ("offered", "Offered"),
            ("accepted", "Accepted"),
            ("resolved", "Resolved by mediation"),
            ("not_resolved", "Not resolved: Stage 2 went ahead"),
        )
    ]
    return Table("mediation", "Mediation", ["", "Number"], rows)


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def stage_2_list(period: ReportPeriod, skipping: frozenset[Procedure]) -> Table:
    """Sandwell table 13."""
    stage_2 = stages.stage_2_list(period, skipping)
    rows = [
        [
            row.service or "Not recorded",
            PROCEDURE_SHORT_NAMES.get(row.procedure, _label(row.procedure)),
            _day(row.requested_on),
            _day(row.terms_agreed_on),
            _day(row.response_sent_on),
            _day(row.closed_on),
            row.working_days,
            f"£{row.cost_pence / 100:,.2f}" if row.cost_pence is not None else "",
        ]
        for row in stage_2
    ]
    costs = [row.cost_pence for row in stage_2 if row.cost_pence is not None]
    return Table(
        "stage_2",
        "Stage 2 investigations",
        [
            "Service",
            "Procedure",
            "Requested",
            "Terms of reference agreed",
            "Adjudication or response sent",
            "Closed",
            "Working days",
            "Cost",
        ],
        rows,
        total=["Total", "", "", "", "", "", "", f"£{sum(costs) / 100:,.2f}"] if costs else None,
    )


def stage_2_findings(period: ReportPeriod) -> Table:
    counts = dict(stages.stage_2_point_findings(period))
    figures = [counts.get(finding, 0) for finding in FINDING_ORDER]
    rows = [
        [finding.label, count, percent_text(share)]
        for finding, count, share in zip(FINDING_ORDER, figures, shares(figures), strict=True)
    ]
    return Table(
        "stage_2_findings",
        "Findings on each complaint point at Stage 2 (statutory)",
        ["Finding", "Points", "%"],
        rows,
        total=["Total", sum(figures), "100%" if sum(figures) else ""],
    )


def stage_3_list(period: ReportPeriod) -> Table:
    rows = [
        [
            row.service or "Not recorded",
            _day(row.requested_on),
            _day(row.held_on),
            row.working_days_to_panel,
            _day(row.findings_received_on),
            _day(row.response_sent_on),
        ]
        for row in stages.stage_3_list(period)
    ]
    return Table(
        "stage_3",
        "Stage 3 review panels",
        ["Service", "Requested", "Panel held", "Working days to panel", "Findings received", "Council's response"],
        rows,
    )


def ombudsman_decisions(years: list[ReportPeriod]) -> Table:
    counts = defaultdict(int)
    for index, decision, count in stages.ombudsman_by_year(years):
        group = next((name for name, members in OMBUDSMAN_DECISION_GROUPS if decision in members), "Remains ongoing")
        counts[(index, group)] += count
    oldest_first = list(reversed(range(len(years))))
    rows = [[name, *(counts[(index, name)] for index in oldest_first)] for name, _ in OMBUDSMAN_DECISION_GROUPS]
    return Table(
        "ombudsman_decisions",
        "Complaints raised with the Ombudsman, by decision",
        ["Decision", *(years[index].label for index in oldest_first)],
        rows,
        total=[
            "Total",
            *(sum(counts[(index, name)] for name, _ in OMBUDSMAN_DECISION_GROUPS) for index in oldest_first),
        ],
    )


def ombudsman_list(period: ReportPeriod) -> Table:
    rows = [
        [
            row.service or "Not recorded",
            _day(row.received_on),
            _label(row.status),
            _label(row.decision) if row.decision else "Not decided yet",
            _day(row.decided_on),
            row.summary or "",
        ]
        for row in stages.ombudsman_list(period)
    ]
    return Table(
        "ombudsman",
        "Ombudsman enquiries and decisions",
        ["Service", "Received", "Status", "Decision", "Decided", "Remedies and recommendations"],
        rows,
    )


# Compliments and learning ------------------------------------------------------------------------------------------


def compliments_by_source(period: ReportPeriod) -> Table:
    return _count_table(
        "compliments_by_source",
        "Compliments by who gave them",
        "From",
        {_label(source): count for source, count in q.compliments_by_source(period)},
        "Compliments",
    )


def compliments_by_team(period: ReportPeriod) -> Table:
    return _count_table(
        "compliments_by_team",
        "Compliments by team",
        "Team",
        {team or "No team named": count for team, count in q.compliments_by_team(period)},
        "Compliments",
    )


def learning(period: ReportPeriod) -> Table:
    rows = [[category, records, actions, done] for category, records, actions, done in q.learning_by_category(period)]
    return Table(
        "learning",
        "Learning from complaints and the actions agreed",
        ["Category", "Learning records", "Actions", "Actions done"],
        rows,
        total=["Total", *(sum(row[i] for row in rows) for i in range(1, 4))] if rows else None,
    )
