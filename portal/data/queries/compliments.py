"""The compliments register: reads and writes, the published ones, and the counts for the dashboard and the annual
report (`compliment_counts`, for the reporting pages to call)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.data.database import db
from portal.data.models import StaffUser, Team
from portal.data.participation_models import Compliment
from portal.domain.compliments import ComplimentSource
from portal.domain.types import StaffRole

NO_TEAM = "No team given"

_DETAILS = (
    selectinload(Compliment.teams),
    selectinload(Compliment.staff_named),
    selectinload(Compliment.case),
    selectinload(Compliment.approved_by),
)


def register_page(limit: int, offset: int) -> tuple[list[Compliment], int]:
    """One page of the register, most recently received first, and how many there are in all."""
    total = db.session.scalar(select(func.count()).select_from(Compliment)) or 0
    rows = db.session.scalars(
        select(Compliment)
        .options(*_DETAILS)
        .order_by(Compliment.received_on.desc(), Compliment.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(rows), total


def compliment(compliment_id: int) -> Compliment | None:
    return db.session.scalar(select(Compliment).where(Compliment.id == compliment_id).options(*_DETAILS))


def compliment_for_case(case_id: int) -> Compliment | None:
    return db.session.scalar(select(Compliment).where(Compliment.case_id == case_id))


def add_compliment(new: Compliment) -> Compliment:
    db.session.add(new)
    db.session.flush()
    return new


def published(limit: int = 100) -> list[Compliment]:
    """Published compliments, newest first."""
    return list(
        db.session.scalars(
            select(Compliment)
            .where(Compliment.published_at.is_not(None))
            .order_by(Compliment.published_at.desc(), Compliment.id.desc())
            .limit(limit)
        )
    )


def teams_by_ids(team_ids: list[int]) -> list[Team]:
    if not team_ids:
        return []
    return list(db.session.scalars(select(Team).where(Team.id.in_(team_ids)).order_by(Team.name)))


def team_managers(teams: list[Team]) -> list[StaffUser]:
    """The active responding managers (team managers, domain.md section 1) of the teams."""
    if not teams:
        return []
    return list(
        db.session.scalars(
            select(StaffUser)
            .where(
                StaffUser.team_id.in_([team.id for team in teams]),
                StaffUser.role == StaffRole.RESPONDING_MANAGER,
                StaffUser.active.is_(True),
            )
            .order_by(StaffUser.name)
        )
    )


@dataclass(frozen=True)
class ComplimentCounts:
    """Compliments received in a period, counted by team, by source and by month.

    A compliment for two teams counts once for each team, so the team counts can add up to more than `total`.
    """

    total: int
    internal: int
    by_team: list[tuple[str, int]]
    by_source: list[tuple[ComplimentSource, int]]
    by_month: list[tuple[date, int]]

    @property
    def external(self) -> int:
        return self.total - self.internal


def compliment_counts(first_day: date, last_day: date) -> ComplimentCounts:
    """Counts of the compliments received from `first_day` to `last_day`, both included: for the dashboard and the
    annual report. Months with none are listed with 0; teams and sources with none are left out."""
    rows = list(
        db.session.scalars(
            select(Compliment)
            .where(Compliment.received_on.between(first_day, last_day))
            .options(selectinload(Compliment.teams))
        )
    )
    teams: Counter[str] = Counter()
    for row in rows:
        teams.update([team.name for team in row.teams] or [NO_TEAM])
    sources = Counter(row.source for row in rows)
    months = Counter(row.received_on.replace(day=1) for row in rows)
    every_month = []
    month = first_day.replace(day=1)
    while month <= last_day:
        every_month.append((month, months.get(month, 0)))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return ComplimentCounts(
        total=len(rows),
        internal=sum(1 for row in rows if row.internal),
        by_team=sorted(teams.items(), key=lambda item: (-item[1], item[0])),
        by_source=[(source, sources[source]) for source in ComplimentSource if sources[source]],
        by_month=every_month,
    )
