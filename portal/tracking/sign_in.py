"""Signing in to follow a case, without an account: a look-up by reference and address, a six-digit code, or the
signed link in the acknowledgement (issue 12, item 1).

Nobody may learn from the answers whether a reference exists or which address it was given with. So every look-up
does the same work and answers the same way: one query for the reference, one comparison of the address, a code
made and hashed, the email or text message written, a sign-in row and an audit event stored and committed. Only a
look-up that matches queues the message; the code of one that does not was sent to nobody, and is judged in the
same way (five tries, fifteen minutes) without ever being right. The message goes in the background
(`portal.notifications.outbox.deliver_soon`, asked for either way), so how long the sender takes cannot tell either.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, render_template, session

from portal.common.case_links import read_case_link
from portal.data import transaction
from portal.data.models import Case, TrackingSignIn
from portal.data.queries import audit
from portal.data.queries import cases as case_queries
from portal.data.queries import tracking as queries
from portal.data.queries.settings import council_settings
from portal.domain.contacts import Contact, ContactChannel, contact_of, same_contact
from portal.domain.references import normalise_reference
from portal.domain.tracking import (
    CODE_DIGITS,
    CODE_LIFETIME,
    PAUSE_AFTER_WRONG_CODES,
    CodeVerdict,
    judge_code,
    tries_left,
)
from portal.domain.types import Closure
from portal.notifications import outbox
from portal.tracking import sessions

PENDING_KEY = "tracking_pending"
# Look-ups are kept a day: long enough for any session they began, and for the pause to carry over.
KEEP_SIGN_INS = timedelta(days=1)
CODE_MINUTES = int(CODE_LIFETIME.total_seconds() // 60)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _keyed(*parts: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def reference_typed(text: str) -> str:
    """A reference as stored: forgiving about case, spaces and dashes for a reference in the portal's format, and
    as typed (in capitals) for one in another format, such as a case brought in from an older system."""
    return normalise_reference(text) or text.strip().upper()


def lookup_key(reference: str, contact: Contact) -> str:
    return _keyed("look-up", reference, contact.channel.value, contact.value)


# The look-up --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LookUp:
    """What a look-up did: nothing but report a pause still running, or made a sign-in and perhaps queued a code."""

    paused_until: datetime | None = None
    message_ids: tuple[int, ...] = ()


def look_up(reference_text: str, contact: Contact, now: datetime) -> LookUp:
    """Starts a sign-in for the case with this reference, if it was given with this address; see the module."""
    reference = reference_typed(reference_text)
    key = lookup_key(reference, contact)
    queries.forget_sign_ins_before(now - KEEP_SIGN_INS)
    paused = queries.paused_until(key, now)
    if paused is not None:
        transaction.commit()
        return LookUp(paused_until=paused)
    case = queries.case_by_reference(reference)
    person = case.submitter if case is not None else None
    # Compared even when there is no case, so that both ways take the same steps.
    given = same_contact(contact, person.email if person else "", person.phone if person else "")
    matched = person is not None and given
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    token = secrets.token_urlsafe(32)
    words = _code_message(code, contact.channel)
    queries.add_sign_in(
        TrackingSignIn(
            token_hash=_digest(token),
            lookup_key=key,
            case_id=case.id if matched else None,
            channel=contact.channel.value,
            contact=contact.value if matched else None,
            code_hash=_keyed("code", token, code),
            sent_at=now,
            tries_used=0,
        )
    )
    messages = [_queue_code(case, contact.channel, code, words)] if matched else []
    audit.record(
        None,
        "tracking_code_sent" if matched else "tracking_look_up_matched_nothing",
        case_id=case.id if matched else None,
        case_reference=case.reference if matched else None,
        detail={"channel": contact.channel.value},
    )
    transaction.commit()
    session[PENDING_KEY] = token
    return LookUp(message_ids=tuple(message.id for message in messages))


@dataclass(frozen=True)
class _Words:
    subject: str
    body: str


def _code_message(code: str, channel: ContactChannel) -> _Words:
    council = council_settings()
    template = "tracking/emails/code.txt" if channel is ContactChannel.EMAIL else "tracking/emails/code_sms.txt"
    return _Words(
        subject=f"Your security code – {council.service_name}",
        body=render_template(template, code=code, minutes=CODE_MINUTES, council=council),
    )


def _queue_code(case: Case, channel: ContactChannel, code: str, words: _Words):
    person = case.submitter
    personalisation = {"code": code, "minutes": str(CODE_MINUTES)}
    if channel is ContactChannel.EMAIL:
        return outbox.queue_email(
            recipient=person.email,
            template="tracking_code",
            subject=words.subject,
            body=words.body,
            personalisation=personalisation,
            case_id=case.id,
        )
    return outbox.queue_sms(
        recipient=person.phone,
        template="tracking_code_sms",
        body=words.body,
        personalisation=personalisation,
        case_id=case.id,
    )


# The code -----------------------------------------------------------------------------------------------------------


def pending_sign_in() -> TrackingSignIn | None:
    """The sign-in this browser is waiting to enter a code for."""
    token = session.get(PENDING_KEY)
    if not isinstance(token, str) or not token:
        return None
    return queries.sign_in_by_token_hash(_digest(token))


@dataclass(frozen=True)
class CodeResult:
    verdict: CodeVerdict
    tries_left: int = 0
    paused_until: datetime | None = None
    case: Case | None = None


def check_code(sign_in: TrackingSignIn, typed: str, now: datetime) -> CodeResult:
    """Judges a typed code (portal.domain.tracking.judge_code). The right code begins a tracking session; the fifth
    wrong one pauses the look-up for PAUSE_AFTER_WRONG_CODES."""
    token = session.get(PENDING_KEY) or ""
    matches = hmac.compare_digest(_keyed("code", token, typed), sign_in.code_hash)
    verdict = judge_code(
        right=matches and sign_in.case_id is not None, tries_used=sign_in.tries_used, sent_at=sign_in.sent_at, now=now
    )
    if verdict is CodeVerdict.RIGHT:
        session.pop(PENDING_KEY, None)
        _begin(sign_in, now, "code")
        return CodeResult(verdict, case=sign_in.case)
    if verdict in (CodeVerdict.WRONG, CodeVerdict.LOCKED):
        if sign_in.paused_until is None:
            sign_in.tries_used += 1
        if verdict is CodeVerdict.LOCKED and sign_in.paused_until is None:
            sign_in.paused_until = now + PAUSE_AFTER_WRONG_CODES
        audit.record(
            None,
            "tracking_code_wrong",
            case_id=sign_in.case_id,
            case_reference=sign_in.case.reference if sign_in.case else None,
            detail={"tries_left": tries_left(sign_in.tries_used)},
        )
        transaction.commit()
    return CodeResult(verdict, tries_left=tries_left(sign_in.tries_used), paused_until=sign_in.paused_until)


def _begin(sign_in: TrackingSignIn, now: datetime, how: str) -> None:
    sign_in.verified_at = now
    sessions.browser.begin(str(sign_in.id), now)
    audit.record(
        None,
        "tracking_signed_in",
        case_id=sign_in.case_id,
        case_reference=sign_in.case.reference if sign_in.case else None,
        detail={"by": how, "channel": sign_in.channel},
    )
    transaction.commit()


# The signed link ----------------------------------------------------------------------------------------------------


def open_link(token: str, now: datetime) -> Case | None:
    """Signs in with the link from the acknowledgement and returns its case; `None` when the link is not valid, has
    expired, no longer matches the case's address, or the complaint has been withdrawn (issue 12)."""
    link = read_case_link(token)
    if link is None:
        return None
    case = case_queries.case_by_id(link.case_id)
    if case is None or case.closure is Closure.WITHDRAWN or case.submitter is None:
        return None
    person = case.submitter
    contact = contact_of(person.email if link.channel is ContactChannel.EMAIL else person.phone)
    if contact is None or contact.channel is not link.channel or not link.sent_to(contact):
        return None
    sign_in = queries.add_sign_in(
        TrackingSignIn(
            token_hash=_digest(secrets.token_urlsafe(32)),
            lookup_key=lookup_key(case.reference, contact),
            case_id=case.id,
            channel=contact.channel.value,
            contact=contact.value,
            code_hash=_digest(secrets.token_urlsafe(32)),
            sent_at=now,
            tries_used=0,
            by_link=True,
        )
    )
    _begin(sign_in, now, "link")
    return case


# Who is signed in ---------------------------------------------------------------------------------------------------


def signed_in_contact(now: datetime) -> Contact | None:
    """The address this browser's live tracking session proved, or `None`."""
    sign_in_id = sessions.signed_in_as(now)
    sign_in = queries.sign_in_by_id(sign_in_id) if sign_in_id is not None else None
    if sign_in is None or sign_in.verified_at is None or not sign_in.contact:
        return None
    return Contact(ContactChannel(sign_in.channel), sign_in.contact)


def sign_out() -> None:
    sessions.browser.end_current()
    session.pop(PENDING_KEY, None)
    transaction.commit()
