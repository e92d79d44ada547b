"""The numbered working-day calendar (`WorkingDayNumber`) that lets the database count working days by subtraction,
and the SQL that counts with it."""

import hashlib
from datetime import date, timedelta

from sqlalchemy import ColumnElement, case, delete, insert, select
from sqlalchemy.orm import aliased

from portal.data.database import db
from portal.data.report_models import WorkingDayCalendarVersion, WorkingDayNumber
from portal.domain.calendar import Holidays, is_working_day

_BATCH = 5000


def _fingerprint(bank_holidays: Holidays, closure_days: Holidays, first_day: date, last_day: date) -> str:
    text = "|".join(
        [
            first_day.isoformat(),
            last_day.isoformat(),
            ",".join(sorted(day.isoformat() for day in bank_holidays)),
            ",".join(sorted(day.isoformat() for day in closure_days)),
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()


def ensure_working_day_numbers(
    bank_holidays: Holidays, closure_days: Holidays, first_day: date, last_day: date
) -> None:
    """Builds the calendar from ``first_day`` to ``last_day`` unless it was already built from the same days off.

    ``statutory`` skips weekends and ``bank_holidays`` (regulation 2 of the 2006 Regulations); ``council`` skips the
    ``closure_days`` too. Commits, so that concurrent reports see a whole calendar.
    """
    fingerprint = _fingerprint(bank_holidays, closure_days, first_day, last_day)
    current = db.session.scalar(select(WorkingDayCalendarVersion))
    if current is not None and current.fingerprint == fingerprint:
        return
    db.session.execute(delete(WorkingDayNumber))
    rows, statutory, council, day = [], 0, 0, first_day
    while day <= last_day:
        if is_working_day(day, bank_holidays):
            statutory += 1
            council += day not in closure_days
        rows.append({"day": day, "statutory": statutory, "council": council})
        day += timedelta(days=1)
    for start in range(0, len(rows), _BATCH):
        db.session.execute(insert(WorkingDayNumber), rows[start : start + _BATCH])
    if current is None:
        db.session.add(WorkingDayCalendarVersion(fingerprint=fingerprint, first_day=first_day, last_day=last_day))
    else:
        current.fingerprint, current.first_day, current.last_day = fingerprint, first_day, last_day
    db.session.commit()


class WorkingDays:
    """Two aliases of the calendar joined to a query, one at each end of a span: ``between`` is the number of working
    days after ``start`` up to and including ``end`` (portal.domain.calendar.working_days_between)."""

    def __init__(self, start: ColumnElement[date], end: ColumnElement[date], skip_closure_days: ColumnElement[bool]):
        self.at_start = aliased(WorkingDayNumber)
        self.at_end = aliased(WorkingDayNumber)
        self.start, self.end, self.skip_closure_days = start, end, skip_closure_days

    def join(self, query):
        return query.outerjoin(self.at_start, self.at_start.day == self.start).outerjoin(
            self.at_end, self.at_end.day == self.end
        )

    @property
    def between(self) -> ColumnElement[int]:
        return case(
            (self.skip_closure_days, self.at_end.council - self.at_start.council),
            else_=self.at_end.statutory - self.at_start.statutory,
        )
