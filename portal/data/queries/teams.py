"""Teams and service areas."""

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Team


def active_teams() -> list[Team]:
    return list(db.session.scalars(select(Team).where(Team.active.is_(True)).order_by(Team.name)))
