"""Public journeys for adults: make a complaint, leave a comment, send a compliment."""

from flask import Blueprint

bp = Blueprint("intake", __name__)

from portal.intake import routes  # noqa: E402,F401  (registers the views on the blueprint)
