"""Tells Flask-Login how to find the signed-in member of staff."""

from portal.data.queries import staff
from portal.extensions import login_manager


@login_manager.user_loader
def load_staff_user(user_id: str):
    return staff.active_staff_user(user_id)
