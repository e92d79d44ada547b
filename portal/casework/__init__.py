"""Staff casework: work queues, the case page, screening, duty matters, assisted entry, and the stages: findings,
response letters, extensions and closing, mediation, Stage 2, the review panel and the Ombudsman."""

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
    mediating,
    not_accepted,
    ombudsman,
    online_view,
    points,
    queues,
    response_letters,
    screening,
    stage_2,
    stage_3,
)
