"""Rules for every staff page: a page is served only while the browser's session is live on the server."""

from flask import current_app, flash, jsonify, redirect, request, url_for

from portal.auth import bp, services
from portal.common import htmx, staff_sessions
from portal.common.clock import utc_now
from portal.common.server_sessions import SessionStatus

STAFF_PATH = "/staff"


def _is_staff_request() -> bool:
    return request.path == STAFF_PATH or request.path.startswith(STAFF_PATH + "/")


def _why_it_ended(status: SessionStatus) -> str:
    config = current_app.config
    if status is SessionStatus.IDLE:
        minutes = config["STAFF_IDLE_MINUTES"]
        return f"You were signed out because you had not used the service for {minutes} minutes"
    if status is SessionStatus.EXPIRED:
        hours = config["STAFF_SESSION_HOURS"]
        return f"You were signed out because you signed in more than {hours} hours ago. Sign in again to continue"
    return "You have been signed out. Sign in again to continue"


@bp.before_app_request
def end_sessions_that_have_ended():
    """A session that went idle, ran out, or was ended elsewhere signs this browser out with a message.

    Public pages do not count as staff activity and leave the session as it is.
    """
    if not _is_staff_request() or not staff_sessions.has_token():
        return None
    now = utc_now()
    checked = staff_sessions.current(now)
    if checked.active:
        staff_sessions.note_activity(now)
        return None
    services.sign_out(reason=checked.status.value, account_id=int(checked.record.subject) if checked.record else None)
    flash(_why_it_ended(checked.status), "information")
    sign_in = url_for("auth.sign_in")
    if htmx.is_htmx_request():
        # htmx would swap a redirected sign-in page into part of the page; ask it to load the whole page instead.
        response = jsonify(signed_out=True)
        response.status_code = 401
        response.headers["HX-Redirect"] = sign_in
        return response
    return redirect(sign_in)
