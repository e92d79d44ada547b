"""Builds the set of non-working days that the domain's working-day arithmetic is given.

England and Wales bank holidays come from the `holidays` package, one-off ones included (for example
2 and 3 June 2022, 19 September 2022 and 8 May 2023). The council's own closure days are added from the database.
"""

from datetime import date
from functools import cache

import holidays
from flask import g

from portal.data.queries import settings

FIRST_YEAR = 2010
LAST_YEAR = 2060


@cache
def england_and_wales_bank_holidays() -> frozenset[date]:
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    return frozenset(calendar.keys())


def council_non_working_days() -> frozenset[date]:
    """Bank holidays plus the council's closure days, read once per request."""
    if "non_working_days" not in g:
        g.non_working_days = england_and_wales_bank_holidays() | settings.closure_dates()
    return g.non_working_days
