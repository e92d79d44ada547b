"""The audit trail: who saw or changed what, and when. Rows are only ever added."""

from portal.common.clock import utc_now
from portal.data.database import db
from portal.data.models import AuditEvent


def record(actor_id: int | None, action: str, case_id: int | None = None, detail: dict | None = None) -> AuditEvent:
    """Adds an audit event to the session; the caller commits it with the work it describes."""
    event = AuditEvent(occurred_at=utc_now(), actor_id=actor_id, action=action, case_id=case_id, detail=detail or {})
    db.session.add(event)
    return event
