"""Staff accounts, and the cases each member of staff may see."""

from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update

from portal.data.database import db
from portal.data.models import Case, StaffUser, Team
from portal.data.queries.case_access import visible_to
from portal.domain.types import StaffRole


def active_staff_user(user_id: str) -> StaffUser | None:
    if not user_id.isdigit():
        return None
    user = db.session.get(StaffUser, int(user_id))
    return user if user is not None and user.active else None


def staff_user_by_email(email: str) -> StaffUser | None:
    return db.session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower()))


def team_by_name(name: str) -> Team | None:
    return db.session.scalar(select(Team).where(func.lower(Team.name) == name.strip().lower()))


def add_staff_user(email: str, name: str, role: StaffRole, team: Team | None) -> StaffUser:
    user = StaffUser(email=email.strip(), name=name.strip(), role=role, team=team, failed_sign_ins=0)
    db.session.add(user)
    db.session.flush()
    return user


# Sign-in ------------------------------------------------------------------------------------------------------------


def record_failed_sign_in(user: StaffUser, now: datetime, attempts_allowed: int, lock_for: timedelta) -> bool:
    """Counts a wrong password or code and locks the account at the limit. Returns whether it is now locked.

    The count goes up in the database, not in Python, so failures sent in parallel are all counted.
    """
    db.session.execute(
        update(StaffUser)
        .where(StaffUser.id == user.id)
        .values(failed_sign_ins=func.coalesce(StaffUser.failed_sign_ins, 0) + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(user, ["failed_sign_ins"])
    locked = user.failed_sign_ins >= attempts_allowed
    if locked:
        user.failed_sign_ins = 0
        user.locked_until = now + lock_for
    return locked


def record_sign_in(user: StaffUser, now: datetime) -> None:
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_signed_in_at = now


def claim_totp_step(user: StaffUser, step: int) -> bool:
    """Marks a two-factor code's time step as used, once: a replayed code, even in a parallel request, is refused."""
    claimed = db.session.execute(
        update(StaffUser)
        .where(StaffUser.id == user.id)
        .where(or_(StaffUser.totp_last_step.is_(None), StaffUser.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(user, ["totp_last_step"])
    return claimed == 1


def enrol_totp(user: StaffUser, secret: str, first_step: int) -> bool:
    """Stores the account's first two-factor secret, unless another sign-in has stored one meanwhile."""
    enrolled = db.session.execute(
        update(StaffUser)
        .where(StaffUser.id == user.id, StaffUser.totp_secret.is_(None))
        .values(totp_secret=secret, totp_last_step=first_step)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(user, ["totp_secret", "totp_last_step"])
    return enrolled == 1


def clear_totp(user: StaffUser) -> None:
    user.totp_secret = None
    user.totp_last_step = None


def set_password_hash(user: StaffUser, password_hash: str) -> None:
    user.password_hash = password_hash
    user.failed_sign_ins = 0
    user.locked_until = None


# What staff may see ---------------------------------------------------------------------------------------------------


def visible_case(reference: str, viewer: StaffUser) -> Case | None:
    return db.session.scalar(select(Case).where(visible_to(viewer), Case.reference == reference))
