"""Themes: the categories a case can carry."""

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Theme
from portal.data.settings_cache import cached
from portal.domain.types import ThemeScope


def _active(scope: ThemeScope) -> list[Theme]:
    return list(
        db.session.scalars(
            select(Theme).where(Theme.scope == scope, Theme.active.is_(True)).order_by(Theme.position, Theme.name)
        )
    )


def children_themes() -> list[Theme]:
    """The council's active children's themes, in the order the council set."""
    return _active(ThemeScope.CHILDREN)


def children_theme_choices() -> tuple[tuple[str, str], ...]:
    """The active children's themes as (id, name) pairs for the children's form, from this process's cache."""
    return cached("children_theme_choices", lambda: tuple((str(theme.id), theme.name) for theme in children_themes()))


def complaint_themes(including: list[Theme] | None = None) -> list[Theme]:
    """The active complaint themes in the council's order, and any of ``including`` (a case's own) retired since."""
    active = _active(ThemeScope.COMPLAINT)
    return active + [theme for theme in including or [] if theme not in active]


def themes_by_ids(theme_ids: list[int], scope: ThemeScope = ThemeScope.CHILDREN) -> list[Theme]:
    """The themes of ``scope``'s list with these ids; ids of other lists' themes are left out."""
    if not theme_ids:
        return []
    return list(
        db.session.scalars(
            select(Theme).where(Theme.id.in_(theme_ids), Theme.scope == scope).order_by(Theme.position, Theme.name)
        )
    )
