"""Tells Flask-Login how to find the signed-in member of staff, and what to say to visitors who are not signed in."""

import secrets

from portal.data.models import StaffUser
from portal.data.queries import staff
from portal.extensions import login_manager

login_manager.login_view = "auth.sign_in"
login_manager.login_message = "Sign in to continue"
login_manager.login_message_category = "information"


@login_manager.user_loader
def load_staff_user(session_id: str) -> StaffUser | None:
    """The session holds "<id>.<password fingerprint>", so changing a password signs out every other session."""
    user_id, _, fingerprint = session_id.partition(".")
    user = staff.active_staff_user(user_id)
    if user is None or not secrets.compare_digest(user.password_fingerprint, fingerprint):
        return None
    return user
