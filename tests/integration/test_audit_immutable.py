"""Audit events cannot be changed or deleted: not through the application, and not by the database itself.

The triggers come from a migration, so these tests run on the migrated database: SQLite here, PostgreSQL in the
second pass of `make test`.
"""

from datetime import date

import pytest
from sqlalchemy import exc, select, text

from portal.data.database import db
from portal.data.models import AuditEvent, AuditRecordImmutable, Case
from portal.data.queries import audit
from portal.domain.types import Channel, FeedbackKind, StaffRole
from tests.integration.auth.staff import make_staff, signed_in_as


def an_event(**values) -> AuditEvent:
    event = AuditEvent(action="case_viewed", detail={"reference": "CF-7K4-M2Q-XHP"}, **values)
    db.session.add(event)
    db.session.commit()
    return event


def test_an_audit_event_cannot_be_edited_or_deleted_through_the_application(app_context):
    event = an_event()
    event.action = "nothing_happened"
    with pytest.raises(AuditRecordImmutable):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AuditRecordImmutable):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(AuditEvent, event.id).action == "case_viewed"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET action = 'nothing_happened'",
        "UPDATE audit_events SET detail = '{}' WHERE id = :id",
        "DELETE FROM audit_events WHERE id = :id",
        "DELETE FROM audit_events",
    ],
)
def test_the_database_refuses_raw_sql_that_changes_or_deletes_an_audit_event(app_context, statement):
    event = an_event()
    with pytest.raises(exc.DatabaseError, match="audit events are never"):
        db.session.execute(text(statement), {"id": event.id})
    db.session.rollback()
    assert (
        db.session.scalar(select(AuditEvent.action).where(AuditEvent.id == event.id).order_by(AuditEvent.id))
        == "case_viewed"
    )


def test_postgresql_also_refuses_to_truncate_the_audit_table(app_context):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    an_event()
    with pytest.raises(exc.DatabaseError, match="TRUNCATE refused"):
        db.session.execute(text("TRUNCATE audit_events"))
    db.session.rollback()
    assert db.session.scalar(select(AuditEvent.id).order_by(AuditEvent.id)) is not None


def test_new_audit_events_can_still_be_added(app_context):
    an_event()
    db.session.execute(
        text("INSERT INTO audit_events (occurred_at, action, detail) VALUES (:now, 'x', '{}')"),
        {"now": "2027-01-04 09:00:00"},
    )
    db.session.commit()
    assert len(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()) == 2


def test_deleting_a_case_keeps_its_audit_whole(client):
    user = make_staff()
    case = Case(
        reference="CF-DEL-ETE-DME", kind=FeedbackKind.COMPLAINT, channel=Channel.ONLINE, received_on=date(2027, 1, 4)
    )
    db.session.add(case)
    db.session.commit()
    audit.record(user.id, "case_viewed", case_id=case.id, detail={"section": "summary"})
    db.session.commit()
    case_id = case.id
    db.session.execute(text("DELETE FROM cases WHERE id = :id"), {"id": case_id})
    db.session.commit()
    event = db.session.scalar(select(AuditEvent).order_by(AuditEvent.id))
    assert (event.case_id, event.case_reference, event.actor_id) == (case_id, "CF-DEL-ETE-DME", user.id)
    # The audit trail still names the case.
    signed_in_as(client, make_staff("manager@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Reyes"))
    assert "CF-DEL-ETE-DME" in client.get("/staff/audit").get_data(as_text=True)
