"""The learning lead's home: how many actions are open, overdue and due soon, their own actions, and the upheld
complaints still waiting for their learning to be recorded (Dudley: "identify where learning forms have not been
returned when complaints have been upheld or partially upheld", seed 000, section 14)."""

from flask_login import current_user

from portal.common.clock import uk_today
from portal.data.queries import learning as queries
from portal.data.queries.learning import ActionFilters
from portal.domain.deadline_status import DUE_SOON_WORKING_DAYS
from portal.learning import bp
from portal.learning.views import action_rows, due_soon_from, learning_staff_only, render_learning, viewed

# The home page lists this many of each; the full lists are a link away.
SHOWN_ON_HOME = 10


@bp.get("")
@learning_staff_only
def home():
    today = uk_today()
    counts = queries.action_counts(current_user, today, due_soon_from(today))
    awaiting, awaiting_total = queries.cases_awaiting_learning(current_user, limit=SHOWN_ON_HOME)
    mine = queries.open_actions(current_user, ActionFilters(owner_id=current_user.id), limit=SHOWN_ON_HOME, offset=0)
    viewed("learning_home_viewed")
    return render_learning(
        "learning/home.html",
        title="Learning from complaints",
        counts=counts,
        awaiting=awaiting,
        awaiting_total=awaiting_total,
        awaiting_links=queries.cases_openable_by(current_user, {case.id for case in awaiting}),
        my_actions=action_rows(mine.actions, today),
        my_actions_total=mine.total,
        due_soon_days=DUE_SOON_WORKING_DAYS,
    )
