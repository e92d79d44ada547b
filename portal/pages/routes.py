from flask import Response, redirect, render_template, request

from portal.common.drafts import forget_this_browser, keep_session_alive
from portal.common.page_cache import same_for_every_new_visitor
from portal.data.queries.health import database_answers
from portal.data.queries.settings import council
from portal.pages import bp


@bp.get("/")
@same_for_every_new_visitor
def start():
    return render_template("pages/start.html")


@bp.get("/accessibility")
@same_for_every_new_visitor
def accessibility():
    return render_template("pages/accessibility.html")


@bp.get("/privacy")
@same_for_every_new_visitor
def privacy():
    return render_template("pages/privacy.html")


@bp.get("/cookies")
@same_for_every_new_visitor
def cookies():
    return render_template("pages/cookies.html")


@bp.get("/contact")
@same_for_every_new_visitor
def contact():
    return render_template("pages/contact.html")


DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"


@bp.route("/leave", methods=["GET", "POST"])
def leave():
    """Where "Exit this page" goes, on every public page: on to the council's harmless exit page, at once.

    A GET changes nothing, so a link checker, a prefetch or a link on another site cannot wipe anyone's answers. The
    exit's own POST (sent by static/js/exit-this-page.js as the page leaves, with the CSRF token) forgets the drafts
    and the last sent case in this browser; without JavaScript the browser forgets them when it is closed.
    """
    if request.method == "POST":
        forget_this_browser()
    return redirect(council().exit_page_url or DEFAULT_EXIT_URL, 303)


@bp.get("/branding.css")
def branding_css():
    """The council's colours, served as a stylesheet so the content security policy needs no inline styles."""
    response = Response(render_template("pages/branding.css", settings=council()), mimetype="text/css")
    response.cache_control.max_age = 300
    return response


@bp.get("/session/keep-alive")
def keep_alive():
    """Touched by the timeout warning's "I need more time": renews the session cookie."""
    keep_session_alive()
    return "", 204


@bp.get("/healthz")
def health():
    """For load balancers: answers 200 when the app can reach its database."""
    database_answers()
    return {"status": "ok"}
