"""What the stages of a complaint record besides their clocks: extensions of a timed step, the finding on each
complaint point at each stage, and the response letters. Imported by `portal.data.models`, so the metadata always
holds them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.database import db
from portal.data.models import (
    Case,
    ComplaintPoint,
    OutboxMessage,
    StaffUser,
    StageRecord,
    UTCDateTime,
    created_at_column,
    enum_column,
)
from portal.domain.types import Finding, LetterStatus, Procedure, TimescaleStep


class Extension(db.Model):
    """An agreed extension of a timed step (portal.domain.extensions): the due date before and after, the reason the
    complainant is told, who agreed it and when, and when and how the complainant was told."""

    __tablename__ = "extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_record_id: Mapped[int] = mapped_column(ForeignKey("stage_records.id", ondelete="CASCADE"), index=True)
    previous_due_on: Mapped[date] = mapped_column(Date)
    new_due_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    granted_on: Mapped[date] = mapped_column(Date)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    complainant_told_on: Mapped[date | None] = mapped_column(Date)
    # portal.casework.messaging's method: email, text or letter.
    told_by: Mapped[str | None] = mapped_column(String(20))
    outbox_message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_messages.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = created_at_column()

    stage_record: Mapped[StageRecord] = relationship(back_populates="extensions")
    granted_by: Mapped[StaffUser | None] = relationship()


class PointFinding(db.Model):
    """The finding on one complaint point at one stage (1, 2 or 3): a point's finding can differ from stage to stage
    (domain.md section 5)."""

    __tablename__ = "point_findings"
    __table_args__ = (UniqueConstraint("point_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("complaint_points.id", ondelete="CASCADE"), index=True)
    stage: Mapped[int] = mapped_column(Integer)
    finding: Mapped[Finding] = enum_column(Finding)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    recorded_on: Mapped[date] = mapped_column(Date)

    point: Mapped[ComplaintPoint] = relationship(back_populates="findings")
    recorded_by: Mapped[StaffUser | None] = relationship()


class ResponseLetter(db.Model):
    """A response to the complainant (portal.casework.response_letters): drafted from the council's template for its
    ``kind``, edited by staff, quality-checked by the Complaints Team where that is needed, then sent by email
    through the outbox or posted as a PDF. ``step`` is the timed step that sending it completes."""

    __tablename__ = "response_letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(60))
    procedure: Mapped[Procedure] = enum_column(Procedure)
    step: Mapped[TimescaleStep] = enum_column(TimescaleStep)
    stage: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[LetterStatus] = enum_column(LetterStatus, default=LetterStatus.DRAFT, index=True)
    subject: Mapped[str] = mapped_column(String(300))
    # Plain text as staff wrote it; {placeholders} still in it are filled in when it is sent.
    body: Mapped[str] = mapped_column(Text)
    drafted_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    drafted_at: Mapped[datetime] = created_at_column()
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What the checker asked to change when they sent it back.
    check_comments: Mapped[str | None] = mapped_column(Text)
    sent_on: Mapped[date | None] = mapped_column(Date)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    method: Mapped[str | None] = mapped_column(String(20))
    # The words as they went, placeholders filled in.
    sent_body: Mapped[str | None] = mapped_column(Text)
    outbox_message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_messages.id", ondelete="SET NULL"))

    case: Mapped[Case] = relationship(back_populates="letters")
    drafted_by: Mapped[StaffUser | None] = relationship(foreign_keys=[drafted_by_id])
    checked_by: Mapped[StaffUser | None] = relationship(foreign_keys=[checked_by_id])
    sent_by: Mapped[StaffUser | None] = relationship(foreign_keys=[sent_by_id])
    outbox_message: Mapped[OutboxMessage | None] = relationship()
