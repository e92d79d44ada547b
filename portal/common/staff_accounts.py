"""Staff accounts, as staff sign-in (portal.auth) and the administrators' screens (portal.admin) both manage them:
creating one, the emailed links that set or reset a password, forgetting an authenticator, and signing someone out
everywhere."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, render_template
from itsdangerous import BadSignature, URLSafeTimedSerializer

from portal.common import staff_sessions
from portal.common.links import external_url
from portal.data import transaction
from portal.data.models import StaffUser
from portal.data.queries import audit, staff
from portal.data.queries.settings import council_settings
from portal.domain.types import StaffRole
from portal.notifications import outbox


class AccountError(Exception):
    """A staff account cannot be created or changed as asked; the message says why."""


def end_sessions(user: StaffUser, actor: StaffUser | None, reason: str, keep_current: bool = False) -> int:
    """Signs `user` out everywhere (but here, if asked), recording who did it and why. The caller commits."""
    ended = staff_sessions.end_all(str(user.id), keep_current=keep_current)
    audit.record(
        actor.id if actor else user.id,
        "sessions_ended",
        detail={"account": user.id, "reason": reason, "sessions": ended},
    )
    return ended


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
    """A link that works until it expires or the password changes, whichever is first: so it works once.
    A random part makes every link different, even two asked for in the same second."""
    token = _serializer(kind).dumps([user.id, user.password_fingerprint, secrets.token_urlsafe(6)])
    return external_url(kind.endpoint, token=token)


def user_from_link(token: str, kind: LinkKind) -> StaffUser | None:
    try:
        user_id, fingerprint, *_ = _serializer(kind).loads(token, max_age=int(kind.max_age.total_seconds()))
    except (BadSignature, ValueError, TypeError):
        return None
    user = staff.active_staff_user(str(user_id))
    if user is None or not secrets.compare_digest(user.password_fingerprint, str(fingerprint)):
        return None
    return user


def queue_account_link(user: StaffUser, kind: LinkKind) -> str:
    """Puts an email with the link in the outbox, for `flask outbox deliver` to send: never inside the request, so
    the page takes as long whether or not an email goes. The caller commits. Returns the link."""
    link = account_link(user, kind)
    council = council_settings()
    outbox.queue_email(
        recipient=user.email,
        template=kind.template,
        subject=f"{kind.subject} – {council.service_name}",
        body=render_template(f"auth/emails/{kind.template}.txt", user=user, link=link, kind=kind, council=council),
        personalisation={"name": user.name, "link": link, "valid_for": kind.valid_for},
    )
    return link


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
    link = queue_account_link(user, ACCOUNT_SET_UP)
    transaction.commit()
    return user, link


def reset_two_factor(email: str, actor_id: int | None = None) -> StaffUser:
    """Forgets an account's authenticator, for someone who has lost theirs: they set up a new one at next sign-in."""
    user = staff.staff_user_by_email(email)
    if user is None:
        raise AccountError(f"There is no account for {email}")
    staff.clear_totp(user)
    audit.record(actor_id, "two_factor_reset", detail={"account": user.id})
    transaction.commit()
    return user
