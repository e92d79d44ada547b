"""What the reports keep besides the cases: the words staff write for an annual report and the examples they chose,
the Children in Need census figures the ethnicity table compares with, and the working-day calendar the report's
queries count working days with. Imported by `portal.data.models`, so the metadata always holds them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.database import db
from portal.data.models import StaffUser, UTCDateTime, utc_now


class AnnualReportText(db.Model):
    """What staff write for the annual report of one period: the introduction, the learning section's words and
    the commentary (HTML cleaned by portal.common.sanitise.clean_html), the compliments chosen as anonymised examples
    (their published or approved anonymised wording), and the learning records chosen as examples, each with the
    complaint described in words that name nobody."""

    __tablename__ = "annual_report_texts"
    __table_args__ = (UniqueConstraint("first_day", "last_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    introduction: Mapped[str] = mapped_column(Text, default="")
    learning_text: Mapped[str] = mapped_column(Text, default="")
    commentary: Mapped[str] = mapped_column(Text, default="")
    compliment_ids: Mapped[list] = mapped_column(JSON, default=list)
    # [{"record_id": 12, "complaint": "A parent was not told ..."}]
    learning_examples: Mapped[list] = mapped_column(JSON, default=list)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    updated_by: Mapped[StaffUser | None] = relationship()


class CensusFigure(db.Model):
    """How many children of one ethnic group were in the Children in Need census for a reporting year (the census
    of 2022 to 2023 belongs to the report of 2022/23): Sandwell's table 4 compares complainants with these."""

    __tablename__ = "census_figures"
    __table_args__ = (UniqueConstraint("year", "ethnic_group"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The year in which the reporting year starts: 2022 for 1 April 2022 to 31 March 2023.
    year: Mapped[int] = mapped_column(Integer)
    # A key of portal.domain.reporting.ETHNIC_GROUPS.
    ethnic_group: Mapped[str] = mapped_column(String(20))
    children: Mapped[int] = mapped_column(Integer)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)


class WorkingDayNumber(db.Model):
    """A calendar of numbered working days, so that the database can count working days between two dates as a
    subtraction: ``statutory`` numbers the working days of the 2006 Regulations (weekends and bank holidays off),
    ``council`` also skips the council's closure days. The working days after day A up to and including day B are
    ``number(B) - number(A)``, the convention of portal.domain.calendar.working_days_between. Rebuilt by
    portal.data.queries.report_calendar whenever the bank holidays or closure days it was built from change."""

    __tablename__ = "working_day_numbers"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    statutory: Mapped[int] = mapped_column(Integer)
    council: Mapped[int] = mapped_column(Integer)


class WorkingDayCalendarVersion(db.Model):
    """One row: a fingerprint of the days off the calendar above was built from, and its first and last days."""

    __tablename__ = "working_day_calendar_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
