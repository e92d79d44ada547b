"""Your Voice: the journey made for children and young people, with help now, an exit and an advocate offer."""

from flask import Blueprint

bp = Blueprint("young_people", __name__, url_prefix="/young-people")

from portal.young_people import info, routes  # noqa: E402,F401  (registers the views on the blueprint)
