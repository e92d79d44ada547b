"""Today's date where the council is. Statutory clocks count English working days, so the day turns over at
midnight in the UK, whatever time zone the server runs in."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def uk_today() -> date:
    return datetime.now(UK).date()
