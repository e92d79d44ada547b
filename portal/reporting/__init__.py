"""Staff reports: the dashboard, the statutory annual report with its exports, the case list's CSV and XLSX
exports, the census figures, and the case history import (bp "reporting", /staff/reports)."""

from flask import Blueprint

bp = Blueprint("reporting", __name__, url_prefix="/staff/reports")

# Importing the module registers its views on the blueprint.
from portal.reporting import views  # noqa: E402,F401
