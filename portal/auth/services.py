"""The work behind staff sign-in: passwords and codes, lock-out, the signed-in session and emailed account links."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from flask import current_app, render_template, session
from flask_login import current_user, login_user, logout_user

from portal.auth import two_factor
from portal.common import staff_sessions
from portal.common.passwords import hash_password, needs_rehash, verify_password
from portal.common.staff_accounts import PASSWORD_RESET, account_link, end_sessions, queue_account_link
from portal.data import transaction
from portal.data.models import StaffUser
from portal.data.queries import audit, staff
from portal.data.queries.settings import council_settings
from portal.notifications import outbox

# Flask-Limiter slows repeated failures down per account and per address (portal.auth.routes). Past this many
# failures in a row the account locks for a day and its holder is emailed a link that opens it again: a lock that
# stays rare, because reaching it at the limiter's pace takes hours.
FAILURES_BEFORE_LOCK = 50
LOCK_FOR = timedelta(hours=24)
SECOND_STEP_LIFETIME = timedelta(minutes=10)
PENDING_KEY = "staff_sign_in"


def two_factor_required() -> bool:
    """Two-factor codes can be switched off for the demo accounts in development, never anywhere else."""
    config = current_app.config
    return bool(config["STAFF_TWO_FACTOR_REQUIRED"]) or config["ENVIRONMENT"] != "development"


def is_locked(user: StaffUser, now: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


@cache
def _decoy_hash() -> str:
    return hash_password(secrets.token_urlsafe(32))


def check_password(email: str, password: str, now: datetime) -> StaffUser | None:
    """The account, if it may sign in with this password now; otherwise None.

    No account, a wrong password and a locked account look the same from outside (OWASP ASVS 2.2.1): each does
    one Argon2 check (against a decoy hash when there is no account), writes one audit event and commits, and the page
    says the same words.
    """
    user = staff.staff_user_by_email(email)
    usable = user is not None and user.active
    right = verify_password(user.password_hash if usable and user.password_hash else _decoy_hash(), password)
    if not usable:
        audit.record(None, "sign_in_failed", detail={"step": "password", "account": "unknown"})
        transaction.commit()
        return None
    if not right or is_locked(user, now):
        _failed(user, now, "password")
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        transaction.commit()
    return user


def _failed(user: StaffUser, now: datetime, step: str) -> None:
    locked = staff.record_failed_sign_in(user, now, FAILURES_BEFORE_LOCK, LOCK_FOR)
    audit.record(user.id, "account_locked" if locked else "sign_in_failed", detail={"step": step})
    if locked:
        _queue_lock_email(user)
    transaction.commit()


def _queue_lock_email(user: StaffUser) -> None:
    """Tells the account holder their account is locked, with a reset link that opens it (a reset clears the lock)."""
    council = council_settings()
    link = account_link(user, PASSWORD_RESET)
    outbox.queue_email(
        recipient=user.email,
        template="staff_account_locked",
        subject=f"Your staff account is locked – {council.service_name}",
        body=render_template(
            "auth/emails/staff_account_locked.txt",
            user=user,
            link=link,
            council=council,
            failures=FAILURES_BEFORE_LOCK,
            lock_hours=int(LOCK_FOR.total_seconds() // 3600),
            valid_for=PASSWORD_RESET.valid_for,
        ),
        personalisation={"name": user.name, "link": link, "valid_for": PASSWORD_RESET.valid_for},
    )


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


@dataclass(frozen=True)
class CodeCheck:
    """The result of checking a security code: the account when it was right, or whether the account is now locked."""

    user: StaffUser | None = None
    locked: bool = False


def check_code(user: StaffUser, code: str, now: datetime) -> CodeCheck:
    if is_locked(user, now):
        return CodeCheck(locked=True)
    step = two_factor.matching_step(user.totp_secret, code, now) if user.totp_secret else None
    if step is None or not staff.claim_totp_step(user, step):
        _failed(user, now, "two_factor")
        return CodeCheck(locked=is_locked(user, now))
    return CodeCheck(user=user)


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
    session.clear()
    login_user(user, fresh=True)
    staff_sessions.begin(str(user.id), now)
    audit.record(user.id, "signed_in")
    transaction.commit()


def sign_out(reason: str | None = None, account_id: int | None = None) -> None:
    """Ends this browser's session on the server and forgets it in the browser. `account_id` names the account when
    the session has already lapsed (so nobody is signed in any more)."""
    if account_id is None and current_user.is_authenticated:
        account_id = current_user.id
    if account_id is not None:
        audit.record(account_id, "signed_out", detail={"reason": reason} if reason else None)
    staff_sessions.end_current()
    transaction.commit()
    logout_user()
    session.clear()


def sign_out_other_devices(user: StaffUser) -> int:
    """Ends every session of `user` but this browser's. Returns how many ended."""
    ended = end_sessions(user, actor=user, reason="own_request", keep_current=True)
    transaction.commit()
    return ended


def end_one_session(user: StaffUser, handle: str, now: datetime) -> bool:
    """Signs `user` out of one of their other sessions, from the "Your account" page."""
    ended = staff_sessions.end_other(str(user.id), handle, now)
    if ended:
        audit.record(user.id, "sessions_ended", detail={"account": user.id, "reason": "own_request", "sessions": 1})
        transaction.commit()
    return ended


def request_password_reset(email: str) -> None:
    """Queues a reset link if the address has an account. Says nothing either way: the page must not tell, and
    both ways write one audit event and commit, so they take about as long."""
    user = staff.staff_user_by_email(email)
    if user is not None and user.active:
        queue_account_link(user, PASSWORD_RESET)
        audit.record(user.id, "password_reset_requested")
    else:
        audit.record(None, "password_reset_requested", detail={"account": "unknown"})
    transaction.commit()


def change_password(user: StaffUser, password: str) -> None:
    """Sets a new password from an emailed link. Every session of the account ends, and so do other emailed links."""
    staff.set_password_hash(user, hash_password(password))
    end_sessions(user, actor=None, reason="password_changed")
    audit.record(user.id, "password_changed")
    transaction.commit()


def change_own_password(user: StaffUser, password: str, now: datetime) -> None:
    """Sets a new password for the signed-in person. Their other sessions end, and this browser gets a new one."""
    change_password(user, password)
    session.clear()
    login_user(user, fresh=True)
    staff_sessions.begin(str(user.id), now)
    transaction.commit()


# Accounts -----------------------------------------------------------------------------------------------------------
