"""What the case history import reads and writes: which keys were imported before, the lists cases refer to by
name, and adding everything in one transaction (the caller commits or rolls back)."""

from collections.abc import Iterable

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Case, ServiceArea, Team, Theme
from portal.data.participation_models import Compliment
from portal.domain.types import ThemeScope

_CHUNK = 500


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def keys_already_imported(keys: Iterable[str]) -> set[str]:
    """The external keys among ``keys`` that a case or compliment already carries."""
    wanted, found = sorted(set(keys)), set()
    for chunk in _chunks(wanted):
        found.update(db.session.scalars(select(Case.external_key).where(Case.external_key.in_(chunk))))
        found.update(db.session.scalars(select(Compliment.external_key).where(Compliment.external_key.in_(chunk))))
    return found


def references_in_use(references: Iterable[str]) -> set[str]:
    wanted, found = sorted(set(references)), set()
    for chunk in _chunks(wanted):
        found.update(db.session.scalars(select(Case.reference).where(Case.reference.in_(chunk))))
    return found


def teams_by_name() -> dict[str, Team]:
    return {team.name.casefold(): team for team in db.session.scalars(select(Team))}


def service_areas_by_name() -> dict[str, ServiceArea]:
    return {area.name.casefold(): area for area in db.session.scalars(select(ServiceArea))}


def themes_by_name() -> dict[tuple[ThemeScope, str], Theme]:
    return {(theme.scope, theme.name.casefold()): theme for theme in db.session.scalars(select(Theme))}


def add(objects: Iterable[object]) -> None:
    """Adds imported cases, compliments and new list entries to the session and sends them to the database, inside
    the caller's transaction."""
    db.session.add_all(list(objects))
    db.session.flush()
