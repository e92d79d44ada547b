"""Cases: creating references, finding and listing cases."""

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.data.database import db
from portal.data.models import Case


def unused_reference(make_reference: Callable[[], str], attempts: int = 10) -> str:
    """A fresh reference not yet on any case. Collisions are vanishingly rare, but cheap to rule out."""
    for _ in range(attempts):
        reference = make_reference()
        if db.session.scalar(select(Case.id).where(Case.reference == reference)) is None:
            return reference
    raise RuntimeError("Could not find an unused case reference")


def add_case(case: Case) -> Case:
    """Adds a new case to the session and gives it an id; the caller audits and commits."""
    db.session.add(case)
    db.session.flush()
    return case


def case_by_id(case_id: int) -> Case | None:
    return db.session.get(Case, case_id)


def case_by_reference(reference: str) -> Case | None:
    return db.session.scalar(select(Case).where(Case.reference == reference))


def recent_cases(limit: int = 50, offset: int = 0) -> list[Case]:
    query = (
        select(Case)
        .options(selectinload(Case.submitter), selectinload(Case.team))
        .order_by(Case.safeguarding_flag.desc(), Case.created_at.desc(), Case.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(db.session.scalars(query))
