"""Builds the council's working calendar that the domain's deadline rules are given.

England and Wales bank holidays come from the `holidays` package, one-off ones included (for example
2 and 3 June 2022, 19 September 2022 and 8 May 2023). The council's own closure days come from the database and are
kept apart: regulation 2 of the 2006 Regulations counts them as working days, so the domain skips them only in the
clocks whose policy says so (`portal.domain.workflow.non_working_days`), never in a statutory one.
"""

from datetime import date
from functools import cache

import holidays
from flask import g

from portal.data.queries import settings
from portal.domain.calendar import Holidays, WorkingCalendar
from portal.domain.types import FeedbackKind, Procedure
from portal.domain.workflow import non_working_days

FIRST_YEAR = 2010
LAST_YEAR = 2060


@cache
def england_and_wales_bank_holidays() -> frozenset[date]:
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    return frozenset(calendar.keys())


def council_calendar() -> WorkingCalendar:
    """Bank holidays and the council's closure days, read once per request."""
    if "working_calendar" not in g:
        g.working_calendar = WorkingCalendar(
            bank_holidays=england_and_wales_bank_holidays(), closure_days=settings.closure_dates()
        )
    return g.working_calendar


def non_working_days_for(procedure_or_kind: Procedure | FeedbackKind | None) -> Holidays:
    """The days besides weekends that the clocks of this procedure (or kind of feedback, before screening) skip,
    for counting working days left or taken: closure days only where the council's policy counts them out."""
    return non_working_days(procedure_or_kind, settings.timescale_policy(), council_calendar())
