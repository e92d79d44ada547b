"""Settings for administrators: council details and branding, teams, themes, timescales, closure days, message
templates, advocacy providers, safeguarding phrases and staff accounts. Administrators only; nobody else may
open these pages, and administrators see no cases."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/staff/settings")

# Importing the modules registers their views on the blueprint.
from portal.admin import (  # noqa: E402,F401
    advocacy,
    closure_days,
    council,
    home,
    messages,
    safeguarding,
    staff_accounts,
    teams,
    themes,
    timescales,
    undelivered,
)
