"""Staff casework: work queues, the case page, screening, duty matters and assisted entry."""

from flask import Blueprint

bp = Blueprint("casework", __name__, url_prefix="/staff")

# Importing the modules registers their views on the blueprint.
from portal.casework import (  # noqa: E402,F401
    acknowledgement,
    advocacy,
    allocation,
    assisted_entry,
    case_page,
    corrections,
    duty_matters,
    holds,
    involvement,
    not_accepted,
    points,
    queues,
    screening,
)
