"""Importing case history from a CSV file (docs/import.md): every row is checked first and every problem reported
with its row, column and reason; then everything is imported in one transaction, or nothing is. A row whose key was
imported before is left alone, so importing the same file twice adds nothing the second time.

`flask import-cases FILE` and the administrators' upload page both use `check_file` and `import_checked`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from portal.common.working_calendar import council_calendar
from portal.data import transaction
from portal.data.escalation_models import REQUESTED_TO_STAFF, Mediation, OmbudsmanCase, ReviewPanel, Stage2
from portal.data.models import (
    AdvocacyReferral,
    Case,
    CaseChild,
    ComplaintPoint,
    EqualitiesAnswers,
    Person,
    Remedy,
    ServiceArea,
    StageRecord,
    Team,
    Theme,
)
from portal.data.participation_models import Compliment
from portal.data.queries import audit
from portal.data.queries import imports as queries
from portal.data.queries.settings import timescale_policy
from portal.data.stage_models import PointFinding
from portal.domain.case_import import (
    ImportedCase,
    Problem,
    TimedRow,
    check_header,
    outcome_of,
    parse_row,
    progress_of,
    state_of,
    timed_rows,
)
from portal.domain.clocks import start_clock
from portal.domain.compliments import INTERNAL_SOURCES
from portal.domain.references import new_reference
from portal.domain.types import FeedbackKind, Procedure, ThemeScope

# The largest file the upload page takes; the command line takes any size.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# A problem list longer than this stops being useful: the check goes on counting but keeps only the first ones.
MAX_PROBLEMS_KEPT = 1000
Progress = Callable[[int], None]


@dataclass
class CheckResult:
    """What checking a file found: the rows to import, those imported before, and every problem."""

    rows: int = 0
    to_import: list[ImportedCase] = field(default_factory=list)
    already_imported: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    new_teams: list[str] = field(default_factory=list)
    new_service_areas: list[str] = field(default_factory=list)
    new_themes: list[str] = field(default_factory=list)
    sha256: str = ""

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add_problem(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)


@dataclass(frozen=True)
class ImportSummary:
    cases: int
    compliments: int
    already_imported: int


def decode(data: bytes) -> str | None:
    """The file's text, from UTF-8 (with or without the byte-order mark Excel adds); None if it is not text."""
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _records(text: str, result: CheckResult) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except csv.Error as error:
        result.add_problem(Problem(1, "(the first row)", f"The file cannot be read as CSV: {error}"))
        return
    if not header:
        result.add_problem(Problem(1, "(the first row)", "The file is empty: the first row must name the columns"))
        return
    for problem in check_header(header):
        result.add_problem(problem)
    if not result.ok:
        return
    number = 1
    try:
        for cells in reader:
            number += 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                message = f"This row has {len(cells)} cells but the first row names {len(header)} columns"
                result.add_problem(Problem(number, "(whole row)", message))
                continue
            yield number, dict(zip(header, cells, strict=True))
    except csv.Error as error:
        result.add_problem(Problem(number + 1, "(whole row)", f"This row cannot be read as CSV: {error}"))


def check_file(text: str, today: date, progress: Progress | None = None) -> CheckResult:
    """Checks every row of the file's ``text``; imports nothing. ``progress(n)`` is called after each row."""
    result = CheckResult(sha256=hashlib.sha256(text.encode()).hexdigest())
    parsed: list[ImportedCase] = []
    keys_seen: dict[str, int] = {}
    for number, cells in _records(text, result):
        result.rows += 1
        outcome = parse_row(number, cells, today)
        if isinstance(outcome, list):
            for problem in outcome:
                result.add_problem(problem)
        elif outcome.external_key in keys_seen:
            earlier = keys_seen[outcome.external_key]
            result.add_problem(
                Problem(number, "external_key", f"Row {earlier} has this key too: each row needs its own")
            )
        else:
            keys_seen[outcome.external_key] = number
            parsed.append(outcome)
        if progress is not None:
            progress(1)
    if result.rows == 0 and result.ok:
        result.add_problem(Problem(2, "(whole row)", "The file has no rows of cases under its first row"))
    imported_before = queries.keys_already_imported(keys_seen)
    result.already_imported = len(imported_before)
    result.to_import = [case for case in parsed if case.external_key not in imported_before]
    _new_list_entries(result)
    return result


def _theme_scope(case: ImportedCase) -> ThemeScope:
    if case.kind is FeedbackKind.COMPLIMENT:
        return ThemeScope.COMPLIMENT
    if case.procedure is Procedure.COMMENT and case.made_by_child:
        return ThemeScope.CHILDREN
    return ThemeScope.COMPLAINT


def _new_list_entries(result: CheckResult) -> None:
    """The teams, service areas and categories the rows name that the portal does not have yet: the import adds
    them, and the check lists them first so that a misspelt name is seen before anything is imported."""
    teams, areas, themes = queries.teams_by_name(), queries.service_areas_by_name(), queries.themes_by_name()
    new_teams, new_areas, new_themes = {}, {}, {}
    for case in result.to_import:
        if case.team and case.team.casefold() not in teams:
            new_teams.setdefault(case.team.casefold(), case.team)
        if case.service_area and case.service_area.casefold() not in areas:
            new_areas.setdefault(case.service_area.casefold(), case.service_area)
        scope = _theme_scope(case)
        for name in case.themes:
            if (scope, name.casefold()) not in themes:
                new_themes.setdefault((scope, name.casefold()), f"{name} ({scope.label})")
    result.new_teams = sorted(new_teams.values())
    result.new_service_areas = sorted(new_areas.values())
    result.new_themes = sorted(new_themes.values())


class _Lists:
    """The teams, service areas and themes cases name, creating those the portal does not have yet."""

    def __init__(self) -> None:
        self.teams, self.areas, self.themes = (
            queries.teams_by_name(),
            queries.service_areas_by_name(),
            queries.themes_by_name(),
        )

    def area(self, name: str | None) -> ServiceArea | None:
        if not name:
            return None
        if name.casefold() not in self.areas:
            self.areas[name.casefold()] = ServiceArea(name=name)
        return self.areas[name.casefold()]

    def team(self, name: str | None, area: ServiceArea | None) -> Team | None:
        if not name:
            return None
        # Not setdefault: a Team made with its service area joins the area's teams, and so the session, at once.
        if name.casefold() not in self.teams:
            self.teams[name.casefold()] = Team(name=name, service_area=area)
        return self.teams[name.casefold()]

    def theme(self, scope: ThemeScope, name: str) -> Theme:
        if (scope, name.casefold()) not in self.themes:
            self.themes[(scope, name.casefold())] = Theme(scope=scope, name=name)
        return self.themes[(scope, name.casefold())]


class _References:
    """Fresh case references, checked against the database a batch at a time."""

    def __init__(self, random_source: random.Random) -> None:
        self.random, self.waiting, self.taken = random_source, [], set()

    def take(self) -> str:
        while not self.waiting:
            batch = {new_reference(self.random) for _ in range(200)} - self.taken
            self.waiting = sorted(batch - queries.references_in_use(batch))
        reference = self.waiting.pop()
        self.taken.add(reference)
        return reference


def import_checked(
    result: CheckResult,
    user_id: int | None,
    source: str,
    progress: Progress | None = None,
    random_source: random.Random | None = None,
) -> ImportSummary:
    """Imports the rows ``check_file`` passed, in one transaction: all of them, or (on any error) none. Audited as
    one event naming the file's SHA-256 and what it added."""
    if not result.ok:
        raise ValueError("A file with problems cannot be imported")
    lists, references = _Lists(), _References(random_source or secrets.SystemRandom())
    policy, calendar = timescale_policy(), council_calendar()
    cases = compliments = 0
    try:
        batch: list[object] = []
        for item in result.to_import:
            if item.kind is FeedbackKind.COMPLIMENT:
                batch.append(_compliment(item, lists, user_id))
                compliments += 1
            else:
                batch.append(_case(item, lists, references.take(), user_id, policy, calendar))
                cases += 1
            if len(batch) >= 500:
                queries.add(batch)
                batch = []
            if progress is not None:
                progress(1)
        queries.add(batch)
        detail = {"file": source, "sha256": result.sha256, "cases": cases, "compliments": compliments}
        audit.record(user_id, "cases_imported", detail={**detail, "already_imported": result.already_imported})
        transaction.commit()
    except BaseException:
        transaction.rollback()
        raise
    return ImportSummary(cases=cases, compliments=compliments, already_imported=result.already_imported)


def _compliment(item: ImportedCase, lists: _Lists, user_id: int | None) -> Compliment:
    team = lists.team(item.team, lists.area(item.service_area))
    return Compliment(
        external_key=item.external_key,
        received_on=item.received_on,
        source=item.compliment_source,
        internal=item.compliment_source in INTERNAL_SOURCES,
        channel=item.channel,
        giver_name=item.complainant_name,
        text=item.compliment_text or item.summary or "",
        teams=[team] if team else [],
        recorded_by_id=user_id,
    )


def _case(item: ImportedCase, lists: _Lists, reference: str, user_id: int | None, policy, calendar) -> Case:
    area = lists.area(item.service_area)
    team = lists.team(item.team, area)
    scope = _theme_scope(item)
    state = state_of(item)
    case = Case(
        external_key=item.external_key,
        reference=reference,
        kind=item.kind,
        procedure=item.procedure,
        state=state,
        progress=progress_of(item),
        channel=item.channel,
        received_on=item.received_on,
        acknowledged_on=item.acknowledged_on,
        made_by_child=item.made_by_child,
        summary=item.summary,
        description=item.summary or "",
        answers={},
        screening={"imported": {"key": item.external_key, "row": item.row}},
        team=team,
        service_area=area,
        recorded_by_id=user_id,
        closure=item.closing_reason,
        closed_on=item.closed_on,
        finding=outcome_of(item),
        submitter=Person(
            role=item.complainant_role,
            name=item.complainant_name,
            email=item.complainant_email,
            phone=item.complainant_phone,
            contact_methods=[],
            support_needs={},
        ),
        themes=[lists.theme(scope, name) for name in item.themes],
    )
    if item.child_name:
        case.children.append(CaseChild(name=item.child_name))
    if item.ethnicity:
        case.equalities = EqualitiesAnswers(ethnicity=item.ethnicity)
    if item.advocacy is not None:
        case.advocacy_referrals.append(AdvocacyReferral(provider=item.advocacy_provider, status=item.advocacy))
    _points(case, item)
    for kind, amount in item.remedies:
        case.remedies.append(Remedy(stage=1, kind=kind, amount_pence=amount))
    for row in timed_rows(item):
        case.stages.append(_stage_record(item.procedure, row, policy, calendar))
    _later_stages(case, item)
    return case


def _points(case: Case, item: ImportedCase) -> None:
    """Complaint points numbered as the row gives them, each with its finding at every stage that found on it."""
    stage_dates = {
        1: item.stage_1.completed_on if item.stage_1 else None,
        2: item.stage_2.response_sent_on if item.stage_2 else None,
        3: item.stage_3.response_sent_on if item.stage_3 else None,
    }
    points: dict[int, ComplaintPoint] = {}
    for stage in sorted(item.findings):
        for number, finding in item.findings[stage]:
            point = points.setdefault(number, ComplaintPoint(number=number, text=f"Point {number} (imported)"))
            point.findings.append(
                PointFinding(stage=stage, finding=finding, recorded_on=stage_dates[stage] or item.received_on)
            )
            point.finding = finding
    case.points.extend(points[number] for number in sorted(points))


def _stage_record(procedure: Procedure, row: TimedRow, policy, calendar) -> StageRecord:
    record = StageRecord(
        state=row.state,
        procedure=procedure,
        step=row.step,
        started_on=row.started_on,
        clock_started_on=row.clock_started_on,
        due_on=row.due_on,
        extended_to=row.extended_to,
        completed_on=row.completed_on,
        completed_by=row.completed_by,
    )
    if row.step is not None and row.clock_started_on is not None:
        clock = start_clock(procedure, row.step, row.clock_started_on, policy, calendar)
        record.due_on = row.due_on or clock.due_on
        record.latest_due_on = max(clock.latest_due_on, record.due_on, row.extended_to or record.due_on)
    return record


def _later_stages(case: Case, item: ImportedCase) -> None:
    if item.mediation is not None:
        mediation = item.mediation
        case.mediations.append(
            Mediation(
                offered_on=mediation.offered_on,
                accepted=mediation.accepted,
                resolved=mediation.resolved,
                answered_on=mediation.offered_on if mediation.accepted is not None else None,
            )
        )
    if item.stage_2 is not None:
        stage_2 = item.stage_2
        refused = stage_2.accepted is False
        case.stage_2s.append(
            Stage2(
                procedure=item.procedure,
                requested_on=stage_2.requested_on,
                requested_through=REQUESTED_TO_STAFF,
                accepted=stage_2.accepted,
                screened_on=stage_2.response_sent_on if refused else None,
                acknowledged_on=stage_2.terms_agreed_on if item.procedure is Procedure.CORPORATE else None,
                terms_of_reference_agreed_on=stage_2.terms_agreed_on,
                response_sent_on=None if refused else stage_2.response_sent_on,
                closed_on=stage_2.closed_on,
                cost_pence=stage_2.cost_pence,
            )
        )
    if item.stage_3 is not None:
        panel = item.stage_3
        case.review_panels.append(
            ReviewPanel(
                requested_on=panel.requested_on,
                requested_through=REQUESTED_TO_STAFF,
                held_on=panel.held_on,
                findings_received_on=panel.findings_received_on,
                response_sent_on=panel.response_sent_on,
            )
        )
    if item.ombudsman is not None:
        ombudsman = item.ombudsman
        case.ombudsman_cases.append(
            OmbudsmanCase(
                reference=ombudsman.reference,
                status=ombudsman.status,
                received_on=ombudsman.received_on,
                decision=ombudsman.decision,
                decided_on=ombudsman.decided_on,
                decision_summary=ombudsman.summary,
            )
        )
