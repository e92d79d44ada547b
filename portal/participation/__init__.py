"""The Participation Team's workspace (children's cases, informal feedback, advocacy, contact log, weekly list),
closing the loop (follow-ups, one-time survey links, results), and the compliments register.

Staff pages live under /staff/participation and /staff/compliments; the survey and published compliments are public.
"""

from flask import Blueprint

bp = Blueprint("participation", __name__)

# Importing the modules registers their views on the blueprint.
from portal.participation import compliments, follow_ups, survey, workspace  # noqa: E402,F401
