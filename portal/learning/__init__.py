"""Learning from complaints (domain.md section 8): learning records for upheld and partially upheld complaints, their
actions with owners, due dates and evidence, the open-actions list across every case, and the learning lead's home.

Staff pages live under /staff/learning; the case page shows each case's learning through the template global that
`portal.learning.case_section` registers. Other parts of the portal record learning through `portal.learning.services`.
"""

from flask import Blueprint

bp = Blueprint("learning", __name__, url_prefix="/staff/learning")

# Importing the modules registers their views on the blueprint.
from portal.learning import actions, case_section, home, records  # noqa: E402,F401
