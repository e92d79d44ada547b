"""Signing in to follow a case: reference and address, then the code; the signed link; signing out and leaving.

Every look-up answers with the same redirect to the same code page, whether or not the reference exists or the
address matches (portal.tracking.sign_in). Look-ups are rate-limited per address typed and per reference typed,
whether or not they match anything, and generously per network address, as a council office may share one.
"""

import hashlib

from flask import redirect, request, session, url_for

from portal.common.clock import utc_now
from portal.data.queries.settings import council_settings
from portal.domain.contacts import contact_of
from portal.domain.tracking import CodeVerdict
from portal.extensions import limiter
from portal.notifications import outbox
from portal.tracking import bp, sign_in
from portal.tracking.access import CHILD_KEY, child_pages, render
from portal.tracking.forms import CodeForm, LookUpForm

LOOK_UPS_PER_ADDRESS = "5 per 15 minutes;20 per day"
LOOK_UPS_PER_REFERENCE = "5 per 15 minutes;20 per day"
LOOK_UPS_PER_NETWORK = "30 per minute;300 per hour"
CODES_PER_NETWORK = "30 per minute;300 per hour"
CHANNEL_KEY = "tracking_channel"


def _limit_key(kind: str, value: str) -> str:
    """A short key for what was typed, hashed so that any length makes a short key and none is stored."""
    return f"{kind}:" + hashlib.sha256(value.encode()).hexdigest()


def _typed_address() -> str:
    contact = contact_of(request.form.get("contact"))
    return _limit_key("address", f"{contact.channel.value}:{contact.value}" if contact else "")


def _typed_reference() -> str:
    return _limit_key("reference", sign_in.reference_typed(request.form.get("reference") or ""))


def _looked_up(response) -> bool:
    """Only a look-up that was made counts: a form with a mistake in it is shown again and costs nothing."""
    return response.status_code == 302


def _look_up_page(child: bool):
    form = LookUpForm()
    if form.validate_on_submit():
        looked = sign_in.look_up(form.reference.data, contact_of(form.contact.data), utc_now())
        if looked.paused_until is not None:
            return render("tracking/paused.html", child=child, paused_until=looked.paused_until, title=PAUSED_TITLE)
        session[CHILD_KEY] = child
        session[CHANNEL_KEY] = contact_of(form.contact.data).channel.value
        outbox.deliver_soon(looked.message_ids)
        return redirect(url_for("tracking.enter_code"))
    return render(
        "tracking/sign_in.html",
        child=child,
        form=form,
        title="See your case" if child else "Follow your complaint, comment or compliment",
        page_has_errors=bool(form.errors),
    )


PAUSED_TITLE = "Wait before you try again"


def _limited(view):
    """The same limits on both sign-in pages."""
    view = limiter.limit(
        LOOK_UPS_PER_REFERENCE,
        methods=["POST"],
        key_func=_typed_reference,
        scope="track-reference",
        deduct_when=_looked_up,
    )(view)
    view = limiter.limit(
        LOOK_UPS_PER_ADDRESS, methods=["POST"], key_func=_typed_address, scope="track-address", deduct_when=_looked_up
    )(view)
    return limiter.limit(LOOK_UPS_PER_NETWORK, methods=["POST"], scope="track-network")(view)


@bp.route("", methods=["GET", "POST"], endpoint="sign_in")
@_limited
def sign_in_page():
    return _look_up_page(child=False)


@bp.route("/young-people", methods=["GET", "POST"])
@_limited
def sign_in_child():
    return _look_up_page(child=True)


@bp.route("/code", methods=["GET", "POST"])
@limiter.limit(CODES_PER_NETWORK, methods=["POST"], scope="track-code")
def enter_code():
    pending = sign_in.pending_sign_in()
    if pending is None:
        return redirect(url_for("tracking.sign_in"))
    child = child_pages()
    now = utc_now()
    if pending.paused_until is not None and pending.paused_until > now:
        return render("tracking/paused.html", child=child, paused_until=pending.paused_until, title=PAUSED_TITLE)
    form = CodeForm()
    expired = False
    if form.validate_on_submit():
        result = sign_in.check_code(pending, form.code.data, now)
        if result.verdict is CodeVerdict.RIGHT:
            return redirect(url_for("tracking.case_page", reference=result.case.reference))
        if result.verdict is CodeVerdict.LOCKED:
            return render("tracking/paused.html", child=child, paused_until=result.paused_until, title=PAUSED_TITLE)
        if result.verdict is CodeVerdict.EXPIRED:
            expired = True
        else:
            tries = "1 more try" if result.tries_left == 1 else f"{result.tries_left} more tries"
            form.code.errors.append(f"The security code is not right. You have {tries}")
    return render(
        "tracking/code.html",
        child=child,
        form=form,
        channel=pending.channel,
        expired=expired,
        minutes=sign_in.CODE_MINUTES,
        title="Check your email" if pending.channel == "email" else "Check your phone",
        page_has_errors=bool(form.errors) or expired,
    )


@bp.get("/link/<token>")
def open_link(token: str):
    """The link in the acknowledgement: opens the case at once, until it expires or the complaint is withdrawn."""
    case = sign_in.open_link(token, utc_now())
    if case is None:
        return render("tracking/link_expired.html", child=False, title="This link no longer works"), 410
    session[CHILD_KEY] = case.made_by_child
    return redirect(url_for("tracking.case_page", reference=case.reference))


@bp.post("/sign-out")
def sign_out():
    sign_in.sign_out()
    return redirect(url_for("tracking.signed_out"))


@bp.get("/signed-out")
def signed_out():
    child = child_pages()
    session.pop(CHILD_KEY, None)
    return render("tracking/signed_out.html", child=child, title="You have signed out")


@bp.route("/leave", methods=["GET", "POST"])
def leave():
    """ "Exit this page" on the tracking pages: on to the council's harmless exit page at once. Its own POST (sent by
    static/js/exit-this-page.js as the page goes) also ends the tracking session, so Back shows nothing. A GET
    changes nothing."""
    if request.method == "POST":
        sign_in.sign_out()
        session.clear()
    return redirect(council_settings().exit_page_url, 303)
