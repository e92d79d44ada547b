"""The signed link that opens a case for the person it was sent to, without a code (issue 12).

The acknowledgement carries it (portal.casework.acknowledgement); portal.tracking opens it. It names the case, the
channel and a digest of the address it went to, so it works only while the case still has that address, for
TRACKING_LINK_DAYS days by the app's clock (portal.common.clock), and never once the complaint is withdrawn
(checked where it is opened).
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer

from portal.common.clock import utc_now
from portal.common.links import external_url
from portal.domain.calendar import format_date
from portal.domain.contacts import Contact, ContactChannel, contact_of

SALT = "track-case"
ENDPOINT = "tracking.open_link"


class _ClockSigner(TimestampSigner):
    """Dates links by the app's clock, which tests can move, rather than the computer's."""

    def get_timestamp(self) -> int:
        return int(utc_now().timestamp())


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT, signer=_ClockSigner)


def link_lifetime() -> timedelta:
    return timedelta(days=current_app.config["TRACKING_LINK_DAYS"])


def contact_digest(contact: Contact) -> str:
    return hashlib.sha256(f"{contact.channel.value}:{contact.value}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class CaseLink:
    """What a valid link says: the case, and the address it was sent to (as a digest)."""

    case_id: int
    channel: ContactChannel
    digest: str

    def sent_to(self, contact: Contact | None) -> bool:
        return (
            contact is not None
            and contact.channel is self.channel
            and secrets.compare_digest(contact_digest(contact), self.digest)
        )


def case_link(case_id: int, contact: Contact) -> str:
    """A full link that opens case `case_id` for whoever holds `contact`. A random part makes every link different."""
    token = _serializer().dumps([case_id, contact.channel.value, contact_digest(contact), secrets.token_urlsafe(6)])
    return external_url(ENDPOINT, token=token)


def read_case_link(token: str) -> CaseLink | None:
    """What the link says, or `None` when it is not one of ours or has expired."""
    try:
        case_id, channel, digest, *_ = _serializer().loads(token, max_age=int(link_lifetime().total_seconds()))
        return CaseLink(int(case_id), ContactChannel(channel), str(digest))
    except (BadSignature, ValueError, TypeError):
        return None


def link_paragraph(case_id: int, email: str | None, today: date) -> str:
    """The paragraph that ends an emailed acknowledgement, with a link for that address; empty without one. A text
    message carries no link: with one it would run to three messages, so people who gave only a mobile number sign
    in with a code sent to it."""
    contact = contact_of(email)
    if contact is None or contact.channel is not ContactChannel.EMAIL:
        return ""
    return (
        "\n\nYou can see your complaint, what happens next and our response online:\n"
        f"{case_link(case_id, contact)}\n"
        f"This link works until {format_date(today + link_lifetime())}. After that, go to "
        f"{external_url('tracking.sign_in')} and enter your reference and this email address."
    )
