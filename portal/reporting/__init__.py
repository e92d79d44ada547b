"""Staff reports: the dashboard, the statutory annual report with its exports, the case list's CSV and XLSX
exports, the census figures, and the case history import (bp "reporting", /staff/reports)."""

from flask import Blueprint

bp = Blueprint("reporting", __name__, url_prefix="/staff/reports")
