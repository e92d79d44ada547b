"""Unfinished forms and their attachments."""

from datetime import datetime

from sqlalchemy import delete, select, update

from portal.data.database import db
from portal.data.models import Attachment, Case, Draft


def create_draft(journey: str, token: str, expires_at: datetime) -> Draft:
    draft = Draft(journey=journey, token=token, answers={}, expires_at=expires_at)
    db.session.add(draft)
    db.session.commit()
    return draft


def draft_by_token(token: str, now: datetime) -> Draft | None:
    return db.session.scalar(select(Draft).where(Draft.token == token, Draft.expires_at > now))


def save_answers(draft: Draft, answers: dict, expires_at: datetime) -> None:
    draft.answers = answers
    draft.expires_at = expires_at
    db.session.commit()


def set_resume_details(draft: Draft, email: str, nonce: str, expires_at: datetime) -> None:
    draft.resume_email = email
    draft.resume_nonce = nonce
    draft.expires_at = expires_at


def claim_for_submission(draft: Draft, now: datetime) -> bool:
    """Marks the draft as sent, once, inside the caller's transaction. A second click or a resent form finds it
    already claimed: the conditional update is atomic on SQLite and PostgreSQL, so two racing requests cannot both win.
    """
    result = db.session.execute(
        update(Draft)
        .where(Draft.id == draft.id, Draft.submitted_at.is_(None))
        .values(submitted_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def add_attachments(draft: Draft, attachments: list[Attachment]) -> None:
    draft.attachments.extend(attachments)
    db.session.commit()


def remove_attachment(draft: Draft, attachment_id: int) -> Attachment | None:
    """Deletes one of the draft's files from the database; the caller deletes the stored bytes."""
    attachment = next((item for item in draft.attachments if item.id == attachment_id), None)
    if attachment is not None:
        db.session.delete(attachment)
        db.session.commit()
    return attachment


def move_attachments_to_case(draft: Draft, case: Case) -> None:
    for attachment in list(draft.attachments):
        attachment.draft_id = None
        case.attachments.append(attachment)


def expired_drafts(now: datetime) -> list[Draft]:
    """Drafts past their expiry, sent or not: a sent draft's answers live on in its case."""
    return list(db.session.scalars(select(Draft).where(Draft.expires_at <= now)))


def delete_drafts(draft_ids: list[int]) -> int:
    result = db.session.execute(delete(Draft).where(Draft.id.in_(draft_ids)))
    db.session.commit()
    return result.rowcount
