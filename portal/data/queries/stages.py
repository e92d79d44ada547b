"""Reads and writes for the stages of a complaint: response letters, findings per point per stage, remedies,
extensions of timed steps, and the service areas Stage 1 chooses from.

Nothing here commits: the services commit each change with its audit event through `portal.data.transaction`.
"""

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Case, ComplaintPoint, Remedy, ServiceArea, StageRecord
from portal.data.stage_models import Extension, PointFinding, ResponseLetter
from portal.domain.types import LetterStatus

# Response letters -----------------------------------------------------------------------------------------------------


def letter_of(case: Case, letter_id: int) -> ResponseLetter | None:
    """One of the case's own letters; None for a letter of another case."""
    return db.session.scalar(
        select(ResponseLetter).where(ResponseLetter.id == letter_id, ResponseLetter.case_id == case.id)
    )


def unsent_letter(case: Case, kind: str) -> ResponseLetter | None:
    """The letter of ``kind`` being prepared for the case, if there is one."""
    return db.session.scalar(
        select(ResponseLetter)
        .where(
            ResponseLetter.case_id == case.id,
            ResponseLetter.kind == kind,
            ResponseLetter.status != LetterStatus.SENT,
        )
        .order_by(ResponseLetter.id.desc())
    )


def letters_of(case: Case) -> list[ResponseLetter]:
    return list(
        db.session.scalars(select(ResponseLetter).where(ResponseLetter.case_id == case.id).order_by(ResponseLetter.id))
    )


def add_letter(letter: ResponseLetter) -> ResponseLetter:
    db.session.add(letter)
    db.session.flush()
    return letter


# Findings and remedies ------------------------------------------------------------------------------------------------


def finding_of(point: ComplaintPoint, stage: int) -> PointFinding | None:
    return db.session.scalar(select(PointFinding).where(PointFinding.point_id == point.id, PointFinding.stage == stage))


def add_finding(point: ComplaintPoint, finding: PointFinding) -> PointFinding:
    point.findings.append(finding)
    db.session.flush()
    return finding


def remedy_of(case: Case, remedy_id: int) -> Remedy | None:
    return db.session.scalar(select(Remedy).where(Remedy.id == remedy_id, Remedy.case_id == case.id))


def add_remedy(case: Case, remedy: Remedy) -> Remedy:
    case.remedies.append(remedy)
    db.session.flush()
    return remedy


def delete_remedy(case: Case, remedy: Remedy) -> None:
    case.remedies.remove(remedy)
    db.session.flush()


# Extensions -----------------------------------------------------------------------------------------------------------


def add_extension(row: StageRecord, extension: Extension) -> Extension:
    row.extensions.append(extension)
    db.session.flush()
    return extension


# Lists to choose from -------------------------------------------------------------------------------------------------


def active_service_areas() -> list[ServiceArea]:
    return list(db.session.scalars(select(ServiceArea).where(ServiceArea.active.is_(True)).order_by(ServiceArea.name)))


def active_service_area(area_id: int) -> ServiceArea | None:
    return db.session.scalar(select(ServiceArea).where(ServiceArea.id == area_id, ServiceArea.active.is_(True)))
