"""Working-day arithmetic for complaint timescales.

A working day is any day except Saturday, Sunday and the days in ``holidays``. The Children Act 1989
Representations Procedure (England) Regulations 2006 define a working day as any day except Saturday, Sunday,
Christmas Day, Boxing Day, Good Friday and bank holidays (regulation 2; domain.md section 4), so a council's own
closure days are working days for the statutory clocks; a council may count them out of its corporate and comment
clocks. The caller builds a ``WorkingCalendar`` once (England and Wales bank holidays, including one-off ones, and
the council's closure days apart) and ``portal.domain.workflow`` picks the set each procedure's clock skips:
nothing here reads the clock or the network.

Day-counting convention used throughout: a period of N working days starts the day after the event, so
"within 10 working days of receipt" ends on the 10th working day *after* the day of receipt (day 1 is the
first working day after it). This matches the way councils report timescales (Sandwell's Stage 2 table counts
from the terms-of-reference date to the closing date, domain.md section 4).
"""

from dataclasses import dataclass
from datetime import date, timedelta

Holidays = frozenset[date]

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5
_FRIDAY = 4


@dataclass(frozen=True)
class WorkingCalendar:
    """The days besides weekends that a council's clocks may skip, kept apart because the law treats them apart.

    ``bank_holidays`` (England and Wales, one-off ones included) are skipped by every clock. ``closure_days`` (the
    council's own, say 29 to 31 December) are working days under regulation 2 of the 2006 Regulations, so only the
    clocks whose policy counts them out skip them (``portal.domain.workflow.non_working_days``).
    """

    bank_holidays: Holidays = frozenset()
    closure_days: Holidays = frozenset()

    def days_off(self, skip_closure_days: bool) -> Holidays:
        """The days a clock skips: bank holidays, and the closure days too when ``skip_closure_days``."""
        return self.bank_holidays | self.closure_days if skip_closure_days else self.bank_holidays


def is_working_day(day: date, holidays: Holidays) -> bool:
    """Whether ``day`` is a working day: not a Saturday or Sunday and not in ``holidays``.

    Source: the 2006 Regulations' definition of a working day (domain.md section 4).
    """
    return day.weekday() < _SATURDAY and day not in holidays


def next_working_day(day: date, holidays: Holidays) -> date:
    """The first working day on or after ``day`` (``day`` itself when it is a working day).

    Useful to say when something received at a weekend or on a bank holiday is treated as received.
    Working days as in the 2006 Regulations (domain.md section 4).
    """
    while not is_working_day(day, holidays):
        day += _ONE_DAY
    return day


def add_working_days(start: date, n: int, holidays: Holidays) -> date:
    """The n-th working day strictly after ``start``: the due date of a timescale of n working days.

    Day 1 is the first working day after ``start``, whatever kind of day ``start`` is; ``n == 0`` returns
    ``start`` unchanged. A negative ``n`` raises ``ValueError``. Example: 10 working days from Friday
    18 December 2026 is Wednesday 6 January 2027 (25 and 28 December and 1 January are bank holidays).
    Source: domain.md section 4 (timescales in working days; 2006 Regulations).
    """
    if n < 0:
        raise ValueError(f"The number of working days cannot be negative (got {n}).")
    day = start
    remaining = n
    while remaining:
        # Jump over weekends arithmetically, then go on by as many working days as holidays were jumped over.
        target = _nth_weekday_after(day, remaining)
        remaining = _weekday_holidays_in(day, target, holidays)
        day = target
    return day


def working_days_between(start: date, end: date, holidays: Holidays) -> int:
    """The number of working days in the period after ``start`` up to and including ``end``; 0 if ``end <= start``.

    The inverse of ``add_working_days``: ``working_days_between(s, add_working_days(s, n, h), h) == n``. Use it for
    "working days taken" in reports (Sandwell's Stage 2 table: terms-of-reference date to closing date).
    Source: domain.md sections 4 and 10.
    """
    if end <= start:
        return 0
    return _weekdays_in(start, end) - _weekday_holidays_in(start, end, holidays)


def subtract_working_days(end: date, n: int, holidays: Holidays) -> date:
    """The n-th working day before ``end``: the latest working day ``d`` with ``working_days_between(d, end) == n``.

    ``n == 0`` returns ``end`` unchanged; negative ``n`` raises ``ValueError``. For "received 10 working days ago"
    in demonstration data and tests. Source: domain.md section 4 (working days).
    """
    if n < 0:
        raise ValueError("n must be zero or more")
    if n == 0:
        return end
    day, counted = end, 0
    while counted < n:
        counted += is_working_day(day, holidays)
        day -= timedelta(days=1)
    while not is_working_day(day, holidays):
        day -= timedelta(days=1)
    return day


def working_days_left(today: date, due: date, holidays: Holidays) -> int:
    """Working days until ``due`` as seen on ``today``: positive before the due date, 0 on it, negative after.

    Before the due date it is ``working_days_between(today, due)`` (1 means due on the next working day). After the
    due date it is minus the working days since then, so -1 on the first working day after the due date. On a
    non-working day straight after the due date the count is still 0, so test ``today > due`` to know whether
    a case is overdue and use this number for "due soon" warnings. Source: domain.md section 4 (deadline tracker).
    """
    if due >= today:
        return working_days_between(today, due, holidays)
    return -working_days_between(due, today, holidays)


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(day: date) -> str:
    """A date as people read it in GOV.UK style, e.g. "6 January 2027" (whatever the system locale)."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def one_year_after(day: date) -> date:
    """The same calendar date one year later; 29 February maps to 28 February.

    Used for the one-year time limit for making a complaint (regulation 9 of the 2006 Regulations; domain.md
    section 3): a complaint received on or before this date is in time. Calendar days, not working days.
    """
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 2, 28)


def _nth_weekday_after(start: date, n: int) -> date:
    """The n-th Monday-to-Friday day after ``start`` (n >= 1), ignoring holidays."""
    weekday = start.weekday()
    if weekday > _FRIDAY:
        # The weekdays after a Saturday or Sunday are the same as those after the Friday before it.
        start -= timedelta(days=weekday - _FRIDAY)
        weekday = _FRIDAY
    weeks, rest = divmod(n, 5)
    days = weeks * 7 + rest
    if weekday + rest > _FRIDAY:
        days += 2
    return start + timedelta(days=days)


def _weekdays_in(start: date, end: date) -> int:
    """The number of Monday-to-Friday days in the period after ``start`` up to and including ``end``."""
    weeks, rest = divmod((end - start).days, 7)
    first_weekday = start.weekday()
    extra = sum(1 for offset in range(1, rest + 1) if (first_weekday + offset) % 7 < _SATURDAY)
    return weeks * 5 + extra


def _weekday_holidays_in(start: date, end: date, holidays: Holidays) -> int:
    """The number of holidays falling Monday to Friday in the period after ``start`` up to and including ``end``."""
    span = (end - start).days
    if span <= len(holidays):
        days = (start + timedelta(days=offset) for offset in range(1, span + 1))
        return sum(1 for day in days if day in holidays and day.weekday() < _SATURDAY)
    return sum(1 for day in holidays if start < day <= end and day.weekday() < _SATURDAY)
