"""Staff casework: work queues, the case page, screening, duty matters, assisted entry, and the stages: findings,
response letters, extensions and closing."""

from flask import Blueprint

bp = Blueprint("casework", __name__, url_prefix="/staff")

# Importing the modules registers their views on the blueprint.
from portal.casework import (  # noqa: E402,F401
    acknowledgement,
    advocacy,
    allocation,
    assisted_entry,
    case_page,
    close,
    corrections,
    duty_matters,
    extending,
    findings,
    holds,
    involvement,
    not_accepted,
    online_view,
    points,
    queues,
    response_letters,
    screening,
)
