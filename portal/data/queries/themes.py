"""Themes: the categories a case can carry."""

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Theme
from portal.data.settings_cache import cached
from portal.domain.types import ThemeScope


def children_themes() -> list[Theme]:
    """The council's active children's themes, in the order the council set."""
    return list(
        db.session.scalars(
            select(Theme)
            .where(Theme.scope == ThemeScope.CHILDREN, Theme.active.is_(True))
            .order_by(Theme.position, Theme.name)
        )
    )


def children_theme_choices() -> tuple[tuple[str, str], ...]:
    """The active children's themes as (id, name) pairs for the children's form, from this process's cache."""
    return cached("children_theme_choices", lambda: tuple((str(theme.id), theme.name) for theme in children_themes()))


def themes_by_ids(theme_ids: list[int]) -> list[Theme]:
    if not theme_ids:
        return []
    return list(
        db.session.scalars(
            select(Theme)
            .where(Theme.id.in_(theme_ids), Theme.scope == ThemeScope.CHILDREN)
            .order_by(Theme.position, Theme.name)
        )
    )
