"""The work behind staff sign-in: passwords and codes, lock-out, the signed-in session and emailed account links."""

import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from flask import current_app, render_template, session
from flask_login import current_user, login_user, logout_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from portal.auth import two_factor
from portal.auth.passwords import hash_password, needs_rehash, verify_password
from portal.common.links import external_url
from portal.data.database import db
from portal.data.models import StaffUser
from portal.data.queries import audit, staff
from portal.data.queries.settings import council_settings
from portal.domain.types import StaffRole
from portal.notifications import outbox

ATTEMPTS_ALLOWED = 5
LOCK_FOR = timedelta(minutes=15)
SECOND_STEP_LIFETIME = timedelta(minutes=10)
PENDING_KEY = "staff_sign_in"
LAST_SEEN_KEY = "staff_last_seen"


class AccountError(Exception):
    """A staff account cannot be created or changed as asked; the message says why."""


def two_factor_required() -> bool:
    """Two-factor codes can be switched off for the demo accounts in development, never anywhere else."""
    config = current_app.config
    return bool(config["STAFF_TWO_FACTOR_REQUIRED"]) or config["ENVIRONMENT"] != "development"


def is_locked(user: StaffUser, now: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def minutes_locked(user: StaffUser, now: datetime) -> int:
    if not is_locked(user, now):
        return 0
    return max(1, math.ceil((user.locked_until - now).total_seconds() / 60))


@dataclass(frozen=True)
class Attempt:
    """The result of checking a password or a code: the account when it was right, or how long it is locked for."""

    user: StaffUser | None = None
    locked_minutes: int = 0


@cache
def _decoy_hash() -> str:
    return hash_password(secrets.token_urlsafe(32))


def check_password(email: str, password: str, now: datetime) -> Attempt:
    user = staff.staff_user_by_email(email)
    if user is None or not user.active:
        # Checking a decoy takes as long as a real check, so the response time does not say whether the email exists.
        verify_password(_decoy_hash(), password)
        return Attempt()
    if is_locked(user, now):
        return Attempt(locked_minutes=minutes_locked(user, now))
    if not verify_password(user.password_hash or _decoy_hash(), password):
        return _failed(user, now, "password")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return Attempt(user=user)


def _failed(user: StaffUser, now: datetime, step: str) -> Attempt:
    locked = staff.record_failed_sign_in(user, now, ATTEMPTS_ALLOWED, LOCK_FOR)
    audit.record(user.id, "account_locked" if locked else "sign_in_failed", detail={"step": step})
    db.session.commit()
    return Attempt(locked_minutes=minutes_locked(user, now))


# The second step ----------------------------------------------------------------------------------------------------


def begin_second_step(user: StaffUser, now: datetime, next_url: str | None) -> None:
    """Remembers, in a fresh session, who gave the right password; they are not signed in until the code is right."""
    session.clear()
    session[PENDING_KEY] = {
        "user_id": user.id,
        "fingerprint": user.password_fingerprint,
        "since": now.timestamp(),
        "next": next_url,
    }


def pending_user(now: datetime) -> StaffUser | None:
    """The account waiting for its code, if the password step was recent and the password has not changed since."""
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    if now.timestamp() - pending.get("since", 0) > SECOND_STEP_LIFETIME.total_seconds():
        session.pop(PENDING_KEY, None)
        return None
    user = staff.active_staff_user(str(pending.get("user_id")))
    if user is None or not secrets.compare_digest(user.password_fingerprint, str(pending.get("fingerprint"))):
        session.pop(PENDING_KEY, None)
        return None
    return user


def pending_next_url() -> str | None:
    return (session.get(PENDING_KEY) or {}).get("next")


def abandon_second_step() -> None:
    session.pop(PENDING_KEY, None)


def check_code(user: StaffUser, code: str, now: datetime) -> Attempt:
    if is_locked(user, now):
        return Attempt(locked_minutes=minutes_locked(user, now))
    step = two_factor.matching_step(user.totp_secret, code, now) if user.totp_secret else None
    if step is None or not staff.claim_totp_step(user, step):
        return _failed(user, now, "two_factor")
    return Attempt(user=user)


def set_up_secret() -> str:
    """The new secret offered on the set-up page, kept in the session until a code from it is confirmed."""
    pending = dict(session[PENDING_KEY])
    if not pending.get("new_secret"):
        pending["new_secret"] = two_factor.new_secret()
        session[PENDING_KEY] = pending
    return pending["new_secret"]


def set_up_uri(user: StaffUser) -> str:
    return two_factor.set_up_uri(set_up_secret(), user.email, council_settings().service_name)


def confirm_set_up(user: StaffUser, code: str, now: datetime) -> bool:
    """Stores the new secret if the code came from it. False if the code is wrong or another sign-in got there first."""
    secret = set_up_secret()
    step = two_factor.matching_step(secret, code, now)
    if step is None or not staff.enrol_totp(user, secret, step):
        return False
    audit.record(user.id, "two_factor_set_up")
    return True


# The signed-in session ----------------------------------------------------------------------------------------------


def complete_sign_in(user: StaffUser, now: datetime) -> None:
    """Signs in with a brand-new session, so nothing from before sign-in (a fixed session id) carries over."""
    staff.record_sign_in(user, now)
    audit.record(user.id, "signed_in")
    db.session.commit()
    session.clear()
    login_user(user, fresh=True)
    session[LAST_SEEN_KEY] = now.timestamp()


def sign_out() -> None:
    if current_user.is_authenticated:
        audit.record(current_user.id, "signed_out")
        db.session.commit()
    logout_user()
    session.clear()


def idle_for_too_long(now: datetime) -> bool:
    last_seen = session.get(LAST_SEEN_KEY)
    if not isinstance(last_seen, int | float):
        return True
    return now.timestamp() - last_seen > current_app.config["STAFF_IDLE_MINUTES"] * 60


def note_activity(now: datetime) -> None:
    session[LAST_SEEN_KEY] = now.timestamp()


# Emailed links: password reset and account set-up -------------------------------------------------------------------


@dataclass(frozen=True)
class LinkKind:
    salt: str
    max_age: timedelta
    valid_for: str
    endpoint: str
    template: str
    subject: str


PASSWORD_RESET = LinkKind(
    salt="staff-password-reset",
    max_age=timedelta(hours=1),
    valid_for="1 hour",
    endpoint="auth.new_password",
    template="staff_password_reset",
    subject="Reset your password",
)
ACCOUNT_SET_UP = LinkKind(
    salt="staff-account-setup",
    max_age=timedelta(days=7),
    valid_for="7 days",
    endpoint="auth.set_up_account",
    template="staff_account_set_up",
    subject="Set up your staff account",
)


def _serializer(kind: LinkKind) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=kind.salt)


def account_link(user: StaffUser, kind: LinkKind) -> str:
    """A link that works until it expires or the password changes, whichever is first: so it works once."""
    token = _serializer(kind).dumps([user.id, user.password_fingerprint])
    return external_url(kind.endpoint, token=token)


def user_from_link(token: str, kind: LinkKind) -> StaffUser | None:
    try:
        user_id, fingerprint = _serializer(kind).loads(token, max_age=int(kind.max_age.total_seconds()))
    except (BadSignature, ValueError, TypeError):
        return None
    user = staff.active_staff_user(str(user_id))
    if user is None or not secrets.compare_digest(user.password_fingerprint, str(fingerprint)):
        return None
    return user


def send_account_link(user: StaffUser, kind: LinkKind) -> str:
    """Emails the link through the outbox and tries to send it at once. Returns the link."""
    link = account_link(user, kind)
    council = council_settings()
    message = outbox.queue_email(
        recipient=user.email,
        template=kind.template,
        subject=f"{kind.subject} – {council.service_name}",
        body=render_template(f"auth/emails/{kind.template}.txt", user=user, link=link, kind=kind, council=council),
        personalisation={"name": user.name, "link": link, "valid_for": kind.valid_for},
    )
    db.session.commit()
    outbox.deliver_now([message.id])
    return link


def request_password_reset(email: str) -> None:
    """Sends a reset link if the address has an account. Says nothing either way: the page must not tell."""
    user = staff.staff_user_by_email(email)
    if user is not None and user.active:
        send_account_link(user, PASSWORD_RESET)


def change_password(user: StaffUser, password: str) -> None:
    """Sets a new password. The account's other sessions and any emailed links stop working."""
    staff.set_password_hash(user, hash_password(password))
    audit.record(user.id, "password_changed")
    db.session.commit()


# Accounts -----------------------------------------------------------------------------------------------------------


def create_account(
    email: str, name: str, role: StaffRole, team_name: str | None, actor_id: int | None = None
) -> tuple[StaffUser, str]:
    """Creates an account with no password yet and emails its set-up link. Returns the account and the link."""
    if staff.staff_user_by_email(email) is not None:
        raise AccountError(f"There is already an account for {email}")
    team = None
    if team_name:
        team = staff.team_by_name(team_name)
        if team is None:
            raise AccountError(f"There is no team called {team_name!r}")
    user = staff.add_staff_user(email, name, role, team)
    audit.record(actor_id, "staff_account_created", detail={"account": user.id, "role": role.value})
    db.session.commit()
    return user, send_account_link(user, ACCOUNT_SET_UP)


def reset_two_factor(email: str, actor_id: int | None = None) -> StaffUser:
    """Forgets an account's authenticator, for someone who has lost theirs: they set up a new one at next sign-in."""
    user = staff.staff_user_by_email(email)
    if user is None:
        raise AccountError(f"There is no account for {email}")
    staff.clear_totp(user)
    audit.record(actor_id, "two_factor_reset", detail={"account": user.id})
    db.session.commit()
    return user
