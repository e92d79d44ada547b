"""The council's own settings: details, branding, closure days and timescale policy.

Pages read them through the per-process cache (`portal.data.settings_cache`): `council()`, `closure_dates()` and
`timescale_policy()`. Administrators change the row that `council_settings()` returns.
"""

from datetime import date
from types import SimpleNamespace

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import ClosureDay, CouncilSettings
from portal.data.settings_cache import cached, snapshot
from portal.domain.timescales import TimescalePolicy

SETTINGS_ROW_ID = 1


def council_settings() -> CouncilSettings:
    """Returns the council's settings row, to change, creating it with its defaults on first use."""
    settings = db.session.get(CouncilSettings, SETTINGS_ROW_ID)
    if settings is None:
        settings = CouncilSettings(id=SETTINGS_ROW_ID)
        db.session.add(settings)
        db.session.commit()
    return settings


def council() -> SimpleNamespace:
    """A read-only copy of the council's settings, from this process's cache."""
    return cached("council", lambda: snapshot(council_settings()))


def closure_days() -> list[ClosureDay]:
    return list(db.session.scalars(select(ClosureDay).order_by(ClosureDay.day)))


def closure_dates() -> frozenset[date]:
    return cached("closure_dates", lambda: frozenset(db.session.scalars(select(ClosureDay.day))))


def timescale_policy() -> TimescalePolicy:
    return cached(
        "timescale_policy",
        lambda: TimescalePolicy.default().with_overrides(dict(council().timescale_overrides or {})),
    )
