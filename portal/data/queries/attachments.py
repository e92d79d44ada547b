"""Stored files and what the virus scanner made of them."""

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Attachment


def attachments_with_status(status: str) -> list[Attachment]:
    return list(db.session.scalars(select(Attachment).where(Attachment.scan_status == status).order_by(Attachment.id)))


def set_scan_status(attachment: Attachment, status: str) -> None:
    attachment.scan_status = status
    db.session.commit()
