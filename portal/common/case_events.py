"""Things that happen to a case that another journey acts on, as blinker signals (Flask's own), for when the journey
that acts may not be imported (pyproject.toml's import contracts) and has no shared service yet.

Receivers run at once, inside the sender's transaction, and must not commit.
"""

from blinker import Namespace

_signals = Namespace()

# Sent with the case as sender and `recommendation`, `actor` and `today` when the council accepts a recommendation of
# a Stage 2 investigation or a review panel and plans an action for it (portal.casework.recommendations): learning
# from complaints (portal.learning) connects here to turn it into a learning action with that owner and due date,
# tracked until done with evidence.
recommendation_accepted = _signals.signal("recommendation-accepted")
