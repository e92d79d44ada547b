"""The council's own settings: details, branding, closure days and timescale policy."""

from datetime import date

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import ClosureDay, CouncilSettings
from portal.domain.timescales import TimescalePolicy

SETTINGS_ROW_ID = 1


def council_settings() -> CouncilSettings:
    """Returns the council's settings, creating the row with its defaults on first use."""
    settings = db.session.get(CouncilSettings, SETTINGS_ROW_ID)
    if settings is None:
        settings = CouncilSettings(id=SETTINGS_ROW_ID)
        db.session.add(settings)
        db.session.commit()
    return settings


def closure_days() -> list[ClosureDay]:
    return list(db.session.scalars(select(ClosureDay).order_by(ClosureDay.day)))


def closure_dates() -> frozenset[date]:
    return frozenset(db.session.scalars(select(ClosureDay.day)))


def timescale_policy() -> TimescalePolicy:
    return TimescalePolicy.default().with_overrides(council_settings().timescale_overrides or {})
