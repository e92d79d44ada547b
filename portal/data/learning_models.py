"""Learning from complaints and the daily reminders: learning records with their actions, and the reminders already
sent. Imported by `portal.data.models`, so the metadata always holds them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from portal.data.database import db
from portal.data.models import Case, StaffUser, Theme, UTCDateTime, created_at_column, enum_column, utc_now
from portal.domain.types import LearningActionStatus


class LearningRecord(db.Model):
    """What a case taught the council, in one category (domain.md section 8; a row of Dudley's learning table)."""

    __tablename__ = "learning_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    # A learning category: a theme of the learning list (ThemeScope.LEARNING), which administrators edit.
    category_id: Mapped[int] = mapped_column(ForeignKey("themes.id"), index=True)
    summary: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    case: Mapped[Case] = relationship(
        backref=backref("learning_records", cascade="all, delete-orphan", order_by="LearningRecord.id")
    )
    category: Mapped[Theme] = relationship()
    recorded_by: Mapped[StaffUser | None] = relationship()
    actions: Mapped[list[LearningAction]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="[LearningAction.due_on, LearningAction.id]"
    )


class LearningAction(db.Model):
    """Something to do because of a learning record: an owner, a due date, where it stands and, once done, the
    evidence (`portal.domain.learning`)."""

    __tablename__ = "learning_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("learning_records.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[LearningActionStatus] = enum_column(
        LearningActionStatus, default=LearningActionStatus.OPEN, index=True
    )
    evidence: Mapped[str | None] = mapped_column(Text)
    completed_on: Mapped[date | None] = mapped_column(Date)
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    recorded_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    record: Mapped[LearningRecord] = relationship(back_populates="actions")
    owner: Mapped[StaffUser] = relationship(foreign_keys=[owner_id])
    completed_by: Mapped[StaffUser | None] = relationship(foreign_keys=[completed_by_id])

    @property
    def procedure(self) -> None:
        """No procedure's clock: a learning action's due date counts bank holidays only (`reminders_due`)."""
        return None


class ReminderSent(db.Model):
    """One reminder emailed to one address on one day. The unique key is what stops the daily job sending the same
    reminder twice, even when two runs (or two servers) work at the same time: the second insert fails."""

    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("recipient", "item", "sent_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    # What it was about: "case:12:stage_1_response", "learning_action:5", or "summary" for the Complaints Team's.
    item: Mapped[str] = mapped_column(String(120))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    sent_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at_column()
