"""The Participation Team's records: follow-ups when a case closes and their one-time survey links, the contact log,
and the compliments register. Imported by `portal.data.models`, so the metadata always holds them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.database import db
from portal.data.models import Case, StaffUser, Team, UTCDateTime, created_at_column, enum_column
from portal.domain.closing_the_loop import AnswerMethod, Audience, ContactMethod, Feeling, FollowUpStatus
from portal.domain.compliments import ComplimentSource
from portal.domain.types import Channel, MessageChannel

# Closing the loop ---------------------------------------------------------------------------------------------------


class FollowUp(db.Model):
    """Asking someone, once their case has closed, how it went: created by `portal.common.closing.case_closed`."""

    __tablename__ = "follow_ups"
    __table_args__ = (UniqueConstraint("case_id", "audience", "closed_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    audience: Mapped[Audience] = enum_column(Audience)
    status: Mapped[FollowUpStatus] = enum_column(FollowUpStatus, default=FollowUpStatus.TO_DO, index=True)
    closed_on: Mapped[date] = mapped_column(Date)
    asked_on: Mapped[date | None] = mapped_column(Date, index=True)
    reminder_wanted: Mapped[bool] = mapped_column(Boolean, default=True)
    reminded_on: Mapped[date | None] = mapped_column(Date)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_via: Mapped[AnswerMethod | None] = enum_column(AnswerMethod, nullable=True)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    comment: Mapped[str | None] = mapped_column(Text)
    feeling: Mapped[Feeling | None] = enum_column(Feeling, nullable=True)
    advocate_provider: Mapped[str | None] = mapped_column(String(200))
    marked_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = created_at_column()

    case: Mapped[Case] = relationship()
    recorded_by: Mapped[StaffUser | None] = relationship()
    links: Mapped[list[SurveyLink]] = relationship(
        back_populates="follow_up", cascade="all, delete-orphan", order_by="SurveyLink.created_at"
    )


class SurveyLink(db.Model):
    """A one-time link to the survey. Only a hash of its token is kept, so the database cannot give the link away."""

    __tablename__ = "survey_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_ups.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[MessageChannel] = enum_column(MessageChannel)
    recipient: Mapped[str] = mapped_column(String(320))
    reminder: Mapped[bool] = mapped_column(Boolean, default=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = created_at_column()

    follow_up: Mapped[FollowUp] = relationship(back_populates="links")


class ContactLogEntry(db.Model):
    """A call, visit or message between the Participation Team and the child a case is about."""

    __tablename__ = "contact_log_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    contacted_on: Mapped[date] = mapped_column(Date)
    method: Mapped[ContactMethod] = enum_column(ContactMethod)
    rights_explained: Mapped[bool] = mapped_column(Boolean, default=False)
    process_explained: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = created_at_column()

    staff_user: Mapped[StaffUser | None] = relationship()


# Compliments --------------------------------------------------------------------------------------------------------

compliment_teams = Table(
    "compliment_teams",
    db.Model.metadata,
    Column("compliment_id", ForeignKey("compliments.id", ondelete="CASCADE"), primary_key=True),
    Column("team_id", ForeignKey("teams.id"), primary_key=True),
)


class Compliment(db.Model):
    """A compliment however it came, recorded by staff or sent through the portal (then `case` is the case)."""

    __tablename__ = "compliments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"), unique=True)
    received_on: Mapped[date] = mapped_column(Date, index=True)
    source: Mapped[ComplimentSource] = enum_column(ComplimentSource)
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    channel: Mapped[Channel] = enum_column(Channel)
    giver_name: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    children_named: Mapped[str | None] = mapped_column(Text)
    others_named: Mapped[str | None] = mapped_column(Text)
    may_share: Mapped[bool | None] = mapped_column(Boolean)
    may_publish: Mapped[bool | None] = mapped_column(Boolean)
    anonymised_text: Mapped[str | None] = mapped_column(Text)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = created_at_column()

    case: Mapped[Case | None] = relationship()
    teams: Mapped[list[Team]] = relationship(secondary=compliment_teams, order_by="Team.name")
    staff_named: Mapped[list[ComplimentStaff]] = relationship(
        back_populates="compliment", cascade="all, delete-orphan", order_by="ComplimentStaff.id"
    )
    approved_by: Mapped[StaffUser | None] = relationship(foreign_keys=[approved_by_id])
    recorded_by: Mapped[StaffUser | None] = relationship(foreign_keys=[recorded_by_id])


class ComplimentStaff(db.Model):
    """A member of staff a compliment names. Many have no account here, so the name and email are kept as given."""

    __tablename__ = "compliment_staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    compliment_id: Mapped[int] = mapped_column(ForeignKey("compliments.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))

    compliment: Mapped[Compliment] = relationship(back_populates="staff_named")
