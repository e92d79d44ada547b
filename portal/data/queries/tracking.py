"""Reads and writes for people following their case online (portal.tracking). Nothing here commits."""

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload, selectinload

from portal.data.database import db
from portal.data.models import AuditEvent, Case, Person, TrackingSignIn
from portal.data.queries import people
from portal.data.stage_models import ResponseLetter
from portal.domain.contacts import Contact, ContactChannel
from portal.domain.types import LetterStatus


def add_sign_in(sign_in: TrackingSignIn) -> TrackingSignIn:
    db.session.add(sign_in)
    db.session.flush()
    return sign_in


def sign_in_by_token_hash(token_hash: str) -> TrackingSignIn | None:
    return db.session.scalar(select(TrackingSignIn).where(TrackingSignIn.token_hash == token_hash))


def sign_in_by_id(sign_in_id: int) -> TrackingSignIn | None:
    return db.session.get(TrackingSignIn, sign_in_id)


def paused_until(lookup_key: str, now: datetime) -> datetime | None:
    """The end of a pause on this look-up after too many wrong codes, if one is still running."""
    latest = db.session.scalar(
        select(func.max(TrackingSignIn.paused_until)).where(TrackingSignIn.lookup_key == lookup_key)
    )
    return latest if latest is not None and latest > now else None


def forget_sign_ins_before(moment: datetime) -> None:
    db.session.execute(
        delete(TrackingSignIn).where(TrackingSignIn.sent_at < moment).execution_options(synchronize_session=False)
    )


def _given_with(contact: Contact):
    return (
        people.has_email(contact.value) if contact.channel is ContactChannel.EMAIL else people.has_phone(contact.value)
    )


def cases_given_with(contact: Contact) -> list[Case]:
    """Every case whose sender gave this email address or phone number, newest first."""
    query = (
        select(Case)
        .join(Person, Case.submitter_id == Person.id)
        .where(_given_with(contact))
        .options(selectinload(Case.submitter))
        .order_by(Case.received_on.desc(), Case.id.desc())
    )
    return list(db.session.scalars(query))


def case_given_with(reference: str, contact: Contact) -> Case | None:
    """The case with this reference, if its sender gave this email address or phone number."""
    query = (
        select(Case)
        .join(Person, Case.submitter_id == Person.id)
        .where(Case.reference == reference, _given_with(contact))
    )
    return db.session.scalar(query)


def case_by_reference(reference: str) -> Case | None:
    """The case and its sender in one query, whether or not there is such a case (a look-up takes the same steps)."""
    return db.session.scalar(select(Case).options(joinedload(Case.submitter)).where(Case.reference == reference))


def sent_letters(case: Case) -> list[ResponseLetter]:
    return [letter for letter in case.letters if letter.status is LetterStatus.SENT]


def events_of(case: Case, actions: tuple[str, ...]) -> list[AuditEvent]:
    """The case's audit events with these actions, oldest first."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.case_id == case.id, AuditEvent.action.in_(actions))
            .order_by(AuditEvent.occurred_at, AuditEvent.id)
        )
    )
