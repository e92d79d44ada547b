"""Role checks for staff views. Every view under /staff must carry one (a test walks the routes to make sure)."""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from portal.domain.types import StaffRole
from portal.extensions import login_manager

ALL_STAFF_ROLES = frozenset(StaffRole)


def roles_required(*roles: StaffRole) -> Callable:
    """Lets in signed-in staff whose role is one of `roles`; others get 403, and visitors are sent to sign in."""
    allowed = frozenset(roles)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = allowed
        return wrapped

    return decorator


def public_staff_page(view: Callable) -> Callable:
    """Marks a page under /staff that must work before sign-in, such as the sign-in page itself."""
    view.required_roles = None
    return view
