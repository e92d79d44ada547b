"""The audit trail: who saw or changed what, and when. Rows are only ever added."""

from portal.common.clock import utc_now
from portal.data.database import db
from portal.data.models import AuditEvent, Case


def record(
    actor_id: int | None,
    action: str,
    case_id: int | None = None,
    detail: dict | None = None,
    case_reference: str | None = None,
) -> AuditEvent:
    """Adds an audit event to the session; the caller commits it with the work it describes.

    The case's reference is kept beside its id, so the event still says which case it was if the case is deleted.
    """
    if case_id is not None and case_reference is None:
        case = db.session.get(Case, case_id)
        case_reference = case.reference if case is not None else None
    event = AuditEvent(
        occurred_at=utc_now(),
        actor_id=actor_id,
        action=action,
        case_id=case_id,
        case_reference=case_reference,
        detail=detail or {},
    )
    db.session.add(event)
    return event
