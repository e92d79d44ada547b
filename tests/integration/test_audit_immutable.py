"""Audit events cannot be changed or deleted through the application."""

import pytest

from portal.data.database import db
from portal.data.models import AuditEvent, AuditRecordImmutable


def test_an_audit_event_cannot_be_edited_or_deleted(app_context):
    event = AuditEvent(action="case_viewed", detail={"reference": "CF-7K4-M2Q-XHP"})
    db.session.add(event)
    db.session.commit()
    event.action = "nothing_happened"
    with pytest.raises(AuditRecordImmutable):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AuditRecordImmutable):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(AuditEvent, event.id).action == "case_viewed"
