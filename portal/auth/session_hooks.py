"""Rules for every staff page: sign out after a spell of inactivity, and never let the browser cache a page."""

from flask import current_app, flash, jsonify, redirect, request, url_for
from flask_login import current_user

from portal.auth import bp, services
from portal.data.models import utc_now

STAFF_PATH = "/staff"


def _is_staff_request() -> bool:
    return request.path == STAFF_PATH or request.path.startswith(STAFF_PATH + "/")


@bp.before_app_request
def end_idle_sessions():
    if not _is_staff_request() or not current_user.is_authenticated:
        return None
    now = utc_now()
    if not services.idle_for_too_long(now):
        services.note_activity(now)
        return None
    services.sign_out()
    minutes = current_app.config["STAFF_IDLE_MINUTES"]
    flash(f"You were signed out because you had not used the service for {minutes} minutes", "information")
    sign_in = url_for("auth.sign_in")
    if request.headers.get("HX-Request"):
        # htmx would swap a redirected sign-in page into part of the page; ask it to load the whole page instead.
        response = jsonify(signed_out=True)
        response.status_code = 401
        response.headers["HX-Redirect"] = sign_in
        return response
    return redirect(sign_in)


@bp.after_app_request
def do_not_cache_staff_pages(response):
    # A shared computer's back button must not show case details after sign-out.
    if _is_staff_request():
        response.headers["Cache-Control"] = "no-store"
    return response
