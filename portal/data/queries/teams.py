"""Teams and service areas."""

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Team
from portal.data.settings_cache import cached


def active_teams() -> list[Team]:
    return list(db.session.scalars(select(Team).where(Team.active.is_(True)).order_by(Team.name)))


def active_team_choices() -> tuple[tuple[str, str], ...]:
    """The active teams as (id, name) pairs for the public forms, from this process's cache."""
    return cached("active_team_choices", lambda: tuple((str(team.id), team.name) for team in active_teams()))
