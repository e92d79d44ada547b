"""Today's date and the time now: the one clock every route, service and command reads.

Statutory clocks count English working days, so the day turns over at midnight in the UK, whatever time zone the
server runs in. Stored times are UTC.

The clock can be moved for an app (`set_today`): tests stand on 24 December or Maundy Thursday that way, and the
clock runs on from there as it would on that day. Domain rules never read the clock: they are given `today`.
"""

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

UK = ZoneInfo("Europe/London")
# How far this app's clock is from the real one (a timedelta); absent in real use.
OFFSET_SETTING = "CLOCK_OFFSET"


def utc_now() -> datetime:
    return _now(current_app.config if has_app_context() else {})


def uk_today() -> date:
    return utc_now().astimezone(UK).date()


def uk_today_for(config: Mapping) -> date:
    """Today in the UK by the clock of the app with this `config`, for code outside the app's context (a WSGI
    middleware)."""
    return _now(config).astimezone(UK).date()


def _now(config: Mapping) -> datetime:
    return datetime.now(UTC) + (config.get(OFFSET_SETTING) or timedelta(0))


def set_today(config: dict, day: date, at: time = time(10, 0)) -> None:
    """Moves the clock of the app with this `config` so that it is now `at` o'clock UK time on `day`."""
    config[OFFSET_SETTING] = datetime.combine(day, at, tzinfo=UK) - datetime.now(UTC)


def reset(config: dict) -> None:
    """Puts the app's clock back to the real time."""
    config.pop(OFFSET_SETTING, None)
