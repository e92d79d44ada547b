"""Following a case without an account (portal.tracking): each look-up by reference and address, with the code sent
for it, and once the code is right, the address it proved. Imported by `portal.data.models`, so the metadata always
holds it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.database import db
from portal.data.models import Case, UTCDateTime


class TrackingSignIn(db.Model):
    """One look-up of a case by its reference and the email address or mobile number given with it, and the
    six-digit code for it (portal.domain.tracking).

    A look-up that matches no case gets a row too, with a code nobody was sent, so that it takes the same work and
    answers the same way as one that does (nobody can probe for cases). The browser holds `token` while it waits for
    the code; the table keeps only its SHA-256, and of the code only an HMAC. Once the code is right (or a signed
    link was opened) `verified_at` is set, and the tracking session's subject is this row's id: the person may see
    the cases given with `contact`. `lookup_key` (a hash of the reference and address typed) carries the pause
    after too many wrong codes over to the next look-up. Rows go a day after they were made.
    """

    __tablename__ = "tracking_sign_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    lookup_key: Mapped[str] = mapped_column(String(64), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    # portal.domain.contacts: "email" or "sms", and the address in its compared form. Kept only when a case matched.
    channel: Mapped[str] = mapped_column(String(10))
    contact: Mapped[str | None] = mapped_column(String(320))
    code_hash: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    tries_used: Mapped[int] = mapped_column(Integer, default=0)
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Opened from the signed link in the acknowledgement rather than with a code.
    by_link: Mapped[bool] = mapped_column(Boolean, default=False)

    case: Mapped[Case | None] = relationship()
