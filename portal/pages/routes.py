from flask import Response, render_template

from portal.data.queries.settings import council_settings
from portal.extensions import db
from portal.pages import bp


@bp.get("/")
def start():
    return render_template("pages/start.html")


@bp.get("/accessibility")
def accessibility():
    return render_template("pages/accessibility.html")


@bp.get("/privacy")
def privacy():
    return render_template("pages/privacy.html")


@bp.get("/cookies")
def cookies():
    return render_template("pages/cookies.html")


@bp.get("/contact")
def contact():
    return render_template("pages/contact.html")


@bp.get("/branding.css")
def branding_css():
    """The council's colours, served as a stylesheet so the content security policy needs no inline styles."""
    response = Response(render_template("pages/branding.css", settings=council_settings()), mimetype="text/css")
    response.cache_control.max_age = 300
    return response


@bp.get("/session/keep-alive")
def keep_alive():
    """Touched by the timeout warning's "I need more time": the session cookie is renewed on every request."""
    return "", 204


@bp.get("/healthz")
def health():
    """For load balancers: answers 200 when the app can reach its database."""
    db.session.execute(db.text("SELECT 1"))
    return {"status": "ok"}
