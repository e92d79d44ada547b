"""Your account: who you are signed in as, where you are signed in, and changing your password.

Every member of staff may use these pages, whatever their role. Each session can be ended from here, so someone
signed in on two computers can sign out of the one they left behind.
"""

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from portal.auth import bp, services
from portal.auth.devices import describe_device
from portal.auth.forms import ChangePasswordForm
from portal.common import staff_sessions
from portal.common.clock import utc_now
from portal.common.filters import format_moment
from portal.common.roles import ALL_STAFF_ROLES, roles_required
from portal.extensions import limiter

HANDLE_LENGTH = 32


@dataclass(frozen=True)
class SessionLine:
    handle: str
    device: str
    address: str
    started: str
    last_used: str
    this_browser: bool


def _session_lines() -> list[SessionLine]:
    return [
        SessionLine(
            handle=row.record.handle,
            device=describe_device(row.record.user_agent),
            address=row.record.ip_address or "Not known",
            started=format_moment(row.record.started_at),
            last_used=format_moment(row.record.last_seen_at),
            this_browser=row.this_browser,
        )
        for row in staff_sessions.listing(str(current_user.id), utc_now())
    ]


@bp.get("/account")
@roles_required(*ALL_STAFF_ROLES)
def account():
    return render_template("auth/account.html", title="Your account", sessions=_session_lines())


@bp.post("/account/sessions/<handle>/sign-out")
@roles_required(*ALL_STAFF_ROLES)
def end_session(handle: str):
    if len(handle) > HANDLE_LENGTH or not services.end_one_session(current_user, handle, utc_now()):
        abort(404)
    flash("You have signed out of that device", "success")
    return redirect(url_for("auth.account"))


@bp.post("/account/sessions/sign-out-others")
@roles_required(*ALL_STAFF_ROLES)
def end_other_sessions():
    ended = services.sign_out_other_devices(current_user)
    flash(
        "You have signed out of every other device" if ended else "You were not signed in on any other device",
        "success",
    )
    return redirect(url_for("auth.account"))


@bp.route("/account/password", methods=["GET", "POST"])
@roles_required(*ALL_STAFF_ROLES)
@limiter.limit("10 per hour", methods=["POST"])
def change_password():
    form = ChangePasswordForm(account=current_user)
    if form.validate_on_submit():
        services.change_own_password(current_user._get_current_object(), form.password.data, utc_now())
        flash("Your password has been changed. You have been signed out of every other device", "success")
        return redirect(url_for("auth.account"))
    return render_template(
        "auth/change_password.html", form=form, title="Change your password", page_has_errors=bool(form.errors)
    )
