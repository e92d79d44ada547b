"""Staff sign-in, two-factor codes, sign-out and password pages. All are open before sign-in, by design."""

import hashlib
from urllib.parse import urlsplit

from flask import flash, get_flashed_messages, redirect, render_template, request, session, url_for
from flask_login import current_user

from portal.auth import bp, services
from portal.auth.forms import NewPasswordForm, ResetPasswordForm, SecurityCodeForm, SignInForm
from portal.auth.two_factor import grouped
from portal.common import staff_accounts
from portal.common.clock import utc_now
from portal.common.roles import public_staff_page
from portal.common.staff_menu import home_endpoint
from portal.extensions import limiter

WRONG_CREDENTIALS = "Enter a correct email address and password"
WRONG_CODE = "The security code is not correct. Enter the code your authenticator app shows now"
LOCKED = (
    "Your account is locked because of too many wrong attempts. "
    "We have emailed you a link to choose a new password, which opens it again"
)

# Failed attempts are slowed down, never answered differently: per typed address whether or not it has an account,
# and per network address (generous, as a council office may share one).
SIGN_IN_PER_ACCOUNT = "5 per minute;20 per hour"
SIGN_IN_PER_ADDRESS = "30 per minute;300 per hour"
CODES_PER_ACCOUNT = "5 per minute;20 per hour"
RESETS_PER_ACCOUNT = "3 per hour"


def _typed_account() -> str:
    """The limiter's key for the email address typed in the form, hashed so any length makes a short key."""
    typed = (request.form.get("email") or "").strip().casefold()
    return "account:" + hashlib.sha256(typed.encode()).hexdigest()


def _pending_account() -> str:
    return f"pending:{(session.get(services.PENDING_KEY) or {}).get('user_id')}"


def _failed(response) -> bool:
    """A form shown again is a failed attempt; a redirect is a step forward."""
    return response.status_code == 200


def _safe_next(value: str | None) -> str | None:
    """Only a path on this site under /staff, so a crafted sign-in link cannot send staff elsewhere after sign-in."""
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or "\\" in value or not parts.path.startswith("/staff/"):
        return None
    return value


def _home_url(user) -> str:
    return url_for(home_endpoint(user) or "auth.home")


def _finish(user, now, next_url: str | None):
    services.complete_sign_in(user, now)
    return redirect(_safe_next(next_url) or _home_url(user))


@bp.get("/")
@public_staff_page
def home():
    """The first page of the signed-in person's menu."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.sign_in"))
    endpoint = home_endpoint(current_user)
    if endpoint is None:
        return render_template("auth/no_pages.html", title="Nothing to show yet")
    return redirect(url_for(endpoint))


@bp.route("/sign-in", methods=["GET", "POST"])
@public_staff_page
@limiter.limit(SIGN_IN_PER_ADDRESS, methods=["POST"], deduct_when=_failed, scope="sign-in-address")
@limiter.limit(SIGN_IN_PER_ACCOUNT, methods=["POST"], deduct_when=_failed, key_func=_typed_account, scope="sign-in")
def sign_in():
    if current_user.is_authenticated:
        return redirect(_home_url(current_user))
    form = SignInForm()
    form_errors = get_flashed_messages(category_filter=["error"])
    if form.validate_on_submit():
        now = utc_now()
        user = services.check_password(form.email.data, form.password.data, now)
        next_url = _safe_next(request.args.get("next"))
        if user is not None:
            if not services.two_factor_required():
                return _finish(user, now, next_url)
            services.begin_second_step(user, now, next_url)
            endpoint = "auth.two_factor" if user.totp_secret else "auth.set_up_two_factor"
            return redirect(url_for(endpoint))
        form_errors = [WRONG_CREDENTIALS]
    return render_template(
        "auth/sign_in.html",
        form=form,
        extra_errors=[{"text": message, "href": "#email"} for message in form_errors],
        title="Sign in",
        page_has_errors=bool(form.errors or form_errors),
    )


@bp.route("/two-factor", methods=["GET", "POST"])
@public_staff_page
@limiter.limit("10 per minute", methods=["POST"])
@limiter.limit(CODES_PER_ACCOUNT, methods=["POST"], deduct_when=_failed, key_func=_pending_account, scope="code")
def two_factor():
    now = utc_now()
    user = services.pending_user(now)
    if user is None:
        return redirect(url_for("auth.sign_in"))
    if not user.totp_secret:
        return redirect(url_for("auth.set_up_two_factor"))
    form = SecurityCodeForm()
    if form.validate_on_submit():
        checked = services.check_code(user, form.code.data, now)
        if checked.user is not None:
            return _finish(user, now, services.pending_next_url())
        if checked.locked:
            services.abandon_second_step()
            flash(LOCKED, "error")
            return redirect(url_for("auth.sign_in"))
        form.code.errors.append(WRONG_CODE)
    return render_template(
        "auth/two_factor.html", form=form, title="Enter your security code", page_has_errors=bool(form.errors)
    )


@bp.route("/two-factor/set-up", methods=["GET", "POST"])
@public_staff_page
@limiter.limit("10 per minute", methods=["POST"])
def set_up_two_factor():
    now = utc_now()
    user = services.pending_user(now)
    if user is None:
        return redirect(url_for("auth.sign_in"))
    if user.totp_secret:
        return redirect(url_for("auth.two_factor"))
    form = SecurityCodeForm()
    if form.validate_on_submit():
        if services.confirm_set_up(user, form.code.data, now):
            return _finish(user, now, services.pending_next_url())
        if user.totp_secret:  # another browser finished setting up first: use the app set up there
            return redirect(url_for("auth.two_factor"))
        form.code.errors.append(WRONG_CODE)
    return render_template(
        "auth/set_up_two_factor.html",
        form=form,
        title="Set up your authenticator app",
        secret=grouped(services.set_up_secret()),
        set_up_uri=services.set_up_uri(user),
        page_has_errors=bool(form.errors),
    )


@bp.post("/sign-out")
@public_staff_page
def sign_out():
    services.sign_out()
    flash("You have signed out", "success")
    return redirect(url_for("auth.sign_in"))


@bp.route("/reset-password", methods=["GET", "POST"])
@public_staff_page
@limiter.limit("5 per hour", methods=["POST"])
@limiter.limit(RESETS_PER_ACCOUNT, methods=["POST"], key_func=_typed_account, scope="reset")
def reset_password():
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return redirect(url_for("auth.reset_password_sent"))
    return render_template(
        "auth/reset_password.html", form=form, title="Reset your password", page_has_errors=bool(form.errors)
    )


@bp.get("/reset-password/sent")
@public_staff_page
def reset_password_sent():
    return render_template("auth/reset_password_sent.html", title="Check your email")


def _choose_password(token: str, kind: staff_accounts.LinkKind, title: str, done_message: str):
    user = staff_accounts.user_from_link(token, kind)
    if user is None:
        return render_template("auth/link_expired.html", title="This link has expired", kind=kind), 410
    form = NewPasswordForm(account=user)
    if form.validate_on_submit():
        services.change_password(user, form.password.data)
        services.sign_out()
        flash(done_message, "success")
        return redirect(url_for("auth.sign_in"))
    return render_template(
        "auth/new_password.html", form=form, title=title, user=user, page_has_errors=bool(form.errors)
    )


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@public_staff_page
@limiter.limit("10 per minute", methods=["POST"])
def new_password(token: str):
    return _choose_password(
        token, staff_accounts.PASSWORD_RESET, "Choose a new password", "Your password has been changed. Sign in again"
    )


@bp.route("/set-up-account/<token>", methods=["GET", "POST"])
@public_staff_page
@limiter.limit("10 per minute", methods=["POST"])
def set_up_account(token: str):
    return _choose_password(
        token,
        staff_accounts.ACCOUNT_SET_UP,
        "Create your password",
        "Your password has been created. Sign in to continue",
    )
