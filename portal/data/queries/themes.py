"""Themes: the categories a case can carry."""

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Theme
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
