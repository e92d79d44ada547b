"""Following a case online without an account (issue 12): sign in with the reference and a code sent to the email
address or mobile number given with it, see where the case stands, and ask for what comes next."""

from flask import Blueprint

bp = Blueprint("tracking", __name__, url_prefix="/track")

from portal.tracking.routes import actions, cases, sign_in  # noqa: E402,F401  (registers the views on the blueprint)
