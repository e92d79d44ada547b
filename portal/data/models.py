"""The database models: a case's whole life, the council's settings, staff, audit and the notification outbox.

Only `portal.data.queries` reads and writes these through the session; other packages call the queries.
"""

from __future__ import annotations

import enum
import hashlib
from datetime import UTC, date, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.common.clock import utc_now
from portal.data.database import db
from portal.domain.safeguarding import DEFAULT_PHRASES
from portal.domain.types import (
    AdvocacyStatus,
    CaseState,
    Channel,
    ClockEvent,
    Closure,
    FeedbackKind,
    Finding,
    MessageChannel,
    OutboxStatus,
    Procedure,
    Progress,
    RemedyKind,
    StaffRole,
    SubmitterRole,
    ThemeScope,
    TimescaleStep,
)


class UTCDateTime(TypeDecorator):
    """Stores UTC without a zone and always returns an aware UTC datetime, the same on SQLite and PostgreSQL."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("Naive datetimes are ambiguous: pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def enum_column(enum_class: type[enum.Enum], **kwargs: Any) -> Mapped[Any]:
    """A string column holding an enum's values, checked by the database, the same on every backend."""
    return mapped_column(
        Enum(
            enum_class,
            native_enum=False,
            create_constraint=True,
            length=40,
            values_callable=lambda members: [member.value for member in members],
            validate_strings=True,
            name=enum_class.__name__.lower(),
        ),
        **kwargs,
    )


def created_at_column() -> Mapped[datetime]:
    return mapped_column(UTCDateTime, default=utc_now, nullable=False)


URGENT_READ_BY_TEXT = (
    "A person will read your message by the end of the next working day. That means Monday to Friday, but not bank "
    "holidays."
)
URGENT_OUT_OF_HOURS_TEXT = (
    "Nobody reads messages here at night, at weekends or on bank holidays. If you need help before then, call 999, "
    "or Childline on 0800 1111."
)


# Council configuration ---------------------------------------------------------------------------------------------


class CouncilSettings(db.Model):
    """One row: the council's details, branding and policy, edited by administrators."""

    __tablename__ = "council_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="Anytown Council")
    service_name: Mapped[str] = mapped_column(String(200), default="Children's services feedback")
    logo_path: Mapped[str | None] = mapped_column(String(500))
    brand_colour: Mapped[str] = mapped_column(String(7), default="#0b0c0c")
    link_colour: Mapped[str] = mapped_column(String(7), default="#1d70b8")
    contact_email: Mapped[str] = mapped_column(String(320), default="feedback@anytown.example")
    contact_phone: Mapped[str] = mapped_column(String(40), default="01632 960 000")
    contact_address: Mapped[str] = mapped_column(
        Text, default="Children's Services Complaints Team\nTown Hall\nAnytown\nAN1 1AA"
    )
    contact_hours: Mapped[str] = mapped_column(String(200), default="Monday to Friday, 9am to 5pm")
    website_url: Mapped[str] = mapped_column(String(500), default="https://www.anytown.example")
    timescale_overrides: Mapped[dict] = mapped_column(JSON, default=dict)
    child_consent_age: Mapped[int] = mapped_column(Integer, default=12)
    safeguarding_phrases: Mapped[list] = mapped_column(JSON, default=lambda: list(DEFAULT_PHRASES))
    safeguarding_contact_email: Mapped[str] = mapped_column(String(320), default="safeguarding@anytown.example")
    participation_team_email: Mapped[str] = mapped_column(String(320), default="participation@anytown.example")
    advocacy_provider_name: Mapped[str] = mapped_column(String(200), default="Anytown Advocacy Service")
    advocacy_provider_email: Mapped[str] = mapped_column(String(320), default="advocacy@anytown.example")
    exit_page_url: Mapped[str] = mapped_column(String(500), default="https://www.bbc.co.uk/weather")
    # When a message matches a safeguarding phrase, the confirmation says when someone will really read it.
    urgent_read_by_text: Mapped[str] = mapped_column(Text, default=URGENT_READ_BY_TEXT)
    urgent_out_of_hours_text: Mapped[str] = mapped_column(Text, default=URGENT_OUT_OF_HOURS_TEXT)
    # A "not accepted" letter waits for a complaints manager's approval before it goes.
    not_accepted_needs_approval: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Statutory response letters are always quality-checked by the Complaints Team; corporate ones when this is set.
    corporate_letters_need_check: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    # Whether people following their case online see the name of the member of staff dealing with it, or only the
    # team (issue 12).
    tracking_shows_staff_names: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    retention_years: Mapped[int] = mapped_column(Integer, default=6)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)


class SettingsRevision(db.Model):
    """One row: a random value written anew whenever a cached setting or list changes (portal.data.settings_cache)."""

    __tablename__ = "settings_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[str] = mapped_column(String(32), nullable=False)


class ClosureDay(db.Model):
    """A day the council treats as non-working besides weekends and bank holidays (for example 24 December)."""

    __tablename__ = "closure_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    description: Mapped[str] = mapped_column(String(200))


class ServiceArea(db.Model):
    __tablename__ = "service_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    teams: Mapped[list[Team]] = relationship(back_populates="service_area", order_by="Team.name")


class Team(db.Model):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    service_area_id: Mapped[int | None] = mapped_column(ForeignKey("service_areas.id"))
    email: Mapped[str | None] = mapped_column(String(320))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    service_area: Mapped[ServiceArea | None] = relationship(back_populates="teams")


class Theme(db.Model):
    """A category or theme a case can carry; councils keep separate lists per kind of feedback."""

    __tablename__ = "themes"
    __table_args__ = (UniqueConstraint("scope", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[ThemeScope] = enum_column(ThemeScope)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class MessageTemplate(db.Model):
    """The words of a letter or message staff send, with {placeholders}; administrators edit them."""

    __tablename__ = "message_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)


class AdvocacyProvider(db.Model):
    __tablename__ = "advocacy_providers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(40))
    for_children: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# Staff -------------------------------------------------------------------------------------------------------------


class StaffUser(UserMixin, db.Model):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[StaffRole] = enum_column(StaffRole)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # The time step of the last code accepted: a code must never work twice (RFC 6238, section 5.2).
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = created_at_column()

    team: Mapped[Team | None] = relationship()

    @property
    def password_fingerprint(self) -> str:
        """Changes whenever the password does: it ends other sessions and makes emailed links single-use."""
        return hashlib.sha256((self.password_hash or "").encode()).hexdigest()[:16]

    def get_id(self) -> str:
        return f"{self.id}.{self.password_fingerprint}"


class ServerSession(db.Model):
    """A signed-in session, recorded on the server so that ending it ends it everywhere (portal.common.server_sessions).

    Only the SHA-256 of the cookie's token is kept: the table alone cannot sign anyone in.
    """

    __tablename__ = "server_sessions"
    __table_args__ = (Index("ix_server_sessions_kind_subject", "kind", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    handle: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    ip_address: Mapped[str] = mapped_column(String(45), default="")


# Cases -------------------------------------------------------------------------------------------------------------

case_themes = Table(
    "case_themes",
    db.Model.metadata,
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id"), primary_key=True),
)


class Person(db.Model):
    """Someone who gave feedback, with how and when it is safe to contact them."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[SubmitterRole] = enum_column(SubmitterRole)
    name: Mapped[str | None] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(10))
    contact_methods: Mapped[list] = mapped_column(JSON, default=list)
    safe_contact_times: Mapped[str | None] = mapped_column(String(500))
    voicemail_ok: Mapped[bool | None] = mapped_column(Boolean)
    letters_ok: Mapped[bool | None] = mapped_column(Boolean)
    support_needs: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = created_at_column()


# What the annual report and the dashboard read of a case, in the order of the index that holds them all.
REPORTED_CASE_COLUMNS = (
    "procedure",
    "received_on",
    "state",
    "closed_on",
    "closure",
    "finding",
    "stage_1_answered_on",
    "stage_1_clock_started_on",
    "stage_1_due_on",
    "stage_1_extended",
    "kind",
    "channel",
    "made_by_child",
    "progress",
    "team_id",
    "service_area_id",
    "submitter_role",
    "id",
)


class Case(db.Model):
    """One piece of feedback from receipt to closure, whatever its kind and procedure."""

    __tablename__ = "cases"
    __table_args__ = (
        # The reports count cases of a procedure received in a period (portal.data.queries.reports), and read all
        # else they count from the index alone: a year's cases are spread across the whole table, so reading their
        # rows would read most of it.
        Index("ix_cases_procedure_received_on", *REPORTED_CASE_COLUMNS),
        # What came in, whatever the procedure (the dashboard counts cases not yet screened too), and how much of it
        # was upheld (the annual report's five years, day by day), read from the index alone; and any other look-up by
        # the day received.
        Index("ix_cases_received_on_kind", "received_on", "kind", "procedure", "finding"),
        Index("ix_cases_acknowledged_on", "acknowledged_on", "acknowledgement_due_on", "received_on", "procedure"),
        # Cases by the day they closed; table 1 reads from it alone what was received before the reported year and
        # was still open when it began. The day received comes before the procedure: SQLite 3.40 finds wrong rows
        # when it looks up "not closed", a list of procedures and a range of days received in that order.
        Index("ix_cases_closed_on", "closed_on", "received_on", "procedure", "state", "closure", "stage_1_answered_on"),
        # Repeat complainants, apart: the keys are long, and only that table reads them.
        Index("ix_cases_procedure_received_on_submitter_key", "procedure", "received_on", "submitter_key"),
        # The dashboard's open work.
        Index(
            "ix_cases_open_by_state",
            "procedure",
            "state",
            postgresql_where=text("state <> 'closed'"),
            sqlite_where=text("state <> 'closed'"),
        ),
        # The staff case list's order: possible safeguarding concerns first, then the newest (portal.data.queries
        # .queues). The case list's search has trigram indexes on PostgreSQL, made by the migration alone.
        Index("ix_cases_list_order", "safeguarding_flag", "received_on", "id"),
        # The list's other orders are read from indexes too. Possible safeguarding concerns come first whichever way
        # an order runs, so an order that runs ascending has an index of its own with the flag descending (*_mixed,
        # made by their migration alone, as SQLite cannot reflect them to compare).
        Index("ix_cases_list_by_reference", "safeguarding_flag", "reference", "id"),
        Index("ix_cases_state", "state"),
        # The due-soon queue: only open cases have a deadline (portal.data.next_due).
        Index(
            "ix_cases_next_due_on",
            "next_due_on",
            postgresql_where=text("next_due_on IS NOT NULL"),
            sqlite_where=text("next_due_on IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[FeedbackKind] = enum_column(FeedbackKind)
    procedure: Mapped[Procedure | None] = enum_column(Procedure, nullable=True)
    state: Mapped[CaseState] = enum_column(CaseState, default=CaseState.RECEIVED)
    channel: Mapped[Channel] = enum_column(Channel)
    received_on: Mapped[date] = mapped_column(Date)
    # Indexed for the case list's search, which finds the people first and then their cases.
    submitter_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    made_by_child: Mapped[bool] = mapped_column(Boolean, default=False)
    on_behalf_of_child: Mapped[bool] = mapped_column(Boolean, default=False)
    summary: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    desired_outcome: Mapped[str | None] = mapped_column(Text)
    happened_on: Mapped[date | None] = mapped_column(Date)
    happened_when_text: Mapped[str | None] = mapped_column(String(200))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    worker_name: Mapped[str | None] = mapped_column(String(200))
    raised_before: Mapped[bool | None] = mapped_column(Boolean)
    previous_reference: Mapped[str | None] = mapped_column(String(40))
    wants_advocacy_information: Mapped[bool | None] = mapped_column(Boolean)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    safeguarding_flag: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    safeguarding_matches: Mapped[list] = mapped_column(JSON, default=list)
    screening_reason: Mapped[str | None] = mapped_column(Text)
    screening: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
    screened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    screened_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    acknowledgement_method: Mapped[str | None] = mapped_column(String(20))
    responding_manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    acknowledgement_due_on: Mapped[date | None] = mapped_column(Date)
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    # The date the person's receipt promised a reply by: a comment's response date.
    response_due_on: Mapped[date | None] = mapped_column(Date)
    # The case's next deadline, worked out by the database whenever the case or its stage records are written
    # (portal.data.next_due): what the case list's due-soon queue and due date order read.
    next_due_on: Mapped[date | None] = mapped_column(Date)
    # Regulation 8: why the case is on hold (told to the complainant), which proceedings, and where it was held from.
    # The hold's own stage record holds the day it began and its review date.
    hold_reason: Mapped[str | None] = mapped_column(Text)
    hold_proceedings: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    # What the person following the case online may see while it is on hold or has a safeguarding flag, as staff
    # chose (portal.domain.tracking.SHAREABLE); nothing but the messages sent to them until staff choose.
    tracking_shared: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    held_from: Mapped[str | None] = mapped_column(String(40))
    # The furthest stage whose response has been sent: what a closed case, or one with the Ombudsman, may go on to
    # (portal.domain.moves). Kept by portal.case_moves.moving with every move.
    progress: Mapped[Progress] = enum_column(Progress, default=Progress.NONE, server_default=Progress.NONE.value)
    # The service area the annual report counts the case under (issue 11, item 2).
    service_area_id: Mapped[int | None] = mapped_column(ForeignKey("service_areas.id"))
    closure: Mapped[Closure | None] = enum_column(Closure, nullable=True)
    # The case outcome, stored when it closes: derived from the points' findings (portal.domain.outcomes.case_outcome)
    # unless staff overrode it, in which case the reason is kept.
    finding: Mapped[Finding | None] = enum_column(Finding, nullable=True)
    outcome_override_reason: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None] = mapped_column(Date)
    # The Stage 1 response (a comment's answer; portal.domain.reporting.stage_1_answer): the day it was sent, the day
    # its clock started, the day it was due (or extended to) and whether it was extended. Kept from the case's stage
    # records whenever they change (portal.data.case_facts), so that the annual report's table 1 and Stage 1
    # timescales need not search the stage records of every case they count.
    stage_1_answered_on: Mapped[date | None] = mapped_column(Date)
    stage_1_clock_started_on: Mapped[date | None] = mapped_column(Date)
    stage_1_due_on: Mapped[date | None] = mapped_column(Date)
    stage_1_extended: Mapped[bool | None] = mapped_column(Boolean)
    # Who complained, as the annual report counts them: the submitter's role and their key for counting repeat
    # complainants (portal.domain.reporting.complainant_key), kept from the submitter whenever either changes
    # (portal.data.case_facts), so that a report need not look up the submitter of every case it counts.
    submitter_role: Mapped[SubmitterRole | None] = enum_column(SubmitterRole, nullable=True)
    submitter_key: Mapped[str | None] = mapped_column(String(320))
    # The key of the row a case came from when it was imported from another system (portal.reporting.importing):
    # importing the same file again finds it and adds nothing.
    external_key: Mapped[str | None] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    submitter: Mapped[Person | None] = relationship()
    team: Mapped[Team | None] = relationship()
    service_area: Mapped[ServiceArea | None] = relationship()
    responding_manager: Mapped[StaffUser | None] = relationship(foreign_keys=[responding_manager_id])
    screened_by: Mapped[StaffUser | None] = relationship(foreign_keys=[screened_by_id])
    recorded_by: Mapped[StaffUser | None] = relationship(foreign_keys=[recorded_by_id])
    assignments: Mapped[list[CaseAssignment]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseAssignment.id"
    )
    # Staff the complaint is about: they may not be allocated it, assigned to it or open it.
    named_staff: Mapped[list[StaffUser]] = relationship(secondary="case_named_staff", order_by="StaffUser.name")
    children: Mapped[list[CaseChild]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseChild.id"
    )
    themes: Mapped[list[Theme]] = relationship(secondary=case_themes, order_by="[Theme.position, Theme.id]")
    points: Mapped[list[ComplaintPoint]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="ComplaintPoint.number"
    )
    stages: Mapped[list[StageRecord]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="StageRecord.started_on"
    )
    remedies: Mapped[list[Remedy]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Remedy.id"
    )
    letters: Mapped[list[ResponseLetter]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="ResponseLetter.id"
    )
    advocacy_referrals: Mapped[list[AdvocacyReferral]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="AdvocacyReferral.id"
    )
    equalities: Mapped[EqualitiesAnswers | None] = relationship(back_populates="case", cascade="all, delete-orphan")
    notes: Mapped[list[CaseNote]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseNote.created_at"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Attachment.id"
    )


class CaseAssignment(db.Model):
    """A member of staff given a case beyond its responding manager, such as an external Stage 2 investigator."""

    __tablename__ = "case_assignments"
    __table_args__ = (UniqueConstraint("case_id", "staff_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    created_at: Mapped[datetime] = created_at_column()

    case: Mapped[Case] = relationship(back_populates="assignments")
    staff_user: Mapped[StaffUser] = relationship()


case_named_staff = Table(
    "case_named_staff",
    db.Model.metadata,
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("staff_user_id", ForeignKey("staff_users.id"), primary_key=True, index=True),
)


class CaseChild(db.Model):
    """A child or young person the case is about."""

    __tablename__ = "case_children"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(200))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    age: Mapped[int | None] = mapped_column(Integer)
    care_status: Mapped[str | None] = mapped_column(String(40))
    knows_and_agrees: Mapped[str | None] = mapped_column(String(40))

    case: Mapped[Case] = relationship(back_populates="children")


class ComplaintPoint(db.Model):
    """One numbered point of a defined complaint; each gets its own finding at each stage (``findings``). ``finding``
    is the latest stage's, kept beside them for the lists and reports that count points."""

    __tablename__ = "complaint_points"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    finding: Mapped[Finding | None] = enum_column(Finding, nullable=True)
    finding_notes: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="points")
    findings: Mapped[list[PointFinding]] = relationship(
        back_populates="point", cascade="all, delete-orphan", order_by="PointFinding.stage"
    )


class StageRecord(db.Model):
    """A timed step of a case: the state it was in, the step of the procedure that state works towards, and that
    step's clock (portal.domain.clocks). The case-moving service (portal.case_moves.moving) adds one row each time a
    case enters a state, and completes it when it leaves.

    - ``started_on``: the day the step began; ``clock_started_on``: the day of the event its clock counts from (day 1
      is the next working day). A clock may wait for its event: a corporate Stage 1 row has none until the
      complaint is acknowledged (Complaint Handling Code).
    - ``due_on``: the due date when the clock started; ``latest_due_on``: the latest date any extension may reach;
      ``extended_to``: the due date an agreed extension moved it to (``extensions`` holds each one).
    - ``completed_on``: the day the clock stopped; ``completed_by``: the event that completed the step, or ``None``
      when it stopped for another reason (closed, held, screened again), so its timescale cannot be judged.
    - A hold has a row of its own with no ``step``, whose ``due_on`` is the hold's review date (regulation 8).

    The acknowledgement is timed on the case itself (``Case.acknowledgement_due_on``), because its clock runs from
    receipt, before screening has chosen a procedure.
    """

    __tablename__ = "stage_records"
    __table_args__ = (
        # The timescales count steps completed in a period, from the index alone.
        Index(
            "ix_stage_records_completed_on",
            "completed_on",
            "completed_by",
            "step",
            "procedure",
            "due_on",
            "extended_to",
            "clock_started_on",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    state: Mapped[CaseState] = enum_column(CaseState)
    procedure: Mapped[Procedure | None] = enum_column(Procedure, nullable=True)
    step: Mapped[TimescaleStep | None] = enum_column(TimescaleStep, nullable=True)
    started_on: Mapped[date] = mapped_column(Date)
    clock_started_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    latest_due_on: Mapped[date | None] = mapped_column(Date)
    extended_to: Mapped[date | None] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    completed_by: Mapped[ClockEvent | None] = enum_column(ClockEvent, nullable=True)
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    finding: Mapped[Finding | None] = enum_column(Finding, nullable=True)
    cost_pence: Mapped[int | None] = mapped_column(Integer)

    case: Mapped[Case] = relationship(back_populates="stages")
    handler: Mapped[StaffUser | None] = relationship()
    extensions: Mapped[list[Extension]] = relationship(
        back_populates="stage_record", cascade="all, delete-orphan", order_by="Extension.id"
    )

    @property
    def current_due_on(self) -> date | None:
        """The date the step is due by now: the extended date if it was extended."""
        return self.extended_to or self.due_on


class Remedy(db.Model):
    """Something the council does to put things right, at a stage or because the Ombudsman asked (domain.md section
    5); a financial payment carries its amount in pence."""

    __tablename__ = "remedies"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    stage: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[RemedyKind] = enum_column(RemedyKind)
    description: Mapped[str | None] = mapped_column(Text)
    amount_pence: Mapped[int | None] = mapped_column(Integer)
    due_on: Mapped[date | None] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    # A remedy the Ombudsman asked for, tracked until the council has evidenced it (domain.md section 5).
    ombudsman_case_id: Mapped[int | None] = mapped_column(ForeignKey("ombudsman_cases.id", ondelete="CASCADE"))
    evidence: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="remedies")
    ombudsman_case: Mapped[OmbudsmanCase | None] = relationship(back_populates="remedies")


class AdvocacyReferral(db.Model):
    __tablename__ = "advocacy_referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    provider: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[AdvocacyStatus] = enum_column(AdvocacyStatus, default=AdvocacyStatus.REQUESTED)
    offered_on: Mapped[date | None] = mapped_column(Date)
    requested_on: Mapped[date | None] = mapped_column(Date)
    referred_on: Mapped[date | None] = mapped_column(Date)
    responded_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="advocacy_referrals")


class EqualitiesAnswers(db.Model):
    """Optional monitoring answers, kept apart from the case because they are special category data."""

    __tablename__ = "equalities_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    ethnicity: Mapped[str | None] = mapped_column(String(60))
    gender: Mapped[str | None] = mapped_column(String(60))
    disability: Mapped[str | None] = mapped_column(String(60))

    case: Mapped[Case] = relationship(back_populates="equalities")


class CaseNote(db.Model):
    """An internal note, or a message to the complainant when `shared_with_complainant` is set."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    body: Mapped[str] = mapped_column(Text)
    shared_with_complainant: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = created_at_column()

    case: Mapped[Case] = relationship(back_populates="notes")
    author: Mapped[StaffUser | None] = relationship()


class Attachment(db.Model):
    """A file kept by the storage backend under `storage_key`; never served from static/.

    While someone is still filling in a form the file belongs to their draft; on submission it moves to the case.
    """

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(200), unique=True)
    # portal.uploads.scanning.ScanStatus: a quarantined file is kept but given to nobody until it has been scanned.
    scan_status: Mapped[str] = mapped_column(String(20), default="not_scanned", server_default="not_scanned")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = created_at_column()

    case: Mapped[Case | None] = relationship(back_populates="attachments")


class Draft(db.Model):
    """A form someone has started: answers are kept here as each page is saved, until it is sent or expires."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    journey: Mapped[str] = mapped_column(String(40))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    resume_email: Mapped[str | None] = mapped_column(String(320))
    resume_nonce: Mapped[str | None] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    # Not delete-orphan: on submission the files move to the case and must outlive the draft.
    attachments: Mapped[list[Attachment]] = relationship(cascade="all", order_by="Attachment.id")
    submitted_case: Mapped[Case | None] = relationship()


# Audit and notifications ------------------------------------------------------------------------------------------


class AuditEvent(db.Model):
    """Who saw or changed what, and when. Written once: neither the application nor the database lets it change."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # The case as a plain number and its reference, with no foreign key: deleting a case must never change or
    # remove its audit. The database refuses UPDATE and DELETE on this table (see docs/audit-retention.md).
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    case_reference: Mapped[str | None] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(80))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped[StaffUser | None] = relationship()


class AuditRecordImmutable(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_audit_changes(mapper, connection, target) -> None:
    raise AuditRecordImmutable("Audit events are written once and never changed or deleted")


class OutboxMessage(db.Model):
    """A message waiting to be sent, committed with the change that caused it and retried until it goes."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    channel: Mapped[MessageChannel] = enum_column(MessageChannel)
    recipient: Mapped[str] = mapped_column(String(320))
    template: Mapped[str] = mapped_column(String(80))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    personalisation: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[OutboxStatus] = enum_column(OutboxStatus, default=OutboxStatus.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = created_at_column()


# The Participation Team's records, learning and reminders, the stages' findings, extensions and letters, and the later
# steps (mediation, Stage 2, the review panel, the Ombudsman) live in modules of their own; importing them registers
# them with the metadata.
from portal.data import case_facts, learning_models, participation_models, report_models  # noqa: E402,F401
from portal.data.escalation_models import (  # noqa: E402,F401
    Mediation,
    OmbudsmanCase,
    Recommendation,
    ReviewPanel,
    ReviewPanelMember,
    Stage2,
)
from portal.data.stage_models import Extension, PointFinding, ResponseLetter  # noqa: E402,F401
from portal.data.tracking_models import TrackingSignIn  # noqa: E402,F401
