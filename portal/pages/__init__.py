"""Public information pages: the start page, accessibility, privacy, cookies and contact details."""

from flask import Blueprint

bp = Blueprint("pages", __name__)

from portal.pages import routes  # noqa: E402,F401  (registers the views on the blueprint)
