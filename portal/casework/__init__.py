"""Staff casework: the case list and case pages."""

from flask import Blueprint

bp = Blueprint("casework", __name__, url_prefix="/staff")

from portal.casework import routes  # noqa: E402,F401  (registers the views on the blueprint)
