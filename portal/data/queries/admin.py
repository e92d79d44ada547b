"""Reads and writes for the administrators' settings screens: teams, themes, closure days, templates, advocacy
providers and staff accounts. The council's single settings row is read with `settings.council_settings()`.

Nothing here commits: the admin services commit each change together with its audit event.
"""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.data.database import db
from portal.data.models import AdvocacyProvider, ClosureDay, MessageTemplate, ServiceArea, StaffUser, Team, Theme
from portal.domain.types import ThemeScope


def _named(model, name: str, excluding_id: int | None, *conditions):
    # The database lowers both sides: SQLite's lower() changes only ASCII letters, so Python's would not match it.
    query = select(model).where(func.lower(model.name) == func.lower(name.strip()), *conditions)
    if excluding_id is not None:
        query = query.where(model.id != excluding_id)
    return db.session.scalar(query)


# Service areas and teams ----------------------------------------------------------------------------------------------


def service_areas() -> list[ServiceArea]:
    return list(
        db.session.scalars(select(ServiceArea).options(selectinload(ServiceArea.teams)).order_by(ServiceArea.name))
    )


def service_area(area_id: int) -> ServiceArea | None:
    return db.session.get(ServiceArea, area_id)


def service_area_named(name: str, excluding_id: int | None = None) -> ServiceArea | None:
    return _named(ServiceArea, name, excluding_id)


def add_service_area(name: str) -> ServiceArea:
    area = ServiceArea(name=name, active=True)
    db.session.add(area)
    db.session.flush()
    return area


def teams_without_area() -> list[Team]:
    return list(db.session.scalars(select(Team).where(Team.service_area_id.is_(None)).order_by(Team.name)))


def all_teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name)))


def team(team_id: int) -> Team | None:
    return db.session.get(Team, team_id)


def team_named(name: str, excluding_id: int | None = None) -> Team | None:
    return _named(Team, name, excluding_id)


def add_team(name: str, area: ServiceArea | None, email: str | None) -> Team:
    new = Team(name=name, service_area=area, email=email, active=True)
    db.session.add(new)
    db.session.flush()
    return new


def active_teams_in(area: ServiceArea) -> list[Team]:
    return [member for member in area.teams if member.active]


# Themes ---------------------------------------------------------------------------------------------------------------


def themes(scope: ThemeScope) -> list[Theme]:
    """Every theme of one kind, active or not, in the order the public forms list them."""
    return list(db.session.scalars(select(Theme).where(Theme.scope == scope).order_by(Theme.position, Theme.id)))


def theme(scope: ThemeScope, theme_id: int) -> Theme | None:
    return db.session.scalar(select(Theme).where(Theme.scope == scope, Theme.id == theme_id))


def theme_named(scope: ThemeScope, name: str, excluding_id: int | None = None) -> Theme | None:
    return _named(Theme, name, excluding_id, Theme.scope == scope)


def add_theme(scope: ThemeScope, name: str) -> Theme:
    last = db.session.scalar(select(func.max(Theme.position)).where(Theme.scope == scope))
    new = Theme(scope=scope, name=name, position=(last if last is not None else -1) + 1, active=True)
    db.session.add(new)
    db.session.flush()
    return new


def set_theme_order(ordered: list[Theme]) -> None:
    """Numbers the themes 0..n-1 in the order given (positions carry no unique constraint)."""
    for position, item in enumerate(ordered):
        item.position = position
    db.session.flush()


def theme_counts() -> dict[ThemeScope, tuple[int, int]]:
    """For each kind: how many themes are active, and how many there are in all."""
    counts = {scope: (0, 0) for scope in ThemeScope}
    rows = db.session.execute(
        select(Theme.scope, Theme.active, func.count(Theme.id)).group_by(Theme.scope, Theme.active)
    )
    for scope, active, number in rows:
        active_count, total = counts[scope]
        counts[scope] = (active_count + (number if active else 0), total + number)
    return counts


# Closure days ---------------------------------------------------------------------------------------------------------


def closure_day(day_id: int) -> ClosureDay | None:
    return db.session.get(ClosureDay, day_id)


def closure_day_on(day: date) -> ClosureDay | None:
    return db.session.scalar(select(ClosureDay).where(ClosureDay.day == day))


def add_closure_day(day: date, description: str) -> ClosureDay:
    new = ClosureDay(day=day, description=description)
    db.session.add(new)
    db.session.flush()
    return new


def remove_closure_day(closure: ClosureDay) -> None:
    db.session.delete(closure)
    db.session.flush()


# Message and letter templates -----------------------------------------------------------------------------------------


def message_templates() -> list[MessageTemplate]:
    return list(db.session.scalars(select(MessageTemplate).order_by(MessageTemplate.name)))


def message_template(template_id: int) -> MessageTemplate | None:
    return db.session.get(MessageTemplate, template_id)


def message_template_keys() -> set[str]:
    return set(db.session.scalars(select(MessageTemplate.key)))


def add_message_template(key: str, name: str, subject: str, body: str) -> MessageTemplate:
    new = MessageTemplate(key=key, name=name, subject=subject, body=body)
    db.session.add(new)
    db.session.flush()
    return new


# Advocacy providers ---------------------------------------------------------------------------------------------------


def advocacy_providers() -> list[AdvocacyProvider]:
    return list(db.session.scalars(select(AdvocacyProvider).order_by(AdvocacyProvider.name)))


def advocacy_provider(provider_id: int) -> AdvocacyProvider | None:
    return db.session.get(AdvocacyProvider, provider_id)


def advocacy_provider_named(name: str, excluding_id: int | None = None) -> AdvocacyProvider | None:
    return _named(AdvocacyProvider, name, excluding_id)


def add_advocacy_provider(name: str, email: str | None, phone: str | None, for_children: bool) -> AdvocacyProvider:
    new = AdvocacyProvider(name=name, email=email, phone=phone, for_children=for_children, active=True)
    db.session.add(new)
    db.session.flush()
    return new


def children_advocacy_providers() -> list[AdvocacyProvider]:
    """Active providers for children that have an email address, so the portal can send them requests."""
    return list(
        db.session.scalars(
            select(AdvocacyProvider)
            .where(
                AdvocacyProvider.active.is_(True),
                AdvocacyProvider.for_children.is_(True),
                AdvocacyProvider.email.is_not(None),
                AdvocacyProvider.email != "",
            )
            .order_by(AdvocacyProvider.name)
        )
    )


# Staff accounts -------------------------------------------------------------------------------------------------------


def staff_users() -> list[StaffUser]:
    """Every account, active ones first, then by name."""
    return list(
        db.session.scalars(
            select(StaffUser)
            .options(selectinload(StaffUser.team))
            .order_by(StaffUser.active.desc(), func.lower(StaffUser.name), StaffUser.id)
        )
    )


def staff_user(user_id: int) -> StaffUser | None:
    return db.session.get(StaffUser, user_id)
