"""Who may see what: a tracking page is served only while this browser's tracking session is live, and a case only
when it was given with the address that session proved. Every view of a case is recorded in its audit trail."""

from collections.abc import Callable
from functools import wraps

from flask import abort, flash, g, redirect, render_template, session, url_for

from portal.common.clock import utc_now
from portal.data import transaction
from portal.data.models import Case
from portal.data.queries import audit
from portal.data.queries import tracking as queries
from portal.domain.contacts import Contact
from portal.tracking import sessions, sign_in

CHILD_KEY = "tracking_child"
VIEWED = "case_viewed_by_complainant"
SIGNED_OUT_IDLE = "You were signed out because you had not used the page for a while. Sign in again."


def signed_in(view: Callable) -> Callable:
    """The page needs a live tracking session; without one, the person is sent to sign in, told why if it ended."""

    @wraps(view)
    def guarded(*args, **kwargs):
        now = utc_now()
        found = sign_in.signed_in_contact(now)
        if found is None:
            if sessions.browser.has_token():
                sign_in.sign_out()
                flash(SIGNED_OUT_IDLE, "information")
            return redirect(url_for("tracking.sign_in"))
        sessions.browser.note_activity(now)
        # The cookie is signed again on every page, so it lasts while the person is using it.
        session.modified = True
        g.tracking_contact = found
        return view(*args, **kwargs)

    return guarded


def contact() -> Contact:
    return g.tracking_contact


def persons_case(reference: str) -> Case:
    """The case with this reference, if it was given with the signed-in person's address; 404 otherwise, the same
    whether there is no such case or it is someone else's."""
    case = queries.case_given_with(reference, contact())
    if case is None:
        abort(404)
    return case


def record_view(case: Case, page: str) -> None:
    """Every view of a case by the person is in its audit trail (issue 12, item 6)."""
    audit.record(None, VIEWED, case_id=case.id, case_reference=case.reference, detail={"page": page})
    transaction.commit()


def child_pages(case: Case | None = None) -> bool:
    """Whether to show the child-friendly pages: for a child's case, or when the person signed in from them."""
    if case is not None:
        return case.made_by_child
    return bool(session.get(CHILD_KEY))


def render(template: str, *, child: bool, **context):
    """Renders a tracking page in the public or the child-friendly layout; its exit also ends the tracking session."""
    return render_template(template, child=child, exit_endpoint="tracking.leave", **context)
