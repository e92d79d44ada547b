"""The case history import format, version 1: one CSV row carries one case's whole life (docs/import.md describes
every column for the people who prepare the files).

This module reads and checks a row and says what is wrong with it, column by column, in words people can act on. It
knows nothing of the database: whether a key was imported before, and which teams and categories exist, are checked
by portal.reporting.importing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from portal.domain.compliments import ComplimentSource
from portal.domain.outcomes import case_outcome
from portal.domain.reporting import ETHNIC_GROUPS, NOT_OBTAINED
from portal.domain.types import (
    AdvocacyStatus,
    CaseState,
    Channel,
    ClockEvent,
    Closure,
    FeedbackKind,
    Finding,
    OmbudsmanDecision,
    OmbudsmanStatus,
    Procedure,
    Progress,
    RemedyKind,
    SubmitterRole,
    TimescaleStep,
)

FORMAT_VERSION = "1"
EARLIEST_DATE = date(1990, 1, 1)
MAX_KEY_LENGTH = 100
MAX_POINTS = 99
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    description: str


# The columns of version 1, in the order the sample file and docs/import.md give them. A file may put them in any
# order, and may leave out any but the required ones (`REQUIRED_COLUMNS`).
COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("format_version", "Always 1: the version of this format"),
    ColumnSpec("external_key", "The case's own key in the old system, unique and never reused"),
    ColumnSpec("kind", "complaint, comment, compliment, advocacy_request or duty_matter"),
    ColumnSpec("channel", "How it came in: " + ", ".join(channel.value for channel in Channel)),
    ColumnSpec("received_on", "The date it was received"),
    ColumnSpec("acknowledged_on", "The date it was acknowledged"),
    ColumnSpec("procedure", "statutory, corporate, comment, compliment, not_accepted or outside_procedures"),
    ColumnSpec("summary", "A short description (200 characters at most)"),
    ColumnSpec("complainant_role", "Who complained: " + ", ".join(role.value for role in SubmitterRole)),
    ColumnSpec("complainant_name", "Their name"),
    ColumnSpec("complainant_email", "Their email address"),
    ColumnSpec("complainant_phone", "Their phone number"),
    ColumnSpec("made_by_child", "yes if a child or young person made it"),
    ColumnSpec("child_name", "The name of the child it is about"),
    ColumnSpec("advocacy", "offered, requested, referred, accepted, declined or ended"),
    ColumnSpec("advocacy_provider", "Who provided the advocate"),
    ColumnSpec("ethnicity", "asian, black, mixed, white, other or prefer_not_to_say"),
    ColumnSpec("team", "The team, by its name in the portal"),
    ColumnSpec("service_area", "The service area, by its name in the portal"),
    ColumnSpec("themes", "Categories or themes, separated by semicolons"),
    ColumnSpec("stage_1_started_on", "The day Stage 1 (or a comment's wait for its answer) started"),
    ColumnSpec("stage_1_due_on", "The day the Stage 1 response was due"),
    ColumnSpec("stage_1_extended_to", "The day an agreed extension moved it to"),
    ColumnSpec("stage_1_completed_on", "The day the Stage 1 response (or a comment's answer) was sent"),
    ColumnSpec("stage_1_findings", "Findings per complaint point, like 1=upheld; 2=not_upheld"),
    ColumnSpec("remedies", "Remedies, like explanation; apology; financial_payment=180.00"),
    ColumnSpec("outcome", "upheld, partially_upheld, not_upheld or no_finding, if not the one the findings give"),
    ColumnSpec("mediation_offered_on", "The day mediation was offered"),
    ColumnSpec("mediation_accepted", "yes or no"),
    ColumnSpec("mediation_resolved", "yes if mediation resolved the complaint, no if Stage 2 went ahead"),
    ColumnSpec("stage_2_requested_on", "The day Stage 2 was asked for"),
    ColumnSpec("stage_2_accepted", "Corporate only: no if the request was refused"),
    ColumnSpec("stage_2_terms_agreed_on", "The day the terms of reference were agreed (corporate: acknowledged)"),
    ColumnSpec("stage_2_due_on", "The day the Stage 2 response was due"),
    ColumnSpec("stage_2_extended_to", "The day an agreed extension moved it to"),
    ColumnSpec("stage_2_response_sent_on", "The day the adjudication or review response was sent (or refused)"),
    ColumnSpec("stage_2_closed_on", "The day the council closed its work on Stage 2"),
    ColumnSpec("stage_2_cost", "What Stage 2 cost, in pounds, like 1250.00"),
    ColumnSpec("stage_2_findings", "Findings per complaint point at Stage 2"),
    ColumnSpec("stage_3_requested_on", "The day a review panel was asked for"),
    ColumnSpec("stage_3_panel_held_on", "The day the panel met"),
    ColumnSpec("stage_3_findings_received_on", "The day the panel's findings arrived"),
    ColumnSpec("stage_3_response_sent_on", "The day the council's response to the panel was sent"),
    ColumnSpec("stage_3_findings", "Findings per complaint point at Stage 3"),
    ColumnSpec("ombudsman_received_on", "The day the Ombudsman first contacted the council"),
    ColumnSpec("ombudsman_reference", "The Ombudsman's reference"),
    ColumnSpec("ombudsman_status", "enquiry, investigation or premature_referral"),
    ColumnSpec("ombudsman_decision", "The decision: " + ", ".join(decision.value for decision in OmbudsmanDecision)),
    ColumnSpec("ombudsman_decided_on", "The day of the decision"),
    ColumnSpec("ombudsman_summary", "The findings and recommendations in the Ombudsman's words"),
    ColumnSpec("closed_on", "The day the case closed"),
    ColumnSpec("closing_reason", "How it ended: " + ", ".join(closure.value for closure in Closure)),
    ColumnSpec("compliment_source", "Who a compliment came from: " + ", ".join(s.value for s in ComplimentSource)),
    ColumnSpec("compliment_text", "The compliment's words"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = ("format_version", "external_key", "kind", "channel", "received_on")

TEXT_LIMITS = {
    "summary": 200,
    "complainant_name": 200,
    "complainant_email": 320,
    "complainant_phone": 40,
    "child_name": 200,
    "advocacy_provider": 200,
    "team": 200,
    "service_area": 200,
    "ombudsman_reference": 40,
    "ombudsman_summary": 20_000,
    "compliment_text": 20_000,
}
PROCEDURES_OF_KIND: dict[FeedbackKind, frozenset[Procedure]] = {
    FeedbackKind.COMPLAINT: frozenset(
        {Procedure.STATUTORY, Procedure.CORPORATE, Procedure.NOT_ACCEPTED, Procedure.OUTSIDE_PROCEDURES}
    ),
    FeedbackKind.ADVOCACY_REQUEST: frozenset({Procedure.STATUTORY, Procedure.CORPORATE}),
    FeedbackKind.COMMENT: frozenset({Procedure.COMMENT}),
    FeedbackKind.COMPLIMENT: frozenset({Procedure.COMPLIMENT}),
    FeedbackKind.DUTY_MATTER: frozenset({Procedure.OUTSIDE_PROCEDURES}),
}
_DEFAULT_PROCEDURE = {
    FeedbackKind.COMMENT: Procedure.COMMENT,
    FeedbackKind.COMPLIMENT: Procedure.COMPLIMENT,
    FeedbackKind.DUTY_MATTER: Procedure.OUTSIDE_PROCEDURES,
}
_YES, _NO = frozenset({"yes", "y", "true", "1"}), frozenset({"no", "n", "false", "0"})
_ADVOCACY_NONE = "none"
ETHNICITY_VALUES = frozenset({key for key, _ in ETHNIC_GROUPS if key != NOT_OBTAINED} | {"prefer_not_to_say"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: the row as a spreadsheet numbers it (the header is row 1), the column, and
    what to do about it."""

    row: int
    column: str
    message: str


@dataclass(frozen=True)
class Step:
    """A timed step as the old system recorded it."""

    started_on: date | None = None
    due_on: date | None = None
    extended_to: date | None = None
    completed_on: date | None = None


@dataclass(frozen=True)
class Stage2Record:
    requested_on: date
    accepted: bool | None
    terms_agreed_on: date | None
    due_on: date | None
    extended_to: date | None
    response_sent_on: date | None
    closed_on: date | None
    cost_pence: int | None


@dataclass(frozen=True)
class PanelRecord:
    requested_on: date
    held_on: date | None
    findings_received_on: date | None
    response_sent_on: date | None


@dataclass(frozen=True)
class MediationRecord:
    offered_on: date
    accepted: bool | None
    resolved: bool | None


@dataclass(frozen=True)
class OmbudsmanRecord:
    received_on: date
    reference: str | None
    status: OmbudsmanStatus
    decision: OmbudsmanDecision | None
    decided_on: date | None
    summary: str | None


@dataclass(frozen=True)
class ImportedCase:
    """A row that passed every check, in the portal's own terms."""

    row: int
    external_key: str
    kind: FeedbackKind
    channel: Channel
    received_on: date
    procedure: Procedure
    acknowledged_on: date | None = None
    summary: str | None = None
    complainant_role: SubmitterRole = SubmitterRole.OTHER
    complainant_name: str | None = None
    complainant_email: str | None = None
    complainant_phone: str | None = None
    made_by_child: bool = False
    child_name: str | None = None
    advocacy: AdvocacyStatus | None = None
    advocacy_provider: str | None = None
    ethnicity: str | None = None
    team: str | None = None
    service_area: str | None = None
    themes: tuple[str, ...] = ()
    stage_1: Step | None = None
    findings: Mapping[int, tuple[tuple[int, Finding], ...]] = field(default_factory=dict)
    remedies: tuple[tuple[RemedyKind, int | None], ...] = ()
    outcome: Finding | None = None
    mediation: MediationRecord | None = None
    stage_2: Stage2Record | None = None
    stage_3: PanelRecord | None = None
    ombudsman: OmbudsmanRecord | None = None
    closed_on: date | None = None
    closing_reason: Closure | None = None
    compliment_source: ComplimentSource | None = None
    compliment_text: str | None = None


class _Row:
    """Reads the cells of one row, collecting a problem for each cell that cannot be read."""

    def __init__(self, number: int, cells: Mapping[str, str | None], today: date) -> None:
        self.number, self.cells, self.today = number, cells, today
        self.problems: list[Problem] = []

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.number, column, message))

    def raw(self, column: str) -> str:
        return self.cells.get(column) or ""

    def text(self, column: str) -> str | None:
        """Free text, kept exactly as typed; a cell of spaces only counts as empty. Never cut: too long is an
        error that says the limit."""
        value = self.raw(column)
        if not value.strip():
            return None
        limit = TEXT_LIMITS.get(column)
        if limit is not None and len(value) > limit:
            self.problem(column, f"Must be {limit:,} characters or fewer: it has {len(value):,}")
        return value

    def choice(self, column: str, enum, *, required: bool = False, what: str):
        value = self.raw(column).strip().lower()
        if not value:
            if required:
                self.problem(column, f"Enter {what}")
            return None
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.problem(column, f"“{self.raw(column).strip()}” is not {what}: use one of {allowed}")
            return None

    def day(self, column: str, *, required: bool = False) -> date | None:
        value = self.raw(column).strip()
        if not value:
            if required:
                self.problem(column, "Enter a date, like 2023-04-01")
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problem(column, f"“{value}” is not a real date: write it like 2023-04-01 or 01/04/2023")
        elif parsed < EARLIEST_DATE:
            self.problem(column, f"Must be on or after {EARLIEST_DATE.isoformat()}")
        elif parsed > self.today:
            self.problem(column, "Must be today or in the past")
        else:
            return parsed
        return None

    def yes_no(self, column: str) -> bool | None:
        value = self.raw(column).strip().lower()
        if not value:
            return None
        if value in _YES:
            return True
        if value in _NO:
            return False
        self.problem(column, f"“{self.raw(column).strip()}” is not yes or no")
        return None

    def money(self, column: str) -> int | None:
        value = self.raw(column).strip().replace("£", "").replace(",", "")
        if not value:
            return None
        try:
            amount = Decimal(value)
        except InvalidOperation:
            self.problem(column, f"“{self.raw(column).strip()}” is not an amount of money, like 1250.00")
            return None
        if amount < 0 or amount != amount.quantize(Decimal("0.01")):
            self.problem(column, "Enter an amount of money in pounds and pence that is 0 or more, like 1250.00")
            return None
        return int(amount * 100)

    def findings(self, column: str) -> tuple[tuple[int, Finding], ...]:
        value = self.raw(column).strip()
        if not value:
            return ()
        found: dict[int, Finding] = {}
        for part in (piece.strip() for piece in value.split(";")):
            if not part:
                continue
            number, _, finding = part.partition("=")
            number, finding = number.strip(), finding.strip().lower().replace(" ", "_")
            if not number.isdigit() or not 1 <= int(number) <= MAX_POINTS or not finding:
                self.problem(column, f"“{part}” is not a point's finding: write them like 1=upheld; 2=not_upheld")
                return ()
            try:
                found_value = Finding(finding)
            except ValueError:
                allowed = ", ".join(member.value for member in Finding)
                self.problem(column, f"“{finding}” is not a finding: use one of {allowed}")
                return ()
            if int(number) in found:
                self.problem(column, f"Point {int(number)} has two findings")
                return ()
            found[int(number)] = found_value
        return tuple(sorted(found.items()))

    def remedies(self, column: str) -> tuple[tuple[RemedyKind, int | None], ...]:
        value = self.raw(column).strip()
        remedies = []
        for part in (piece.strip() for piece in value.split(";")):
            if not part:
                continue
            kind_text, _, amount_text = part.partition("=")
            try:
                kind = RemedyKind(kind_text.strip().lower())
            except ValueError:
                allowed = ", ".join(member.value for member in RemedyKind)
                self.problem(column, f"“{kind_text.strip()}” is not a remedy: use one of {allowed}")
                return ()
            amount = None
            if amount_text.strip():
                try:
                    amount = int(Decimal(amount_text.strip().replace("£", "")) * 100)
                except InvalidOperation:
                    self.problem(column, f"“{amount_text.strip()}” is not an amount of money, like 180.00")
                    return ()
            remedies.append((kind, amount))
        return tuple(remedies)

    def order(self, earlier: str, later: str, earlier_words: str, later_words: str, values: dict) -> None:
        first, second = values.get(earlier), values.get(later)
        if first is not None and second is not None and second < first:
            self.problem(later, f"The {later_words} must be on or after the {earlier_words}")


def parse_date(value: str) -> date | None:
    """A date written as 2023-04-01 (ISO 8601) or 01/04/2023 (day first, as UK spreadsheets write it)."""
    try:
        if _ISO.match(value):
            return date.fromisoformat(value)
        match = _DAY_FIRST.match(value)
        if match:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
    return None


def check_header(header: list[str]) -> list[Problem]:
    """What is wrong with the header row (row 1): unknown or repeated columns, required ones missing."""
    problems = []
    seen = set()
    for name in header:
        if name not in COLUMN_NAMES:
            problems.append(Problem(1, name or "(empty)", "This is not a column of version 1 of the format"))
        elif name in seen:
            problems.append(Problem(1, name, "This column appears twice"))
        seen.add(name)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            problems.append(Problem(1, name, "This column is needed: add it to the first row"))
    return problems


def parse_row(number: int, cells: Mapping[str, str | None], today: date) -> ImportedCase | list[Problem]:
    """The case a row describes, or every problem with it. ``number`` is the row's number in the file (the header
    is row 1); ``today`` bounds the dates (nothing can have happened later)."""
    row = _Row(number, cells, today)
    key = _identity(row)
    kind, procedure = _kind_and_procedure(row)
    channel = row.choice("channel", Channel, required=True, what="a channel")
    dates = {
        name: row.day(name, required=name == "received_on")
        for name in COLUMN_NAMES
        if name.endswith("_on") or name.endswith("_to")
    }
    _check_order(row, dates)
    advocacy, ethnicity, email = _about_the_person(row)
    findings = {stage: row.findings(f"stage_{stage}_findings") for stage in (1, 2, 3)}
    closing_reason, compliment_source = _closing_and_compliment(row, dates, kind)
    made_by_child = row.yes_no("made_by_child")
    text_values = {name: row.text(name) for name in TEXT_LIMITS}
    stage_2, stage_3, mediation, ombudsman = _later_stages(row, dates, procedure, text_values)
    complainant_role = row.choice("complainant_role", SubmitterRole, what="a kind of complainant")
    outcome = row.choice("outcome", Finding, what="an outcome")
    remedies = row.remedies("remedies")
    if row.problems:
        return row.problems
    return ImportedCase(
        row=number,
        external_key=key,
        kind=kind,
        channel=channel,
        received_on=dates["received_on"],
        procedure=procedure,
        acknowledged_on=dates["acknowledged_on"],
        summary=text_values["summary"],
        complainant_role=complainant_role or (SubmitterRole.CHILD if made_by_child else SubmitterRole.OTHER),
        complainant_name=text_values["complainant_name"],
        complainant_email=email.strip() if email else None,
        complainant_phone=text_values["complainant_phone"],
        made_by_child=bool(made_by_child),
        child_name=text_values["child_name"],
        advocacy=advocacy,
        advocacy_provider=text_values["advocacy_provider"],
        ethnicity=ethnicity,
        team=_name(text_values["team"]),
        service_area=_name(text_values["service_area"]),
        themes=tuple(dict.fromkeys(name for name in (_name(part) for part in row.raw("themes").split(";")) if name)),
        stage_1=_step(dates, "stage_1", default_start=dates["received_on"]),
        findings={stage: values for stage, values in findings.items() if values},
        remedies=remedies,
        outcome=outcome,
        mediation=mediation,
        stage_2=stage_2,
        stage_3=stage_3,
        ombudsman=ombudsman,
        closed_on=dates["closed_on"],
        closing_reason=closing_reason,
        compliment_source=compliment_source,
        compliment_text=text_values["compliment_text"],
    )


def _identity(row: _Row) -> str:
    if row.raw("format_version").strip() != FORMAT_VERSION:
        row.problem("format_version", f"Must be {FORMAT_VERSION}: this portal reads version {FORMAT_VERSION} files")
    key = row.raw("external_key").strip()
    if not key:
        row.problem("external_key", "Enter the case's key from the old system")
    elif len(key) > MAX_KEY_LENGTH:
        row.problem("external_key", f"Must be {MAX_KEY_LENGTH} characters or fewer")
    return key


def _kind_and_procedure(row: _Row) -> tuple[FeedbackKind | None, Procedure | None]:
    kind = row.choice("kind", FeedbackKind, required=True, what="a kind of feedback")
    procedure = row.choice("procedure", Procedure, what="a procedure")
    if kind is None:
        return None, procedure
    procedure = procedure or _DEFAULT_PROCEDURE.get(kind)
    if procedure is None:
        row.problem("procedure", "Enter the procedure the complaint went through")
    elif procedure not in PROCEDURES_OF_KIND[kind]:
        allowed = ", ".join(sorted(p.value for p in PROCEDURES_OF_KIND[kind]))
        row.problem("procedure", f"A {kind.value} cannot be {procedure.value}: use {allowed}")
    return kind, procedure


def _about_the_person(row: _Row) -> tuple[AdvocacyStatus | None, str | None, str | None]:
    advocacy_text = row.raw("advocacy").strip().lower()
    advocacy = None
    if advocacy_text not in ("", _ADVOCACY_NONE):
        advocacy = row.choice("advocacy", AdvocacyStatus, what="advocacy")
    ethnicity = row.raw("ethnicity").strip().lower() or None
    if ethnicity is not None and ethnicity not in ETHNICITY_VALUES:
        allowed = ", ".join(sorted(ETHNICITY_VALUES))
        row.problem("ethnicity", f"“{row.raw('ethnicity').strip()}” is not one of {allowed}")
    email = row.text("complainant_email")
    if email is not None and not _EMAIL.match(email.strip()):
        row.problem("complainant_email", "Enter an email address like name@example.com, or leave it empty")
    return advocacy, ethnicity, email


def _closing_and_compliment(
    row: _Row, dates: dict, kind: FeedbackKind | None
) -> tuple[Closure | None, ComplimentSource | None]:
    closing_reason = row.choice("closing_reason", Closure, what="a closing reason")
    if dates["closed_on"] is not None and closing_reason is None and kind not in (FeedbackKind.COMPLIMENT, None):
        row.problem("closing_reason", "Enter how the case ended, as it has a date closed")
    if closing_reason is not None and dates["closed_on"] is None and not row.raw("closed_on").strip():
        row.problem("closed_on", "Enter the date the case closed, as it has a closing reason")
    compliment_source = row.choice("compliment_source", ComplimentSource, what="a source of compliments")
    if kind is FeedbackKind.COMPLIMENT and compliment_source is None and not row.raw("compliment_source").strip():
        row.problem("compliment_source", "Enter who the compliment came from")
    return closing_reason, compliment_source


def _name(value: str | None) -> str | None:
    """A list entry's name (team, service area, category): spaces around it and doubled inside do not matter."""
    return " ".join(value.split()) or None if value else None


def _step(dates: dict, prefix: str, default_start: date | None) -> Step | None:
    values = [dates[f"{prefix}_{part}"] for part in ("started_on", "due_on", "extended_to", "completed_on")]
    if not any(values):
        return None
    return Step(values[0] or default_start, values[1], values[2], values[3])


# (earlier column, later column, earlier in words, later in words): each pair must be in order.
_ORDER: tuple[tuple[str, str, str, str], ...] = (
    ("received_on", "acknowledged_on", "date received", "date acknowledged"),
    ("received_on", "stage_1_started_on", "date received", "Stage 1 start date"),
    ("received_on", "stage_1_completed_on", "date received", "Stage 1 response date"),
    ("stage_1_started_on", "stage_1_completed_on", "Stage 1 start date", "Stage 1 response date"),
    ("stage_1_started_on", "stage_1_due_on", "Stage 1 start date", "Stage 1 due date"),
    ("stage_1_due_on", "stage_1_extended_to", "Stage 1 due date", "date Stage 1 was extended to"),
    ("received_on", "mediation_offered_on", "date received", "date mediation was offered"),
    ("received_on", "stage_2_requested_on", "date received", "date Stage 2 was asked for"),
    ("stage_1_completed_on", "stage_2_requested_on", "Stage 1 response date", "date Stage 2 was asked for"),
    ("stage_2_requested_on", "stage_2_terms_agreed_on", "date Stage 2 was asked for", "terms of reference date"),
    ("stage_2_terms_agreed_on", "stage_2_due_on", "terms of reference date", "Stage 2 due date"),
    ("stage_2_due_on", "stage_2_extended_to", "Stage 2 due date", "date Stage 2 was extended to"),
    ("stage_2_requested_on", "stage_2_response_sent_on", "date Stage 2 was asked for", "Stage 2 response date"),
    ("stage_2_terms_agreed_on", "stage_2_response_sent_on", "terms of reference date", "Stage 2 response date"),
    ("stage_2_requested_on", "stage_2_closed_on", "date Stage 2 was asked for", "Stage 2 closing date"),
    ("stage_2_response_sent_on", "stage_3_requested_on", "Stage 2 response date", "date a panel was asked for"),
    ("stage_3_requested_on", "stage_3_panel_held_on", "date a panel was asked for", "date the panel met"),
    ("stage_3_panel_held_on", "stage_3_findings_received_on", "date the panel met", "date of the panel's findings"),
    (
        "stage_3_findings_received_on",
        "stage_3_response_sent_on",
        "date of the panel's findings",
        "date of the council's response",
    ),
    ("received_on", "ombudsman_received_on", "date received", "date the Ombudsman contacted the council"),
    ("ombudsman_received_on", "ombudsman_decided_on", "date the Ombudsman contacted the council", "decision date"),
    ("received_on", "closed_on", "date received", "date closed"),
)


def _check_order(row: _Row, dates: dict) -> None:
    for earlier, later, earlier_words, later_words in _ORDER:
        row.order(earlier, later, earlier_words, later_words, dates)


def _needs(row: _Row, dates: dict, column: str, because: str, words: str) -> None:
    if dates.get(column) is None and not row.raw(column).strip():
        row.problem(column, f"Enter the {words}, as the row has a {because}")


def _later_stages(row: _Row, dates: dict, procedure: Procedure | None, text_values: dict):
    """Stage 2, the review panel, mediation and the Ombudsman, each present when its first date is."""
    complaint = procedure in (Procedure.STATUTORY, Procedure.CORPORATE)
    statutory = procedure is Procedure.STATUTORY
    stage_2 = stage_3 = mediation = ombudsman = None
    _only_when(row, dates, "stage_2_requested_on", "stage_2_", "Stage 2", complaint)
    _only_when(row, dates, "stage_3_requested_on", "stage_3_", "a review panel", statutory)
    _only_when(row, dates, "mediation_offered_on", "mediation_", "mediation", statutory)
    _only_when(row, dates, "ombudsman_received_on", "ombudsman_", "the Ombudsman", True)
    accepted = row.yes_no("stage_2_accepted")
    if accepted is False and procedure is Procedure.STATUTORY:
        row.problem("stage_2_accepted", "Only a corporate Stage 2 request can be refused: leave this empty")
    cost = row.money("stage_2_cost")
    if dates["stage_2_requested_on"] is not None:
        stage_2 = Stage2Record(
            dates["stage_2_requested_on"],
            accepted,
            dates["stage_2_terms_agreed_on"],
            dates["stage_2_due_on"],
            dates["stage_2_extended_to"],
            dates["stage_2_response_sent_on"],
            dates["stage_2_closed_on"],
            cost,
        )
    if dates["stage_3_requested_on"] is not None:
        if dates["stage_2_requested_on"] is None:
            row.problem("stage_3_requested_on", "A review panel comes after Stage 2: enter the Stage 2 dates too")
        stage_3 = PanelRecord(
            dates["stage_3_requested_on"],
            dates["stage_3_panel_held_on"],
            dates["stage_3_findings_received_on"],
            dates["stage_3_response_sent_on"],
        )
    mediation_accepted, mediation_resolved = row.yes_no("mediation_accepted"), row.yes_no("mediation_resolved")
    if dates["mediation_offered_on"] is not None:
        if mediation_resolved is not None and mediation_accepted is not True:
            row.problem("mediation_accepted", "Mediation can only have an outcome if it was accepted: enter yes")
        mediation = MediationRecord(dates["mediation_offered_on"], mediation_accepted, mediation_resolved)
    status = row.choice("ombudsman_status", OmbudsmanStatus, what="an Ombudsman status")
    decision = row.choice("ombudsman_decision", OmbudsmanDecision, what="an Ombudsman decision")
    if dates["ombudsman_received_on"] is not None:
        _needs(row, dates, "ombudsman_status", "date the Ombudsman contacted the council", "Ombudsman's status")
        if decision is not None and decision not in _ONGOING and dates["ombudsman_decided_on"] is None:
            _needs(row, dates, "ombudsman_decided_on", "decision", "date of the decision")
        ombudsman = OmbudsmanRecord(
            dates["ombudsman_received_on"],
            text_values["ombudsman_reference"],
            status or OmbudsmanStatus.ENQUIRY,
            decision,
            dates["ombudsman_decided_on"],
            text_values["ombudsman_summary"],
        )
    return stage_2, stage_3, mediation, ombudsman


_ONGOING = frozenset({OmbudsmanDecision.REMAINS_ONGOING})


def _only_when(row: _Row, dates: dict, first: str, prefix: str, what: str, allowed: bool) -> None:
    """A later stage's other columns need its first date; some stages belong to some procedures only."""
    filled = [name for name in COLUMN_NAMES if name.startswith(prefix) and name != first and row.raw(name).strip()]
    if dates.get(first) is None and filled and not row.raw(first).strip():
        row.problem(first, f"Enter this date, as the row has other {what} columns filled in ({filled[0]})")
    if not allowed and (row.raw(first).strip() or filled):
        row.problem(first, f"This procedure has no {what}: leave the {prefix}… columns empty")


# A row's case as the portal keeps it ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimedRow:
    """A `StageRecord` to create for an imported case: the state it records, the step it times, its clock's start,
    the due dates the old system recorded (None: work it out from the council's timescales), and how it ended."""

    state: CaseState
    step: TimescaleStep | None
    started_on: date
    clock_started_on: date | None
    due_on: date | None = None
    extended_to: date | None = None
    completed_on: date | None = None
    completed_by: ClockEvent | None = None


_STAGE_2_ANSWER = {
    Procedure.STATUTORY: ClockEvent.ADJUDICATION_SENT,
    Procedure.CORPORATE: ClockEvent.STAGE_2_RESPONSE_SENT,
}


def timed_rows(case: ImportedCase) -> list[TimedRow]:
    """The timed steps an imported case went through, as the case-moving service would have recorded them
    (portal.case_moves.moving): a row per state, completed by the event that ended its step. A step left unfinished
    when the case closed is completed on the closing day without an event, so no timescale is claimed for it."""
    rows: list[TimedRow] = []
    stop = case.closed_on
    if case.procedure in (Procedure.STATUTORY, Procedure.CORPORATE, Procedure.COMMENT) and case.stage_1 is not None:
        rows.append(_stage_1_row(case))
    elif case.procedure in (Procedure.STATUTORY, Procedure.CORPORATE, Procedure.COMMENT):
        rows.append(_stage_1_row(replace(case, stage_1=Step(started_on=case.received_on))))
    if case.stage_2 is not None:
        stage_2 = case.stage_2
        answered = stage_2.response_sent_on if stage_2.accepted is not False else None
        rows.append(
            TimedRow(
                CaseState.STAGE_2_REQUESTED,
                TimescaleStep.STAGE_2_ACKNOWLEDGE if case.procedure is Procedure.CORPORATE else None,
                stage_2.requested_on,
                stage_2.requested_on if case.procedure is Procedure.CORPORATE else None,
                completed_on=stage_2.terms_agreed_on or stage_2.response_sent_on or stage_2.closed_on or stop,
                completed_by=(
                    ClockEvent.STAGE_2_ACKNOWLEDGED
                    if case.procedure is Procedure.CORPORATE and stage_2.terms_agreed_on
                    else (ClockEvent.TERMS_OF_REFERENCE_AGREED if stage_2.terms_agreed_on else None)
                ),
            )
        )
        if stage_2.terms_agreed_on is not None:
            rows.append(
                TimedRow(
                    CaseState.STAGE_2,
                    TimescaleStep.STAGE_2_RESPONSE,
                    stage_2.terms_agreed_on,
                    stage_2.terms_agreed_on,
                    stage_2.due_on,
                    stage_2.extended_to,
                    completed_on=answered or stage_2.closed_on or stop,
                    completed_by=_STAGE_2_ANSWER[case.procedure] if answered else None,
                )
            )
    if case.stage_3 is not None:
        rows.extend(_panel_rows(case.stage_3, stop))
    if case.ombudsman is not None:
        decided = case.ombudsman.decided_on if case.ombudsman.decision not in _ONGOING else None
        rows.append(TimedRow(CaseState.OMBUDSMAN, None, case.ombudsman.received_on, None, completed_on=decided or stop))
    return rows


def _stage_1_row(case: ImportedCase) -> TimedRow:
    step = case.stage_1
    comment = case.procedure is Procedure.COMMENT
    started = step.started_on or case.received_on
    # Corporate Stage 1 runs from the acknowledgement (Complaint Handling Code); the others from receipt.
    clock = case.acknowledged_on or started if case.procedure is Procedure.CORPORATE else started
    event = ClockEvent.COMMENT_ANSWERED if comment else ClockEvent.STAGE_1_RESPONSE_SENT
    return TimedRow(
        CaseState.AWAITING_RESPONSE if comment else CaseState.STAGE_1,
        TimescaleStep.COMMENT_RESPONSE if comment else TimescaleStep.STAGE_1_RESPONSE,
        started,
        clock,
        step.due_on,
        step.extended_to,
        completed_on=step.completed_on or case.closed_on,
        completed_by=event if step.completed_on else None,
    )


def _panel_rows(panel: PanelRecord, stop: date | None) -> list[TimedRow]:
    steps = (
        (
            CaseState.STAGE_3_REQUESTED,
            TimescaleStep.STAGE_3_PANEL,
            panel.requested_on,
            panel.held_on,
            ClockEvent.PANEL_HELD,
        ),
        (
            CaseState.STAGE_3_PANEL_HELD,
            TimescaleStep.STAGE_3_FINDINGS,
            panel.held_on,
            panel.findings_received_on,
            ClockEvent.FINDINGS_RECEIVED,
        ),
        (
            CaseState.STAGE_3_FINDINGS,
            TimescaleStep.STAGE_3_RESPONSE,
            panel.findings_received_on,
            panel.response_sent_on,
            ClockEvent.PANEL_RESPONSE_SENT,
        ),
    )
    rows = []
    for state, step, started, completed, event in steps:
        if started is None:
            break
        rows.append(
            TimedRow(
                state, step, started, started, completed_on=completed or stop, completed_by=event if completed else None
            )
        )
    return rows


def state_of(case: ImportedCase) -> CaseState:
    """Where an imported case stands now: closed if it has a closing date, otherwise the furthest step it reached
    (an answered step leaves it waiting for the complainant's next request)."""
    if case.closed_on is not None or case.procedure in (Procedure.COMPLIMENT, Procedure.NOT_ACCEPTED):
        return CaseState.CLOSED
    if case.ombudsman is not None and case.ombudsman.decision in (None, *_ONGOING):
        return CaseState.OMBUDSMAN
    rows = timed_rows(case)
    if not rows:
        return CaseState.CLOSED if case.procedure is Procedure.OUTSIDE_PROCEDURES else CaseState.RECEIVED
    last = rows[-1]
    if last.completed_by is None:
        return last.state
    waiting = {
        ClockEvent.STAGE_1_RESPONSE_SENT: CaseState.STAGE_1_RESPONDED,
        ClockEvent.ADJUDICATION_SENT: CaseState.STAGE_2_ADJUDICATED,
    }
    return waiting.get(last.completed_by, last.state)


def progress_of(case: ImportedCase) -> Progress:
    """The furthest stage the council answered (portal.domain.moves uses it to say what may come next)."""
    events = {row.completed_by for row in timed_rows(case)}
    if ClockEvent.PANEL_RESPONSE_SENT in events:
        return Progress.STAGE_3
    if events & {ClockEvent.ADJUDICATION_SENT, ClockEvent.STAGE_2_RESPONSE_SENT}:
        return Progress.STAGE_2
    if ClockEvent.STAGE_1_RESPONSE_SENT in events:
        return Progress.STAGE_1
    return Progress.NONE


def outcome_of(case: ImportedCase) -> Finding | None:
    """The case's outcome: the one the row gives, else the one the latest stage's point findings give
    (portal.domain.outcomes.case_outcome)."""
    if case.outcome is not None:
        return case.outcome
    if not case.findings:
        return None
    return case_outcome(finding for _, finding in case.findings[max(case.findings)])
