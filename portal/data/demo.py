"""Demonstration data for `make run`: fictional people, staff accounts and cases at different stages.

Every name here is invented. Staff passwords are generated on first load and kept in the instance folder,
so they are never in the repository and `make run` can print them again.
"""

import secrets
from datetime import date
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from portal.common.clock import uk_today
from portal.common.closing import case_closed
from portal.common.passwords import hash_password
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.defaults import ensure_default_lists
from portal.data.learning_models import LearningAction, LearningRecord
from portal.data.models import (
    AdvocacyReferral,
    Case,
    CaseChild,
    CaseNote,
    ComplaintPoint,
    Person,
    StaffUser,
    StageRecord,
    Team,
    Theme,
)
from portal.data.participation_models import ContactLogEntry
from portal.data.queries.settings import council_settings, timescale_policy
from portal.domain.calendar import add_working_days, subtract_working_days
from portal.domain.clocks import start_clock
from portal.domain.closing_the_loop import ContactMethod
from portal.domain.references import new_reference
from portal.domain.types import (
    AdvocacyStatus,
    CaseState,
    Channel,
    ClockEvent,
    Closure,
    FeedbackKind,
    Finding,
    LearningActionStatus,
    Procedure,
    Progress,
    StaffRole,
    SubmitterRole,
    ThemeScope,
    TimescaleStep,
)
from portal.domain.workflow import acknowledgement_due

STAFF = [
    ("casey.officer@anytown.example", "Casey Marlowe", StaffRole.COMPLAINTS_OFFICER, None),
    ("morgan.manager@anytown.example", "Morgan Ellery", StaffRole.COMPLAINTS_MANAGER, None),
    ("jamie.responder@anytown.example", "Jamie Thistlewood", StaffRole.RESPONDING_MANAGER, "Children in Care"),
    ("robin.investigator@anytown.example", "Robin Ashgrove", StaffRole.INVESTIGATOR, None),
    ("taylor.participation@anytown.example", "Taylor Quennell", StaffRole.PARTICIPATION_OFFICER, None),
    ("drew.learning@anytown.example", "Drew Kestrel", StaffRole.LEARNING_LEAD, None),
    ("frankie.reports@anytown.example", "Frankie Holloway", StaffRole.REPORT_VIEWER, None),
    ("avery.admin@anytown.example", "Avery Linwood", StaffRole.ADMINISTRATOR, None),
]


def _credentials_file() -> Path:
    return Path(current_app.instance_path) / "demo-sign-in.txt"


def load(today: date | None = None) -> bool:
    """Loads the demonstration data unless it is already there. Returns whether it loaded anything."""
    today = today or uk_today()
    council_settings()
    ensure_default_lists()
    if db.session.scalar(select(func.count()).select_from(StaffUser)):
        return False
    _add_staff()
    _add_cases(today)
    _add_learning(today)
    db.session.commit()
    return True


def sign_in_details() -> list[str]:
    credentials = _credentials_file()
    if not credentials.exists():
        return ["The demo staff accounts were created elsewhere: their passwords are not known here."]
    return ["Demo staff sign-in details (email, password, role):", *credentials.read_text().splitlines()]


def _add_staff() -> None:
    lines = []
    teams = {team.name: team for team in db.session.scalars(select(Team))}
    for email, name, role, team_name in STAFF:
        password = secrets.token_urlsafe(12)
        db.session.add(
            StaffUser(
                email=email, name=name, role=role, team=teams.get(team_name), password_hash=hash_password(password)
            )
        )
        lines.append(f"  {email}  {password}  {role.label}")
    credentials = _credentials_file()
    credentials.parent.mkdir(parents=True, exist_ok=True)
    credentials.write_text("\n".join(lines) + "\n")
    credentials.chmod(0o600)


def _add_cases(today: date) -> None:
    calendar = council_calendar()
    # Demonstration dates, counted in bank holidays only: the demonstration council has no closure days.
    holidays = calendar.bank_holidays
    policy = timescale_policy()
    rng = secrets.SystemRandom()
    teams = {team.name: team for team in db.session.scalars(select(Team))}
    themes = {theme.name: theme for theme in db.session.scalars(select(Theme))}
    responder = db.session.scalar(select(StaffUser).where(StaffUser.role == StaffRole.RESPONDING_MANAGER))

    def working_days_ago(n: int) -> date:
        return subtract_working_days(today, n, holidays)

    def timed(
        procedure: Procedure, state: CaseState, step: TimescaleStep, clock_started_on: date, **fields
    ) -> StageRecord:
        """A timed step whose clock started on ``clock_started_on``, with the domain's due dates."""
        clock = start_clock(procedure, step, clock_started_on, policy, calendar)
        return StageRecord(
            state=state,
            procedure=procedure,
            step=step,
            started_on=fields.pop("started_on", clock_started_on),
            clock_started_on=clock_started_on,
            due_on=clock.due_on,
            latest_due_on=clock.latest_due_on,
            **fields,
        )

    def case(kind: FeedbackKind, received_on: date, person: Person, **fields) -> Case:
        new_case = Case(
            reference=new_reference(rng),
            kind=kind,
            channel=fields.pop("channel", Channel.ONLINE),
            received_on=received_on,
            submitter=person,
            acknowledgement_due_on=acknowledgement_due(kind, received_on, policy, calendar),
            **fields,
        )
        db.session.add(new_case)
        return new_case

    new_complaint = case(
        FeedbackKind.COMPLAINT,
        working_days_ago(1),
        Person(role=SubmitterRole.PARENT, name="Sam Fairweather", email="sam.fairweather@example.com"),
        state=CaseState.RECEIVED,
        on_behalf_of_child=True,
        summary="Family time arrangements keep being cancelled",
        description="Family time with my son has been cancelled three times this month with no notice.",
        desired_outcome="A reliable plan for family time and a call when anything changes.",
        team=teams["Children in Care"],
    )
    new_complaint.children.append(CaseChild(name="Riley", age=9, knows_and_agrees="yes"))
    new_complaint.themes.append(themes["Family time"])

    stage_1_received = working_days_ago(6)
    stage_1 = case(
        FeedbackKind.COMPLAINT,
        stage_1_received,
        Person(role=SubmitterRole.FOSTER_CARER, name="Alex Penrose", email="alex.penrose@example.com"),
        procedure=Procedure.STATUTORY,
        state=CaseState.STAGE_1,
        summary="Allowance payments late for two months",
        description="The fostering allowance has been paid late in September and October.",
        team=teams["Fostering"],
        responding_manager=responder,
        acknowledged_on=add_working_days(stage_1_received, 2, holidays),
    )
    stage_1.points.extend(
        [
            ComplaintPoint(number=1, text="The September allowance was paid 12 days late."),
            ComplaintPoint(number=2, text="Nobody replied to emails asking when it would be paid."),
        ]
    )
    stage_1.stages.append(
        timed(
            Procedure.STATUTORY, CaseState.STAGE_1, TimescaleStep.STAGE_1_RESPONSE, stage_1_received, handler=responder
        )
    )
    stage_1.themes.append(themes["Financial assistance"])

    overdue_received = working_days_ago(30)
    overdue = case(
        FeedbackKind.COMPLAINT,
        overdue_received,
        Person(role=SubmitterRole.RELATIVE, name="Jordan Ashby", email="jordan.ashby@example.com"),
        procedure=Procedure.CORPORATE,
        state=CaseState.STAGE_1,
        summary="No reply to a request for a meeting",
        description="I asked for a meeting about my granddaughter's contact arrangements and heard nothing.",
        team=teams["Assessment"],
        acknowledged_on=add_working_days(overdue_received, 4, holidays),
        channel=Channel.EMAIL,
    )
    overdue.stages.append(
        timed(Procedure.CORPORATE, CaseState.STAGE_1, TimescaleStep.STAGE_1_RESPONSE, overdue.acknowledged_on)
    )
    overdue.themes.append(themes["Poor communication"])

    stage_2_received = working_days_ago(60)
    terms_agreed = working_days_ago(12)
    stage_2 = case(
        FeedbackKind.COMPLAINT,
        stage_2_received,
        Person(role=SubmitterRole.PARENT, name="Charlie Wrenfield", email="charlie.wrenfield@example.com"),
        procedure=Procedure.STATUTORY,
        state=CaseState.STAGE_2,
        progress=Progress.STAGE_1,
        summary="Disagreement with the outcome of an assessment",
        description="The assessment of my daughter's needs left out the reports from her school and doctor.",
        team=teams["Disabled Children's Team"],
        acknowledged_on=add_working_days(stage_2_received, 3, holidays),
        channel=Channel.LETTER,
    )
    stage_2.stages.extend(
        [
            timed(
                Procedure.STATUTORY,
                CaseState.STAGE_1,
                TimescaleStep.STAGE_1_RESPONSE,
                stage_2_received,
                completed_on=add_working_days(stage_2_received, 9, holidays),
                completed_by=ClockEvent.STAGE_1_RESPONSE_SENT,
            ),
            timed(
                Procedure.STATUTORY,
                CaseState.STAGE_2,
                TimescaleStep.STAGE_2_RESPONSE,
                terms_agreed,
                started_on=working_days_ago(20),
            ),
        ]
    )
    stage_2.points.extend(
        [
            ComplaintPoint(number=1, text="The assessment did not consider the school's report."),
            ComplaintPoint(number=2, text="The assessment did not consider the GP's letter."),
            ComplaintPoint(number=3, text="The family was not given a copy of the assessment."),
        ]
    )
    stage_2.themes.append(themes["Accuracy of assessment or reports"])

    comment = case(
        FeedbackKind.COMMENT,
        working_days_ago(3),
        Person(role=SubmitterRole.FOSTER_CARER, name="Quinn Hartley", email="quinn.hartley@example.com"),
        procedure=Procedure.COMMENT,
        state=CaseState.AWAITING_RESPONSE,
        summary="Training dates clash with school holidays",
        description="The foster carer training dates this year all fall in the school holidays.",
        team=teams["Fostering"],
    )
    comment.notes.append(CaseNote(body="Forwarded to the Fostering team manager for a reply."))

    compliment = case(
        FeedbackKind.COMPLIMENT,
        working_days_ago(5),
        Person(role=SubmitterRole.PROFESSIONAL, name="Pat Oakridge", organisation="Anytown Primary School"),
        procedure=Procedure.COMPLIMENT,
        state=CaseState.CLOSED,
        summary="Thanks to the social worker for joining a school meeting",
        description="The social worker came to every school meeting and kept us all informed.",
        team=teams["Family Support"],
        worker_name="Lee",
        answers={"may_share_with_team": True, "may_publish_anonymously": True},
        closed_on=working_days_ago(2),
    )
    compliment.themes.append(themes["Support from a worker"])

    child_case = case(
        FeedbackKind.COMPLAINT,
        working_days_ago(2),
        Person(role=SubmitterRole.CHILD, name="Kit", phone="07700 900123", contact_methods=["text"]),
        state=CaseState.RECEIVED,
        made_by_child=True,
        summary="I want to see my brother more",
        description="I only see my brother once a month. I want to see him every week.",
        desired_outcome="See my brother every week.",
        channel=Channel.VIA_PARTICIPATION_TEAM,
        recorded_by=db.session.scalar(select(StaffUser).where(StaffUser.role == StaffRole.PARTICIPATION_OFFICER)),
    )
    child_case.children.append(CaseChild(name="Kit", age=13, care_status="in_care"))
    child_case.themes.append(
        db.session.scalar(select(Theme).where(Theme.scope == ThemeScope.CHILDREN, Theme.name == "Seeing my family"))
    )
    child_case.advocacy_referrals.append(
        AdvocacyReferral(provider="Anytown Advocacy Service", status=AdvocacyStatus.REQUESTED, requested_on=today)
    )

    officer = db.session.scalar(select(StaffUser).where(StaffUser.role == StaffRole.PARTICIPATION_OFFICER))
    closed_child_case = case(
        FeedbackKind.COMPLAINT,
        working_days_ago(25),
        Person(role=SubmitterRole.CHILD, name="Ash", email="ash@example.com", contact_methods=["email"]),
        procedure=Procedure.STATUTORY,
        state=CaseState.CLOSED,
        made_by_child=True,
        summary="My savings from my last foster home are missing",
        description="I had savings at my last foster home and nobody knows where they are now.",
        channel=Channel.VIA_PARTICIPATION_TEAM,
        closure=Closure.RESOLVED,
        finding=Finding.UPHELD,
        closed_on=working_days_ago(1),
    )
    closed_child_case.children.append(CaseChild(name="Ash", age=16, care_status="in_care"))
    db.session.flush()
    contact = ContactLogEntry(
        case_id=child_case.id,
        contacted_on=working_days_ago(1),
        method=ContactMethod.CALL,
        rights_explained=True,
        process_explained=True,
        notes="Talked through what happens next and how an advocate can help.",
        staff_user_id=officer.id if officer else None,
    )
    db.session.add(contact)
    # Closed cases go through the closing hook, as every closing path does: a follow-up for Ash, and the school's
    # compliment in the compliments register.
    case_closed(closed_child_case, closed_child_case.closed_on)
    case_closed(compliment, compliment.closed_on)


def _add_learning(today: date) -> None:
    """Learning from the upheld complaint about a child's missing savings, with an overdue action and one to come,
    and a second upheld complaint whose learning is still to be recorded."""
    holidays = council_calendar().bank_holidays
    staff = {user.role: user for user in db.session.scalars(select(StaffUser))}
    categories = {
        theme.name: theme for theme in db.session.scalars(select(Theme).where(Theme.scope == ThemeScope.LEARNING))
    }
    savings_case = db.session.scalar(
        select(Case).where(Case.summary == "My savings from my last foster home are missing")
    )
    record = LearningRecord(
        case=savings_case,
        category=categories["Improve record keeping"],
        summary="Nobody recorded the young person's savings when they moved foster home, so nobody could find them.",
        recorded_by=staff[StaffRole.COMPLAINTS_MANAGER],
    )
    record.actions.extend(
        [
            LearningAction(
                description="Add a savings check to the checklist for every change of placement.",
                owner=staff[StaffRole.LEARNING_LEAD],
                due_on=subtract_working_days(today, 2, holidays),
                recorded_on=subtract_working_days(today, 20, holidays),
            ),
            LearningAction(
                description="Remind every supervising social worker to record savings at each visit.",
                owner=staff[StaffRole.RESPONDING_MANAGER],
                due_on=add_working_days(today, 15, holidays),
                status=LearningActionStatus.IN_PROGRESS,
                recorded_on=subtract_working_days(today, 20, holidays),
            ),
        ]
    )
    db.session.add(record)
    db.session.add(
        Case(
            reference=new_reference(secrets.SystemRandom()),
            kind=FeedbackKind.COMPLAINT,
            procedure=Procedure.CORPORATE,
            state=CaseState.CLOSED,
            channel=Channel.EMAIL,
            received_on=subtract_working_days(today, 40, holidays),
            submitter=Person(role=SubmitterRole.RELATIVE, name="Robin Ashdown", email="robin.ashdown@example.com"),
            summary="Letters about my grandson went to an old address",
            description="Two letters about my grandson's plan went to the address I left last year.",
            team=db.session.scalar(select(Team).where(Team.name == "Family Support")),
            closure=Closure.RESOLVED,
            finding=Finding.PARTIALLY_UPHELD,
            closed_on=subtract_working_days(today, 3, holidays),
        )
    )
