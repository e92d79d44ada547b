"""Tells Flask-Login how to find the signed-in member of staff, and what to say to visitors who are not signed in."""

import secrets

from portal.common import staff_sessions
from portal.common.clock import utc_now
from portal.data.models import StaffUser
from portal.data.queries import staff
from portal.extensions import login_manager

login_manager.login_view = "auth.sign_in"
login_manager.login_message = "Sign in to continue"
login_manager.login_message_category = "information"


@login_manager.user_loader
def load_staff_user(session_id: str) -> StaffUser | None:
    """The account whose live server-side session this browser holds.

    The cookie holds "<id>.<password fingerprint>" beside the session's token: the token's record must exist on the
    server for this account, and the password must be the one it was signed in with.
    """
    user_id, _, fingerprint = session_id.partition(".")
    if not staff_sessions.belongs_to(user_id, utc_now()):
        return None
    user = staff.active_staff_user(user_id)
    if user is None or not secrets.compare_digest(user.password_fingerprint, fingerprint):
        return None
    return user
